/**
 * Typed configuration settings. Each one parses the raw string Pulumi stores, says what is allowed, gives an
 * example value for the fix, has a default unless it is required, and documents itself: the settings tables of
 * each layer's README are generated from `type`, `default`, `allowed`, `description` and `onChange`
 * (`node tools/docs/settings-tables.js`; tools/test/settings-docs.test.ts fails when a README drifts).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem?: string };

/** What a reader of the README needs to know about a setting, written once beside its parser. */
export interface SettingDoc {
  /** One sentence: what the setting does. */
  readonly description: string;
  /**
   * What changing it does to what is deployed, e.g. "updates in place", "restarts the notebook",
   * "replaces the VPC and everything in it". Say "replaces" whenever a change destroys a resource.
   */
  readonly onChange: string;
}

export interface Setting<T> extends SettingDoc {
  /** The value's shape as written in Pulumi.<stack>.yaml: string, integer, boolean, list, map. */
  readonly type: string;
  readonly allowed: string;
  /** A valid value, quoted in the `pulumi config set` fix. */
  readonly example: string;
  /** Undefined means the setting is required. */
  readonly default?: T;
  readonly parse: (raw: string) => Parsed<T>;
  /**
   * The user's own value repaired, when the setting can tell (a list with the missing items added): quoted in the
   * fix instead of `example`, so that the fix keeps what the user wrote.
   */
  readonly repair?: (raw: string) => string | undefined;
}

export type SettingsSchema = Readonly<Record<string, Setting<unknown>>>;
export type SettingsOf<S extends SettingsSchema> = {
  readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(problem?: string): Parsed<T> =>
  problem === undefined ? { ok: false } : { ok: false, problem };

const doc = ({ description, onChange }: SettingDoc): SettingDoc => ({ description, onChange });

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export const setting = {
  text(
    opts: { pattern: RegExp; allowed: string; example: string; default?: string } & SettingDoc,
  ): Setting<string> {
    const { pattern, ...rest } = opts;
    return { type: 'string', ...rest, parse: (raw) => (pattern.test(raw) ? ok(raw) : bad()) };
  },
  integer(
    opts: { min: number; max: number; default?: number; allowed?: string } & SettingDoc,
  ): Setting<number> {
    const allowed = opts.allowed ?? `an integer from ${opts.min} to ${opts.max}`;
    return {
      type: 'integer',
      ...doc(opts),
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
  integerIn(
    values: readonly number[],
    opts: { min?: number; default?: number } & SettingDoc,
  ): Setting<number> {
    const accepted = values.filter((v) => v >= (opts.min ?? -Infinity));
    return {
      type: 'integer',
      ...doc(opts),
      allowed: `one of ${accepted.join(', ')}`,
      example: String(opts.default ?? accepted[0]),
      ...(opts.default === undefined ? {} : { default: opts.default }),
      parse: (raw) => (/^\d+$/.test(raw.trim()) && accepted.includes(Number(raw)) ? ok(Number(raw)) : bad()),
    };
  },
  /** One of a fixed set; `allowed` names a long set instead of listing it (189 instance types). */
  oneOf<T extends string>(
    values: readonly T[],
    opts: { default?: T; allowed?: string } & SettingDoc,
  ): Setting<T> {
    return {
      type: 'string',
      ...doc(opts),
      allowed: opts.allowed ?? `one of ${values.join(', ')}`,
      example: opts.default ?? values[0] ?? '',
      ...(opts.default === undefined ? {} : { default: opts.default }),
      parse: (raw) => ((values as readonly string[]).includes(raw) ? ok(raw as T) : bad()),
    };
  },
  boolean(opts: { default: boolean } & SettingDoc): Setting<boolean> {
    return {
      type: 'boolean',
      ...doc(opts),
      allowed: 'true or false',
      example: String(opts.default),
      default: opts.default,
      parse: (raw) => (raw === 'true' ? ok(true) : raw === 'false' ? ok(false) : bad()),
    };
  },
  /** A YAML list in Pulumi.<stack>.yaml (stored by Pulumi as a JSON string); each item checked. */
  list(
    item: { pattern: RegExp; allowed: string },
    opts: { example: string; default?: string[]; maxItems?: number } & SettingDoc,
  ): Setting<string[]> {
    return {
      type: 'list',
      ...doc(opts),
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
  stringMap(
    opts: {
      keyPattern: RegExp;
      valuePattern: RegExp;
      allowed: string;
      example: string;
      default?: Record<string, string>;
    } & SettingDoc,
  ): Setting<Record<string, string>> {
    return {
      type: 'map',
      ...doc(opts),
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
      ...inner,
      allowed: `${inner.allowed}, or unset`,
      default: undefined,
    };
  },
} as const;
