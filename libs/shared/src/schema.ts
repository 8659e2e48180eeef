/**
 * A small run-time schema for values that cross a stack boundary. Each field knows its TypeScript type (for the
 * compiler) and how to check a value received at run time (for the StackReference that reads it).
 */
export interface Field<T> {
  /** What the value is, for people reading the contract and its errors. */
  readonly description: string;
  /** What a valid value looks like, quoted in error messages. */
  readonly expected: string;
  readonly is: (value: unknown) => value is T;
  /**
   * A file the offline plan also writes the value to, next to the layer's plan (`dist/plan/<env>/<planFile>`):
   * for documents a person hands to another system as they are (the guardrail's SCP).
   */
  readonly planFile?: string;
}

export type Schema = Readonly<Record<string, Field<unknown>>>;

/** The plain values a schema describes: `{ vpcId: string; subnetIds: string[] }`. */
export type ValuesOf<S extends Schema> = { readonly [K in keyof S]: S[K] extends Field<infer T> ? T : never };

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isPolicyJson = (text: string): boolean => {
  try {
    const parsed = JSON.parse(text) as { Version?: unknown; Statement?: unknown };
    return parsed.Version === '2012-10-17' && Array.isArray(parsed.Statement);
  } catch {
    return false;
  }
};

export const field = {
  string(description: string): Field<string> {
    return { description, expected: 'a non-empty string', is: isString };
  },
  matching(description: string, pattern: RegExp, expected: string): Field<string> {
    return { description, expected, is: (v): v is string => isString(v) && pattern.test(v) };
  },
  /** An ARN of the given service (`kms`, `iam`, ...), in any partition. */
  arn(description: string, service: string): Field<string> {
    const pattern = new RegExp(`^arn:aws[a-z-]*:${service}:`);
    return {
      description,
      expected: `an ARN of ${service} (arn:aws:${service}:...)`,
      is: (v): v is string => isString(v) && pattern.test(v),
    };
  },
  stringList(description: string, minItems = 1): Field<string[]> {
    return {
      description,
      expected: `a list of at least ${minItems} non-empty string(s)`,
      is: (v): v is string[] => Array.isArray(v) && v.length >= minItems && v.every(isString),
    };
  },
  /** A JSON policy document, minified, whose length AWS limits (an SCP: 5,120 characters). */
  policyDocument(description: string, maxLength: number, planFile: string): Field<string> {
    return {
      description,
      expected: `a JSON policy document of at most ${maxLength} characters`,
      planFile,
      is: (v): v is string => isString(v) && v.length <= maxLength && isPolicyJson(v),
    };
  },
  integer(description: string): Field<number> {
    return { description, expected: 'an integer', is: (v): v is number => Number.isInteger(v) };
  },
  boolean(description: string): Field<boolean> {
    return { description, expected: 'true or false', is: (v): v is boolean => typeof v === 'boolean' };
  },
  stringMap(description: string): Field<Record<string, string>> {
    return {
      description,
      expected: 'an object of string values',
      is: (v): v is Record<string, string> =>
        typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isString),
    };
  },
  /**
   * A map from a stable id (`alice`) to a record of its own schema: the per-notebook outputs. An empty map is
   * malformed (a layer that publishes one always has at least one entry).
   */
  mapOf<S extends Schema>(description: string, entry: S): Field<Readonly<Record<string, ValuesOf<S>>>> {
    const keys = Object.keys(entry).join(', ');
    return {
      description,
      expected: `a non-empty map of id to { ${keys} }`,
      is: (v): v is Readonly<Record<string, ValuesOf<S>>> =>
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        Object.keys(v).length > 0 &&
        Object.values(v).every(
          (item) =>
            typeof item === 'object' &&
            item !== null &&
            findSchemaProblems(entry, item as Record<string, unknown>) === undefined,
        ),
    };
  },
} as const;

export interface SchemaProblems {
  readonly missing: string[];
  readonly malformed: { key: string; expected: string; received: string }[];
}

/** Checks `values` against `schema`; returns undefined when every key is present and well-formed. */
export function findSchemaProblems(
  schema: Schema,
  values: Readonly<Record<string, unknown>>,
): SchemaProblems | undefined {
  const missing: string[] = [];
  const malformed: SchemaProblems['malformed'] = [];
  for (const [key, spec] of Object.entries(schema)) {
    const value = values[key];
    if (value === undefined || value === null) missing.push(key);
    else if (!spec.is(value)) malformed.push({ key, expected: spec.expected, received: preview(value) });
  }
  return missing.length || malformed.length ? { missing, malformed } : undefined;
}

/** A short, single-line rendering of a received value for error messages. */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
