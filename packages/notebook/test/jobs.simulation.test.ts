/**
 * Jobs (issue 15) decided as AWS decides them (@cloud-copilot/iam-simulate), over the plans' documents: the
 * notebook role's policies and the security layer's boundary for what a notebook may start, pass, stop and
 * read; the job role's policies and the same boundary with the data bucket policy, the S3 gateway endpoint
 * policy and the data key's policy for what a job may reach. Each denied case breaks one condition of a
 * compliant request.
 */
import { ofType, readPlan, REPO_ROOT } from '@secure-ml/shared/testing';
import { T } from './plan';
import {
  ACCOUNT,
  asNotebook,
  decide,
  deployment,
  ENVS,
  kmsViaS3,
  parse,
  s3Ask,
  sessionContext,
  type Ask,
  type Deployment,
  type Document,
  type Policies,
} from './support/deployment';

const FOREIGN_SUBNET = 'subnet-0f0e1d2c3b4a59687';
const FOREIGN_GROUP = 'sg-0f0e1d2c3b4a59687';
const FOREIGN_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const TAG = 'secure-ml:notebook-id';
const CREATE = {
  training: ['sagemaker:CreateTrainingJob', 'training-job'],
  processing: ['sagemaker:CreateProcessingJob', 'processing-job'],
  tuning: ['sagemaker:CreateHyperParameterTuningJob', 'hyper-parameter-tuning-job'],
} as const;
type Kind = keyof typeof CREATE;

interface Jobs {
  readonly d: Deployment;
  readonly subnets: string[];
  readonly group: string;
  readonly roleArn: (id: string) => string;
  /** alice's job role: its own policies (the notebook layer's) and the boundary. */
  readonly jobRole: { readonly session: string; readonly arn: string; readonly policies: Document[] };
}

async function jobsOf(env: (typeof ENVS)[number]): Promise<Jobs> {
  const d = await deployment(env);
  const network = readPlan(REPO_ROOT, env, 'network');
  const stem = `sml-${env}`;
  const roleArn = (id: string) =>
    `arn:aws:iam::${ACCOUNT}:role/secure-ml/${stem}/notebooks/${stem}-job-${id}`;
  const name = `${stem}-job-alice`;
  return {
    d,
    subnets: network.outputs['privateSubnetIds'] as string[],
    group: (network.outputs['jobSecurityGroupIds'] as string[])[0] as string,
    roleArn,
    jobRole: {
      arn: roleArn('alice'),
      session: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/SageMaker`,
      policies: ofType(d.notebookPlan, T.rolePolicy)
        .filter((p) => p.inputs['role'] === name)
        .map((p) => parse(p)),
    },
  };
}

/** A compliant create of `kind` by alice's notebook, with `change` applied to its context (undefined removes). */
function start(j: Jobs, kind: Kind, change: Record<string, string | string[] | undefined> = {}): Ask {
  const [action, type] = CREATE[kind];
  const context: Record<string, string | string[] | undefined> = {
    ...sessionContext(j.d),
    'aws:SecureTransport': 'true',
    'sagemaker:VpcSubnets': j.subnets,
    'sagemaker:VpcSecurityGroupIds': [j.group],
    'sagemaker:VolumeKmsKeyArn': j.d.dataKey.arn,
    'sagemaker:OutputKmsKeyArn': j.d.dataKey.arn,
    'sagemaker:InterContainerTrafficEncryption': 'true',
    'sagemaker:NetworkIsolation': 'true',
    [`aws:RequestTag/${TAG}`]: 'alice',
    'aws:TagKeys': [TAG],
    ...change,
  };
  return {
    principal: j.d.role.session,
    action,
    resource: `arn:aws:sagemaker:${j.d.region}:${ACCOUNT}:${type}/pytorch-training-2026-12-02-03-04-05-678`,
    context: Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) as Record<
      string,
      string | string[]
    >,
  };
}

const asJobRole = (j: Jobs, more: Omit<Policies, 'identity' | 'boundary'> = {}): Policies => ({
  identity: j.jobRole.policies,
  boundary: j.d.boundary,
  ...more,
});

describe.each(ENVS)("%s: alice's notebook starts jobs only in the posture (simulated)", (env) => {
  let j: Jobs;
  beforeAll(async () => {
    j = await jobsOf(env);
  });

  it.each(Object.keys(CREATE) as Kind[])('a compliant %s job is allowed', async (kind) => {
    expect(await decide(start(j, kind), asNotebook(j.d))).toBe('Allowed');
  });

  const broken: [string, (j: Jobs) => Record<string, string | string[] | undefined>][] = [
    [
      'without a VPC configuration',
      () => ({ 'sagemaker:VpcSubnets': undefined, 'sagemaker:VpcSecurityGroupIds': undefined }),
    ],
    ['with a foreign subnet', () => ({ 'sagemaker:VpcSubnets': [FOREIGN_SUBNET] })],
    [
      'with a foreign subnet beside ours',
      (j) => ({ 'sagemaker:VpcSubnets': [...j.subnets, FOREIGN_SUBNET] }),
    ],
    ['without subnets', () => ({ 'sagemaker:VpcSubnets': undefined })],
    ['with a foreign security group', () => ({ 'sagemaker:VpcSecurityGroupIds': [FOREIGN_GROUP] })],
    [
      'with the job group and a foreign one',
      (j) => ({ 'sagemaker:VpcSecurityGroupIds': [j.group, FOREIGN_GROUP] }),
    ],
    ['without a security group', () => ({ 'sagemaker:VpcSecurityGroupIds': undefined })],
    ['without a volume key', () => ({ 'sagemaker:VolumeKmsKeyArn': undefined })],
    ['with another volume key', () => ({ 'sagemaker:VolumeKmsKeyArn': FOREIGN_KEY })],
    ['without an output key', () => ({ 'sagemaker:OutputKmsKeyArn': undefined })],
    ['with another output key', () => ({ 'sagemaker:OutputKmsKeyArn': FOREIGN_KEY })],
    ['with inter-container encryption off', () => ({ 'sagemaker:InterContainerTrafficEncryption': 'false' })],
    [
      'without stating inter-container encryption',
      () => ({ 'sagemaker:InterContainerTrafficEncryption': undefined }),
    ],
    ['with network isolation off', () => ({ 'sagemaker:NetworkIsolation': 'false' })],
    ['without stating network isolation', () => ({ 'sagemaker:NetworkIsolation': undefined })],
  ];
  describe.each(Object.keys(CREATE) as Kind[])('a %s job', (kind) => {
    it.each(broken)('%s is explicitly denied', async (_what, change) => {
      expect(await decide(start(j, kind, change(j)), asNotebook(j.d))).toBe('ExplicitlyDenied');
    });

    it("tagged as bob's, or untagged, is not allowed (alice may start only her own)", async () => {
      const bobs = start(j, kind, { [`aws:RequestTag/${TAG}`]: 'bob' });
      const untagged = start(j, kind, { [`aws:RequestTag/${TAG}`]: undefined, 'aws:TagKeys': undefined });
      expect(await decide(bobs, asNotebook(j.d))).toBe('ImplicitlyDenied');
      expect(await decide(untagged, asNotebook(j.d))).toBe('ImplicitlyDenied');
    });
  });

  const pass = (role: string, service: string): Ask => ({
    principal: j.d.role.session,
    action: 'iam:PassRole',
    resource: role,
    context: { ...sessionContext(j.d), 'iam:PassedToService': service },
  });

  it('passes its own job role to SageMaker', async () => {
    expect(await decide(pass(j.roleArn('alice'), 'sagemaker.amazonaws.com'), asNotebook(j.d))).toBe(
      'Allowed',
    );
  });

  it("cannot pass bob's job role, its own notebook role or any other role", async () => {
    for (const role of [j.roleArn('bob'), j.d.role.arn, `arn:aws:iam::${ACCOUNT}:role/Admin`])
      expect(await decide(pass(role, 'sagemaker.amazonaws.com'), asNotebook(j.d))).toBe('ImplicitlyDenied');
  });

  it('cannot pass its own job role to another service', async () => {
    for (const service of ['ec2.amazonaws.com', 'lambda.amazonaws.com'])
      expect(await decide(pass(j.roleArn('alice'), service), asNotebook(j.d))).toBe('ImplicitlyDenied');
  });

  const onJob = (action: string, owner: string | undefined, type = 'training-job'): Ask => ({
    principal: j.d.role.session,
    action,
    resource: `arn:aws:sagemaker:${j.d.region}:${ACCOUNT}:${type}/pytorch-training-2026-12-02-03-04-05-678`,
    context: { ...sessionContext(j.d), ...(owner ? { [`aws:ResourceTag/${TAG}`]: owner } : {}) },
  });

  it.each([
    ['sagemaker:DescribeTrainingJob', 'training-job'],
    ['sagemaker:StopTrainingJob', 'training-job'],
    ['sagemaker:StopProcessingJob', 'processing-job'],
    ['sagemaker:StopHyperParameterTuningJob', 'hyper-parameter-tuning-job'],
  ])("%s on its own job is allowed; on bob's or an untagged one it is not", async (action, type) => {
    expect(await decide(onJob(action, 'alice', type), asNotebook(j.d))).toBe('Allowed');
    expect(await decide(onJob(action, 'bob', type), asNotebook(j.d))).toBe('ImplicitlyDenied');
    expect(await decide(onJob(action, undefined, type), asNotebook(j.d))).toBe('ImplicitlyDenied');
  });

  it("cannot retag bob's job as its own (tags only on create)", async () => {
    const retag: Ask = {
      ...onJob('sagemaker:AddTags', 'bob'),
      context: {
        ...sessionContext(j.d),
        [`aws:ResourceTag/${TAG}`]: 'bob',
        [`aws:RequestTag/${TAG}`]: 'alice',
        'aws:TagKeys': [TAG],
      },
    };
    expect(await decide(retag, asNotebook(j.d))).toBe('ImplicitlyDenied');
    const onCreate: Ask = {
      ...retag,
      context: { ...retag.context, 'sagemaker:TaggingAction': 'CreateTrainingJob' },
    };
    expect(await decide(onCreate, asNotebook(j.d))).toBe('Allowed');
  });

  it('lists jobs (names and status only)', async () => {
    const list: Ask = {
      principal: j.d.role.session,
      action: 'sagemaker:ListTrainingJobs',
      resource: '*',
      context: sessionContext(j.d),
    };
    expect(await decide(list, asNotebook(j.d))).toBe('Allowed');
  });
});

describe.each(ENVS)(
  "%s: alice's job role reaches her prefix only, through the endpoint (simulated)",
  (env) => {
    let j: Jobs;
    beforeAll(async () => {
      j = await jobsOf(env);
    });
    const asJob = (ask: Ask): Ask => ({
      ...ask,
      principal: j.jobRole.session,
      context: { ...ask.context, 'aws:PrincipalArn': j.jobRole.arn },
    });
    const throughEndpoint = () => asJobRole(j, { resource: j.d.bucket.policy, endpoint: j.d.endpoints.s3 });

    it('has its own role under the boundary, not the notebook role', () => {
      expect(j.jobRole.policies.length).toBeGreaterThanOrEqual(2);
      expect(j.jobRole.arn).not.toBe(j.d.role.arn);
    });

    it.each(['s3:GetObject', 's3:PutObject'])(
      '%s on its notebook prefix through the S3 gateway: allowed',
      async (action) => {
        expect(
          await decide(asJob(s3Ask(j.d, action, j.d.bucket.arn, j.d.endpoints.s3Id)), throughEndpoint()),
        ).toBe('Allowed');
      },
    );

    it.each(['s3:GetObject', 's3:PutObject'])("%s on bob's prefix: denied", async (action) => {
      const ask = asJob(s3Ask(j.d, action, j.d.bucket.arn, j.d.endpoints.s3Id, true, 'notebooks/bob/'));
      expect(await decide(ask, throughEndpoint())).not.toBe('Allowed');
    });

    it('the same read from outside the endpoint: explicitly denied by the bucket perimeter', async () => {
      const ask = asJob(s3Ask(j.d, 's3:GetObject', j.d.bucket.arn));
      expect(await decide(ask, asJobRole(j, { resource: j.d.bucket.policy }))).toBe('ExplicitlyDenied');
    });

    it('the data key through S3 for the data bucket: allowed by its policy and the key policy', async () => {
      const ask = asJob(kmsViaS3(j.d, 'kms:GenerateDataKey'));
      expect(await decide(ask, asJobRole(j, { resource: j.d.dataKey.policy }))).toBe('Allowed');
    });

    it('the data key outside S3: not allowed', async () => {
      const ask = asJob(kmsViaS3(j.d, 'kms:Decrypt'));
      const direct: Ask = { ...ask, context: { ...ask.context, 'kms:ViaService': undefined } as never };
      delete (direct.context as Record<string, unknown>)['kms:ViaService'];
      delete (direct.context as Record<string, unknown>)['aws:ViaAWSService'];
      expect(await decide(direct, asJobRole(j, { resource: j.d.dataKey.policy }))).not.toBe('Allowed');
    });
  },
);
