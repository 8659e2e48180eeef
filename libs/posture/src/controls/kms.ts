import { KMS_CRYPTOGRAPHIC_ACTIONS_BY_USAGE } from '@secure-ml/shared/catalogue';
import { canHold, UNFORESEEN, type RequestKind } from '../conditions';
import { resourceControl } from '../define';
import { isProtectedStack, type Control, type Env, type Finding } from '../model';
import {
  grants,
  identityPolicies,
  IDENTITY_POLICY_TYPES,
  isWildcardPrincipal,
  servicePrincipals,
  statementsOf,
  type Statement,
} from '../policy-document';
import { finding, keyOf, ofType, T } from '../resources';
import { admitsAnotherAccount, foreignPrincipals, whyUnscoped } from '../scoping';
import { keyAdministratorControl } from './kms-administrators';

/** Service principals that act on our keys on behalf of the account (CONTROLS.md KMS-5). */
const DEPUTIES = /^(logs(\.[a-z0-9-]+)?|cloudtrail|cloudwatch|sns)\.amazonaws\.com$/;

/** Every cryptographic action of any key usage (the catalogue's), CreateGrant included. */
const CRYPTOGRAPHIC = [...new Set(Object.values(KMS_CRYPTOGRAPHIC_ACTIONS_BY_USAGE).flat())];

/** A key of no alias we name: what a request on someone else's key carries in kms:ResourceAliases. */
const ANOTHER_KEY: RequestKind = { 'kms:resourcealiases': [undefined, [`alias/${UNFORESEEN}`]] };

/**
 * KMS-4: the resources of a statement that may designate a key other than the environment's. A wildcard (or
 * NotResource) covers any key, unless the statement's conditions hold only for a key of our alias; a literal
 * key ARN, offline, must be a key of the security layer in this account.
 */
function keysBeyondEnvironment(s: Statement, env: Env): string[] {
  const pinnedByAlias = !canHold(s.conditions, ANOTHER_KEY);
  if (s.notResources.length > 0 && !pinnedByAlias) return [`NotResource ${s.notResources.join(', ')}`];
  const account = env.settings.accountId;
  return s.resources.filter((arn) => {
    if (/[*?]/.test(arn)) return !pinnedByAlias;
    if (env.scope !== 'environment' || ofType(env, T.key).length === 0) return false;
    const owner = arn.split(':')[4];
    return !keyOf(env, arn) || (!!account && owner !== account);
  });
}

export const kmsControls: Control[] = [
  resourceControl({
    id: 'KMS-1',
    standards: ['KMS.4', 'CKV_AWS_7'],
    check: 'every key has enableKeyRotation: true',
    examines: [T.key],
    inspect: (r) =>
      r.inputs['enableKeyRotation'] === true
        ? undefined
        : finding(r, 'automatic key rotation is off', 'set enableKeyRotation: true'),
  }),
  resourceControl({
    id: 'KMS-2',
    standards: ['KMS.3'],
    check: 'every key has deletionWindowInDays 30, and is protected from deletion in prod (protect: true)',
    examines: [T.key],
    inspect(r, env) {
      const found: Finding[] = [];
      if (r.inputs['deletionWindowInDays'] !== 30) {
        found.push(
          finding(
            r,
            `deletionWindowInDays is ${JSON.stringify(r.inputs['deletionWindowInDays'] ?? null)}, not 30`,
            'set deletionWindowInDays: 30, the longest wait KMS allows',
          ),
        );
      }
      if (isProtectedStack(env.settings, env.stack) && !r.options.protect) {
        found.push(
          finding(
            r,
            `is not protected from deletion in ${env.stack}`,
            'create the key with { protect: ctx.protect } and keep secure-ml:protect true in prod',
          ),
        );
      }
      return found;
    },
  }),
  resourceControl({
    id: 'KMS-3',
    standards: ['KMS.5', 'CKV_AWS_33'],
    check:
      'no key policy statement allows a wildcard principal, or a principal (root, role, user, account ID) of another account',
    perLayer: 'another account is recognised when the policy config names the account (accountId)',
    examines: [T.key, T.keyPolicy],
    inspect: (r, env) =>
      statementsOf(r.inputs['policy'])
        .filter((s) => s.effect === 'Allow')
        .flatMap((s) => {
          const sid = s.sid ?? '(no Sid)';
          if (isWildcardPrincipal(s))
            return [
              finding(
                r,
                `statement ${sid} allows Principal "*"`,
                'name the account root, the roles or the service principals instead of "*"',
              ),
            ];
          const foreign = foreignPrincipals(s, env.settings.accountId);
          return foreign.length
            ? [
                finding(
                  r,
                  `statement ${sid} allows ${foreign.join(', ')}, of another account than ${env.settings.accountId ?? ''}`,
                  "remove the statement: another account's principals use the key through a grant or a key of their own, never through this key policy",
                ),
              ]
            : [];
        }),
  }),
  resourceControl({
    id: 'KMS-4',
    standards: ['KMS.1', 'KMS.2'],
    check:
      "no identity policy allows a cryptographic action (the catalogue's, CreateGrant included) on a key that is not the environment's: Resource \"*\", a wildcard (key/*) or NotResource, unless its conditions pin the key's alias; offline, every key ARN named must be a key of the security layer",
    perLayer:
      "the engine rejects wildcards and NotResource; offline, each literal key ARN must also be one of the security layer's keys in this account",
    examines: IDENTITY_POLICY_TYPES,
    inspect: (r, env) =>
      identityPolicies({ ...env, resources: [r] }).flatMap((p) =>
        p.statements
          .filter((s) => s.effect === 'Allow' && CRYPTOGRAPHIC.some((a) => grants(s, a)))
          .flatMap((s) => {
            const beyond = keysBeyondEnvironment(s, env);
            return beyond.length
              ? [
                  finding(
                    r,
                    `${p.where} statement ${s.sid ?? '(no Sid)'} allows ${CRYPTOGRAPHIC.filter((a) => grants(s, a)).join(', ')} on ${beyond.join(', ')}, which may designate a key that is not this environment's`,
                    'list the key ARNs of the security layer (dataKeyArn, logsKeyArn) as Resource',
                  ),
                ]
              : [];
          }),
      ),
  }),
  resourceControl({
    id: 'KMS-5',
    standards: ['confused deputy'],
    check:
      "every key-policy grant to a service principal (logs, cloudtrail, cloudwatch, sns) is scoped to the environment's account by an encryption-context, aws:SourceArn or aws:SourceAccount condition that no request on behalf of another account satisfies",
    examines: [T.key, T.keyPolicy],
    inspect: (r, env) =>
      statementsOf(r.inputs['policy'])
        .filter(
          (s) =>
            s.effect === 'Allow' &&
            servicePrincipals(s).some((p) => DEPUTIES.test(p)) &&
            admitsAnotherAccount(s, env.settings.accountId),
        )
        .map((s) =>
          finding(
            r,
            `statement ${s.sid ?? '(no Sid)'} grants ${servicePrincipals(s).join(', ')} without a condition scoping it to this account: ${whyUnscoped(s, env.settings.accountId)}`,
            'add aws:SourceAccount (or aws:SourceArn, or kms:EncryptionContext:aws:logs:arn for CloudWatch Logs) to the statement',
          ),
        ),
  }),
  keyAdministratorControl,
];
