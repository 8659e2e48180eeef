import { list, rec, strings } from '../resources';
import {
  actionsOf,
  conditionKeyDef,
  keyMatches,
  resourceTypesOf,
  serviceExists,
  type ActionDef,
} from './catalogue';

/**
 * One policy document checked the way IAM Access Analyzer's policy validation checks it, against the Service
 * Authorization Reference: actions exist, condition keys exist and apply to an action of their statement,
 * resources fit the actions, wildcard-only actions get `*`, operators and values are valid, principals are
 * well formed. Each check is a small function named after what it refuses.
 * AWS: "IAM Access Analyzer policy check reference",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html; "IAM JSON policy
 * elements: Condition operators",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export type PolicyKind = 'identity' | 'trust' | 'key' | 'bucket' | 'endpoint' | 'topic';

interface Stmt {
  readonly sid: string;
  readonly raw: Record<string, unknown>;
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly conditions: { op: string; key: string; values: unknown[] }[];
}

const stmtsOf = (doc: Record<string, unknown>): Stmt[] =>
  list(doc['Statement']).map((raw, i) => {
    const s = rec(raw);
    return {
      sid: typeof s['Sid'] === 'string' ? s['Sid'] : `#${i + 1}`,
      raw: s,
      actions: strings(s['Action']),
      notActions: strings(s['NotAction']),
      resources: strings(s['Resource']),
      conditions: Object.entries(rec(s['Condition'])).flatMap(([op, keys]) =>
        Object.entries(rec(keys)).map(([key, values]) => ({ op, key, values: list(values) })),
      ),
    };
  });

const escape = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
const wildcard = (pattern: string) =>
  new RegExp(`^${escape(pattern).replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');

/** The reference's actions a policy action names (`kms:Describe*` may name several); none if it names none. */
export function expandAction(action: string): ActionDef[] {
  if (action === '*') return [];
  // The reference is fixed data, and the same few actions are asked about for every statement of every plan.
  let known = EXPANDED.get(action);
  if (!known) {
    const [service = '', name = ''] = action.split(':');
    const re = wildcard(name);
    known = Object.values(actionsOf(service)).filter((a) => re.test(a.name));
    EXPANDED.set(action, known);
  }
  return [...known];
}

const EXPANDED = new Map<string, ActionDef[]>();

/** Actions that name nothing AWS knows (a typo, a retired action): IAM ignores them, so they grant nothing. */
export function unknownActions(s: Stmt): string[] {
  return [...s.actions, ...s.notActions]
    .filter((a) => a !== '*')
    .flatMap((a) => {
      const service = a.split(':')[0] ?? '';
      if (!a.includes(':') || !serviceExists(service))
        return [`${a}: no service "${service}" in the reference`];
      return expandAction(a).length ? [] : [`${a}: no action of ${service} matches it`];
    });
}

/** An ARN template of the reference as a pattern; bucket names never hold a `/`. */
const arnPattern = (template: string): RegExp =>
  new RegExp(
    `^${template
      .split(/(\$\{[^}]+\})/)
      .map((part) =>
        part.startsWith('${')
          ? part === '${BucketName}'
            ? '[^/]+'
            : part === '${Partition}' || part === '${Region}' || part === '${Account}'
              ? '[^:]*'
              : '.+'
          : escape(part),
      )
      .join('')}$`,
  );

/** The ARN templates an action accepts. */
const arnsOf = (action: ActionDef, service: string): string[] => {
  const types = resourceTypesOf(service);
  return action.resourceTypes.map((t) => types[t.name]?.arn).filter((a): a is string => Boolean(a));
};

/**
 * A policy ARN as sample values: a `?` stands for one character, a `*` for one or more path segments (IAM's `*`
 * crosses `/`), so that `repository/*` fits `repository/${DomainName}/${RepositoryName}`.
 */
const samples = (arn: string): string[] =>
  ['x', 'x/x', 'x/x/x'].map((star) => arn.replace(/\?/g, 'x').replace(/\*/g, star));

/**
 * Actions that accept only `Resource: "*"` given an ARN (Access Analyzer: "Unsupported resource ARN"), and ARNs
 * that fit no resource type of any action of the statement (the statement grants nothing on them).
 */
export function resourceMismatches(s: Stmt): string[] {
  if (s.notActions.length || s.actions.includes('*')) return [];
  const arns = s.resources.filter((r) => r !== '*');
  if (!arns.length) return [];
  const defs = s.actions.flatMap((a) => expandAction(a).map((d) => ({ d, service: a.split(':')[0] ?? '' })));
  const problems: string[] = [];
  // Only actions named outright: a wildcard (s3:*) naming some resourceless actions is no mistake.
  const named = s.actions
    .filter((a) => !a.includes('*') && !a.includes('?'))
    .flatMap((a) => expandAction(a).map((d) => ({ d, service: a.split(':')[0] ?? '' })));
  for (const { d, service } of named) {
    if (d.resourceTypes.length === 0 && !s.resources.includes('*'))
      problems.push(
        `${service}:${d.name} accepts only Resource "*", but the statement names ${arns.join(', ')}`,
      );
  }
  for (const arn of arns) {
    const fits = defs.some(({ d, service }) =>
      arnsOf(d, service).some((t) => samples(arn).some((v) => arnPattern(t).test(v))),
    );
    if (!fits && defs.some(({ d }) => d.resourceTypes.length > 0))
      problems.push(`${arn} fits no resource type of ${s.actions.join(', ')}`);
  }
  return problems;
}

const BASE_OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
]);

/** `ForAnyValue:StringLikeIfExists` as its parts; undefined when it is no operator IAM knows. */
export function parseOperator(op: string): { set?: string; base: string; ifExists: boolean } | undefined {
  const m = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/.exec(op);
  if (!m || !BASE_OPERATORS.has(m[2] ?? '')) return undefined;
  if (m[2] === 'Null' && m[3]) return undefined;
  return { ...(m[1] ? { set: m[1] } : {}), base: m[2] ?? '', ifExists: Boolean(m[3]) };
}

/** Which key types an operator family compares (Access Analyzer: "Mismatched type"). */
const FAMILY_TYPES: Record<string, readonly string[]> = {
  String: ['String', 'ARN', 'ArrayOfString', 'ArrayOfARN'],
  Arn: ['ARN', 'ArrayOfARN', 'String', 'ArrayOfString'],
  Numeric: ['Numeric', 'Integer', 'Long', 'ArrayOfNumeric', 'ArrayOfLong'],
  Date: ['Date', 'ArrayOfDate'],
  Bool: ['Bool', 'Boolean', 'ArrayOfBool'],
  Binary: ['Binary'],
  Ip: ['IPAddress', 'IpAddress', 'ArrayOfIPAddress'],
};
const family = (base: string) =>
  base.startsWith('String')
    ? 'String'
    : base.startsWith('Arn')
      ? 'Arn'
      : base.startsWith('Numeric')
        ? 'Numeric'
        : base.startsWith('Date')
          ? 'Date'
          : base === 'Bool'
            ? 'Bool'
            : base === 'BinaryEquals'
              ? 'Binary'
              : base.endsWith('IpAddress')
                ? 'Ip'
                : 'Null';

/** Operators IAM does not know, and values a typed operator cannot compare (`Bool` with "yes"). */
export function operatorProblems(s: Stmt): string[] {
  return s.conditions.flatMap(({ op, key, values }) => {
    const parsed = parseOperator(op);
    if (!parsed) return [`${op} is not a condition operator`];
    const def = conditionKeyDef(key);
    const problems: string[] = [];
    const fam = family(parsed.base);
    const text = values.map(String);
    if ((fam === 'Bool' || fam === 'Null') && text.some((v) => v !== 'true' && v !== 'false'))
      problems.push(`${op} ${key} needs "true" or "false", not ${JSON.stringify(values)}`);
    if (fam === 'Numeric' && text.some((v) => !/^-?\d+(\.\d+)?$/.test(v)))
      problems.push(`${op} ${key} needs numbers, not ${JSON.stringify(values)}`);
    if (fam === 'Date' && text.some((v) => Number.isNaN(Date.parse(v)) && !/^\d+$/.test(v)))
      problems.push(`${op} ${key} needs dates, not ${JSON.stringify(values)}`);
    if (fam === 'Arn' && text.some((v) => !v.startsWith('arn:') && v !== '*'))
      problems.push(`${op} ${key} needs ARNs, not ${JSON.stringify(values)}`);
    if (def && fam !== 'Null' && !(FAMILY_TYPES[fam] ?? []).includes(def.type))
      problems.push(`${op} compares ${fam} values, but ${key} is of type ${def.type}`);
    if (def && parsed.set && !def.type.startsWith('ArrayOf'))
      problems.push(`${op} is a set operator, but ${key} is single-valued (${def.type}): use ${parsed.base}`);
    return problems;
  });
}

/**
 * Condition keys the reference does not know, and keys no action of the statement supports: such a key is never
 * in the request, so an Allow with it never applies and a Deny with it never fires.
 */
export function conditionKeyProblems(s: Stmt): string[] {
  return s.conditions.flatMap(({ key }) => {
    const def = conditionKeyDef(key);
    if (!def) return [`${key} is not a condition key of the reference`];
    if (key.toLowerCase().startsWith('aws:') || s.notActions.length || s.actions.includes('*')) return [];
    const applies = s.actions.some((a) => {
      const service = a.split(':')[0] ?? '';
      const types = resourceTypesOf(service);
      return expandAction(a).some(
        (d) =>
          d.conditionKeys.some((t) => keyMatches(t, key)) ||
          d.resourceTypes.some(
            (rt) =>
              rt.conditionKeys.some((t) => keyMatches(t, key)) ||
              (types[rt.name]?.conditionKeys ?? []).some((t) => keyMatches(t, key)),
          ),
      );
    });
    return applies ? [] : [`${key} applies to none of ${s.actions.join(', ')}: the condition can never hold`];
  });
}

const ACCOUNT = /^\d{12}$/;
const AWS_PRINCIPAL =
  /^arn:aws[a-z-]*:(iam::\d{12}:(root|(role|user)\/([\x21-\x7e]+\/)*[\w+=,.@-]{1,64})|sts::\d{12}:assumed-role\/[\w+=,.@-]{1,64}\/[\w+=,.@-]{2,64})$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** Principals AWS would reject (malformed ARNs, services that are no service name) and misplaced Principal. */
export function principalProblems(s: Stmt, kind: PolicyKind): string[] {
  const p = s.raw['Principal'] ?? s.raw['NotPrincipal'];
  if (kind === 'identity')
    return p === undefined ? [] : ['an identity policy takes no Principal: IAM rejects the document'];
  if (p === undefined) return [`a ${kind} policy statement needs a Principal`];
  if (p === '*') return [];
  return Object.entries(rec(p)).flatMap(([type, values]) =>
    strings(values).flatMap((v) => {
      if (type === 'AWS')
        return v === '*' || ACCOUNT.test(v) || AWS_PRINCIPAL.test(v)
          ? []
          : [`AWS principal ${v} is malformed`];
      if (type === 'Service') return SERVICE_PRINCIPAL.test(v) ? [] : [`service principal ${v} is malformed`];
      if (type === 'Federated' || type === 'CanonicalUser') return [];
      return [`${type} is not a principal type`];
    }),
  );
}

/** Every problem of one document, each as `statement <Sid>: <problem>`. */
export function validatePolicy(document: unknown, kind: PolicyKind): string[] {
  let doc: Record<string, unknown>;
  try {
    doc = rec(typeof document === 'string' ? JSON.parse(document) : document);
  } catch {
    return ['the document is not JSON'];
  }
  const problems: string[] = [];
  if (doc['Version'] !== '2012-10-17')
    problems.push('Version must be "2012-10-17" (policy variables need it)');
  if (!list(doc['Statement']).length) problems.push('the document has no statement');
  for (const s of stmtsOf(doc)) {
    for (const p of [
      ...unknownActions(s),
      ...resourceMismatches(s),
      ...conditionKeyProblems(s),
      ...operatorProblems(s),
      ...principalProblems(s, kind),
    ])
      problems.push(`statement ${s.sid}: ${p}`);
  }
  return problems;
}

/**
 * Size limits: IAM counts policy characters without whitespace; KMS and S3 count the document's bytes.
 * AWS: "IAM and AWS STS quotas", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html;
 * "PutKeyPolicy" (32 KB), https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html;
 * "Bucket policy examples" / PutBucketPolicy (20 KB),
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
 */
export const SIZE_LIMITS = {
  managedPolicy: 6144,
  roleInlinePolicies: 10240,
  trustPolicy: 2048,
  keyPolicy: 32768,
  bucketPolicy: 20480,
} as const;

export const iamLength = (document: string): number => document.replace(/\s/g, '').length;
export const byteLength = (document: string): number => Buffer.byteLength(document, 'utf8');
