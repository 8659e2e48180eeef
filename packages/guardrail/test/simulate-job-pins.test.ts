/**
 * The guardrail's job pins (issue 15) decided as AWS decides them (@cloud-copilot/iam-simulate), over the plan's own
 * documents in dev and prod: a data scientist under the IAM guardrail (both managed policies, beside an allow of
 * every job start), and any principal of the account under the SCP documents (beside FullAWSAccess), the
 * deployment role the SCP exempts from the people rules included. A compliant training, processing and tuning job
 * is allowed; each denied case breaks one key of it. The SCP documents are deny-only, so attaching them side by
 * side is evaluated here as one document of all their statements. This is IAM-7's job simulation
 * (docs/CONTROLS.md); JOB-4 holds the notebook roles to the same pins.
 */
import type { LayerPlan } from '@secure-ml/shared/testing';
import {
  ACCOUNT,
  guardrailDocument,
  jobGuardrailDocument,
  planGuardrail,
  readPlan,
  REGION,
  REPO_ROOT,
  allScpDocuments,
  STACKS,
  type Document,
  PLAN_TIMEOUT_MS,
} from './support/plan';
import { asRole, decide } from './support/simulate';

const ACTIONS = [
  ['sagemaker:CreateTrainingJob', 'training-job'],
  ['sagemaker:CreateProcessingJob', 'processing-job'],
  ['sagemaker:CreateHyperParameterTuningJob', 'hyper-parameter-tuning-job'],
] as const;
const FOREIGN_SUBNET = 'subnet-0f0e1d2c3b4a59687';
const FOREIGN_GROUP = 'sg-0f0e1d2c3b4a59687';
const FOREIGN_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const allowJobs: Document = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ACTIONS.map(([a]) => a), Resource: '*' }],
};
type Context = Record<string, string | string[]>;

describe.each(STACKS)('the job pins of the %s guardrail', (stack) => {
  const network = readPlan(REPO_ROOT, stack, 'network').outputs;
  const security = readPlan(REPO_ROOT, stack, 'security').outputs;
  const subnets = network['privateSubnetIds'] as string[];
  const group = (network['jobSecurityGroupIds'] as string[])[0] ?? '';
  const key = String(security['dataKeyArn']);
  const deployRole = `arn:aws:iam::${ACCOUNT}:role/sml-github-deploy-${stack}`;
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planGuardrail(stack, {
      'secure-ml-guardrail:deploymentRoleArns': JSON.stringify([deployRole]),
    });
  }, PLAN_TIMEOUT_MS);

  const compliant: Context = {
    'sagemaker:VpcSubnets': [subnets[0] ?? ''],
    'sagemaker:VpcSecurityGroupIds': [group],
    'sagemaker:VolumeKmsKeyArn': key,
    'sagemaker:OutputKmsKeyArn': key,
    'sagemaker:InterContainerTrafficEncryption': 'true',
    'sagemaker:NetworkIsolation': 'true',
  };
  const without = (...keys: string[]) =>
    Object.fromEntries(Object.entries(compliant).filter(([k]) => !keys.includes(k)));
  /** Each one key of the compliant job broken. */
  const BROKEN: [string, Context][] = [
    ['a foreign subnet', { ...compliant, 'sagemaker:VpcSubnets': [FOREIGN_SUBNET] }],
    [
      'its own subnets and a foreign one',
      { ...compliant, 'sagemaker:VpcSubnets': [...subnets, FOREIGN_SUBNET] },
    ],
    ['no VPC configuration', without('sagemaker:VpcSubnets', 'sagemaker:VpcSecurityGroupIds')],
    ['no subnet', without('sagemaker:VpcSubnets')],
    ['a foreign security group', { ...compliant, 'sagemaker:VpcSecurityGroupIds': [FOREIGN_GROUP] }],
    [
      'the job group and a foreign one',
      { ...compliant, 'sagemaker:VpcSecurityGroupIds': [group, FOREIGN_GROUP] },
    ],
    ['no security group', without('sagemaker:VpcSecurityGroupIds')],
    ['another volume key', { ...compliant, 'sagemaker:VolumeKmsKeyArn': FOREIGN_KEY }],
    ['no volume key', without('sagemaker:VolumeKmsKeyArn')],
    ['another output key', { ...compliant, 'sagemaker:OutputKmsKeyArn': FOREIGN_KEY }],
    ['no output key', without('sagemaker:OutputKmsKeyArn')],
    [
      'inter-container encryption off',
      { ...compliant, 'sagemaker:InterContainerTrafficEncryption': 'false' },
    ],
    ['inter-container encryption unstated', without('sagemaker:InterContainerTrafficEncryption')],
    ['network isolation off', { ...compliant, 'sagemaker:NetworkIsolation': 'false' }],
    ['network isolation unstated', without('sagemaker:NetworkIsolation')],
  ];

  const underIam = (action: string, resource: string, context: Context) =>
    decide(
      {
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/DataScientist/alice@example.com`,
        action,
        resource,
        context: { ...context, 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/DataScientist` },
      },
      { identity: [guardrailDocument(plan), jobGuardrailDocument(plan), allowJobs] },
    );
  const underScp = (principalArn: string) => (action: string, resource: string, context: Context) =>
    decide(asRole(principalArn, action, resource, context), {
      identity: [allowJobs],
      scp: allScpDocuments(plan),
    });
  const FORMS = [
    ['the IAM guardrail (a data scientist)', underIam],
    ['the SCP (an administrator)', underScp(`arn:aws:iam::${ACCOUNT}:role/Admin`)],
    ['the SCP (the deployment role it exempts from the people rules)', underScp(deployRole)],
  ] as const;

  it('has a job group and the data key to pin to (the examples turn jobs on)', () => {
    expect(group).toMatch(/^sg-[0-9a-f]+$/);
    expect(key).toMatch(/^arn:aws:kms:/);
  });

  describe.each(FORMS)('under %s', (_form, ask) => {
    it.each(ACTIONS)('%s of a compliant job: Allowed', async (action, type) => {
      const resource = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${type}/any-job-name`;
      expect(await ask(action, resource, compliant)).toBe('Allowed');
    });
    it.each(
      ACTIONS.flatMap(([action, type]) =>
        BROKEN.map(([what, context]) => [action, what, type, context] as const),
      ),
    )('%s with %s: ExplicitlyDenied', async (action, _what, type, context) => {
      const resource = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${type}/any-job-name`;
      expect(await ask(action, resource, context)).toBe('ExplicitlyDenied');
    });
  });
});
