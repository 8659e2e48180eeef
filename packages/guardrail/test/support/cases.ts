/**
 * The bypasses the guardrail must stop, each one request with every other condition compliant, in the words of
 * issue 13. The environment's own subnets, group and key come from the upstream plans (they are the environment);
 * everything a case changes, and every expected decision, is written out here.
 */
import type { LayerPlan } from '@secure-ml/shared/testing';
import { ACCOUNT, REGION } from './plan';
import type { Decision } from './simulate';

export type Context = Record<string, string | string[]>;

/** What a compliant request names: the environment's network, key and lifecycle configuration. */
export interface Environment {
  readonly stack: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  readonly dataKeyArn: string;
  readonly lifecycleConfigArn: string;
}

export function environmentOf(stack: string, security: LayerPlan, network: LayerPlan): Environment {
  const subnets = network.outputs['privateSubnetIds'] as string[];
  return {
    stack,
    subnetId: subnets[subnets.length - 1] ?? '',
    securityGroupId: String(network.outputs['notebookSecurityGroupId']),
    dataKeyArn: String(security.outputs['dataKeyArn']),
    // One notebook's own lifecycle configuration (`<stem>-lifecycle-<id>`), as the notebook layer names it.
    lifecycleConfigArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance-lifecycle-config/sml-${stack}-lifecycle-alice`,
  };
}

// What an attacker brings instead.
const FOREIGN_SUBNET = 'subnet-0f0e1d2c3b4a59687';
const FOREIGN_GROUP = 'sg-0f0e1d2c3b4a59687';
const FOREIGN_LIFECYCLE = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance-lifecycle-config/root-shell`;
const FOREIGN_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const UNLISTED_TYPE = 'ml.p4d.24xlarge';

export const CREATE = 'sagemaker:CreateNotebookInstance';
export const UPDATE = 'sagemaker:UpdateNotebookInstance';

/** A create that satisfies every pin. */
export const compliantCreate = (e: Environment): Context => ({
  'sagemaker:DirectInternetAccess': 'Disabled',
  'sagemaker:RootAccess': 'Disabled',
  'sagemaker:VpcSubnets': [e.subnetId],
  'sagemaker:VpcSecurityGroupIds': [e.securityGroupId],
  'sagemaker:NotebookInstanceLifecycleConfigArns': [e.lifecycleConfigArn],
  'sagemaker:MinimumInstanceMetadataServiceVersion': '2',
  'sagemaker:VolumeKmsKeyArn': e.dataKeyArn,
  'sagemaker:InstanceTypes': ['ml.t3.medium'],
});
/** An update that sets everything an update can set, compliantly. */
export const compliantUpdate = (e: Environment): Context => ({
  'sagemaker:RootAccess': 'Disabled',
  'sagemaker:NotebookInstanceLifecycleConfigArns': [e.lifecycleConfigArn],
  'sagemaker:MinimumInstanceMetadataServiceVersion': '2',
  'sagemaker:InstanceTypes': ['ml.m5.xlarge'],
});

const change =
  (base: (e: Environment) => Context, changes: (e: Environment) => Context, ...removed: string[]) =>
  (e: Environment): Context =>
    Object.fromEntries(
      Object.entries({ ...base(e), ...changes(e) }).filter(([key]) => !removed.includes(key)),
    );
const without = (base: (e: Environment) => Context, ...keys: string[]) => change(base, () => ({}), ...keys);

export interface Bypass {
  readonly name: string;
  readonly action: string;
  /** What the request acts on: a notebook instance or a lifecycle configuration. */
  readonly on: 'notebook' | 'lifecycle';
  readonly context: (e: Environment) => Context;
}

/** Issue 13's list of bypasses, each denied. */
export const ISSUE_BYPASSES: Bypass[] = [
  {
    name: 'create with a foreign subnet',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, () => ({ 'sagemaker:VpcSubnets': [FOREIGN_SUBNET] })),
  },
  {
    name: 'create with a foreign security group',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, () => ({ 'sagemaker:VpcSecurityGroupIds': [FOREIGN_GROUP] })),
  },
  {
    name: 'create with no security group (the VPC default group)',
    action: CREATE,
    on: 'notebook',
    context: without(compliantCreate, 'sagemaker:VpcSecurityGroupIds'),
  },
  {
    name: 'create with another lifecycle configuration',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, () => ({
      'sagemaker:NotebookInstanceLifecycleConfigArns': [FOREIGN_LIFECYCLE],
    })),
  },
  {
    name: 'create with IMDS minimum 1',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, () => ({ 'sagemaker:MinimumInstanceMetadataServiceVersion': '1' })),
  },
  {
    name: 'create with another KMS key',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, () => ({ 'sagemaker:VolumeKmsKeyArn': FOREIGN_KEY })),
  },
  {
    name: 'create with an instance type outside the list',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, () => ({ 'sagemaker:InstanceTypes': [UNLISTED_TYPE] })),
  },
  {
    name: 'update that sets another lifecycle configuration',
    action: UPDATE,
    on: 'notebook',
    context: change(compliantUpdate, () => ({
      'sagemaker:NotebookInstanceLifecycleConfigArns': [FOREIGN_LIFECYCLE],
    })),
  },
  {
    name: 'update that sets IMDS 1',
    action: UPDATE,
    on: 'notebook',
    context: change(compliantUpdate, () => ({ 'sagemaker:MinimumInstanceMetadataServiceVersion': '1' })),
  },
  {
    name: 'create a lifecycle configuration',
    action: 'sagemaker:CreateNotebookInstanceLifecycleConfig',
    on: 'lifecycle',
    context: () => ({}),
  },
  {
    name: 'update a lifecycle configuration',
    action: 'sagemaker:UpdateNotebookInstanceLifecycleConfig',
    on: 'lifecycle',
    context: () => ({}),
  },
  {
    name: 'delete a lifecycle configuration',
    action: 'sagemaker:DeleteNotebookInstanceLifecycleConfig',
    on: 'lifecycle',
    context: () => ({}),
  },
];

/** Further ways around, beyond the issue's list: mixed lists, omitted keys (API defaults), the unchanged pins. */
export const FURTHER_BYPASSES: Bypass[] = [
  {
    name: 'create with our subnet and a foreign one',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, (e) => ({ 'sagemaker:VpcSubnets': [e.subnetId, FOREIGN_SUBNET] })),
  },
  {
    name: 'create with our security group and a foreign one',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, (e) => ({
      'sagemaker:VpcSecurityGroupIds': [e.securityGroupId, FOREIGN_GROUP],
    })),
  },
  {
    name: 'create with no subnet (outside the VPC)',
    action: CREATE,
    on: 'notebook',
    context: without(compliantCreate, 'sagemaker:VpcSubnets'),
  },
  {
    name: 'create with no lifecycle configuration',
    action: CREATE,
    on: 'notebook',
    context: without(compliantCreate, 'sagemaker:NotebookInstanceLifecycleConfigArns'),
  },
  {
    name: 'create without an IMDS minimum (API default IMDSv1)',
    action: CREATE,
    on: 'notebook',
    context: without(compliantCreate, 'sagemaker:MinimumInstanceMetadataServiceVersion'),
  },
  {
    name: 'create with no volume KMS key',
    action: CREATE,
    on: 'notebook',
    context: without(compliantCreate, 'sagemaker:VolumeKmsKeyArn'),
  },
  {
    name: 'create with direct internet access',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, () => ({ 'sagemaker:DirectInternetAccess': 'Enabled' })),
  },
  {
    name: 'create without saying direct internet access (API default Enabled)',
    action: CREATE,
    on: 'notebook',
    context: without(compliantCreate, 'sagemaker:DirectInternetAccess'),
  },
  {
    name: 'create with root access',
    action: CREATE,
    on: 'notebook',
    context: change(compliantCreate, () => ({ 'sagemaker:RootAccess': 'Enabled' })),
  },
  {
    name: 'create without saying root access (API default Enabled)',
    action: CREATE,
    on: 'notebook',
    context: without(compliantCreate, 'sagemaker:RootAccess'),
  },
  {
    name: 'update that enables root access',
    action: UPDATE,
    on: 'notebook',
    context: change(compliantUpdate, () => ({ 'sagemaker:RootAccess': 'Enabled' })),
  },
  {
    name: 'update to an instance type outside the list',
    action: UPDATE,
    on: 'notebook',
    context: change(compliantUpdate, () => ({ 'sagemaker:InstanceTypes': [UNLISTED_TYPE] })),
  },
];

export interface Compliant {
  readonly name: string;
  readonly action: string;
  readonly context: (e: Environment) => Context;
}
export const COMPLIANT: Compliant[] = [
  { name: 'a fully compliant create', action: CREATE, context: compliantCreate },
  { name: 'a fully compliant update', action: UPDATE, context: compliantUpdate },
  { name: 'an update that sets none of the pinned settings', action: UPDATE, context: () => ({}) },
];

/** The names a request may act on: the environment's own, and one outside its `<prefix>-<env>-*` pattern. */
export const resourceArn = (on: Bypass['on'], e: Environment, outside: boolean): string =>
  on === 'notebook'
    ? `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/${outside ? 'team-scratch' : `sml-${e.stack}-notebook`}`
    : outside
      ? FOREIGN_LIFECYCLE
      : e.lifecycleConfigArn;

export type { Decision };
