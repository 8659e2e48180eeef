import type { Env, Res } from '../model';
import { grants, statementsOf, wildcardMatch, type Statement } from '../policy-document';
import { bucketName, label, ofType, physicalName, roleNameOfArn, str, T } from '../resources';

/** The role an ARN names (`arn:aws:iam::1:role/path/name`), by its physical name. */
export const roleByArn = (env: Env, arn: unknown): Res | undefined => {
  const name = roleNameOfArn(str(arn));
  return name ? ofType(env, T.role).find((r) => physicalName(r) === name) : undefined;
};

/** The key an ARN (`arn:aws:kms:<region>:<account>:key/<id>`) names, by its planned ID. */
export const keyByArn = (env: Env, arn: unknown): Res | undefined => {
  const id = str(arn)?.split('/').pop();
  return id ? ofType(env, T.key).find((k) => k.id === id) : undefined;
};

export const keyPolicyOf = (key: Res): Statement[] => statementsOf(key.inputs['policy']);

/** The bucket policy statements of a bucket, by name. */
export const bucketPolicyOf = (env: Env, bucket: string): Statement[] =>
  ofType(env, T.bucketPolicy)
    .filter((p) => bucketName(p) === bucket)
    .flatMap((p) => statementsOf(p.inputs['policy']));

/** The identity-policy statements attached to a role: its RolePolicy resources and inline policies. */
export const rolePolicyStatements = (env: Env, role: Res): Statement[] => [
  ...ofType(env, T.rolePolicy)
    .filter((p) => str(p.inputs['role']) === physicalName(role))
    .flatMap((p) => statementsOf(p.inputs['policy'])),
];

/** Whether an Allow among `statements` grants `action` on `resource` for `service` (conditions aside). */
export const allowsTo = (
  statements: readonly Statement[],
  action: string,
  resource: string,
  service?: string,
) =>
  statements.some(
    (s) =>
      s.effect === 'Allow' &&
      grants(s, action) &&
      (s.resources.length === 0 || s.resources.some((r) => wildcardMatch(r, resource))) &&
      (service === undefined || (s.principal !== '*' && (s.principal?.['Service'] ?? []).includes(service))),
  );

export { label };
