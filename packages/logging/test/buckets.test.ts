import { ofType, resource, type LayerPlan, type PlannedResource } from '@secure-ml/shared/testing';
import { ACCESS_LOG_PREFIX } from '../src/buckets';
import { planLogging, upstreamOf } from './support/plan';

const BUCKETS = ['trail-bucket', 'access-log-bucket'] as const;
const setting = (plan: LayerPlan, type: string, name: string) =>
  resource(plan, `aws:s3/${type}`, name).inputs;
/** The settings resources that point at a bucket, by the physical bucket name they carry. */
const settingsOf = (plan: LayerPlan, bucketName: string) =>
  plan.resources.filter(
    (r) =>
      r.type.startsWith('aws:s3/') && r.type !== 'aws:s3/bucket:Bucket' && r.inputs['bucket'] === bucketName,
  );

describe('log buckets', () => {
  let dev: LayerPlan;
  let prod: LayerPlan;
  beforeAll(async () => {
    [dev, prod] = await Promise.all([planLogging(), planLogging({ stack: 'prod' })]);
  });

  it('creates exactly the trail bucket and the access-log bucket, named per account and region', () => {
    const names = ofType(dev, 'aws:s3/bucket:Bucket').map((b) => b.inputs['bucket']);
    expect(names.sort()).toEqual([
      'sml-dev-access-logs-123456789012-eu-west-1',
      'sml-dev-trail-123456789012-eu-west-1',
    ]);
  });

  it.each(BUCKETS)(
    '%s blocks all public access, disables ACLs and keeps versions (S3-1, S3-3, S3-6)',
    (name) => {
      expect(
        setting(dev, 'bucketPublicAccessBlock:BucketPublicAccessBlock', `${name}-public-access`),
      ).toMatchObject({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      expect(
        setting(dev, 'bucketOwnershipControls:BucketOwnershipControls', `${name}-ownership`)['rule'],
      ).toEqual({ objectOwnership: 'BucketOwnerEnforced' });
      expect(
        setting(dev, 'bucketVersioning:BucketVersioning', `${name}-versioning`)['versioningConfiguration'],
      ).toEqual({ status: 'Enabled' });
    },
  );

  it('encrypts the trail bucket with the logs key and no S3 Bucket Key, as the CloudTrail guide documents (S3-4)', () => {
    const rules = setting(
      dev,
      'bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
      'trail-bucket-encryption',
    )['rules'];
    expect(rules).toEqual([
      {
        applyServerSideEncryptionByDefault: {
          sseAlgorithm: 'aws:kms',
          kmsMasterKeyId: upstreamOf('security')['logsKeyArn'],
        },
        bucketKeyEnabled: false,
      },
    ]);
  });

  it('encrypts the access-log bucket with SSE-S3, the one exception S3 log delivery forces (S3-4)', () => {
    const rules = setting(
      dev,
      'bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
      'access-log-bucket-encryption',
    )['rules'];
    expect(rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]);
    expect(JSON.stringify(rules)).not.toContain('kms');
  });

  it('logs trail-bucket access to the access-log bucket, and does not log the access-log bucket into itself (S3-5, LOG-6)', () => {
    const logging = ofType(dev, 'aws:s3/bucketLogging:BucketLogging');
    expect(logging).toHaveLength(1);
    expect(logging[0]?.inputs).toMatchObject({
      bucket: 'sml-dev-trail-123456789012-eu-west-1',
      targetBucket: 'sml-dev-access-logs-123456789012-eu-west-1',
      targetPrefix: ACCESS_LOG_PREFIX,
    });
    expect(logging[0]?.inputs['targetBucket']).not.toBe(logging[0]?.inputs['bucket']);
  });

  it.each([
    ['dev', 30, 365, 30],
    ['prod', 90, 2557, 90],
  ] as const)(
    'takes the lifecycle of %s from its stack file, noncurrent versions included (S3-8)',
    (stack, transition, expiration, noncurrent) => {
      const plan = stack === 'dev' ? dev : prod;
      for (const name of BUCKETS) {
        const lifecycle = setting(
          plan,
          'bucketLifecycleConfiguration:BucketLifecycleConfiguration',
          `${name}-lifecycle`,
        );
        expect(lifecycle['rules']).toEqual([
          expect.objectContaining({
            status: 'Enabled',
            transitions: [{ days: transition, storageClass: 'GLACIER_IR' }],
            expiration: { days: expiration },
            noncurrentVersionExpiration: { noncurrentDays: noncurrent },
          }),
        ]);
      }
    },
  );

  it('applies a lifecycle override from config', async () => {
    const plan = await planLogging({
      config: {
        'secure-ml-logging:logTransitionDays': '60',
        'secure-ml-logging:logExpirationDays': '731',
        'secure-ml-logging:noncurrentVersionExpirationDays': '7',
      },
    });
    const rules = setting(
      plan,
      'bucketLifecycleConfiguration:BucketLifecycleConfiguration',
      'trail-bucket-lifecycle',
    )['rules'] as Record<string, unknown>[];
    expect(rules[0]).toMatchObject({
      transitions: [{ days: 60 }],
      expiration: { days: 731 },
      noncurrentVersionExpiration: { noncurrentDays: 7 },
    });
  });

  it('never force-destroys a bucket (S3-8)', () => {
    for (const bucket of [...ofType(dev, 'aws:s3/bucket:Bucket'), ...ofType(prod, 'aws:s3/bucket:Bucket')]) {
      expect(bucket.inputs['forceDestroy']).toBe(false);
    }
  });

  it('protects and retains the buckets in prod, and in dev does neither (dev opts out to tear down)', () => {
    for (const bucket of ofType(prod, 'aws:s3/bucket:Bucket'))
      expect(bucket.options).toMatchObject({ protect: true, retainOnDelete: true });
    for (const bucket of ofType(dev, 'aws:s3/bucket:Bucket'))
      expect(bucket.options).toMatchObject({ protect: false, retainOnDelete: false });
  });

  it('gives every bucket each of its settings exactly once, inside its SecureBucket component', () => {
    for (const bucket of ofType(dev, 'aws:s3/bucket:Bucket')) {
      const types = settingsOf(dev, bucket.inputs['bucket'] as string).map((r) => r.type.split(':').pop());
      const expected = [
        'BucketPublicAccessBlock',
        'BucketOwnershipControls',
        'BucketVersioning',
        'BucketServerSideEncryptionConfiguration',
        'BucketLifecycleConfiguration',
        'BucketPolicy',
      ];
      if (bucket.name === 'trail-bucket') expected.push('BucketLogging');
      expect(types.sort()).toEqual(expected.sort());
      const component = resource(dev, 'secure-ml:logging:SecureBucket', bucket.name);
      for (const child of [bucket, ...settingsOf(dev, bucket.inputs['bucket'] as string)])
        expect(child.parent).toBe(component.urn);
    }
  });

  it('writes the bucket policy only after the public access block, and lifecycle only after versioning', () => {
    const urn = (type: string, name: string): string => resource(dev, type, name).urn;
    for (const name of BUCKETS) {
      const policy: PlannedResource = resource(dev, 'aws:s3/bucketPolicy:BucketPolicy', `${name}-policy`);
      expect(policy.options.dependsOn).toContain(
        urn('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', `${name}-public-access`),
      );
      const lifecycle = resource(
        dev,
        'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
        `${name}-lifecycle`,
      );
      expect(lifecycle.options.dependsOn).toContain(
        urn('aws:s3/bucketVersioning:BucketVersioning', `${name}-versioning`),
      );
    }
  });
});
