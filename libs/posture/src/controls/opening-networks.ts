import type { RequestKind } from '../conditions';
import { grants, type Statement } from '../policy-document';

/**
 * Where a notebook is opened from (CreatePresignedNotebookInstanceUrl): the requests NB-10, NB-11 and IAM-7 ask of
 * the owner access policy and the guardrail, and the networks their opening denies name. Both policies build the
 * condition from libs/shared (openingOutsideNetworks); these are the pack's own witnesses of it.
 */
export const OPEN = 'sagemaker:CreatePresignedNotebookInstanceUrl';

/** An address of no configured network (TEST-NET-2, RFC 5737) and an endpoint nobody configured. */
export const FOREIGN_IP = '198.51.100.77';
export const FOREIGN_VPCE = 'vpce-0ffffffffffffffff';

/** A request over the internet from `ip` (none: a request that carries neither network key). */
export const fromIp = (ip: string | undefined): RequestKind => ({
  'aws:sourceip': [ip === undefined ? undefined : [ip]],
  'aws:sourcevpce': [undefined],
});
/** A request through an interface endpoint, which carries no aws:SourceIp. */
export const throughVpce = (vpce: string): RequestKind => ({
  'aws:sourceip': [undefined],
  'aws:sourcevpce': [[vpce]],
});

/** The first address of a CIDR: a request from inside it. */
export const firstAddress = (cidr: string) => cidr.split('/')[0] ?? cidr;

/** The values the denies of opening name for `key` (lowercase; their Null tests aside). */
export const namedInOpeningDenies = (statements: readonly Statement[], key: string): string[] => [
  ...new Set(
    statements
      .filter((s) => s.effect === 'Deny' && grants(s, OPEN))
      .flatMap((s) =>
        Object.entries(s.conditions)
          .filter(([op]) => op.toLowerCase() !== 'null')
          .flatMap(([, keys]) =>
            Object.entries(keys)
              .filter(([k]) => k.toLowerCase() === key)
              .flatMap(([, v]) => v),
          ),
      ),
  ),
];

export const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === new Set(b).size && a.every((x) => b.includes(x));
