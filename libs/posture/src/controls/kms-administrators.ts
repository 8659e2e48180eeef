import { KMS_CRYPTOGRAPHIC_ACTIONS_BY_USAGE } from '@secure-ml/shared/catalogue';
import { canHold, coversRequest, denyingStatements } from '../conditions';
import { resourceControl } from '../define';
import { statementsOf, type Statement } from '../policy-document';
import { finding, str, T } from '../resources';

/**
 * KMS-6: separation of duties. The actions that use a key's material, per key usage, come from the catalogue
 * (libs/shared/src/catalogue/kms-actions.ts) that the security layer builds its key policies from; the plan is
 * what is judged, so moving an action from the deny to the allow of a key policy is caught whatever the lists
 * say, and the tests hold the lists to their own literal copy.
 */
export const CRYPTOGRAPHIC_ACTIONS_BY_USAGE: Readonly<Record<string, readonly string[]>> =
  KMS_CRYPTOGRAPHIC_ACTIONS_BY_USAGE;

/** Actions only an administrator of the key needs: whoever is allowed one of them is a key administrator. */
const ADMINISTRATION = [
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:CancelKeyDeletion',
];

const isAccountRoot = (p: string) => /^arn:[^:]+:iam::\d{12}:root$/.test(p) || /^\d{12}$/.test(p);

/**
 * The principals a key policy names (not the account root, which only delegates to IAM) in a statement that lets
 * them administer the key.
 */
export function keyAdministrators(statements: readonly Statement[]): string[] {
  const admins = statements
    .filter(
      (s) =>
        s.effect === 'Allow' &&
        s.principal !== '*' &&
        ADMINISTRATION.some((action) => coversRequest(s, { principal: '', action, resource: '*' })) &&
        canHold(s.conditions, {}),
    )
    .flatMap((s) => (s.principal === '*' ? [] : (s.principal?.['AWS'] ?? [])))
    .filter((p) => p !== '*' && !isAccountRoot(p));
  return [...new Set(admins)];
}

export const keyAdministratorControl = resourceControl({
  id: 'KMS-6',
  standards: ['separation of duties', 'KMS.1'],
  check:
    "every key administrator named in a key policy is explicitly denied every cryptographic action of the key's usage (and kms:CreateGrant), whatever its IAM policies allow",
  examines: [T.key, T.keyPolicy],
  inspect(r) {
    const statements = statementsOf(r.inputs['policy']);
    const usage = str(r.inputs['keyUsage']) ?? 'ENCRYPT_DECRYPT';
    const actions =
      CRYPTOGRAPHIC_ACTIONS_BY_USAGE[usage] ?? CRYPTOGRAPHIC_ACTIONS_BY_USAGE['ENCRYPT_DECRYPT']!;
    return keyAdministrators(statements).flatMap((admin) => {
      const open = actions.filter(
        (action) =>
          denyingStatements(statements, { principal: admin, action, resource: '*' }, [{}]).length === 0,
      );
      return open.length
        ? [
            finding(
              r,
              `key administrator ${admin} is not denied ${open.join(', ')}, so its own IAM policies (or the account-root statement) may use the key's material`,
              'add those actions to the Deny statement for the key administrators (KeyAdministratorsNeverUse), with no condition',
            ),
          ]
        : [];
    });
  },
});
