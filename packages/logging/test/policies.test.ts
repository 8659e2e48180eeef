import type { LayerPlan } from '@secure-ml/shared/testing';
import { anonymousPrincipal, decide, OTHER_ACCOUNT, registeredPolicy } from './support/simulate';
import { planLogging } from './support/plan';

const ACCOUNT = '123456789012';
const TRAIL_BUCKET = 'arn:aws:s3:::sml-dev-trail-123456789012-eu-west-1';
const ACCESS_LOG_BUCKET = 'arn:aws:s3:::sml-dev-access-logs-123456789012-eu-west-1';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:sml-dev-alerts';
const OUR_TRAIL = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/sml-dev-trail';
const TRAIL_OBJECT = `${TRAIL_BUCKET}/AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1/2026/01/01/x.json.gz`;
const OWNER_ACL = { 's3:x-amz-acl': 'bucket-owner-full-control' };

describe('trail bucket policy (simulated)', () => {
  let policy: unknown;
  beforeAll(async () => {
    const plan: LayerPlan = await planLogging();
    policy = registeredPolicy(plan, 'aws:s3/bucketPolicy:BucketPolicy', 'trail-bucket-policy');
  });
  const cloudtrail = (action: string, resource: string, context: Record<string, string>) =>
    decide(policy, { principal: 'cloudtrail.amazonaws.com', action, resource, context });

  it('lets CloudTrail read the ACL and write logs on behalf of our trail', async () => {
    await expect(cloudtrail('s3:GetBucketAcl', TRAIL_BUCKET, { 'aws:SourceArn': OUR_TRAIL })).resolves.toBe(
      'Allowed',
    );
    await expect(
      cloudtrail('s3:PutObject', TRAIL_OBJECT, { 'aws:SourceArn': OUR_TRAIL, ...OWNER_ACL }),
    ).resolves.toBe('Allowed');
  });

  it.each([
    ['another trail of this account', 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/someone-elses-trail'],
    [
      'the same trail name in another account',
      `arn:aws:cloudtrail:eu-west-1:${OTHER_ACCOUNT}:trail/sml-dev-trail`,
    ],
  ])('refuses CloudTrail writing for %s', async (_case, sourceArn) => {
    await expect(
      cloudtrail('s3:PutObject', TRAIL_OBJECT, { 'aws:SourceArn': sourceArn, ...OWNER_ACL }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(cloudtrail('s3:GetBucketAcl', TRAIL_BUCKET, { 'aws:SourceArn': sourceArn })).resolves.toBe(
      'ImplicitlyDenied',
    );
  });

  it('refuses CloudTrail without a SourceArn, outside AWSLogs/<account>/, or reading logs back', async () => {
    await expect(cloudtrail('s3:PutObject', TRAIL_OBJECT, OWNER_ACL)).resolves.toBe('ImplicitlyDenied');
    await expect(
      cloudtrail('s3:PutObject', `${TRAIL_BUCKET}/elsewhere/x`, { 'aws:SourceArn': OUR_TRAIL, ...OWNER_ACL }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(
      cloudtrail('s3:PutObject', `${TRAIL_BUCKET}/AWSLogs/${OTHER_ACCOUNT}/x`, {
        'aws:SourceArn': OUR_TRAIL,
        ...OWNER_ACL,
      }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(cloudtrail('s3:GetObject', TRAIL_OBJECT, { 'aws:SourceArn': OUR_TRAIL })).resolves.toBe(
      'ImplicitlyDenied',
    );
  });

  it('denies any request without TLS, even CloudTrail for our trail (S3-2)', async () => {
    await expect(
      cloudtrail('s3:PutObject', TRAIL_OBJECT, {
        'aws:SourceArn': OUR_TRAIL,
        ...OWNER_ACL,
        'aws:SecureTransport': 'false',
      }),
    ).resolves.toBe('ExplicitlyDenied');
    await expect(
      decide(policy, {
        principal: `arn:aws:iam::${ACCOUNT}:role/admin`,
        action: 's3:GetObject',
        resource: TRAIL_OBJECT,
        context: { 'aws:SecureTransport': 'false' },
      }),
    ).resolves.toBe('ExplicitlyDenied');
  });

  it('denies an anonymous caller and another account (LOG-5)', async () => {
    await expect(
      decide(policy, { principal: anonymousPrincipal, action: 's3:GetObject', resource: TRAIL_OBJECT }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(
      decide(policy, { principal: anonymousPrincipal, action: 's3:ListBucket', resource: TRAIL_BUCKET }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(
      decide(policy, {
        principal: `arn:aws:iam::${OTHER_ACCOUNT}:root`,
        action: 's3:GetObject',
        resource: TRAIL_OBJECT,
      }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(
      decide(policy, {
        principal: `arn:aws:iam::${OTHER_ACCOUNT}:role/x`,
        action: 's3:PutObject',
        resource: TRAIL_OBJECT,
        context: OWNER_ACL,
      }),
    ).resolves.toBe('ImplicitlyDenied');
  });
});

describe('access-log bucket policy (simulated)', () => {
  let policy: unknown;
  beforeAll(async () => {
    const plan: LayerPlan = await planLogging();
    policy = registeredPolicy(plan, 'aws:s3/bucketPolicy:BucketPolicy', 'access-log-bucket-policy');
  });
  const LOG_OBJECT = `${ACCESS_LOG_BUCKET}/s3-access-logs/${ACCOUNT}/eu-west-1/sml-dev-trail-123456789012-eu-west-1/2026/01/01/x`;
  const s3Logging = (context: Record<string, string>) =>
    decide(policy, {
      principal: 'logging.s3.amazonaws.com',
      action: 's3:PutObject',
      resource: LOG_OBJECT,
      context,
    });

  it('lets the S3 logging service deliver logs of this environment buckets in this account', async () => {
    await expect(
      s3Logging({
        'aws:SourceAccount': ACCOUNT,
        'aws:SourceArn': 'arn:aws:s3:::sml-dev-trail-123456789012-eu-west-1',
      }),
    ).resolves.toBe('Allowed');
    await expect(
      s3Logging({
        'aws:SourceAccount': ACCOUNT,
        'aws:SourceArn': 'arn:aws:s3:::sml-dev-data-123456789012-eu-west-1',
      }),
    ).resolves.toBe('Allowed');
  });

  it.each([
    [
      'a bucket of another account',
      {
        'aws:SourceAccount': OTHER_ACCOUNT,
        'aws:SourceArn': 'arn:aws:s3:::sml-dev-trail-123456789012-eu-west-1',
      },
    ],
    [
      'a bucket outside this environment',
      { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': 'arn:aws:s3:::sml-prod-data-123456789012-eu-west-1' },
    ],
    ['no source at all', {}],
  ])('refuses log delivery for %s', async (_case, context) => {
    await expect(s3Logging(context)).resolves.toBe('ImplicitlyDenied');
  });

  it('admits no other service, no anonymous caller and no other account', async () => {
    const context = {
      'aws:SourceAccount': ACCOUNT,
      'aws:SourceArn': 'arn:aws:s3:::sml-dev-trail-123456789012-eu-west-1',
    };
    await expect(
      decide(policy, {
        principal: 'cloudtrail.amazonaws.com',
        action: 's3:PutObject',
        resource: LOG_OBJECT,
        context,
      }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(
      decide(policy, { principal: anonymousPrincipal, action: 's3:PutObject', resource: LOG_OBJECT }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(
      decide(policy, {
        principal: `arn:aws:iam::${OTHER_ACCOUNT}:root`,
        action: 's3:GetObject',
        resource: LOG_OBJECT,
      }),
    ).resolves.toBe('ImplicitlyDenied');
  });

  it('denies delivery without TLS (S3-2)', async () => {
    await expect(
      s3Logging({
        'aws:SourceAccount': ACCOUNT,
        'aws:SourceArn': 'arn:aws:s3:::sml-dev-trail-123456789012-eu-west-1',
        'aws:SecureTransport': 'false',
      }),
    ).resolves.toBe('ExplicitlyDenied');
  });
});

describe('alerts topic policy (simulated)', () => {
  let policy: unknown;
  beforeAll(async () => {
    const plan: LayerPlan = await planLogging();
    policy = registeredPolicy(plan, 'aws:sns/topicPolicy:TopicPolicy', 'alerts-policy');
  });
  const OUR_ALARM = 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:sml-dev-RootAccountUsage';
  const publish = (principal: string, context: Record<string, string>) =>
    decide(policy, { principal, action: 'sns:Publish', resource: TOPIC, context });

  it('lets CloudWatch alarms of this account publish (LOG-9, LOG-13)', async () => {
    await expect(
      publish('cloudwatch.amazonaws.com', { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': OUR_ALARM }),
    ).resolves.toBe('Allowed');
  });

  it.each([
    [
      'CloudWatch for another account',
      'cloudwatch.amazonaws.com',
      {
        'aws:SourceAccount': OTHER_ACCOUNT,
        'aws:SourceArn': `arn:aws:cloudwatch:eu-west-1:${OTHER_ACCOUNT}:alarm:x`,
      },
    ],
    ['CloudWatch without a source', 'cloudwatch.amazonaws.com', {}],
    [
      'another service',
      'events.amazonaws.com',
      { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': 'arn:aws:events:eu-west-1:123456789012:rule/x' },
    ],
    ['another service', 's3.amazonaws.com', { 'aws:SourceAccount': ACCOUNT }],
    ['another account', `arn:aws:iam::${OTHER_ACCOUNT}:root`, {}],
  ])('refuses %s (%s)', async (_case, principal, context) => {
    await expect(publish(principal, context)).resolves.toBe('ImplicitlyDenied');
  });

  it('refuses an anonymous publisher and any publication without TLS', async () => {
    await expect(
      decide(policy, { principal: anonymousPrincipal, action: 'sns:Publish', resource: TOPIC }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(
      publish('cloudwatch.amazonaws.com', {
        'aws:SourceAccount': ACCOUNT,
        'aws:SourceArn': OUR_ALARM,
        'aws:SecureTransport': 'false',
      }),
    ).resolves.toBe('ExplicitlyDenied');
  });
});
