import { namesOf } from './names';
import { ADMINISTRATOR_ACCESS, allow, type AccessCase, type CaseFacts, type Decision } from './types';

/**
 * What the guardrail (packages/guardrail) must refuse and allow, for three people: a data scientist under the IAM
 * policy with broad SageMaker rights, an account administrator under the SCP, and the deployment role the SCP
 * exempts from its lifecycle-configuration deny only. Each bypass breaks one pin with every other setting
 * compliant (issue 13's list, then further ways around: mixed lists, omitted keys whose API default is unsafe),
 * and each is tried on a notebook named inside the environment's pattern and outside it, which only a deny on
 * `Resource: "*"` covers.
 */

/** The environment's values a compliant request names: from the upstream plans offline, the outputs in AWS. */
export interface GuardrailFacts extends CaseFacts {
  /** One of the environment's private subnets (network layer). */
  readonly subnetId: string;
  /** The notebooks' security group (network layer). */
  readonly securityGroupId: string;
  /** The lifecycle configuration the guardrail pins, by the name the notebook layer gives it (libs/shared naming). */
  readonly lifecycleConfigArn: string;
  /** A role in `secure-ml-guardrail:deploymentRoleArns`; without one, the deployment cases are left out. */
  readonly deploymentRoleArn?: string;
}

type Context = Readonly<Record<string, string | readonly string[]>>;

export const CREATE_NOTEBOOK = 'sagemaker:CreateNotebookInstance';
export const UPDATE_NOTEBOOK = 'sagemaker:UpdateNotebookInstance';
/** Outside the list of allowed types (libs/shared/src/catalogue/notebook-instance-types.ts). */
const UNLISTED_TYPE = 'ml.p4d.24xlarge';
const FOREIGN_SUBNET = 'subnet-0f0e1d2c3b4a59687';
const FOREIGN_GROUP = 'sg-0f0e1d2c3b4a59687';

const compliantCreate = (f: GuardrailFacts): Context => ({
  'sagemaker:DirectInternetAccess': 'Disabled',
  'sagemaker:RootAccess': 'Disabled',
  'sagemaker:VpcSubnets': [f.subnetId],
  'sagemaker:VpcSecurityGroupIds': [f.securityGroupId],
  'sagemaker:NotebookInstanceLifecycleConfigArns': [f.lifecycleConfigArn],
  'sagemaker:MinimumInstanceMetadataServiceVersion': '2',
  'sagemaker:VolumeKmsKeyArn': f.dataKeyArn,
  'sagemaker:InstanceTypes': ['ml.t3.medium'],
});
/** An update that sets everything UpdateNotebookInstance can set of the pinned settings, compliantly. */
const compliantUpdate = (f: GuardrailFacts): Context => ({
  'sagemaker:RootAccess': 'Disabled',
  'sagemaker:NotebookInstanceLifecycleConfigArns': [f.lifecycleConfigArn],
  'sagemaker:MinimumInstanceMetadataServiceVersion': '2',
  'sagemaker:InstanceTypes': ['ml.m5.xlarge'],
});

interface Bypass {
  readonly name: string;
  readonly action: string;
  readonly on: 'notebook' | 'lifecycle';
  readonly context: Context;
}

function bypassesOf(f: GuardrailFacts): Bypass[] {
  const partitionArn = (rest: string) => `arn:${f.partition}:${rest}`;
  const foreignLifecycle = partitionArn(
    `sagemaker:${f.region}:${f.account}:notebook-instance-lifecycle-config/root-shell`,
  );
  const foreignKey = partitionArn(`kms:${f.region}:${f.account}:key/11111111-2222-3333-4444-555555555555`);
  const create = compliantCreate(f);
  const update = compliantUpdate(f);
  const changed = (base: Context, changes: Context): Context => ({ ...base, ...changes });
  const without = (base: Context, key: string): Context =>
    Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
  const onCreate = (name: string, context: Context): Bypass => ({
    name,
    action: CREATE_NOTEBOOK,
    on: 'notebook',
    context,
  });
  const onUpdate = (name: string, context: Context): Bypass => ({
    name,
    action: UPDATE_NOTEBOOK,
    on: 'notebook',
    context,
  });
  const onLifecycle = (verb: string): Bypass => ({
    name: `${verb.toLowerCase()} a lifecycle configuration`,
    action: `sagemaker:${verb}NotebookInstanceLifecycleConfig`,
    on: 'lifecycle',
    context: {},
  });
  return [
    // Issue 13's list.
    onCreate('create with a foreign subnet', changed(create, { 'sagemaker:VpcSubnets': [FOREIGN_SUBNET] })),
    onCreate(
      'create with a foreign security group',
      changed(create, { 'sagemaker:VpcSecurityGroupIds': [FOREIGN_GROUP] }),
    ),
    onCreate(
      'create with no security group (the VPC default group)',
      without(create, 'sagemaker:VpcSecurityGroupIds'),
    ),
    onCreate(
      'create with another lifecycle configuration',
      changed(create, { 'sagemaker:NotebookInstanceLifecycleConfigArns': [foreignLifecycle] }),
    ),
    onCreate(
      'create with IMDS minimum 1',
      changed(create, { 'sagemaker:MinimumInstanceMetadataServiceVersion': '1' }),
    ),
    onCreate('create with another KMS key', changed(create, { 'sagemaker:VolumeKmsKeyArn': foreignKey })),
    onCreate(
      'create with an instance type outside the list',
      changed(create, { 'sagemaker:InstanceTypes': [UNLISTED_TYPE] }),
    ),
    onUpdate(
      'update that sets another lifecycle configuration',
      changed(update, { 'sagemaker:NotebookInstanceLifecycleConfigArns': [foreignLifecycle] }),
    ),
    onUpdate(
      'update that sets IMDS 1',
      changed(update, { 'sagemaker:MinimumInstanceMetadataServiceVersion': '1' }),
    ),
    onLifecycle('Create'),
    onLifecycle('Update'),
    onLifecycle('Delete'),
    // Further ways around.
    onCreate(
      'create with our subnet and a foreign one',
      changed(create, { 'sagemaker:VpcSubnets': [f.subnetId, FOREIGN_SUBNET] }),
    ),
    onCreate(
      'create with our security group and a foreign one',
      changed(create, { 'sagemaker:VpcSecurityGroupIds': [f.securityGroupId, FOREIGN_GROUP] }),
    ),
    onCreate('create with no subnet (outside the VPC)', without(create, 'sagemaker:VpcSubnets')),
    onCreate(
      'create with no lifecycle configuration',
      without(create, 'sagemaker:NotebookInstanceLifecycleConfigArns'),
    ),
    onCreate(
      'create without an IMDS minimum (API default IMDSv1)',
      without(create, 'sagemaker:MinimumInstanceMetadataServiceVersion'),
    ),
    onCreate('create with no volume KMS key', without(create, 'sagemaker:VolumeKmsKeyArn')),
    onCreate(
      'create with direct internet access',
      changed(create, { 'sagemaker:DirectInternetAccess': 'Enabled' }),
    ),
    onCreate(
      'create without saying direct internet access (API default Enabled)',
      without(create, 'sagemaker:DirectInternetAccess'),
    ),
    onCreate('create with root access', changed(create, { 'sagemaker:RootAccess': 'Enabled' })),
    onCreate(
      'create without saying root access (API default Enabled)',
      without(create, 'sagemaker:RootAccess'),
    ),
    onUpdate('update that enables root access', changed(update, { 'sagemaker:RootAccess': 'Enabled' })),
    onUpdate(
      'update to an instance type outside the list',
      changed(update, { 'sagemaker:InstanceTypes': [UNLISTED_TYPE] }),
    ),
  ];
}

/** Who a case is decided for, and what each gets for a bypass. */
interface Person {
  readonly label: string;
  readonly subject: AccessCase['subject'];
  /** The role whose sessions make the request (`aws:PrincipalArn`, which the SCP's exemption reads). */
  readonly roleArn: string;
  readonly attached: AccessCase['attached'];
  readonly bypass: (b: Bypass) => Decision;
}

export function guardrailCases(f: GuardrailFacts): AccessCase[] {
  const n = namesOf(f);
  const people: Person[] = [
    {
      label: 'data scientist (guardrail policy, sagemaker:* and iam:PassRole besides)',
      subject: 'guardrail',
      roleArn: n.role('DataScientist'),
      attached: [allow('sagemaker:*'), allow('iam:PassRole')],
      bypass: () => 'ExplicitlyDenied',
    },
    {
      label: 'administrator (SCP, not exempt)',
      subject: 'guardrail-scp',
      roleArn: n.role('Administrator'),
      attached: [ADMINISTRATOR_ACCESS],
      bypass: () => 'ExplicitlyDenied',
    },
    ...(f.deploymentRoleArn
      ? [
          {
            label: 'deployment role (SCP, exempt from the lifecycle-configuration deny only)',
            subject: 'guardrail-scp' as const,
            roleArn: f.deploymentRoleArn,
            attached: [ADMINISTRATOR_ACCESS],
            bypass: (b: Bypass): Decision => (b.on === 'lifecycle' ? 'Allowed' : 'ExplicitlyDenied'),
          },
        ]
      : []),
  ];
  const target = (on: Bypass['on'], outside: boolean): string =>
    on === 'notebook'
      ? n.notebook(outside ? 'team-scratch' : `${f.stem}-notebook`)
      : outside
        ? `arn:${f.partition}:sagemaker:${f.region}:${f.account}:notebook-instance-lifecycle-config/root-shell`
        : f.lifecycleConfigArn;
  const bypasses = bypassesOf(f);
  const compliant: [string, string, Context][] = [
    ['a fully compliant create', CREATE_NOTEBOOK, compliantCreate(f)],
    ['a fully compliant update', UPDATE_NOTEBOOK, compliantUpdate(f)],
    ['an update that sets none of the pinned settings', UPDATE_NOTEBOOK, {}],
  ];
  const asCase = (
    p: Person,
    name: string,
    expected: Decision,
    action: string,
    resource: string,
    context: Context,
  ): AccessCase => ({
    name: `${p.label}: ${name}`,
    expected,
    subject: p.subject,
    action,
    resource,
    // AWS sets aws:PrincipalArn to the role's ARN for a role session, not the session's ("AWS global condition
    // context keys", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
    context: { ...context, 'aws:PrincipalArn': p.roleArn },
    attached: p.attached,
  });
  return [
    ...people.flatMap((p) => [
      ...bypasses.flatMap((b) =>
        [false, true].map((outside) =>
          asCase(
            p,
            `${b.name}${outside ? ', named outside the environment' : ''}`,
            p.bypass(b),
            b.action,
            target(b.on, outside),
            b.context,
          ),
        ),
      ),
      ...compliant.map(([name, action, context]) =>
        asCase(p, name, 'Allowed', action, target('notebook', false), context),
      ),
    ]),
    ...passRoleCases(f),
  ];
}

/** PassRole of the notebook role: to SageMaker only, and the guardrail grants nothing else. */
function passRoleCases(f: GuardrailFacts): AccessCase[] {
  const n = namesOf(f);
  const pass = (
    name: string,
    expected: Decision,
    subject: AccessCase['subject'],
    role: string,
    service: string,
    attached: AccessCase['attached'],
    principalArn: string,
  ): AccessCase => ({
    name,
    expected,
    subject,
    action: 'iam:PassRole',
    resource: role,
    context: { 'iam:PassedToService': service, 'aws:PrincipalArn': principalArn },
    attached,
  });
  const scientist = n.role('DataScientist');
  return [
    pass(
      'data scientist (guardrail policy alone): passes the notebook role to SageMaker',
      'Allowed',
      'guardrail',
      f.notebookRoleArn,
      'sagemaker.amazonaws.com',
      [],
      scientist,
    ),
    pass(
      'data scientist (guardrail policy, iam:PassRole besides): passes the notebook role to EC2',
      'ExplicitlyDenied',
      'guardrail',
      f.notebookRoleArn,
      'ec2.amazonaws.com',
      [allow('iam:PassRole')],
      scientist,
    ),
    pass(
      'data scientist (guardrail policy alone): passes another role to SageMaker',
      'ImplicitlyDenied',
      'guardrail',
      n.role('Admin'),
      'sagemaker.amazonaws.com',
      [],
      scientist,
    ),
    pass(
      'administrator (SCP, not exempt): passes the notebook role to EC2',
      'ExplicitlyDenied',
      'guardrail-scp',
      f.notebookRoleArn,
      'ec2.amazonaws.com',
      [ADMINISTRATOR_ACCESS],
      n.role('Administrator'),
    ),
  ];
}
