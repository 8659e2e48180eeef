import type { Env, Res } from './model';
import { globMatch } from './conditions/operators';
import { list, ofType, rec, str, strings, T } from './resources';

/** One statement of an IAM, key, bucket or endpoint policy, with every list-or-scalar field made a list. */
export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly notResources: string[];
  /** `*` for `"Principal": "*"`, else the values by kind (`AWS`, `Service`, `Federated`). */
  readonly principal: '*' | Record<string, string[]> | undefined;
  /** NotPrincipal, in the same form: the statement applies to everyone it does not name. */
  readonly notPrincipal?: '*' | Record<string, string[]>;
  readonly conditions: Record<string, Record<string, string[]>>;
}

const principalOf = (p: unknown): Statement['principal'] =>
  p === '*'
    ? '*'
    : p === undefined
      ? undefined
      : Object.fromEntries(Object.entries(rec(p)).map(([k, v]) => [k, strings(v)]));

/**
 * The statements of each policy text read so far: the controls read the same documents many times, and a text
 * reads the same every time (a changed document is another text). Callers only read what they get.
 */
const READ = new Map<string, Statement[]>();

/** Reads a policy given as a JSON string or as a typed document; an unreadable one has no statements. */
export function statementsOf(doc: unknown): Statement[] {
  if (typeof doc !== 'string') return readStatements(doc);
  let statements = READ.get(doc);
  if (!statements) {
    if (READ.size > 10_000) READ.clear();
    statements = readStatements(doc);
    READ.set(doc, statements);
  }
  return statements;
}

function readStatements(doc: unknown): Statement[] {
  let parsed: unknown = doc;
  if (typeof doc === 'string') {
    try {
      parsed = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  return list(rec(parsed)['Statement']).map((raw) => {
    const s = rec(raw);
    const principal = principalOf(s['Principal']);
    const notPrincipal = principalOf(s['NotPrincipal']);
    const conditions = Object.fromEntries(
      Object.entries(rec(s['Condition'])).map(([op, keys]) => [
        op,
        Object.fromEntries(Object.entries(rec(keys)).map(([k, v]) => [k, list(v).map(String)])),
      ]),
    );
    return {
      ...(str(s['Sid']) ? { sid: str(s['Sid']) } : {}),
      effect: s['Effect'] === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(s['Action']),
      notActions: strings(s['NotAction']),
      resources: strings(s['Resource']),
      notResources: strings(s['NotResource']),
      principal,
      ...(notPrincipal ? { notPrincipal } : {}),
      conditions,
    };
  });
}

/** IAM's wildcard match (case-insensitive, `*` and `?`), as AWS matches actions. */
export const wildcardMatch = (pattern: string, value: string): boolean => globMatch(pattern, value, true);

/** Whether the statement's actions (or NotAction complement) include `action`. */
export const grants = (s: Statement, action: string): boolean =>
  s.actions.some((a) => wildcardMatch(a, action)) ||
  (s.notActions.length > 0 && !s.notActions.some((a) => wildcardMatch(a, action)));

/** Whether a principal is everyone: `"*"` or `{"AWS": "*"}`. */
export const isWildcardPrincipal = (s: Statement): boolean =>
  s.principal === '*' || (s.principal?.['AWS'] ?? []).includes('*');

export const servicePrincipals = (s: Statement): string[] =>
  s.principal === '*' || !s.principal ? [] : (s.principal['Service'] ?? []);

/** Every condition key of the statement, lower-cased, with its operator and values. */
export function conditionKeys(s: Statement): { op: string; key: string; values: string[] }[] {
  return Object.entries(s.conditions).flatMap(([op, keys]) =>
    Object.entries(keys).map(([key, values]) => ({ op, key: key.toLowerCase(), values })),
  );
}

export const hasConditionKey = (s: Statement, ...keys: string[]): boolean =>
  conditionKeys(s).some((c) =>
    keys.some((k) =>
      k.endsWith('*') ? c.key.startsWith(k.slice(0, -1).toLowerCase()) : c.key === k.toLowerCase(),
    ),
  );

/** An identity policy document and the resource that carries it. */
export interface IdentityPolicy {
  readonly owner: Res;
  /** `inline policy x of role y`, `managed policy`: for messages. */
  readonly where: string;
  readonly statements: Statement[];
}

/** Every identity policy of the environment: managed, inline on roles (both forms), users and groups. */
export function identityPolicies(env: Env): IdentityPolicy[] {
  const found: IdentityPolicy[] = [];
  for (const r of ofType(env, T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy)) {
    found.push({
      owner: r,
      where: r.type === T.policy ? 'managed policy' : 'inline policy',
      statements: statementsOf(r.inputs['policy']),
    });
  }
  for (const role of ofType(env, T.role)) {
    for (const inline of list(role.inputs['inlinePolicies'])) {
      const p = rec(inline);
      found.push({
        owner: role,
        where: `inline policy ${str(p['name']) ?? ''} of the role`.replace('  ', ' '),
        statements: statementsOf(p['policy']),
      });
    }
  }
  return found;
}

export const IDENTITY_POLICY_TYPES = [T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.role];

/** Key policies: on the key itself or in a separate KeyPolicy resource. */
export function keyPolicies(env: Env): { owner: Res; statements: Statement[] }[] {
  return ofType(env, T.key, T.keyPolicy)
    .filter((r) => r.inputs['policy'] !== undefined)
    .map((r) => ({ owner: r, statements: statementsOf(r.inputs['policy']) }));
}
