/**
 * Typed configuration settings. Each one parses the raw string Pulumi stores, says what is allowed, gives an
 * example value for the fix, and has a default unless it is required.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem?: string };

export interface Setting<T> {
  readonly allowed: string;
  /** A valid value, quoted in the `pulumi config set` fix. */
  readonly example: string;
  /** Undefined means the setting is required. */
  readonly default?: T;
  readonly parse: (raw: string) => Parsed<T>;
}

export type SettingsSchema = Readonly<Record<string, Setting<unknown>>>;
export type SettingsOf<S extends SettingsSchema> = {
  readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(problem?: string): Parsed<T> =>
  problem === undefined ? { ok: false } : { ok: false, problem };

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export const setting = {
  text(opts: { pattern: RegExp; allowed: string; example: string; default?: string }): Setting<string> {
    return { ...opts, parse: (raw) => (opts.pattern.test(raw) ? ok(raw) : bad()) };
  },
  integer(opts: { min: number; max: number; default?: number; allowed?: string }): Setting<number> {
    const allowed = opts.allowed ?? `an integer from ${opts.min} to ${opts.max}`;
    return {
      allowed,
      example: String(opts.default ?? opts.min),
      ...(opts.default === undefined ? {} : { default: opts.default }),
      parse: (raw) => {
        const value = Number(raw);
        return /^-?\d+$/.test(raw.trim()) && value >= opts.min && value <= opts.max ? ok(value) : bad();
      },
    };
  },
  /** An integer from a fixed set (CloudWatch retention days, for example). */
  integerIn(values: readonly number[], opts: { min?: number; default?: number }): Setting<number> {
    const accepted = values.filter((v) => v >= (opts.min ?? -Infinity));
    return {
      allowed: `one of ${accepted.join(', ')}`,
      example: String(opts.default ?? accepted[0]),
      ...(opts.default === undefined ? {} : { default: opts.default }),
      parse: (raw) => (/^\d+$/.test(raw.trim()) && accepted.includes(Number(raw)) ? ok(Number(raw)) : bad()),
    };
  },
  oneOf<T extends string>(values: readonly T[], opts: { default?: T }): Setting<T> {
    return {
      allowed: `one of ${values.join(', ')}`,
      example: opts.default ?? values[0] ?? '',
      ...(opts.default === undefined ? {} : { default: opts.default }),
      parse: (raw) => ((values as readonly string[]).includes(raw) ? ok(raw as T) : bad()),
    };
  },
  boolean(opts: { default: boolean }): Setting<boolean> {
    return {
      allowed: 'true or false',
      example: String(opts.default),
      default: opts.default,
      parse: (raw) => (raw === 'true' ? ok(true) : raw === 'false' ? ok(false) : bad()),
    };
  },
  /** A YAML list in Pulumi.<stack>.yaml (stored by Pulumi as a JSON string); each item checked. */
  list(
    item: { pattern: RegExp; allowed: string },
    opts: { example: string; default?: string[]; maxItems?: number },
  ): Setting<string[]> {
    return {
      allowed: `a list of ${item.allowed}${opts.maxItems ? ` (at most ${opts.maxItems})` : ''}`,
      example: opts.example,
      ...(opts.default === undefined ? {} : { default: opts.default }),
      parse: (raw) => {
        const value = parseJson(raw);
        if (!Array.isArray(value)) return bad('not a list');
        if (opts.maxItems !== undefined && value.length > opts.maxItems) return bad(`${value.length} items`);
        const wrong = value.filter((v) => typeof v !== 'string' || !item.pattern.test(v));
        return wrong.length ? bad(`invalid item(s) ${JSON.stringify(wrong)}`) : ok(value as string[]);
      },
    };
  },
  /** A YAML map of string to string (tags, for example). */
  stringMap(opts: {
    keyPattern: RegExp;
    valuePattern: RegExp;
    allowed: string;
    example: string;
    default?: Record<string, string>;
  }): Setting<Record<string, string>> {
    return {
      allowed: opts.allowed,
      example: opts.example,
      ...(opts.default === undefined ? {} : { default: opts.default }),
      parse: (raw) => {
        const value = parseJson(raw);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('not a map');
        const wrong = Object.entries(value).filter(
          ([k, v]) => !opts.keyPattern.test(k) || typeof v !== 'string' || !opts.valuePattern.test(v),
        );
        return wrong.length
          ? bad(`invalid entries ${JSON.stringify(Object.fromEntries(wrong))}`)
          : ok(value as Record<string, string>);
      },
    };
  },
  /** Makes any setting optional without a default: absent means "not configured". */
  optional<T>(inner: Setting<T>): Setting<T | undefined> {
    return {
      allowed: `${inner.allowed}, or unset`,
      example: inner.example,
      default: undefined,
      parse: inner.parse,
    };
  },
} as const;
