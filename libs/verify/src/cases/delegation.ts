import { ADMINISTRATOR_ACCESS, type AccessCase, type Decision, type PolicyDocument } from './types';

/**
 * What the notebook team's deployment role may do in IAM under the security layer's delegation policy
 * (packages/security/src/policies/delegation.ts): create and change roles only under the environment's notebook
 * role path and only with the notebook boundary attached, never remove a boundary, never edit the environment's
 * policies. Three groups, decided offline (packages/security/test) and by IAM's simulator in the account
 * (`verify`, SimulateCustomPolicy with the deployed delegation document):
 * - the delegation alone, with administrator access beside it for the boundary's worst cases;
 * - beside the runbook's platform grant (IAM on the whole platform path, docs/runbook.md "CI roles"): each deny
 *   once with every condition met, once with one condition broken (then the broader grant allows, which proves the
 *   deny decided the first case);
 * - beside administrator access: every deny of the second group still denies.
 */

/** The environment's names the table is written against: the security layer's plan offline, its outputs in AWS. */
export interface DelegationFacts {
  readonly partition: string;
  readonly account: string;
  /** `<prefix>-<env>` (libs/shared naming). */
  readonly stem: string;
  /** The platform's IAM path, `/secure-ml/` (libs/shared naming `iamPath`). */
  readonly iamPath: string;
  /** `/secure-ml/<stem>/notebooks/`: the only path the notebook team creates roles under. */
  readonly notebookRolePath: string;
  readonly boundaryArn: string;
  readonly delegationArn: string;
}

/** The runbook's platform deploy grant (docs/runbook.md, "CI roles"), written out: IAM on the platform path. */
export function platformIamGrant(f: DelegationFacts): PolicyDocument {
  const under = (type: string) => `arn:${f.partition}:iam::${f.account}:${type}${f.iamPath}*`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'IamOnTheEnvironmentPath',
        Effect: 'Allow',
        Action: 'iam:*',
        Resource: ['role', 'policy', 'instance-profile', 'user', 'group'].map(under),
      },
    ],
  };
}

function namesOf(f: DelegationFacts) {
  const iam = (rest: string) => `arn:${f.partition}:iam::${f.account}:${rest}`;
  const p = f.iamPath;
  const neighbour = `${f.stem}2`;
  return {
    iam,
    role: (pathAndName: string) => iam(`role${pathAndName}`),
    notebookRole: iam(`role${f.notebookRolePath}${f.stem}-notebook-carol`),
    trailDeliveryRole: iam(`role${p}${f.stem}-trail-delivery`),
    outsideRole: iam(`role${p}${f.stem}-admin`),
    neighbourRole: iam(`role${p}${neighbour}/notebooks/${neighbour}-notebook-carol`),
    guardrailPolicy: iam(`policy${p}${f.stem}-notebook-guardrail`),
    callerKeyPolicy: iam(`policy${p}${f.stem}-notebook-caller-key`),
    teamPolicy: iam(`policy${f.notebookRolePath}${f.stem}-notebook-carol-extra`),
    otherBoundary: iam('policy/AdministratorAccess-boundary'),
    // Another environment in the same account (IAM is global): its boundary and delegation sit beside this one's.
    neighbourBoundary: iam(`policy${p}${neighbour}-notebook-boundary`),
    neighbourDelegation: iam(`policy${p}${neighbour}-notebook-role-delegation`),
    awsAdministratorAccess: `arn:${f.partition}:iam::aws:policy/AdministratorAccess`,
  };
}

type Context = Readonly<Record<string, string>>;
const boundary = (arn: string): Context => ({ 'iam:PermissionsBoundary': arn });

/** The delegation alone (and beside administrator access where a case says so). */
function aloneCases(f: DelegationFacts): AccessCase[] {
  const n = namesOf(f);
  const { role } = n;
  const p = f.iamPath;
  const ask = (
    name: string,
    expected: Decision,
    action: string,
    resource: string,
    context: Context = {},
    attached: readonly PolicyDocument[] = [],
  ): AccessCase => ({
    name,
    expected,
    subject: 'delegation',
    action,
    resource,
    context,
    ...(attached.length ? { attached } : {}),
  });
  return [
    ask(
      'creates a notebook role under the path with the boundary',
      'Allowed',
      'iam:CreateRole',
      n.notebookRole,
      boundary(f.boundaryArn),
    ),
    ask('creates a notebook role without a boundary', 'ExplicitlyDenied', 'iam:CreateRole', n.notebookRole),
    ask(
      'creates a notebook role with another boundary',
      'ExplicitlyDenied',
      'iam:CreateRole',
      n.notebookRole,
      boundary(n.otherBoundary),
    ),
    ask(
      'creates a role outside the path, even with the boundary',
      'ExplicitlyDenied',
      'iam:CreateRole',
      role(`${p}${f.stem}-admin`),
      boundary(f.boundaryArn),
    ),
    ask(
      "creates a role under a neighbouring environment's path (sml-dev2)",
      'ExplicitlyDenied',
      'iam:CreateRole',
      role(`${p}${f.stem}2/notebooks/${f.stem}2-notebook-carol`),
      boundary(f.boundaryArn),
    ),
    ask(
      'creates a role at the root path with the boundary',
      'ExplicitlyDenied',
      'iam:CreateRole',
      role(`/${f.stem}-notebook-carol`),
      boundary(f.boundaryArn),
    ),
    ask(
      'removes the boundary of a notebook role',
      'ExplicitlyDenied',
      'iam:DeleteRolePermissionsBoundary',
      n.notebookRole,
      boundary(f.boundaryArn),
    ),
    ask(
      'with administrator access as well: removes the boundary of a notebook role',
      'ExplicitlyDenied',
      'iam:DeleteRolePermissionsBoundary',
      n.notebookRole,
      boundary(f.boundaryArn),
      [ADMINISTRATOR_ACCESS],
    ),
    ask(
      'sets the boundary on a notebook role again',
      'Allowed',
      'iam:PutRolePermissionsBoundary',
      n.notebookRole,
      boundary(f.boundaryArn),
    ),
    ask(
      'replaces the boundary of a notebook role with another',
      'ExplicitlyDenied',
      'iam:PutRolePermissionsBoundary',
      n.notebookRole,
      boundary(n.otherBoundary),
    ),
    ask(
      'puts an inline policy on a notebook role that carries the boundary',
      'Allowed',
      'iam:PutRolePolicy',
      n.notebookRole,
      boundary(f.boundaryArn),
    ),
    ask(
      'puts an inline policy on a role under the path without the boundary',
      'ExplicitlyDenied',
      'iam:PutRolePolicy',
      n.notebookRole,
    ),
    ask(
      'rewrites the trust policy of a notebook role (the trust is written once, by CreateRole)',
      'ExplicitlyDenied',
      'iam:UpdateAssumeRolePolicy',
      n.notebookRole,
      boundary(f.boundaryArn),
    ),
    ask('deletes a notebook role', 'Allowed', 'iam:DeleteRole', n.notebookRole, boundary(f.boundaryArn)),
    ask(
      'deletes a role outside the path',
      'ImplicitlyDenied',
      'iam:DeleteRole',
      role(`${p}${f.stem}-flow-logs`),
      boundary(f.boundaryArn),
    ),
    ask(
      'attaches an AWS-managed policy to a notebook role (IAM-4: inline only)',
      'ExplicitlyDenied',
      'iam:AttachRolePolicy',
      n.notebookRole,
      { ...boundary(f.boundaryArn), 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ),
    ask('tags a notebook role', 'Allowed', 'iam:TagRole', n.notebookRole),
    ask('reads a notebook role', 'Allowed', 'iam:GetRole', n.notebookRole),
    ask('passes a notebook role to SageMaker', 'Allowed', 'iam:PassRole', n.notebookRole, {
      'iam:PassedToService': 'sagemaker.amazonaws.com',
    }),
    ask('passes a notebook role to EC2', 'ExplicitlyDenied', 'iam:PassRole', n.notebookRole, {
      'iam:PassedToService': 'ec2.amazonaws.com',
    }),
    ask(
      'edits the boundary policy (a new version)',
      'ExplicitlyDenied',
      'iam:CreatePolicyVersion',
      f.boundaryArn,
    ),
    ask(
      'with administrator access as well: edits the boundary policy',
      'ExplicitlyDenied',
      'iam:CreatePolicyVersion',
      f.boundaryArn,
      {},
      [ADMINISTRATOR_ACCESS],
    ),
    ask(
      'with administrator access as well: makes an old version of the boundary the default',
      'ExplicitlyDenied',
      'iam:SetDefaultPolicyVersion',
      f.boundaryArn,
      {},
      [ADMINISTRATOR_ACCESS],
    ),
    ask('deletes the boundary policy', 'ExplicitlyDenied', 'iam:DeletePolicy', f.boundaryArn),
    ask(
      'with administrator access as well: creates a notebook role without the boundary',
      'ExplicitlyDenied',
      'iam:CreateRole',
      n.notebookRole,
      {},
      [ADMINISTRATOR_ACCESS],
    ),
  ];
}

/** Beside the runbook's platform grant, each case naming the deny it proves. */
function besidePlatformGrantCases(f: DelegationFacts): AccessCase[] {
  const n = namesOf(f);
  const { iam } = n;
  const p = f.iamPath;
  const ours = boundary(f.boundaryArn);
  const attached = [platformIamGrant(f)];
  const ask = (
    statement: string,
    name: string,
    expected: Decision,
    action: string,
    resource: string,
    context: Context = {},
  ): AccessCase => ({
    name: `beside the platform grant: ${name}`,
    statement,
    expected,
    subject: 'delegation',
    action,
    resource,
    context,
    attached,
  });
  return [
    // DenyRolesWithoutTheBoundary: CreateRole and PutRolePermissionsBoundary on role/*, unless the boundary is ours.
    ask(
      'DenyRolesWithoutTheBoundary',
      'creates a notebook role without a boundary',
      'ExplicitlyDenied',
      'iam:CreateRole',
      n.notebookRole,
    ),
    ask(
      'DenyRolesWithoutTheBoundary',
      'creates a notebook role with another boundary',
      'ExplicitlyDenied',
      'iam:CreateRole',
      n.notebookRole,
      boundary(n.otherBoundary),
    ),
    ask(
      'DenyRolesWithoutTheBoundary',
      'puts another boundary on a notebook role',
      'ExplicitlyDenied',
      'iam:PutRolePermissionsBoundary',
      n.notebookRole,
      boundary(n.otherBoundary),
    ),
    ask(
      'DenyRolesWithoutTheBoundary',
      'puts another boundary on a role outside the path',
      'ExplicitlyDenied',
      'iam:PutRolePermissionsBoundary',
      n.trailDeliveryRole,
      boundary(n.otherBoundary),
    ),
    ask(
      'DenyRolesWithoutTheBoundary',
      'broken: creates a notebook role with our boundary',
      'Allowed',
      'iam:CreateRole',
      n.notebookRole,
      ours,
    ),
    // DenyRolesOutsideTheNotebookPath: CreateRole and PutRolePermissionsBoundary anywhere but the notebook path.
    ask(
      'DenyRolesOutsideTheNotebookPath',
      'creates a role with our boundary outside the path',
      'ExplicitlyDenied',
      'iam:CreateRole',
      n.outsideRole,
      ours,
    ),
    ask(
      'DenyRolesOutsideTheNotebookPath',
      "creates a role with our boundary under a neighbouring environment's path",
      'ExplicitlyDenied',
      'iam:CreateRole',
      n.neighbourRole,
      ours,
    ),
    ask(
      'DenyRolesOutsideTheNotebookPath',
      "puts our boundary on the trail's delivery role (it would stop delivery)",
      'ExplicitlyDenied',
      'iam:PutRolePermissionsBoundary',
      n.trailDeliveryRole,
      ours,
    ),
    ask(
      'DenyRolesOutsideTheNotebookPath',
      'broken: puts our boundary on a notebook role',
      'Allowed',
      'iam:PutRolePermissionsBoundary',
      n.notebookRole,
      ours,
    ),
    // DenyChangingRolesWithoutTheBoundary: policies, updates and deletes of roles that do not carry our boundary.
    ask(
      'DenyChangingRolesWithoutTheBoundary',
      "puts an inline policy on the trail's delivery role (no boundary)",
      'ExplicitlyDenied',
      'iam:PutRolePolicy',
      n.trailDeliveryRole,
    ),
    ask(
      'DenyChangingRolesWithoutTheBoundary',
      'puts an inline policy on a role with another boundary',
      'ExplicitlyDenied',
      'iam:PutRolePolicy',
      n.notebookRole,
      boundary(n.otherBoundary),
    ),
    ask(
      'DenyChangingRolesWithoutTheBoundary',
      "attaches the notebook team's own policy to a role without a boundary",
      'ExplicitlyDenied',
      'iam:AttachRolePolicy',
      n.trailDeliveryRole,
      { 'iam:PolicyARN': n.teamPolicy },
    ),
    ask(
      'DenyChangingRolesWithoutTheBoundary',
      "detaches a policy from the trail's delivery role",
      'ExplicitlyDenied',
      'iam:DetachRolePolicy',
      n.trailDeliveryRole,
      { 'iam:PolicyARN': n.teamPolicy },
    ),
    ask(
      'DenyChangingRolesWithoutTheBoundary',
      "deletes the trail's delivery role",
      'ExplicitlyDenied',
      'iam:DeleteRole',
      n.trailDeliveryRole,
    ),
    ask(
      'DenyChangingRolesWithoutTheBoundary',
      'broken: puts an inline policy on a notebook role with our boundary',
      'Allowed',
      'iam:PutRolePolicy',
      n.notebookRole,
      ours,
    ),
    // DenyRewritingTrusts: no role's trust is rewritten, whatever its boundary.
    ask(
      'DenyRewritingTrusts',
      'rewrites the trust of a notebook role that carries our boundary',
      'ExplicitlyDenied',
      'iam:UpdateAssumeRolePolicy',
      n.notebookRole,
      ours,
    ),
    ask(
      'DenyRewritingTrusts',
      "rewrites the trust of the trail's delivery role",
      'ExplicitlyDenied',
      'iam:UpdateAssumeRolePolicy',
      n.trailDeliveryRole,
    ),
    // DenyRemovingAnyBoundary: no condition to break.
    ask(
      'DenyRemovingAnyBoundary',
      'removes the boundary of a notebook role',
      'ExplicitlyDenied',
      'iam:DeleteRolePermissionsBoundary',
      n.notebookRole,
      ours,
    ),
    ask(
      'DenyRemovingAnyBoundary',
      'removes the boundary of a user under the path',
      'ExplicitlyDenied',
      'iam:DeleteUserPermissionsBoundary',
      iam(`user${p}carol`),
      ours,
    ),
    // DenyEditingTheEnvironmentsPolicies: the boundary, this policy and every other `<stem>-` policy of the path.
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      'writes a new version of the delegation policy itself',
      'ExplicitlyDenied',
      'iam:CreatePolicyVersion',
      f.delegationArn,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      'makes an old version of the delegation policy the default',
      'ExplicitlyDenied',
      'iam:SetDefaultPolicyVersion',
      f.delegationArn,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      'deletes the delegation policy',
      'ExplicitlyDenied',
      'iam:DeletePolicy',
      f.delegationArn,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      'writes a new version of the boundary',
      'ExplicitlyDenied',
      'iam:CreatePolicyVersion',
      f.boundaryArn,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      'deletes a version of the boundary',
      'ExplicitlyDenied',
      'iam:DeletePolicyVersion',
      f.boundaryArn,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      'writes a new version of the guardrail',
      'ExplicitlyDenied',
      'iam:CreatePolicyVersion',
      n.guardrailPolicy,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      'writes a new version of the caller-key policy',
      'ExplicitlyDenied',
      'iam:CreatePolicyVersion',
      n.callerKeyPolicy,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      "broken: writes a new version of the notebook team's own policy",
      'Allowed',
      'iam:CreatePolicyVersion',
      n.teamPolicy,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      "writes a new version of a neighbouring environment's boundary in the same account (<stem>2)",
      'ExplicitlyDenied',
      'iam:CreatePolicyVersion',
      n.neighbourBoundary,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      "deletes a neighbouring environment's delegation policy (<stem>2)",
      'ExplicitlyDenied',
      'iam:DeletePolicy',
      n.neighbourDelegation,
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      "creates a managed policy outside the notebook team's path",
      'ExplicitlyDenied',
      'iam:CreatePolicy',
      iam(`policy${p}${f.stem}-extra`),
    ),
    ask(
      'DenyEditingTheEnvironmentsPolicies',
      'broken: creates a managed policy under its own path',
      'Allowed',
      'iam:CreatePolicy',
      n.teamPolicy,
    ),
    // DenyAttachingPoliciesThatAreNotTheNotebookTeams: iam:PolicyARN must be under the notebook path.
    ask(
      'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
      'attaches AdministratorAccess to a notebook role',
      'ExplicitlyDenied',
      'iam:AttachRolePolicy',
      n.notebookRole,
      { ...ours, 'iam:PolicyARN': n.awsAdministratorAccess },
    ),
    ask(
      'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
      'attaches the delegation policy to a notebook role',
      'ExplicitlyDenied',
      'iam:AttachRolePolicy',
      n.notebookRole,
      { ...ours, 'iam:PolicyARN': f.delegationArn },
    ),
    ask(
      'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
      'attaches AdministratorAccess to a group under the path',
      'ExplicitlyDenied',
      'iam:AttachGroupPolicy',
      iam(`group${p}scientists`),
      { 'iam:PolicyARN': n.awsAdministratorAccess },
    ),
    ask(
      'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
      "broken: attaches the notebook team's own policy to a notebook role",
      'Allowed',
      'iam:AttachRolePolicy',
      n.notebookRole,
      { ...ours, 'iam:PolicyARN': n.teamPolicy },
    ),
    // DenyUsersGroupsAndInstanceProfiles: every IAM action on them; no condition to break.
    ask(
      'DenyUsersGroupsAndInstanceProfiles',
      'creates a user under the path',
      'ExplicitlyDenied',
      'iam:CreateUser',
      iam(`user${p}carol`),
      ours,
    ),
    ask(
      'DenyUsersGroupsAndInstanceProfiles',
      'creates an access key for a user under the path',
      'ExplicitlyDenied',
      'iam:CreateAccessKey',
      iam(`user${p}carol`),
    ),
    ask(
      'DenyUsersGroupsAndInstanceProfiles',
      'puts an inline policy on a user under the path',
      'ExplicitlyDenied',
      'iam:PutUserPolicy',
      iam(`user${p}carol`),
    ),
    ask(
      'DenyUsersGroupsAndInstanceProfiles',
      'adds a user to a group under the path',
      'ExplicitlyDenied',
      'iam:AddUserToGroup',
      iam(`group${p}scientists`),
    ),
    ask(
      'DenyUsersGroupsAndInstanceProfiles',
      "attaches the notebook team's own policy to a user under the path",
      'ExplicitlyDenied',
      'iam:AttachUserPolicy',
      iam(`user${p}ops`),
      { 'iam:PolicyARN': n.teamPolicy },
    ),
    ask(
      'DenyUsersGroupsAndInstanceProfiles',
      "attaches the notebook team's own policy to a group under the path",
      'ExplicitlyDenied',
      'iam:AttachGroupPolicy',
      iam(`group${p}ops`),
      { 'iam:PolicyARN': n.teamPolicy },
    ),
    ask(
      'DenyUsersGroupsAndInstanceProfiles',
      'puts a notebook role in an instance profile (a way to hand it to EC2)',
      'ExplicitlyDenied',
      'iam:AddRoleToInstanceProfile',
      iam(`instance-profile${p}x`),
    ),
    // DenyPassingNotebookRolesToOtherServices: iam:PassedToService must be SageMaker.
    ask(
      'DenyPassingNotebookRolesToOtherServices',
      'passes a notebook role to EC2',
      'ExplicitlyDenied',
      'iam:PassRole',
      n.notebookRole,
      { 'iam:PassedToService': 'ec2.amazonaws.com' },
    ),
    ask(
      'DenyPassingNotebookRolesToOtherServices',
      'broken: passes a notebook role to SageMaker',
      'Allowed',
      'iam:PassRole',
      n.notebookRole,
      { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    ),
    // DenyPassingOtherRoles: only the notebook team's own roles are passed.
    ask(
      'DenyPassingOtherRoles',
      "passes the trail's delivery role to Lambda",
      'ExplicitlyDenied',
      'iam:PassRole',
      n.trailDeliveryRole,
      { 'iam:PassedToService': 'lambda.amazonaws.com' },
    ),
    ask(
      'DenyPassingOtherRoles',
      "passes another layer's role to SageMaker",
      'ExplicitlyDenied',
      'iam:PassRole',
      n.outsideRole,
      { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    ),
    ask(
      'DenyPassingOtherRoles',
      'broken: passes its own notebook role to SageMaker',
      'Allowed',
      'iam:PassRole',
      n.notebookRole,
      { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    ),
  ];
}

export function delegationCases(f: DelegationFacts): AccessCase[] {
  const beside = besidePlatformGrantCases(f);
  const withAdministrator = beside
    .filter((c) => c.expected === 'ExplicitlyDenied')
    .map((c) => ({
      ...c,
      name: c.name.replace('beside the platform grant: ', 'beside administrator access: '),
      attached: [ADMINISTRATOR_ACCESS],
    }));
  return [...aloneCases(f), ...beside, ...withAdministrator];
}
