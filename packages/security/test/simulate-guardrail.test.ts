/** IAM simulation of the guardrail: a data scientist with a broad SageMaker policy, whose denies must win. */
import type { LayerPlan } from '@secure-ml/shared/testing';
import { ACCOUNT, managedPolicy, type Document } from './support/plan';
import {
  BROAD_PASS_ROLE,
  BROAD_SAGEMAKER,
  type Case,
  dataKey,
  type Decision,
  NOTEBOOK_ROLE,
  notebookArn,
  session,
  simulate,
  STEM,
} from './support/cases';

const DATA_SCIENTIST = session('DataScientist');
const COMPLIANT = (plan: LayerPlan): Record<string, string | string[]> => ({
  'sagemaker:DirectInternetAccess': 'Disabled',
  'sagemaker:RootAccess': 'Disabled',
  'sagemaker:VpcSubnets': ['subnet-0a1b2c3d4e5f60001'],
  'sagemaker:VolumeKmsKeyArn': dataKey(plan),
});
const without = (context: Record<string, string | string[]>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(context).filter(([k]) => !keys.includes(k)));
const guardrailCase = (
  name: string,
  expected: Decision,
  action: string,
  context: (plan: LayerPlan) => Record<string, string | string[]>,
  attached: Document[] = [BROAD_SAGEMAKER],
  resource = notebookArn(`${STEM}-notebook`),
): Case => ({
  name,
  expected,
  request: (plan) => ({ principal: DATA_SCIENTIST, action, resource, context: context(plan) }),
  policies: (plan) => ({ identity: [managedPolicy(plan, 'notebook-guardrail'), ...attached] }),
});

/** A data scientist with the guardrail and a broad SageMaker policy: the guardrail's denies must win. */
const GUARDRAIL_CASES: Case[] = [
  guardrailCase('creates a compliant notebook', 'Allowed', 'sagemaker:CreateNotebookInstance', COMPLIANT),
  guardrailCase(
    'creates a notebook with direct internet access',
    'ExplicitlyDenied',
    'sagemaker:CreateNotebookInstance',
    (p) => ({ ...COMPLIANT(p), 'sagemaker:DirectInternetAccess': 'Enabled' }),
  ),
  guardrailCase(
    'creates a notebook without saying direct internet access (API default Enabled)',
    'ExplicitlyDenied',
    'sagemaker:CreateNotebookInstance',
    (p) => without(COMPLIANT(p), 'sagemaker:DirectInternetAccess'),
  ),
  guardrailCase(
    'creates a notebook with root access',
    'ExplicitlyDenied',
    'sagemaker:CreateNotebookInstance',
    (p) => ({ ...COMPLIANT(p), 'sagemaker:RootAccess': 'Enabled' }),
  ),
  guardrailCase(
    'creates a notebook without saying root access (API default Enabled)',
    'ExplicitlyDenied',
    'sagemaker:CreateNotebookInstance',
    (p) => without(COMPLIANT(p), 'sagemaker:RootAccess'),
  ),
  guardrailCase(
    'creates a notebook without a subnet',
    'ExplicitlyDenied',
    'sagemaker:CreateNotebookInstance',
    (p) => without(COMPLIANT(p), 'sagemaker:VpcSubnets'),
  ),
  guardrailCase(
    'creates a notebook without a volume KMS key',
    'ExplicitlyDenied',
    'sagemaker:CreateNotebookInstance',
    (p) => without(COMPLIANT(p), 'sagemaker:VolumeKmsKeyArn'),
  ),
  guardrailCase(
    'updates a notebook to enable root access',
    'ExplicitlyDenied',
    'sagemaker:UpdateNotebookInstance',
    () => ({ 'sagemaker:RootAccess': 'Enabled' }),
  ),
  guardrailCase(
    'updates a notebook keeping root access disabled',
    'Allowed',
    'sagemaker:UpdateNotebookInstance',
    () => ({ 'sagemaker:RootAccess': 'Disabled' }),
  ),
  guardrailCase(
    'updates a notebook without touching root access',
    'Allowed',
    'sagemaker:UpdateNotebookInstance',
    () => ({}),
  ),
  guardrailCase(
    'passes the notebook role to SageMaker (guardrail alone)',
    'Allowed',
    'iam:PassRole',
    () => ({ 'iam:PassedToService': 'sagemaker.amazonaws.com' }),
    [],
    NOTEBOOK_ROLE,
  ),
  guardrailCase(
    'passes the notebook role to EC2, even with a broad PassRole policy',
    'ExplicitlyDenied',
    'iam:PassRole',
    () => ({ 'iam:PassedToService': 'ec2.amazonaws.com' }),
    [BROAD_PASS_ROLE],
    NOTEBOOK_ROLE,
  ),
  guardrailCase(
    'passes another role to SageMaker (guardrail alone)',
    'ImplicitlyDenied',
    'iam:PassRole',
    () => ({ 'iam:PassedToService': 'sagemaker.amazonaws.com' }),
    [],
    `arn:aws:iam::${ACCOUNT}:role/Admin`,
  ),
];

simulate('IAM simulation: the guardrail', [['a data scientist', GUARDRAIL_CASES]]);
