/**
 * The delegation policy beside broader IAM rights. An account may attach the delegation to a role that also holds
 * the runbook's platform grant (IAM on the whole `/secure-ml/` path, docs/runbook.md "CI roles"), by mistake or
 * because one role deploys every layer. Its denies must hold whatever else is attached: each deny is asked once
 * with every condition satisfied (denied) and once with exactly one condition broken (then the broader grant
 * allows, which proves the deny, not a missing allow, decided the first case).
 */
import { ACCOUNT, managedPolicy, planSecurity, type Document } from './support/plan';
import { ADMINISTRATOR_ACCESS, STEM } from './support/cases';
import { decide, type Decision } from './support/simulate';
import type { LayerPlan } from '@secure-ml/shared/testing';

const DEPLOYER = `arn:aws:sts::${ACCOUNT}:assumed-role/sml-notebook-deploy/pulumi`;
const iam = (resource: string) => `arn:aws:iam::${ACCOUNT}:${resource}`;
const NOTEBOOK_ROLE = iam(`role/secure-ml/${STEM}/notebooks/${STEM}-notebook-carol`);
const TRAIL_DELIVERY_ROLE = iam(`role/secure-ml/${STEM}-trail-delivery`);
const OUTSIDE_ROLE = iam(`role/secure-ml/${STEM}-admin`);
const NEIGHBOUR_ROLE = iam(`role/secure-ml/${STEM}2/notebooks/${STEM}2-notebook-carol`);
const BOUNDARY = iam(`policy/secure-ml/${STEM}-notebook-boundary`);
const DELEGATION = iam(`policy/secure-ml/${STEM}-notebook-role-delegation`);
const GUARDRAIL = iam(`policy/secure-ml/${STEM}-notebook-guardrail`);
const CALLER_KEY = iam(`policy/secure-ml/${STEM}-notebook-caller-key`);
const TEAM_POLICY = iam(`policy/secure-ml/${STEM}/notebooks/${STEM}-notebook-carol-extra`);
const OTHER_BOUNDARY = iam('policy/AdministratorAccess-boundary');
// Another environment in the same account (IAM is global): its boundary and delegation sit beside this one's.
const PROD_BOUNDARY = iam('policy/secure-ml/sml-prod-notebook-boundary');
const PROD_DELEGATION = iam('policy/secure-ml/sml-prod-notebook-role-delegation');
const AWS_ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** The runbook's platform deploy grant (docs/runbook.md, "CI roles"), written out. */
const RUNBOOK_PLATFORM_IAM_GRANT: Document = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'IamOnTheEnvironmentPath',
      Effect: 'Allow',
      Action: 'iam:*',
      Resource: [
        `arn:aws:iam::${ACCOUNT}:role/secure-ml/*`,
        `arn:aws:iam::${ACCOUNT}:policy/secure-ml/*`,
        `arn:aws:iam::${ACCOUNT}:instance-profile/secure-ml/*`,
        `arn:aws:iam::${ACCOUNT}:user/secure-ml/*`,
        `arn:aws:iam::${ACCOUNT}:group/secure-ml/*`,
      ],
    },
  ],
};

interface Ask {
  readonly deny: string;
  readonly name: string;
  readonly expected: Decision;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string>;
}
const ask = (
  deny: string,
  name: string,
  expected: Decision,
  action: string,
  resource: string,
  context: Record<string, string> = {},
): Ask => ({ deny, name, expected, action, resource, context });
const boundary = (arn: string) => ({ 'iam:PermissionsBoundary': arn });
const ours = boundary(BOUNDARY);

const CASES: Ask[] = [
  // DenyRolesWithoutTheBoundary: CreateRole and PutRolePermissionsBoundary on role/*, unless the boundary is ours.
  ask(
    'DenyRolesWithoutTheBoundary',
    'creates a notebook role without a boundary',
    'ExplicitlyDenied',
    'iam:CreateRole',
    NOTEBOOK_ROLE,
  ),
  ask(
    'DenyRolesWithoutTheBoundary',
    'creates a notebook role with another boundary',
    'ExplicitlyDenied',
    'iam:CreateRole',
    NOTEBOOK_ROLE,
    boundary(OTHER_BOUNDARY),
  ),
  ask(
    'DenyRolesWithoutTheBoundary',
    'puts another boundary on a notebook role',
    'ExplicitlyDenied',
    'iam:PutRolePermissionsBoundary',
    NOTEBOOK_ROLE,
    boundary(OTHER_BOUNDARY),
  ),
  ask(
    'DenyRolesWithoutTheBoundary',
    'puts another boundary on a role outside the path',
    'ExplicitlyDenied',
    'iam:PutRolePermissionsBoundary',
    TRAIL_DELIVERY_ROLE,
    boundary(OTHER_BOUNDARY),
  ),
  ask(
    'DenyRolesWithoutTheBoundary',
    'broken: creates a notebook role with our boundary',
    'Allowed',
    'iam:CreateRole',
    NOTEBOOK_ROLE,
    ours,
  ),
  // DenyRolesOutsideTheNotebookPath: CreateRole and PutRolePermissionsBoundary anywhere but the notebook path.
  ask(
    'DenyRolesOutsideTheNotebookPath',
    'creates a role with our boundary outside the path',
    'ExplicitlyDenied',
    'iam:CreateRole',
    OUTSIDE_ROLE,
    ours,
  ),
  ask(
    'DenyRolesOutsideTheNotebookPath',
    "creates a role with our boundary under a neighbouring environment's path",
    'ExplicitlyDenied',
    'iam:CreateRole',
    NEIGHBOUR_ROLE,
    ours,
  ),
  ask(
    'DenyRolesOutsideTheNotebookPath',
    "puts our boundary on the trail's delivery role (it would stop delivery)",
    'ExplicitlyDenied',
    'iam:PutRolePermissionsBoundary',
    TRAIL_DELIVERY_ROLE,
    ours,
  ),
  ask(
    'DenyRolesOutsideTheNotebookPath',
    'broken: puts our boundary on a notebook role',
    'Allowed',
    'iam:PutRolePermissionsBoundary',
    NOTEBOOK_ROLE,
    ours,
  ),
  // DenyChangingRolesWithoutTheBoundary: policies, updates and deletes of roles that do not carry our boundary.
  ask(
    'DenyChangingRolesWithoutTheBoundary',
    "puts an inline policy on the trail's delivery role (no boundary)",
    'ExplicitlyDenied',
    'iam:PutRolePolicy',
    TRAIL_DELIVERY_ROLE,
  ),
  ask(
    'DenyChangingRolesWithoutTheBoundary',
    'puts an inline policy on a role with another boundary',
    'ExplicitlyDenied',
    'iam:PutRolePolicy',
    NOTEBOOK_ROLE,
    boundary(OTHER_BOUNDARY),
  ),
  ask(
    'DenyChangingRolesWithoutTheBoundary',
    "attaches the notebook team's own policy to a role without a boundary",
    'ExplicitlyDenied',
    'iam:AttachRolePolicy',
    TRAIL_DELIVERY_ROLE,
    { 'iam:PolicyARN': TEAM_POLICY },
  ),
  ask(
    'DenyChangingRolesWithoutTheBoundary',
    "detaches a policy from the trail's delivery role",
    'ExplicitlyDenied',
    'iam:DetachRolePolicy',
    TRAIL_DELIVERY_ROLE,
    { 'iam:PolicyARN': TEAM_POLICY },
  ),
  ask(
    'DenyChangingRolesWithoutTheBoundary',
    "deletes the trail's delivery role",
    'ExplicitlyDenied',
    'iam:DeleteRole',
    TRAIL_DELIVERY_ROLE,
  ),
  ask(
    'DenyChangingRolesWithoutTheBoundary',
    'broken: puts an inline policy on a notebook role with our boundary',
    'Allowed',
    'iam:PutRolePolicy',
    NOTEBOOK_ROLE,
    ours,
  ),
  // DenyRewritingTrusts: no role's trust is rewritten, whatever its boundary.
  ask(
    'DenyRewritingTrusts',
    'rewrites the trust of a notebook role that carries our boundary',
    'ExplicitlyDenied',
    'iam:UpdateAssumeRolePolicy',
    NOTEBOOK_ROLE,
    ours,
  ),
  ask(
    'DenyRewritingTrusts',
    "rewrites the trust of the trail's delivery role",
    'ExplicitlyDenied',
    'iam:UpdateAssumeRolePolicy',
    TRAIL_DELIVERY_ROLE,
  ),
  // DenyRemovingAnyBoundary: no condition to break.
  ask(
    'DenyRemovingAnyBoundary',
    'removes the boundary of a notebook role',
    'ExplicitlyDenied',
    'iam:DeleteRolePermissionsBoundary',
    NOTEBOOK_ROLE,
    ours,
  ),
  ask(
    'DenyRemovingAnyBoundary',
    'removes the boundary of a user under the path',
    'ExplicitlyDenied',
    'iam:DeleteUserPermissionsBoundary',
    iam('user/secure-ml/carol'),
    ours,
  ),
  // DenyEditingTheEnvironmentsPolicies: the boundary, this policy and every other `<stem>-` policy of the path.
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    'writes a new version of the delegation policy itself',
    'ExplicitlyDenied',
    'iam:CreatePolicyVersion',
    DELEGATION,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    'makes an old version of the delegation policy the default',
    'ExplicitlyDenied',
    'iam:SetDefaultPolicyVersion',
    DELEGATION,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    'deletes the delegation policy',
    'ExplicitlyDenied',
    'iam:DeletePolicy',
    DELEGATION,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    'writes a new version of the boundary',
    'ExplicitlyDenied',
    'iam:CreatePolicyVersion',
    BOUNDARY,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    'deletes a version of the boundary',
    'ExplicitlyDenied',
    'iam:DeletePolicyVersion',
    BOUNDARY,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    'writes a new version of the guardrail',
    'ExplicitlyDenied',
    'iam:CreatePolicyVersion',
    GUARDRAIL,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    'writes a new version of the caller-key policy',
    'ExplicitlyDenied',
    'iam:CreatePolicyVersion',
    CALLER_KEY,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    "broken: writes a new version of the notebook team's own policy",
    'Allowed',
    'iam:CreatePolicyVersion',
    TEAM_POLICY,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    "writes a new version of another environment's boundary in the same account",
    'ExplicitlyDenied',
    'iam:CreatePolicyVersion',
    PROD_BOUNDARY,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    "deletes another environment's delegation policy",
    'ExplicitlyDenied',
    'iam:DeletePolicy',
    PROD_DELEGATION,
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    "creates a managed policy outside the notebook team's path",
    'ExplicitlyDenied',
    'iam:CreatePolicy',
    iam(`policy/secure-ml/${STEM}-extra`),
  ),
  ask(
    'DenyEditingTheEnvironmentsPolicies',
    'broken: creates a managed policy under its own path',
    'Allowed',
    'iam:CreatePolicy',
    TEAM_POLICY,
  ),
  // DenyAttachingPoliciesThatAreNotTheNotebookTeams: iam:PolicyARN must be under the notebook path.
  ask(
    'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
    'attaches AdministratorAccess to a notebook role',
    'ExplicitlyDenied',
    'iam:AttachRolePolicy',
    NOTEBOOK_ROLE,
    { ...ours, 'iam:PolicyARN': AWS_ADMIN },
  ),
  ask(
    'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
    'attaches the delegation policy to a notebook role',
    'ExplicitlyDenied',
    'iam:AttachRolePolicy',
    NOTEBOOK_ROLE,
    { ...ours, 'iam:PolicyARN': DELEGATION },
  ),
  ask(
    'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
    'attaches AdministratorAccess to a group under the path',
    'ExplicitlyDenied',
    'iam:AttachGroupPolicy',
    iam('group/secure-ml/scientists'),
    { 'iam:PolicyARN': AWS_ADMIN },
  ),
  ask(
    'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
    "broken: attaches the notebook team's own policy to a notebook role",
    'Allowed',
    'iam:AttachRolePolicy',
    NOTEBOOK_ROLE,
    { ...ours, 'iam:PolicyARN': TEAM_POLICY },
  ),
  // DenyUsersGroupsAndInstanceProfiles: every IAM action on them; no condition to break.
  ask(
    'DenyUsersGroupsAndInstanceProfiles',
    'creates a user under the path',
    'ExplicitlyDenied',
    'iam:CreateUser',
    iam('user/secure-ml/carol'),
    ours,
  ),
  ask(
    'DenyUsersGroupsAndInstanceProfiles',
    'creates an access key for a user under the path',
    'ExplicitlyDenied',
    'iam:CreateAccessKey',
    iam('user/secure-ml/carol'),
  ),
  ask(
    'DenyUsersGroupsAndInstanceProfiles',
    'puts an inline policy on a user under the path',
    'ExplicitlyDenied',
    'iam:PutUserPolicy',
    iam('user/secure-ml/carol'),
  ),
  ask(
    'DenyUsersGroupsAndInstanceProfiles',
    'adds a user to a group under the path',
    'ExplicitlyDenied',
    'iam:AddUserToGroup',
    iam('group/secure-ml/scientists'),
  ),
  ask(
    'DenyUsersGroupsAndInstanceProfiles',
    "attaches the notebook team's own policy to a user under the path",
    'ExplicitlyDenied',
    'iam:AttachUserPolicy',
    iam('user/secure-ml/ops'),
    { 'iam:PolicyARN': TEAM_POLICY },
  ),
  ask(
    'DenyUsersGroupsAndInstanceProfiles',
    "attaches the notebook team's own policy to a group under the path",
    'ExplicitlyDenied',
    'iam:AttachGroupPolicy',
    iam('group/secure-ml/ops'),
    { 'iam:PolicyARN': TEAM_POLICY },
  ),
  ask(
    'DenyUsersGroupsAndInstanceProfiles',
    'puts a notebook role in an instance profile (a way to hand it to EC2)',
    'ExplicitlyDenied',
    'iam:AddRoleToInstanceProfile',
    iam('instance-profile/secure-ml/x'),
  ),
  // DenyPassingNotebookRolesToOtherServices: iam:PassedToService must be SageMaker.
  ask(
    'DenyPassingNotebookRolesToOtherServices',
    'passes a notebook role to EC2',
    'ExplicitlyDenied',
    'iam:PassRole',
    NOTEBOOK_ROLE,
    { 'iam:PassedToService': 'ec2.amazonaws.com' },
  ),
  ask(
    'DenyPassingNotebookRolesToOtherServices',
    'broken: passes a notebook role to SageMaker',
    'Allowed',
    'iam:PassRole',
    NOTEBOOK_ROLE,
    { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
  ),
  // DenyPassingOtherRoles: only the notebook team's own roles are passed.
  ask(
    'DenyPassingOtherRoles',
    "passes the trail's delivery role to Lambda",
    'ExplicitlyDenied',
    'iam:PassRole',
    TRAIL_DELIVERY_ROLE,
    { 'iam:PassedToService': 'lambda.amazonaws.com' },
  ),
  ask(
    'DenyPassingOtherRoles',
    "passes another layer's role to SageMaker",
    'ExplicitlyDenied',
    'iam:PassRole',
    OUTSIDE_ROLE,
    { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
  ),
  ask(
    'DenyPassingOtherRoles',
    'broken: passes its own notebook role to SageMaker',
    'Allowed',
    'iam:PassRole',
    NOTEBOOK_ROLE,
    { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
  ),
];

it('runs every case (their number written out, so that a dropped case fails here)', () => {
  expect(CASES).toHaveLength(47);
});

it('asks every deny of the delegation policy', async () => {
  const plan = await planSecurity('dev');
  const denies = managedPolicy(plan, 'notebook-role-delegation')
    .Statement.filter((s) => s.Effect === 'Deny')
    .map((s) => s.Sid);
  expect(denies).toEqual([
    'DenyRolesWithoutTheBoundary',
    'DenyRolesOutsideTheNotebookPath',
    'DenyChangingRolesWithoutTheBoundary',
    'DenyRewritingTrusts',
    'DenyRemovingAnyBoundary',
    'DenyEditingTheEnvironmentsPolicies',
    'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
    'DenyUsersGroupsAndInstanceProfiles',
    'DenyPassingNotebookRolesToOtherServices',
    'DenyPassingOtherRoles',
  ]);
  expect([...new Set(CASES.map((c) => c.deny))]).toEqual(denies);
});

describe('IAM simulation: the delegation policy beside the runbook platform grant (dev)', () => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planSecurity('dev');
  });

  it.each(CASES.map((c) => [c.deny, c.name, c.expected, c] as const))(
    '%s: %s: %s',
    async (_deny, _name, expected, c) => {
      const identity = [managedPolicy(plan, 'notebook-role-delegation'), RUNBOOK_PLATFORM_IAM_GRANT];
      const request = {
        principal: DEPLOYER,
        action: c.action,
        resource: c.resource,
        context: { 'aws:PrincipalAccount': ACCOUNT, ...c.context },
      };
      expect(await decide(request, { identity })).toBe(expected);
    },
  );

  it.each(CASES.filter((c) => c.expected === 'ExplicitlyDenied').map((c) => [c.name, c] as const))(
    'with administrator access as well: %s: ExplicitlyDenied',
    async (_name, c) => {
      const identity = [managedPolicy(plan, 'notebook-role-delegation'), ADMINISTRATOR_ACCESS];
      const request = {
        principal: DEPLOYER,
        action: c.action,
        resource: c.resource,
        context: { 'aws:PrincipalAccount': ACCOUNT, ...c.context },
      };
      expect(await decide(request, { identity })).toBe('ExplicitlyDenied');
    },
  );
});
