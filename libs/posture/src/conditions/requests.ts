import { conditionHolds, type ContextValue } from './operators';

/**
 * Conditions judged over every request of a kind, not one request: "can a request on behalf of another account
 * satisfy this trust statement?" (then it is not scoped) or "does this deny apply to every request from outside
 * the endpoint?" (else an extra condition has neutered it).
 *
 * The conditions of a statement are ANDed and each names one key, so a question over requests splits by key: a
 * statement can hold for some request of a kind when, for every key it names, some value the kind allows for
 * that key satisfies all its conditions on that key; it holds for every request when every allowed value does.
 */

/** The values a kind of request may carry for one key; `undefined` is the key being absent. */
export type Candidates = readonly ContextValue[];

/** A kind of request: for each key it fixes (lower-case), the values it may carry. */
export type RequestKind = Readonly<Record<string, Candidates>>;

/** The conditions of a statement, as the statement reader gives them: operator -> key -> values. */
export type Conditions = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** A value that no policy names: what a request the policy did not foresee carries. */
export const UNFORESEEN = 'unforeseen-value-0000';

/** A value a pattern matches: its wildcards filled in. */
export const fillWildcards = (v: string): string => v.replace(/[*?]/g, 'x');

interface KeyConditions {
  readonly key: string;
  readonly tests: { readonly op: string; readonly values: readonly string[] }[];
}

export function byKey(conditions: Conditions): readonly KeyConditions[] {
  // A statement's conditions are read once per policy text (statementsOf) and asked about for many request kinds.
  const known = BY_KEY.get(conditions);
  if (known) return known;
  const keys = new Map<string, { op: string; values: readonly string[] }[]>();
  for (const [op, entries] of Object.entries(conditions))
    for (const [key, values] of Object.entries(entries)) {
      const k = key.toLowerCase();
      const tests = keys.get(k);
      if (tests) tests.push({ op, values });
      else keys.set(k, [{ op, values }]);
    }
  const split = Object.freeze([...keys.entries()].map(([key, tests]) => Object.freeze({ key, tests })));
  BY_KEY.set(conditions, split);
  return split;
}

const BY_KEY = new WeakMap<Conditions, readonly KeyConditions[]>();

/**
 * What a key the request kind does not fix may carry: absent, a value no policy names, or any value this
 * statement names (wildcards filled in). The request's sender chooses, so a statement that names an odd value
 * can still be satisfied by a request that carries it.
 */
function unfixed(k: KeyConditions): Candidates {
  const named = k.tests.flatMap((t) => t.values.map(fillWildcards));
  // Each named value alone, and all of them at once (what a multivalued key such as aws:TagKeys may carry).
  return [undefined, [UNFORESEEN], ...named.map((v) => [v]), named];
}

const candidatesOf = (k: KeyConditions, kind: RequestKind): Candidates => kind[k.key] ?? unfixed(k);
const allHold = (k: KeyConditions, value: ContextValue) =>
  k.tests.every((t) => conditionHolds(t.op, t.values, value));

/** Whether some request of this kind satisfies every condition. */
export function canHold(conditions: Conditions, kind: RequestKind): boolean {
  return byKey(conditions).every((k) => candidatesOf(k, kind).some((v) => allHold(k, v)));
}

/**
 * Whether every request of this kind satisfies every condition. Keys the kind does not fix are the sender's to
 * choose, so a condition on such a key must hold whatever it carries (an `...IfExists` or negated test usually
 * does; an extra `StringEquals` on a key nobody sends never does).
 */
export function alwaysHolds(conditions: Conditions, kind: RequestKind): boolean {
  return byKey(conditions).every((k) => candidatesOf(k, kind).every((v) => allHold(k, v)));
}

/** The keys whose conditions fail for some request of this kind: what a finding names. */
export function keysThatMayFail(conditions: Conditions, kind: RequestKind): string[] {
  return byKey(conditions)
    .filter((k) => !candidatesOf(k, kind).every((v) => allHold(k, v)))
    .map((k) => k.key);
}

/** The keys some request of this kind satisfies: for "scoped only by an IfExists" messages. */
export function keysThatMayHold(conditions: Conditions, kind: RequestKind): string[] {
  return byKey(conditions)
    .filter((k) => candidatesOf(k, kind).some((v) => allHold(k, v)))
    .map((k) => k.key);
}
