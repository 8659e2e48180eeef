import type { LayerPlan, PlannedResource } from '@secure-ml/shared/testing';
import { environmentsIn, ofType, readPlan, REPO_ROOT, resource } from '@secure-ml/shared/testing';
import { planNotebook, policyOf, T } from './plan';

const ACCOUNT = '123456789012';
const BUCKET = (stack: string) => `arn:aws:s3:::sml-${stack}-data-${ACCOUNT}-eu-west-1`;
const ROLE_PATH = (stack: string) => `/secure-ml/sml-${stack}/notebooks/`;
const NOTEBOOKS = { alice: 'alice@example.com', bob: 'bob@example.com' } as const;

describe.each(environmentsIn(REPO_ROOT))('the notebooks of %s', (stack) => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planNotebook(stack);
  });
  const security = () => readPlan(REPO_ROOT, stack, 'security').outputs;
  const network = () => readPlan(REPO_ROOT, stack, 'network').outputs;

  it('plans two notebooks, each with its own instance, role, two inline policies and lifecycle configuration', () => {
    expect(ofType(plan, T.notebook).map((r) => r.name)).toEqual(['alice-notebook', 'bob-notebook']);
    // Each notebook's own role, and the role of the jobs it starts (secure-ml-notebook:jobs is on in both examples).
    expect(
      ofType(plan, T.role)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['alice-job-role', 'alice-role', 'bob-job-role', 'bob-role']);
    expect(ofType(plan, T.lifecycle).map((r) => r.inputs['name'])).toEqual([
      `sml-${stack}-lifecycle-alice`,
      `sml-${stack}-lifecycle-bob`,
    ]);
    const policies = ofType(plan, T.rolePolicy).map(
      (r) => `${String(r.inputs['role'])}/${String(r.inputs['name'])}`,
    );
    expect(policies.sort()).toEqual([
      `sml-${stack}-job-alice/job-data-access`,
      `sml-${stack}-job-alice/job-runtime`,
      `sml-${stack}-job-bob/job-data-access`,
      `sml-${stack}-job-bob/job-runtime`,
      `sml-${stack}-notebook-alice/data-access`,
      `sml-${stack}-notebook-alice/job-start`,
      `sml-${stack}-notebook-alice/notebook-runtime`,
      `sml-${stack}-notebook-bob/data-access`,
      `sml-${stack}-notebook-bob/job-start`,
      `sml-${stack}-notebook-bob/notebook-runtime`,
    ]);
  });

  it.each(Object.entries(NOTEBOOKS))(
    '%s: the instance is locked down, runs as its own role and starts with its own lifecycle configuration',
    (id, owner) => {
      const nb = resource(plan, T.notebook, `${id}-notebook`);
      expect(nb.inputs).toMatchObject({
        name: `sml-${stack}-notebook-${id}`,
        directInternetAccess: 'Disabled',
        rootAccess: 'Disabled',
        instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
        platformIdentifier: 'notebook-al2023-v1',
        subnetId: (network()['privateSubnetIds'] as string[])[0],
        securityGroups: [network()['notebookSecurityGroupId']],
        kmsKeyId: security()['dataKeyArn'],
        roleArn: `arn:aws:iam::${ACCOUNT}:role${ROLE_PATH(stack)}sml-${stack}-notebook-${id}`,
        lifecycleConfigName: `sml-${stack}-lifecycle-${id}`,
        tags: { 'secure-ml:notebook-id': id, 'secure-ml:owner': owner },
      });
      expect(nb.inputs).not.toHaveProperty('defaultCodeRepository');
      expect(nb.options.protect).toBe(stack === 'prod');
      expect(nb.provider).toMatch(/pulumi:providers:aws::notebook-aws::/);
    },
  );

  it.each(Object.keys(NOTEBOOKS))(
    '%s: the role is under the notebook role path, carries the boundary (IAM-6), no managed policy (IAM-4), and trusts SageMaker for its own notebook only (IAM-3)',
    (id) => {
      const role = resource(plan, T.role, `${id}-role`);
      expect(role.inputs).toMatchObject({
        name: `sml-${stack}-notebook-${id}`,
        path: ROLE_PATH(stack),
        permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/secure-ml/sml-${stack}-notebook-boundary`,
        tags: { 'secure-ml:notebook-id': id, 'secure-ml:owner': NOTEBOOKS[id as keyof typeof NOTEBOOKS] },
      });
      expect(role.inputs['permissionsBoundary']).toBe(security()['notebookBoundaryArn']);
      expect(role.inputs).not.toHaveProperty('managedPolicyArns');
      expect(JSON.parse(String(role.inputs['assumeRolePolicy']))).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'SageMakerForThisNotebook',
            Effect: 'Allow',
            Principal: { Service: 'sagemaker.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEqualsIfExists: { 'aws:SourceAccount': ACCOUNT },
              ArnLikeIfExists: {
                'aws:SourceArn': `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-${id}`,
              },
            },
          },
        ],
      });
    },
  );

  it.each(Object.keys(NOTEBOOKS))(
    '%s: reads and writes its own prefix, reads shared/, lists only those, and uses the data key only through S3',
    (id) => {
      expect(policyOf(plan, T.rolePolicy, `${id}-data-access`).Statement).toEqual([
        { Sid: 'LocateDataBucket', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: BUCKET(stack) },
        {
          Sid: 'ListOwnAndSharedPrefixes',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: BUCKET(stack),
          Condition: {
            StringLike: { 's3:prefix': [`notebooks/${id}/`, `notebooks/${id}/*`, 'shared/', 'shared/*'] },
          },
        },
        {
          Sid: 'ReadWriteOwnPrefix',
          Effect: 'Allow',
          Action: [
            's3:AbortMultipartUpload',
            's3:DeleteObject',
            's3:GetObject',
            's3:GetObjectVersion',
            's3:ListMultipartUploadParts',
            's3:PutObject',
          ],
          Resource: `${BUCKET(stack)}/notebooks/${id}/*`,
        },
        {
          Sid: 'ReadSharedPrefix',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:GetObjectVersion'],
          Resource: `${BUCKET(stack)}/shared/*`,
        },
        {
          Sid: 'UseDataKeyThroughS3',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: security()['dataKeyArn'],
          Condition: {
            StringEquals: {
              'kms:ViaService': 's3.eu-west-1.amazonaws.com',
              'kms:EncryptionContext:aws:s3:arn': BUCKET(stack),
            },
          },
        },
      ]);
    },
  );

  it.each(Object.keys(NOTEBOOKS))(
    '%s: at run time it writes its own log streams and stops its own instance, nothing else without a mirror',
    (id) => {
      const group = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/sagemaker/NotebookInstances`;
      expect(policyOf(plan, T.rolePolicy, `${id}-runtime`).Statement).toEqual([
        {
          Sid: 'DescribeAndStopOwnNotebook',
          Effect: 'Allow',
          Action: ['sagemaker:DescribeNotebookInstance', 'sagemaker:StopNotebookInstance'],
          Resource: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-${id}`,
        },
        {
          Sid: 'WriteOwnLogStreams',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${group}:log-stream:sml-${stack}-notebook-${id}/*`,
        },
        {
          Sid: 'NotebookLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
          Resource: [group, `${group}:*`],
        },
      ]);
    },
  );

  it('waits for the bucket and its own grants before the first start', () => {
    for (const id of Object.keys(NOTEBOOKS)) {
      const urn = (type: string, name: string) => resource(plan, type, name).urn;
      expect(resource(plan, T.notebook, `${id}-notebook`).options.dependsOn).toEqual(
        expect.arrayContaining([
          urn(T.bucketPolicy, 'data-policy'),
          urn(T.rolePolicy, `${id}-data-access`),
          urn(T.rolePolicy, `${id}-runtime`),
        ]),
      );
    }
  });

  it('publishes every notebook under its id, and the one data bucket', () => {
    const entry = (id: string, owner: string) => ({
      notebookName: `sml-${stack}-notebook-${id}`,
      notebookArn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-${id}`,
      notebookConsoleUrl: `https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/notebook-instances/sml-${stack}-notebook-${id}`,
      owner,
      roleArn: `arn:aws:iam::${ACCOUNT}:role${ROLE_PATH(stack)}sml-${stack}-notebook-${id}`,
      roleName: `sml-${stack}-notebook-${id}`,
      lifecycleConfigName: `sml-${stack}-lifecycle-${id}`,
      dataPrefix: `notebooks/${id}/`,
    });
    expect(plan.outputs).toEqual({
      notebooks: { alice: entry('alice', 'alice@example.com'), bob: entry('bob', 'bob@example.com') },
      dataBucketName: `sml-${stack}-data-${ACCOUNT}-eu-west-1`,
      dataBucketArn: BUCKET(stack),
      ownerAccessPolicyArn: `arn:aws:iam::${ACCOUNT}:policy/secure-ml/sml-${stack}-notebook-owner-access`,
      ownerTagKey: 'secure-ml:owner',
    });
  });
});

describe('per-notebook settings', () => {
  const idle = (plan: LayerPlan, id: string) =>
    /export SECURE_ML_IDLE_MINUTES='(\d+)'/.exec(
      Buffer.from(
        String(resource(plan, T.lifecycle, `${id}-lifecycle`).inputs['onStart']),
        'base64',
      ).toString(),
    )?.[1];

  it('dev: alice takes the layer-wide idle time (30), bob his own (60); both the smallest instance', async () => {
    const plan = await planNotebook('dev');
    expect([idle(plan, 'alice'), idle(plan, 'bob')]).toEqual(['30', '60']);
    for (const id of ['alice', 'bob'])
      expect(resource(plan, T.notebook, `${id}-notebook`).inputs).toMatchObject({
        instanceType: 'ml.t3.medium',
        volumeSize: 10,
      });
  });

  it('prod: bob gets his own instance type and volume, alice the layer-wide ones', async () => {
    const plan = await planNotebook('prod');
    expect(resource(plan, T.notebook, 'alice-notebook').inputs).toMatchObject({
      instanceType: 'ml.m5.xlarge',
      volumeSize: 50,
    });
    expect(resource(plan, T.notebook, 'bob-notebook').inputs).toMatchObject({
      instanceType: 'ml.t3.xlarge',
      volumeSize: 100,
    });
    expect([idle(plan, 'alice'), idle(plan, 'bob')]).toEqual(['120', '120']);
  });

  it('the default code repository applies to every notebook', async () => {
    const url = 'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/ml-notebooks';
    const plan = await planNotebook('dev', { 'secure-ml-notebook:defaultCodeRepository': url });
    for (const nb of ofType(plan, T.notebook)) expect(nb.inputs['defaultCodeRepository']).toBe(url);
  });

  it('refuses a SageMaker code repository name as the default repository (review 5, R5-8: nobody guards it)', async () => {
    const run = planNotebook('dev', { 'secure-ml-notebook:defaultCodeRepository': 'ml-notebooks' });
    await expect(run).rejects.toThrow('secure-ml-notebook:defaultCodeRepository = "ml-notebooks"');
    await expect(run).rejects.toThrow(
      'an https:// Git URL without credentials (not a SageMaker code repository name)',
    );
  });
});

describe('ids are stable names: other entries never change a notebook', () => {
  const NS = 'secure-ml-notebook:notebooks';
  const DEV = { alice: { owner: 'alice@example.com' }, bob: { owner: 'bob@example.com', idleMinutes: 60 } };
  /** Every resource of notebook `id` (its component and children), by URN, with inputs and options. */
  const ofNotebook = (plan: LayerPlan, id: string) =>
    Object.fromEntries(
      plan.resources
        .filter((r: PlannedResource) => r.name === id || r.name.startsWith(`${id}-`))
        .map((r) => [r.urn, { inputs: r.inputs, options: r.options, parent: r.parent }]),
    );

  it('adding a third notebook, first in the map, and reordering the others changes none of their resources', async () => {
    const [before, after] = await Promise.all([
      planNotebook('dev'),
      planNotebook('dev', {
        [NS]: JSON.stringify({ carol: { owner: 'carol@example.com' }, bob: DEV.bob, alice: DEV.alice }),
      }),
    ]);
    expect(ofType(after, T.notebook).map((r) => r.name)).toEqual([
      'alice-notebook',
      'bob-notebook',
      'carol-notebook',
    ]);
    for (const id of ['alice', 'bob']) {
      const was = ofNotebook(before, id);
      // component, role, two policies, lifecycle, instance; and with jobs on, the job role, its two policies and
      // the notebook role's job-start policy
      expect(Object.keys(was)).toHaveLength(10);
      expect(ofNotebook(after, id)).toEqual(was);
    }
    // The bucket and its policy do not change either: they name no notebook.
    const bucketPolicy = (p: LayerPlan) => resource(p, T.bucketPolicy, 'data-policy').inputs;
    expect(bucketPolicy(after)).toEqual(bucketPolicy(before));
  });

  it('removing a notebook removes its resources only', async () => {
    const [before, after] = await Promise.all([
      planNotebook('dev'),
      planNotebook('dev', { [NS]: JSON.stringify({ alice: DEV.alice }) }),
    ]);
    expect(ofNotebook(after, 'bob')).toEqual({});
    expect(ofNotebook(after, 'alice')).toEqual(ofNotebook(before, 'alice'));
  });
});
