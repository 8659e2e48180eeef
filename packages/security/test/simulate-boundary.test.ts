/**
 * IAM simulation of the notebook boundary's data caps, with AdministratorAccess attached to the role (what a
 * careless operator might attach): the boundary alone decides. A bucket whose name matches the data pattern in
 * another account (bucket names are global: anyone may create `sml-dev-data-anything`) and the data key used
 * other than through S3 stay out of reach; the environment's own bucket and the key through S3 stay within it.
 */
import { ACCOUNT, keyPolicy, managedPolicy, OTHER_ACCOUNT, planSecurity, REGION } from './support/plan';
import { ADMINISTRATOR_ACCESS, aliases, STEM } from './support/cases';
import { decide, type Decision } from './support/simulate';
import type { LayerPlan } from '@secure-ml/shared/testing';

const NOTEBOOK = `arn:aws:sts::${ACCOUNT}:assumed-role/${STEM}-notebook-carol/SageMaker`;
const OWN_BUCKET = `${STEM}-data-${ACCOUNT}-${REGION}`;
const SQUATTED_BUCKET = `${STEM}-data-${OTHER_ACCOUNT}-${REGION}`;
/** Stands for the plan's data key, whose key policy takes part (KMS needs it to allow as well). */
const DATA_KEY = 'the data key';
const VIA_S3 = { 'aws:ViaAWSService': 'true', 'kms:ViaService': `s3.${REGION}.amazonaws.com` };

interface Ask {
  readonly name: string;
  readonly expected: Decision;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context: Record<string, string | string[]>;
}
const ask = (
  name: string,
  expected: Decision,
  action: string,
  resource: string,
  resourceAccount = ACCOUNT,
  context: Record<string, string | string[]> = {},
): Ask => ({ name, expected, action, resource, resourceAccount, context });

const CASES: Ask[] = [
  ask(
    'reads an object of its own data bucket',
    'Allowed',
    's3:GetObject',
    `arn:aws:s3:::${OWN_BUCKET}/notebooks/carol/a.csv`,
  ),
  ask(
    'writes an object to a same-pattern bucket of another account',
    'ImplicitlyDenied',
    's3:PutObject',
    `arn:aws:s3:::${SQUATTED_BUCKET}/notebooks/carol/a.csv`,
    OTHER_ACCOUNT,
  ),
  ask(
    'reads an object of a same-pattern bucket of another account',
    'ImplicitlyDenied',
    's3:GetObject',
    `arn:aws:s3:::${SQUATTED_BUCKET}/a.csv`,
    OTHER_ACCOUNT,
  ),
  ask('lists its own data bucket', 'Allowed', 's3:ListBucket', `arn:aws:s3:::${OWN_BUCKET}`),
  ask(
    'lists a same-pattern bucket of another account',
    'ImplicitlyDenied',
    's3:ListBucket',
    `arn:aws:s3:::${SQUATTED_BUCKET}`,
    OTHER_ACCOUNT,
  ),
  ask('decrypts with the data key through S3', 'Allowed', 'kms:Decrypt', DATA_KEY, ACCOUNT, {
    ...aliases('data'),
    ...VIA_S3,
  }),
  ask('generates a data key through S3', 'Allowed', 'kms:GenerateDataKey', DATA_KEY, ACCOUNT, {
    ...aliases('data'),
    ...VIA_S3,
  }),
  ask(
    'decrypts with the data key directly (no kms:ViaService)',
    'ImplicitlyDenied',
    'kms:Decrypt',
    DATA_KEY,
    ACCOUNT,
    aliases('data'),
  ),
  ask(
    'encrypts with the data key directly (no kms:ViaService)',
    'ImplicitlyDenied',
    'kms:Encrypt',
    DATA_KEY,
    ACCOUNT,
    aliases('data'),
  ),
  ask(
    'decrypts with the data key through another service (SageMaker)',
    'ImplicitlyDenied',
    'kms:Decrypt',
    DATA_KEY,
    ACCOUNT,
    {
      ...aliases('data'),
      'aws:ViaAWSService': 'true',
      'kms:ViaService': `sagemaker.${REGION}.amazonaws.com`,
    },
  ),
  ask(
    'decrypts with the data key through S3 of another region',
    'ImplicitlyDenied',
    'kms:Decrypt',
    DATA_KEY,
    ACCOUNT,
    { ...aliases('data'), 'aws:ViaAWSService': 'true', 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
  ),
  ask('decrypts with the logs key through S3', 'ImplicitlyDenied', 'kms:Decrypt', DATA_KEY, ACCOUNT, {
    ...aliases('logs'),
    ...VIA_S3,
  }),
];

it('runs every case (their number written out, so that a dropped case fails here)', () => {
  expect(CASES).toHaveLength(12);
});

describe('IAM simulation: the notebook boundary caps the data, with AdministratorAccess attached (dev)', () => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planSecurity('dev');
  });

  it.each(CASES.map((c) => [c.name, c.expected, c] as const))('%s: %s', async (_name, expected, c) => {
    const key = c.resource === DATA_KEY;
    const request = {
      principal: NOTEBOOK,
      action: c.action,
      resource: key ? String(plan.outputs['dataKeyArn']) : c.resource,
      resourceAccount: c.resourceAccount,
      // AWS sends the resource owner's account as aws:ResourceAccount; the offline simulator takes it from here.
      context: {
        'aws:PrincipalAccount': ACCOUNT,
        ...(c.action.startsWith('s3:') ? { 'aws:ResourceAccount': c.resourceAccount } : {}),
        ...c.context,
      },
    };
    const policies = {
      identity: [ADMINISTRATOR_ACCESS],
      boundary: managedPolicy(plan, 'notebook-boundary'),
      ...(key ? { resource: keyPolicy(plan, 'data') } : {}),
    };
    expect(await decide(request, policies)).toBe(expected);
  });
});
