/**
 * IAM simulation of the delegation policy (notebook-role-delegation): what the notebook team's deployment role may
 * do in IAM. It creates and changes roles only under the environment's notebook role path and only with the
 * notebook boundary attached, and never removes a boundary or edits the boundary policy, even when it holds
 * broader permissions as well (the denies are explicit). The same policy beside the runbook's platform grant (IAM on
 * the whole `/secure-ml/` path) is simulated in simulate-delegation-broader.test.ts.
 */
import { ACCOUNT, managedPolicy, planSecurity, type Document } from './support/plan';
import { ADMINISTRATOR_ACCESS, STEM } from './support/cases';
import { decide, type Decision } from './support/simulate';
import type { LayerPlan } from '@secure-ml/shared/testing';

const DEPLOYER = `arn:aws:sts::${ACCOUNT}:assumed-role/sml-notebook-deploy/pulumi`;
const PATH = `/secure-ml/${STEM}/notebooks/`;
const role = (pathAndName: string) => `arn:aws:iam::${ACCOUNT}:role${pathAndName}`;
const NOTEBOOK_ROLE = role(`${PATH}${STEM}-notebook-carol`);
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/secure-ml/${STEM}-notebook-boundary`;
const OTHER_BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess-boundary`;

interface Ask {
  readonly name: string;
  readonly expected: Decision;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string>;
  readonly attached?: Document[];
}
const ask = (
  name: string,
  expected: Decision,
  action: string,
  resource: string,
  context: Record<string, string> = {},
  attached: Document[] = [],
): Ask => ({ name, expected, action, resource, context, attached });
const boundary = (arn: string) => ({ 'iam:PermissionsBoundary': arn });

const CASES: Ask[] = [
  ask(
    'creates a notebook role under the path with the boundary',
    'Allowed',
    'iam:CreateRole',
    NOTEBOOK_ROLE,
    boundary(BOUNDARY),
  ),
  ask('creates a notebook role without a boundary', 'ExplicitlyDenied', 'iam:CreateRole', NOTEBOOK_ROLE),
  ask(
    'creates a notebook role with another boundary',
    'ExplicitlyDenied',
    'iam:CreateRole',
    NOTEBOOK_ROLE,
    boundary(OTHER_BOUNDARY),
  ),
  ask(
    'creates a role outside the path, even with the boundary',
    'ExplicitlyDenied',
    'iam:CreateRole',
    role(`/secure-ml/${STEM}-admin`),
    boundary(BOUNDARY),
  ),
  ask(
    "creates a role under a neighbouring environment's path (sml-dev2)",
    'ExplicitlyDenied',
    'iam:CreateRole',
    role(`/secure-ml/${STEM}2/notebooks/${STEM}2-notebook-carol`),
    boundary(BOUNDARY),
  ),
  ask(
    'creates a role at the root path with the boundary',
    'ExplicitlyDenied',
    'iam:CreateRole',
    role(`/${STEM}-notebook-carol`),
    boundary(BOUNDARY),
  ),
  ask(
    'removes the boundary of a notebook role',
    'ExplicitlyDenied',
    'iam:DeleteRolePermissionsBoundary',
    NOTEBOOK_ROLE,
    boundary(BOUNDARY),
  ),
  ask(
    'with administrator access as well: removes the boundary of a notebook role',
    'ExplicitlyDenied',
    'iam:DeleteRolePermissionsBoundary',
    NOTEBOOK_ROLE,
    boundary(BOUNDARY),
    [ADMINISTRATOR_ACCESS],
  ),
  ask(
    'sets the boundary on a notebook role again',
    'Allowed',
    'iam:PutRolePermissionsBoundary',
    NOTEBOOK_ROLE,
    boundary(BOUNDARY),
  ),
  ask(
    'replaces the boundary of a notebook role with another',
    'ExplicitlyDenied',
    'iam:PutRolePermissionsBoundary',
    NOTEBOOK_ROLE,
    boundary(OTHER_BOUNDARY),
  ),
  ask(
    'puts an inline policy on a notebook role that carries the boundary',
    'Allowed',
    'iam:PutRolePolicy',
    NOTEBOOK_ROLE,
    boundary(BOUNDARY),
  ),
  ask(
    'puts an inline policy on a role under the path without the boundary',
    'ExplicitlyDenied',
    'iam:PutRolePolicy',
    NOTEBOOK_ROLE,
  ),
  ask(
    'rewrites the trust policy of a notebook role (the trust is written once, by CreateRole)',
    'ExplicitlyDenied',
    'iam:UpdateAssumeRolePolicy',
    NOTEBOOK_ROLE,
    boundary(BOUNDARY),
  ),
  ask('deletes a notebook role', 'Allowed', 'iam:DeleteRole', NOTEBOOK_ROLE, boundary(BOUNDARY)),
  ask(
    'deletes a role outside the path',
    'ImplicitlyDenied',
    'iam:DeleteRole',
    role(`/secure-ml/${STEM}-flow-logs`),
    boundary(BOUNDARY),
  ),
  ask(
    'attaches an AWS-managed policy to a notebook role (IAM-4: inline only)',
    'ExplicitlyDenied',
    'iam:AttachRolePolicy',
    NOTEBOOK_ROLE,
    { ...boundary(BOUNDARY), 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
  ),
  ask('tags a notebook role', 'Allowed', 'iam:TagRole', NOTEBOOK_ROLE),
  ask('reads a notebook role', 'Allowed', 'iam:GetRole', NOTEBOOK_ROLE),
  ask('passes a notebook role to SageMaker', 'Allowed', 'iam:PassRole', NOTEBOOK_ROLE, {
    'iam:PassedToService': 'sagemaker.amazonaws.com',
  }),
  ask('passes a notebook role to EC2', 'ExplicitlyDenied', 'iam:PassRole', NOTEBOOK_ROLE, {
    'iam:PassedToService': 'ec2.amazonaws.com',
  }),
  ask('edits the boundary policy (a new version)', 'ExplicitlyDenied', 'iam:CreatePolicyVersion', BOUNDARY),
  ask(
    'with administrator access as well: edits the boundary policy',
    'ExplicitlyDenied',
    'iam:CreatePolicyVersion',
    BOUNDARY,
    {},
    [ADMINISTRATOR_ACCESS],
  ),
  ask(
    'with administrator access as well: makes an old version of the boundary the default',
    'ExplicitlyDenied',
    'iam:SetDefaultPolicyVersion',
    BOUNDARY,
    {},
    [ADMINISTRATOR_ACCESS],
  ),
  ask('deletes the boundary policy', 'ExplicitlyDenied', 'iam:DeletePolicy', BOUNDARY),
  ask(
    'with administrator access as well: creates a notebook role without the boundary',
    'ExplicitlyDenied',
    'iam:CreateRole',
    NOTEBOOK_ROLE,
    {},
    [ADMINISTRATOR_ACCESS],
  ),
];

it('runs every case (their number written out, so that a dropped case fails here)', () => {
  expect(CASES).toHaveLength(25);
});

describe.each(['dev'])('IAM simulation: the notebook team deployment role in %s', (stack) => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planSecurity(stack);
  });

  it('is the published managed policy, and its document is published as it is', () => {
    expect(plan.outputs['notebookRoleDelegation']).toBe(
      JSON.stringify(managedPolicy(plan, 'notebook-role-delegation')),
    );
    expect(plan.outputs['notebookBoundaryArn']).toBe(BOUNDARY);
  });

  it.each(CASES.map((c) => [c.name, c.expected, c] as const))('%s: %s', async (_name, expected, c) => {
    expect(
      await decide(
        {
          principal: DEPLOYER,
          action: c.action,
          resource: c.resource,
          context: { 'aws:PrincipalAccount': ACCOUNT, ...c.context },
        },
        { identity: [managedPolicy(plan, 'notebook-role-delegation'), ...(c.attached ?? [])] },
      ),
    ).toBe(expected);
  });
});
