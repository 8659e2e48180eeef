import { namesOf } from './names';
import { ADMINISTRATOR_ACCESS, allow, type AccessCase, type CaseFacts, type Decision } from './types';

/**
 * What the guardrail (packages/guardrail) must refuse and allow, for three people: a data scientist under the IAM
 * policy with broad SageMaker rights, an account administrator under the SCP, and the deployment role the SCP
 * exempts from the denies only a deployment passes (writing notebooks and lifecycle configurations, passing
 * notebook roles). Each bypass breaks one pin with every other setting compliant (issue 13's list, then further
 * ways around: mixed lists, omitted keys whose API default is unsafe), and each is tried on a notebook named inside
 * the environment's pattern and outside it, which only a deny on `Resource: "*"` covers. No person writes a
 * notebook at all, even a compliant one (issue 14's review: an update can swap in another notebook's role or
 * lifecycle configuration); the deployment stays under every pin.
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
  /**
   * What stops it: a pin, which holds for the deployment too, or only the rule that no person writes notebooks (a
   * write the pins cannot tell from the deployment's own, such as another notebook's lifecycle configuration).
   */
  readonly stoppedBy?: 'pin' | 'people-only';
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
    stoppedBy: 'people-only',
  });
  // Another notebook's own configuration: inside the name pattern, so only "no person updates" stops it.
  const otherNotebooksLifecycle = f.lifecycleConfigArn.replace(
    /lifecycle-[^/]*$/,
    `lifecycle-${f.otherNotebookId}`,
  );
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
    // Issue 14's review: what the pins cannot tell apart, which only "no person writes notebooks" stops.
    {
      ...onUpdate(
        "update that sets another notebook's lifecycle configuration (its auto-stop stops the other notebook)",
        changed(update, { 'sagemaker:NotebookInstanceLifecycleConfigArns': [otherNotebooksLifecycle] }),
      ),
      stoppedBy: 'people-only',
    },
    {
      ...onUpdate(
        'update that sets none of the pinned settings (a new role, no lifecycle configuration)',
        {},
      ),
      stoppedBy: 'people-only',
    },
    {
      name: 'delete a notebook',
      action: 'sagemaker:DeleteNotebookInstance',
      on: 'notebook',
      context: {},
      stoppedBy: 'people-only',
    },
  ];
}

/** Who a case is decided for, and what each gets for a bypass. */
interface Person {
  readonly label: string;
  readonly subject: AccessCase['subject'];
  /** The role whose sessions make the request (`aws:PrincipalArn`, which the SCP's exemption reads). */
  readonly roleArn: string;
  readonly attached: AccessCase['attached'];
  /** Whether the rule that no person writes notebooks applies to them (every principal but the deployment's). */
  readonly person: boolean;
}

export function guardrailCases(f: GuardrailFacts): AccessCase[] {
  const n = namesOf(f);
  const people: Person[] = [
    {
      label: 'data scientist (guardrail policy, sagemaker:* and iam:PassRole besides)',
      subject: 'guardrail',
      roleArn: n.role('DataScientist'),
      attached: [allow('sagemaker:*'), allow('iam:PassRole')],
      person: true,
    },
    {
      label: 'administrator (SCP, not exempt)',
      subject: 'guardrail-scp',
      roleArn: n.role('Administrator'),
      attached: [ADMINISTRATOR_ACCESS],
      person: true,
    },
    ...(f.deploymentRoleArn
      ? [
          {
            label: 'deployment role (SCP, exempt from the deployment-only denies, under every pin)',
            subject: 'guardrail-scp' as const,
            roleArn: f.deploymentRoleArn,
            attached: [ADMINISTRATOR_ACCESS],
            person: false,
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
  const decide = (p: Person, b: Bypass): Decision =>
    p.person || b.stoppedBy !== 'people-only' ? 'ExplicitlyDenied' : 'Allowed';
  const compliant: [string, string, Context][] = [
    ['a fully compliant create', CREATE_NOTEBOOK, compliantCreate(f)],
    ['a fully compliant update', UPDATE_NOTEBOOK, compliantUpdate(f)],
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
            decide(p, b),
            b.action,
            target(b.on, outside),
            b.context,
          ),
        ),
      ),
      ...compliant.map(([name, action, context]) =>
        asCase(
          p,
          name,
          p.person ? 'ExplicitlyDenied' : 'Allowed',
          action,
          target('notebook', false),
          context,
        ),
      ),
    ]),
    ...passRoleCases(f),
  ];
}

/** Owner values for the PassRole cases: what the roles' and the callers' `secure-ml:owner` tags carry. */
const OWNER = 'case-owner@example.com';
const OTHER_OWNER = 'case-other-owner@example.com';
const OWNER_TAG = 'secure-ml:owner';

/**
 * PassRole of the notebook roles: to SageMaker only, and, for a person, only the role of their own notebook (the
 * role's owner tag equal to the caller's, which StartNotebookInstance needs); the deployment passes any. The
 * guardrail grants nothing: a person's allow comes from elsewhere (attached here as iam:PassRole on `*`).
 */
function passRoleCases(f: GuardrailFacts): AccessCase[] {
  const n = namesOf(f);
  const otherRole = `${f.notebookRoleArn.slice(0, f.notebookRoleArn.lastIndexOf('/') + 1)}${n.notebookName(f.otherNotebookId)}`;
  // An owner signs in through IAM Identity Center: the guardrail admits owner-tagged sessions of its roles only
  // (and of the owner role path), so the owner here is one.
  const scientist = n.role('aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataScientist_0123456789abcdef');
  const pass = (
    name: string,
    expected: Decision,
    subject: AccessCase['subject'],
    p: {
      role: string;
      roleOwner: string;
      caller: string;
      callerOwner?: string;
      service?: string;
      attached: AccessCase['attached'];
    },
  ): AccessCase => ({
    name,
    expected,
    subject,
    action: 'iam:PassRole',
    resource: p.role,
    context: {
      'iam:PassedToService': p.service ?? 'sagemaker.amazonaws.com',
      'aws:PrincipalArn': p.caller,
      [`iam:ResourceTag/${OWNER_TAG}`]: p.roleOwner,
      ...(p.callerOwner ? { [`aws:PrincipalTag/${OWNER_TAG}`]: p.callerOwner } : {}),
    },
    attached: p.attached,
  });
  const scientistPass = [allow('iam:PassRole')];
  return [
    pass(
      'data scientist (guardrail policy, iam:PassRole besides): passes their own notebook role to SageMaker',
      'Allowed',
      'guardrail',
      {
        role: f.notebookRoleArn,
        roleOwner: OWNER,
        caller: scientist,
        callerOwner: OWNER,
        attached: scientistPass,
      },
    ),
    pass(
      "data scientist (guardrail policy, iam:PassRole besides): passes another owner's notebook role to SageMaker",
      'ExplicitlyDenied',
      'guardrail',
      {
        role: otherRole,
        roleOwner: OTHER_OWNER,
        caller: scientist,
        callerOwner: OWNER,
        attached: scientistPass,
      },
    ),
    pass(
      'data scientist (guardrail policy, iam:PassRole besides), no owner tag: passes a notebook role to SageMaker',
      'ExplicitlyDenied',
      'guardrail',
      {
        role: f.notebookRoleArn,
        roleOwner: OWNER,
        caller: scientist,
        attached: scientistPass,
      },
    ),
    pass(
      'data scientist (guardrail policy, iam:PassRole besides): passes their own notebook role to EC2',
      'ExplicitlyDenied',
      'guardrail',
      {
        role: f.notebookRoleArn,
        roleOwner: OWNER,
        caller: scientist,
        callerOwner: OWNER,
        service: 'ec2.amazonaws.com',
        attached: scientistPass,
      },
    ),
    pass(
      'data scientist (guardrail policy alone): passes their own notebook role to SageMaker',
      'ImplicitlyDenied',
      'guardrail',
      {
        role: f.notebookRoleArn,
        roleOwner: OWNER,
        caller: scientist,
        callerOwner: OWNER,
        attached: [],
      },
    ),
    pass(
      "administrator (SCP, not exempt): passes another owner's notebook role to SageMaker",
      'ExplicitlyDenied',
      'guardrail-scp',
      {
        role: otherRole,
        roleOwner: OTHER_OWNER,
        caller: n.role('Administrator'),
        callerOwner: OWNER,
        attached: [ADMINISTRATOR_ACCESS],
      },
    ),
    pass(
      'administrator (SCP, not exempt), no owner tag: passes a notebook role to SageMaker',
      'ExplicitlyDenied',
      'guardrail-scp',
      {
        role: f.notebookRoleArn,
        roleOwner: OWNER,
        caller: n.role('Administrator'),
        attached: [ADMINISTRATOR_ACCESS],
      },
    ),
    pass(
      'administrator (SCP, not exempt): passes the notebook role to EC2',
      'ExplicitlyDenied',
      'guardrail-scp',
      {
        role: f.notebookRoleArn,
        roleOwner: OWNER,
        caller: n.role('Administrator'),
        callerOwner: OWNER,
        service: 'ec2.amazonaws.com',
        attached: [ADMINISTRATOR_ACCESS],
      },
    ),
    ...(f.deploymentRoleArn
      ? [
          pass(
            "deployment role (SCP, exempt): passes any owner's notebook role to SageMaker",
            'Allowed',
            'guardrail-scp',
            {
              role: otherRole,
              roleOwner: OTHER_OWNER,
              caller: f.deploymentRoleArn,
              attached: [ADMINISTRATOR_ACCESS],
            },
          ),
          pass(
            'deployment role (SCP, exempt): passes a notebook role to EC2',
            'ExplicitlyDenied',
            'guardrail-scp',
            {
              role: otherRole,
              roleOwner: OTHER_OWNER,
              caller: f.deploymentRoleArn,
              service: 'ec2.amazonaws.com',
              attached: [ADMINISTRATOR_ACCESS],
            },
          ),
        ]
      : []),
  ];
}
