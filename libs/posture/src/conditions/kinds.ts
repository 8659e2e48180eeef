import {
  byKey,
  fillWildcards,
  UNFORESEEN,
  type Candidates,
  type Conditions,
  type RequestKind,
} from './requests';

/**
 * The kinds of request the controls reason about, with the values the environment expects (its account, its
 * endpoint). A value that belongs to another account is always a candidate: a policy scoped to the wrong account
 * is not scoped to ours.
 */

/** An account that is not the environment's: what a request of another account carries. */
export const foreignAccountFor = (account: string | undefined): string =>
  account === '999999999999' ? '888888888888' : '999999999999';

const ARN_PARTS = 6;
const accountOf = (v: string): string | undefined => {
  if (/^\d{12}$/.test(v)) return v;
  const parts = v.split(':');
  return parts[0] === 'arn' && parts.length >= ARN_PARTS ? parts[4] : undefined;
};

/** `v` as the same thing in another account: an ARN with its account part swapped, or the account itself. */
function inAccount(v: string, other: string): string {
  const parts = fillWildcards(v).split(':');
  if (parts[0] === 'arn' && parts.length >= ARN_PARTS)
    return [...parts.slice(0, 4), other, ...parts.slice(5)].join(':');
  return /^[\dx]{1,12}$/.test(fillWildcards(v)) ? other : fillWildcards(v).replace(/\d{12}/g, other);
}

/** Keys that tie a request to an account or to a resource of one (confused deputy, data perimeter). */
const SCOPING = [
  /^aws:sourceaccount$/,
  /^aws:sourceowner$/,
  /^aws:sourcearn$/,
  /^aws:principalaccount$/,
  /^aws:principalarn$/,
  /^aws:principalorgid$/,
  /^kms:encryptioncontext:/,
];

/**
 * A request made by, or on behalf of, another account: every key that could scope the statement to ours is
 * absent, or carries another account's value (the statement's own values moved to another account, and any
 * value it names that is not in ours). Other keys are the sender's to choose.
 */
export function onBehalfOfAnotherAccount(conditions: Conditions, account: string | undefined): RequestKind {
  const other = foreignAccountFor(account);
  const kind: Record<string, Candidates> = {};
  for (const k of byKey(conditions)) {
    if (!SCOPING.some((p) => p.test(k.key))) continue;
    const named = k.tests.flatMap((t) => t.values);
    const notOurs = account ? named.filter((v) => accountOf(fillWildcards(v)) !== account) : [];
    kind[k.key] = [
      undefined,
      [k.key === 'aws:sourcearn' || k.key === 'aws:principalarn' ? `arn:aws:iam::${other}:role/x` : other],
      ...named.map((v) => [inAccount(v, other)]),
      ...notOurs.map((v) => [fillWildcards(v)]),
    ];
  }
  return kind;
}

/**
 * An ordinary principal of the environment's account (a role, not an AWS service, over TLS) sending a request
 * that did not come through `ourEndpoint`: from the internet (no endpoint), or through another endpoint. Keys
 * not listed are the sender's to choose.
 */
export function ordinaryPrincipalOutsideEndpoint(account: string | undefined): RequestKind[] {
  const principal = {
    'aws:principalisawsservice': [['false']],
    'aws:viaawsservice': [['false']],
    'aws:principalaccount': [[account ?? foreignAccountFor(undefined)]],
    'aws:principalarn': [[`arn:aws:iam::${account ?? foreignAccountFor(undefined)}:role/ordinary-principal`]],
    'aws:principaltype': [['AssumedRole']],
    'aws:securetransport': [['true']],
    'aws:principalservicename': [undefined],
  } satisfies RequestKind;
  return [
    { ...principal, 'aws:sourcevpce': [undefined], 'aws:sourcevpc': [undefined] },
    { ...principal, 'aws:sourcevpce': [[`vpce-${UNFORESEEN}`]], 'aws:sourcevpc': [[`vpc-${UNFORESEEN}`]] },
  ];
}

/** The same principal through the environment's endpoint: a data perimeter must let it through. */
export function ordinaryPrincipalThroughEndpoint(account: string | undefined, endpoint: string): RequestKind {
  const [outside] = ordinaryPrincipalOutsideEndpoint(account);
  return { ...outside, 'aws:sourcevpce': [[endpoint]] };
}

/** Any request with `key` set to `value`, other keys the sender's to choose (`aws:SecureTransport` false). */
export const anyRequestWith = (key: string, value: string): RequestKind => ({
  [key.toLowerCase()]: [[value]],
});
