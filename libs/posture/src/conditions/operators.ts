/**
 * One condition of an IAM, key, bucket, topic or endpoint policy against one request: the operator, the key's
 * values in the policy, and the key's value in the request (or its absence). This is the part every control
 * shares, so that `...IfExists`, a negated operator or a set qualifier means the same thing everywhere.
 *
 * AWS: "IAM JSON policy elements: Condition operators"
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * - "If the key that you specify in a policy condition is not present in the request context, the values do not
 *   match and the condition is false. If the policy condition requires that the key is not matched, such as
 *   StringNotLike or ArnNotLike, and the right key is not present, the condition is true. This logic applies to
 *   all condition operators except ...IfExists and Null check."
 * - `...IfExists`: "If the policy key is present in the context of the request, process the key as specified in
 *   the policy. If the key is not present, evaluate the condition element as true."
 * - Several values for one key are ORed; a negated operator holds when the request matches none of them.
 * AWS: "Set operators for multivalued context keys"
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * - `ForAllValues:` holds when every request value matches, and also when the key is absent or empty;
 *   `ForAnyValue:` holds when at least one request value matches, never when the key is absent.
 */

/** A key's value in a request: its values (one for a single-valued key), or `undefined` when absent. */
export type ContextValue = readonly string[] | undefined;

interface Operator {
  readonly qualifier: 'all' | 'any' | 'single';
  readonly base: string;
  readonly ifExists: boolean;
  readonly negated: boolean;
}

const NEGATED: Readonly<Record<string, string>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NotIpAddress: 'IpAddress',
};

export function parseOperator(op: string): Operator {
  const [, prefix, rest = op] = /^(ForAllValues:|ForAnyValue:)?(.*)$/.exec(op) ?? [];
  const qualifier = prefix === 'ForAllValues:' ? 'all' : prefix === 'ForAnyValue:' ? 'any' : 'single';
  const ifExists = rest !== 'Null' && rest.endsWith('IfExists');
  const name = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const positive = NEGATED[name];
  return { qualifier, base: positive ?? name, ifExists, negated: positive !== undefined };
}

/** The compiled form of each wildcard pattern met so far: the controls match the same few patterns many times. */
const COMPILED = new Map<string, RegExp>();
const COMPILED_IGNORING_CASE = new Map<string, RegExp>();

/** IAM's wildcard match: `*` any run, `?` one character. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!ignoreCase && !pattern.includes('*') && !pattern.includes('?')) return pattern === value;
  const cache = ignoreCase ? COMPILED_IGNORING_CASE : COMPILED;
  let compiled = cache.get(pattern);
  if (!compiled) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    compiled = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    cache.set(pattern, compiled);
  }
  return compiled.test(value);
}

/** ArnLike and ArnEquals compare each of the six colon-separated parts, wildcards allowed within a part. */
function arnMatch(pattern: string, value: string): boolean {
  const parts = (arn: string) => {
    const p = arn.split(':');
    return p.length < 6 ? undefined : [...p.slice(0, 5), p.slice(5).join(':')];
  };
  const a = parts(pattern);
  const b = parts(value);
  return !!a && !!b && a.every((part, i) => globMatch(part, b[i] ?? ''));
}

function ipv4(addr: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (!m) return undefined;
  const n = m.slice(1).map(Number);
  return n.some((x) => x > 255) ? undefined : ((n[0]! << 24) | (n[1]! << 16) | (n[2]! << 8) | n[3]!) >>> 0;
}

function inCidr(cidr: string, addr: string): boolean {
  const [net = '', bits = '32'] = cidr.split('/');
  const a = ipv4(net);
  const b = ipv4(addr.split('/')[0] ?? '');
  if (a === undefined || b === undefined) return cidr === addr;
  const len = Number(bits);
  const mask = len === 0 ? 0 : (~0 << (32 - len)) >>> 0;
  return (a & mask) === (b & mask);
}

const asDate = (v: string) => (/^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v));

/** Whether one request value matches one policy value under a positive operator. */
function matches(base: string, policy: string, value: string): boolean {
  switch (base) {
    case 'StringEquals':
    case 'BinaryEquals':
      return policy === value;
    case 'StringEqualsIgnoreCase':
      return policy.toLowerCase() === value.toLowerCase();
    case 'StringLike':
      return globMatch(policy, value);
    case 'ArnEquals':
    case 'ArnLike':
      return arnMatch(policy, value);
    case 'Bool':
      return policy.toLowerCase() === value.toLowerCase();
    case 'IpAddress':
      return inCidr(policy, value);
    case 'NumericEquals':
      return Number(value) === Number(policy);
    case 'NumericLessThan':
      return Number(value) < Number(policy);
    case 'NumericLessThanEquals':
      return Number(value) <= Number(policy);
    case 'NumericGreaterThan':
      return Number(value) > Number(policy);
    case 'NumericGreaterThanEquals':
      return Number(value) >= Number(policy);
    case 'DateEquals':
      return asDate(value) === asDate(policy);
    case 'DateLessThan':
      return asDate(value) < asDate(policy);
    case 'DateLessThanEquals':
      return asDate(value) <= asDate(policy);
    case 'DateGreaterThan':
      return asDate(value) > asDate(policy);
    case 'DateGreaterThanEquals':
      return asDate(value) >= asDate(policy);
    default:
      // An operator IAM does not know makes the policy invalid (IAM refuses it); it matches nothing here.
      return false;
  }
}

/** Whether one condition (`op`, the key's policy values) holds for the key's value in a request. */
export function conditionHolds(op: string, policyValues: readonly string[], ctx: ContextValue): boolean {
  const { qualifier, base, ifExists, negated } = parseOperator(op);
  const absent = ctx === undefined || ctx.length === 0;
  if (base === 'Null') {
    return policyValues.some((v) => (v.toLowerCase() === 'true' ? absent : !absent));
  }
  if (absent) {
    if (ifExists || qualifier === 'all') return true;
    if (qualifier === 'any') return false;
    return negated;
  }
  const one = (value: string) => {
    const hit = policyValues.some((p) => matches(base, p, value));
    return negated ? !hit : hit;
  };
  return qualifier === 'all' ? ctx.every(one) : ctx.some(one);
}
