import { ofType, resource, type LayerPlan } from '@secure-ml/shared/testing';
import { Naming } from '@secure-ml/shared';
import { objectArnPrefix, trailEventSelectors } from '../src/trail';
import { planLogging, upstreamOf } from './support/plan';

const TRAIL = 'aws:cloudtrail/trail:Trail';

describe('trail', () => {
  let plan: LayerPlan;
  let trail: Record<string, unknown>;
  beforeAll(async () => {
    plan = await planLogging();
    trail = resource(plan, TRAIL, 'trail').inputs;
  });

  it('is the one trail, multi-region, with global events and log file validation (LOG-1, LOG-3)', () => {
    expect(ofType(plan, TRAIL)).toHaveLength(1);
    expect(trail).toMatchObject({
      name: 'sml-dev-trail',
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
    });
    expect(trail['isOrganizationTrail']).toBeUndefined();
  });

  it('is protected from deletion in prod only', async () => {
    const prod = await planLogging({ stack: 'prod' });
    expect(resource(prod, TRAIL, 'trail').options.protect).toBe(true);
    expect(resource(plan, TRAIL, 'trail').options.protect).toBe(false);
  });

  it('encrypts with the security layer logs key (LOG-2)', () => {
    expect(trail['kmsKeyId']).toBe(upstreamOf('security')['logsKeyArn']);
  });

  it('delivers to the trail log group through the security layer delivery role (LOG-4)', () => {
    expect(trail['cloudWatchLogsGroupArn']).toBe(
      'arn:aws:logs:eu-west-1:123456789012:log-group:/secure-ml/sml-dev/cloudtrail:*',
    );
    expect(trail['cloudWatchLogsRoleArn']).toBe(upstreamOf('security')['trailDeliveryRoleArn']);
  });

  it('writes to the trail bucket, after its policy exists (CloudTrail checks it on creation)', () => {
    expect(trail['s3BucketName']).toBe('sml-dev-trail-123456789012-eu-west-1');
    expect(resource(plan, TRAIL, 'trail').options.dependsOn).toContain(
      resource(plan, 'aws:s3/bucketPolicy:BucketPolicy', 'trail-bucket-policy').urn,
    );
  });

  it('logs every management event, read and write: no readOnly filter and no excluded source (LOG-1)', () => {
    const selectors = trail['advancedEventSelectors'] as { fieldSelectors: { field: string }[] }[];
    expect(selectors[0]).toEqual({
      name: expect.any(String),
      fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }],
    });
    const fields = selectors.flatMap((s) => s.fieldSelectors.map((f) => f.field));
    expect(fields).not.toContain('readOnly');
    expect(fields).not.toContain('eventSource');
    expect(trail['eventSelectors']).toBeUndefined();
  });

  it('logs object-level read and write events of the environment data buckets only (LOG-7)', () => {
    const selectors = trail['advancedEventSelectors'] as unknown[];
    expect(selectors[1]).toEqual({
      name: expect.any(String),
      fieldSelectors: [
        { field: 'eventCategory', equals: ['Data'] },
        { field: 'resources.type', equals: ['AWS::S3::Object'] },
        { field: 'resources.ARN', startsWiths: ['arn:aws:s3:::sml-dev-data-123456789012-eu-west-1/'] },
      ],
    });
  });
});

describe('object ARN prefix of the data bucket', () => {
  const prefix = objectArnPrefix(
    'aws',
    new Naming('sml', 'dev').bucketName('data', '123456789012', 'eu-west-1'),
  );

  it('is the whole bucket name and a slash, as the CloudTrail API reference requires', () => {
    expect(prefix).toBe('arn:aws:s3:::sml-dev-data-123456789012-eu-west-1/');
    expect('arn:aws:s3:::sml-dev-data-123456789012-eu-west-1/notebooks/a.ipynb'.startsWith(prefix)).toBe(
      true,
    );
  });

  it.each([
    'arn:aws:s3:::sml-prod-data-123456789012-eu-west-1/a', // another environment
    'arn:aws:s3:::sml-dev-trail-123456789012-eu-west-1/AWSLogs/x', // the trail bucket: logging it would log itself
    'arn:aws:s3:::sml-dev-data-123456789012-eu-west-1-other/a', // a bucket whose name only starts the same
  ])('does not match %s', (arn) => {
    expect(arn.startsWith(prefix)).toBe(false);
  });

  it.each(['sml-dev-data-*', 'Sml-Dev', 'x'])('refuses what is not a bucket name: %s', (name) => {
    expect(() => objectArnPrefix('aws', name)).toThrow(/is not an S3 bucket name/);
  });

  it('builds the data selector from the prefix it is given', () => {
    expect(trailEventSelectors('arn:aws-cn:s3:::x-y/')[1]?.fieldSelectors).toContainEqual({
      field: 'resources.ARN',
      startsWiths: ['arn:aws-cn:s3:::x-y/'],
    });
  });
});
