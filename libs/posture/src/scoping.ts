import { canHold, foreignAccountFor, keysThatMayHold, onBehalfOfAnotherAccount } from './conditions';
import type { Statement } from './policy-document';

/**
 * Whether some request made by, or on behalf of, another account satisfies the statement's conditions: then the
 * statement is not scoped to `account` (IAM-3, KMS-5, NET-7, LOG-15). `account` absent (the engine run without
 * policy config) still catches absent, inverted, wildcard and `...IfExists`-only scopes.
 */
export const admitsAnotherAccount = (s: Statement, account: string | undefined): boolean =>
  canHold(s.conditions, onBehalfOfAnotherAccount(s.conditions, account));

/**
 * Whether a request on behalf of another account that does send `key` satisfies the statement: the question for
 * a trust that AWS lets check the key only `...IfExists` (the service may not send it), which must still keep
 * out another account whenever it does.
 */
export function admitsAnotherAccountWhenSent(
  s: Statement,
  account: string | undefined,
  key: string,
): boolean {
  const k = key.toLowerCase();
  const kind = onBehalfOfAnotherAccount(s.conditions, account);
  const sent = (kind[k] ?? [[foreignAccountFor(account)]]).filter((v) => v !== undefined);
  return canHold(s.conditions, { ...kind, [k]: sent });
}

/** Why: the conditions such a request still satisfies, for the finding (`aws:sourcearn only if sent`). */
export function whyUnscoped(s: Statement, account: string | undefined): string {
  const kind = onBehalfOfAnotherAccount(s.conditions, account);
  const scoping = Object.keys(kind);
  if (scoping.length === 0) return 'it has no aws:SourceAccount, aws:SourceArn or other account condition';
  const loose = keysThatMayHold(s.conditions, kind).filter((k) => scoping.includes(k));
  const ops = Object.entries(s.conditions)
    .flatMap(([op, keys]) =>
      Object.keys(keys)
        .filter((k) => loose.includes(k.toLowerCase()))
        .map((k) => `${op} ${k}`),
    )
    .join(', ');
  return `another account's request satisfies ${ops}${account ? ` (the account is ${account})` : ''}`;
}

/** The 12-digit account of an AWS principal value (`arn:aws:iam::1:root`, `arn:aws:iam::1:role/x`, `1`). */
const accountOfPrincipal = (v: string) =>
  /^\d{12}$/.exec(v)?.[0] ?? /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(v)?.[1];

/** KMS-3: the AWS principals of a statement that belong to another account than `account`. */
export const foreignPrincipals = (s: Statement, account: string | undefined): string[] =>
  !account || s.principal === '*' || !s.principal
    ? []
    : (s.principal['AWS'] ?? []).filter((v) => {
        const owner = accountOfPrincipal(v);
        return !!owner && owner !== account;
      });
