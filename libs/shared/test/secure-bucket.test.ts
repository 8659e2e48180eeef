import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { grantPrefixProblem } from '../src/aws/bucket-grants';
import { SecureBucket, secureBucketProblems, type SecureBucketArgs } from '../src/aws/secure-bucket';
import { runLayerProgram, type LayerPlan } from '../src/testing';

const EXPIRE_NONCURRENT = {
  id: 'expire-noncurrent-versions',
  status: 'Enabled',
  filter: {},
  noncurrentVersionExpiration: { noncurrentDays: 30 },
};
const ARGS: SecureBucketArgs = {
  bucketName: 'sml-dev-test-123456789012-eu-west-1',
  encryption: { kind: 'kms', keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k', bucketKey: true },
  accessLogs: { bucket: 'sml-dev-access-logs-123456789012-eu-west-1', prefix: 'test/' },
  lifecycleRules: [EXPIRE_NONCURRENT],
  protect: true,
  policyStatements: (arn) => [
    { Sid: 'OwnersStatement', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: arn },
  ],
};

const plan = (args: SecureBucketArgs): Promise<LayerPlan> =>
  runLayerProgram({
    layer: 'notebook',
    stack: 'dev',
    config: { 'aws:region': 'eu-west-1' },
    program: () => {
      const provider = new aws.Provider('aws', { region: 'eu-west-1' });
      const bucket = new SecureBucket('test', args, { provider });
      return { arn: bucket.arn };
    },
  });
const named = (p: LayerPlan, name: string) => {
  const found = p.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}: ${p.resources.map((r) => r.name).join(', ')}`);
  return found;
};

describe('SecureBucket', () => {
  it('registers the bucket and each secure setting once, as its children, under the shared type', async () => {
    const p = await plan(ARGS);
    const children = p.resources.filter(
      (r) => r.parent === named(p, 'test').urn && r.type !== 'aws:s3/bucket:Bucket',
    );
    expect(named(p, 'test').type).toBe('secure-ml:shared:SecureBucket');
    expect(children.map((r) => [r.type, r.name]).sort()).toEqual([
      ['aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration', 'test-lifecycle'],
      ['aws:s3/bucketLogging:BucketLogging', 'test-access-logs'],
      ['aws:s3/bucketOwnershipControls:BucketOwnershipControls', 'test-ownership'],
      ['aws:s3/bucketPolicy:BucketPolicy', 'test-policy'],
      ['aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', 'test-public-access'],
      [
        'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
        'test-encryption',
      ],
      ['aws:s3/bucketVersioning:BucketVersioning', 'test-versioning'],
    ]);
    expect(p.resources.filter((r) => r.type === 'aws:s3/bucket:Bucket').map((r) => r.inputs)).toEqual([
      { bucket: 'sml-dev-test-123456789012-eu-west-1', forceDestroy: false },
    ]);
    expect(named(p, 'test-public-access').inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(named(p, 'test-ownership').inputs['rule']).toEqual({ objectOwnership: 'BucketOwnerEnforced' });
    expect(named(p, 'test-versioning').inputs['versioningConfiguration']).toEqual({ status: 'Enabled' });
    expect(named(p, 'test-encryption').inputs['rules']).toEqual([
      {
        applyServerSideEncryptionByDefault: {
          sseAlgorithm: 'aws:kms',
          kmsMasterKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k',
        },
        bucketKeyEnabled: true,
      },
    ]);
    expect(named(p, 'test-access-logs').inputs).toEqual({
      bucket: 'sml-dev-test-123456789012-eu-west-1',
      targetBucket: 'sml-dev-access-logs-123456789012-eu-west-1',
      targetPrefix: 'test/',
      targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
    });
    const bucket = p.resources.find((r) => r.type === 'aws:s3/bucket:Bucket');
    expect(bucket?.options).toMatchObject({ protect: true, retainOnDelete: false });
  });

  it("writes the TLS-only deny first, then the owner's statements, once every setting is in place", async () => {
    const p = await plan(ARGS);
    const policy = named(p, 'test-policy');
    const arn = 'arn:aws:s3:::sml-dev-test-123456789012-eu-west-1';
    expect(JSON.parse(String(policy.inputs['policy']))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [arn, `${arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        { Sid: 'OwnersStatement', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: arn },
      ],
    });
    const settings = [
      'test-public-access',
      'test-ownership',
      'test-versioning',
      'test-encryption',
      'test-lifecycle',
      'test-access-logs',
    ].map((n) => named(p, n).urn);
    expect([...policy.options.dependsOn].sort()).toEqual([...settings].sort());
    expect(named(p, 'test-lifecycle').options.dependsOn).toEqual([named(p, 'test-versioning').urn]);
  });

  it('logs nothing when it is the log target, and encrypts with SSE-S3 when asked', async () => {
    const p = await plan({ ...ARGS, accessLogs: 'is-access-log-bucket', encryption: { kind: 's3-managed' } });
    expect(p.resources.filter((r) => r.type === 'aws:s3/bucketLogging:BucketLogging')).toEqual([]);
    expect(named(p, 'test-encryption').inputs['rules']).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
    ]);
  });

  it('keeps an older name and simple keys for the logging configuration when told', async () => {
    const p = await plan({
      ...ARGS,
      accessLogs: { bucket: 'logs', prefix: 'x/', keyFormat: 'simple', resourceName: 'test-logging' },
      componentType: 'secure-ml:notebook:DataBucket',
    });
    expect(named(p, 'test').type).toBe('secure-ml:notebook:DataBucket');
    expect(named(p, 'test-logging').inputs).toEqual({
      bucket: 'sml-dev-test-123456789012-eu-west-1',
      targetBucket: 'logs',
      targetPrefix: 'x/',
    });
  });

  it('refuses lifecycle rules that never expire noncurrent versions (S3-8), naming the fix', () => {
    expect(
      secureBucketProblems('test', { lifecycleRules: [{ id: 'none', status: 'Enabled', filter: {} }] }),
    ).toEqual([
      'SecureBucket test: no enabled lifecycle rule expires noncurrent versions (S3-8); add one with noncurrentVersionExpiration: { noncurrentDays: <days> }',
    ]);
    expect(
      secureBucketProblems('test', { lifecycleRules: [{ ...EXPIRE_NONCURRENT, status: 'Disabled' }] }),
    ).toHaveLength(1);
    expect(secureBucketProblems('test', { lifecycleRules: [EXPIRE_NONCURRENT] })).toEqual([]);
  });
});

describe('SecureBucket, a component that replaces resources registered elsewhere', () => {
  it('aliases every child to its URN under the former parent, and orders the logging after what it needs', async () => {
    const p = await runLayerProgram({
      layer: 'notebook',
      stack: 'dev',
      config: { 'aws:region': 'eu-west-1' },
      program: () => {
        const former = new pulumi.ComponentResource('secure-ml:test:Former', 'former');
        const needed = new aws.s3.BucketPolicy(
          'needed',
          { bucket: 'other', policy: '{}' },
          { parent: former },
        );
        const target = ARGS.accessLogs as Exclude<SecureBucketArgs['accessLogs'], 'is-access-log-bucket'>;
        new SecureBucket(
          'test',
          { ...ARGS, accessLogs: { ...target, dependsOn: [needed] }, formerParent: former },
          { parent: former },
        );
        return {};
      },
    });
    const children = p.resources.filter((r) => r.custom && r.name.startsWith('test'));
    expect(children).toHaveLength(8);
    for (const r of children)
      expect(r.options.aliases).toEqual([
        `urn:pulumi:dev::secure-ml-notebook::secure-ml:test:Former$${r.type}::${r.name}`,
      ]);
    expect(named(p, 'test-access-logs').options.dependsOn).toEqual([named(p, 'needed').urn]);
  });

  it('aliases nothing without a former parent', async () => {
    const p = await plan(ARGS);
    expect(p.resources.filter((r) => r.options.aliases)).toEqual([]);
  });
});

describe('SecureBucket.grants: what the owner grants a role, by prefix', () => {
  const BUCKET = 'arn:aws:s3:::sml-dev-data-123456789012-eu-west-1';
  const grants = SecureBucket.grants(BUCKET);

  it('lists only inside the prefixes, and grants the objects under one prefix', () => {
    expect(grants.grantList('List', ['notebooks/alice/', 'shared/'])).toEqual({
      Sid: 'List',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: BUCKET,
      Condition: {
        StringLike: { 's3:prefix': ['notebooks/alice/', 'notebooks/alice/*', 'shared/', 'shared/*'] },
      },
    });
    expect(grants.grantObjects('Read', 'shared/', ['s3:GetObject'])).toEqual({
      Sid: 'Read',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: `${BUCKET}/shared/*`,
    });
  });

  it.each([
    ['notebooks/alice', 'notebooks/alice/'],
    ['notebooks/*/', 'notebooks/*/'],
    ['notebooks/alice*', 'notebooks/alice/'],
    ['/notebooks/alice/', 'notebooks/alice/'],
  ])('refuses the prefix %s (it would reach other keys), naming the fix', (prefix, fix) => {
    expect(() => grants.grantObjects('Own', prefix, ['s3:GetObject'])).toThrow(
      `bucket grant Own: prefix ${JSON.stringify(prefix)} must end with "/"`,
    );
    expect(grantPrefixProblem('Own', prefix)).toContain(`grant ${JSON.stringify(fix)}`);
    expect(() => grants.grantList('List', [prefix])).toThrow('bucket grant List');
  });
});
