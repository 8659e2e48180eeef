import { resourceControl } from '../define';
import type { Control, Finding } from '../model';
import {
  grants,
  identityPolicies,
  IDENTITY_POLICY_TYPES,
  isWildcardPrincipal,
  servicePrincipals,
  statementsOf,
} from '../policy-document';
import { finding, T } from '../resources';
import { admitsAnotherAccount, whyUnscoped } from '../scoping';
import { keyAdministratorControl } from './kms-administrators';

/** Service principals that act on our keys on behalf of the account (CONTROLS.md KMS-5). */
const DEPUTIES = /^(logs(\.[a-z0-9-]+)?|cloudtrail|cloudwatch|sns)\.amazonaws\.com$/;

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
      if (env.settings.protectedStacks.includes(env.stack) && !r.options.protect) {
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
    check: 'no key policy statement allows a wildcard principal',
    examines: [T.key, T.keyPolicy],
    inspect: (r) =>
      statementsOf(r.inputs['policy'])
        .filter((s) => s.effect === 'Allow' && isWildcardPrincipal(s))
        .map((s) =>
          finding(
            r,
            `statement ${s.sid ?? '(no Sid)'} allows Principal "*"`,
            'name the account root, the roles or the service principals instead of "*"',
          ),
        ),
  }),
  resourceControl({
    id: 'KMS-4',
    standards: ['KMS.1', 'KMS.2'],
    check: 'no identity policy allows kms:Decrypt or kms:ReEncryptFrom on Resource "*"',
    examines: IDENTITY_POLICY_TYPES,
    inspect: (r, env) =>
      identityPolicies({ ...env, resources: [r] }).flatMap((p) =>
        p.statements
          .filter(
            (s) =>
              s.effect === 'Allow' &&
              s.resources.includes('*') &&
              (grants(s, 'kms:Decrypt') || grants(s, 'kms:ReEncryptFrom')),
          )
          .map((s) =>
            finding(
              r,
              `${p.where} statement ${s.sid ?? '(no Sid)'} allows kms:Decrypt or kms:ReEncryptFrom on "*"`,
              'list the key ARNs (dataKeyArn, logsKeyArn) as Resource',
            ),
          ),
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
