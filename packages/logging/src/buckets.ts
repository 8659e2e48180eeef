import * as pulumi from '@pulumi/pulumi';
import { SecureBucket, type LayerContext } from '@secure-ml/shared';
import { logLifecycleRules, type LogLifecycle } from './lifecycle';
import { accessLogDeliveryStatements, cloudTrailDeliveryStatements } from './policies';

/**
 * The component token the log buckets were created under, before SecureBucket moved to libs/shared: part of
 * every child's URN, so keeping it keeps every bucket and setting in place.
 */
const COMPONENT_TYPE = 'secure-ml:logging:SecureBucket';

/** Key prefix of server access logs in the access-log bucket (S3 adds account, region and bucket after it). */
export const ACCESS_LOG_PREFIX = 's3-access-logs/';

/**
 * The two log buckets. The access-log bucket receives the server access logs of every bucket of this
 * environment (the notebook's data bucket included); the trail bucket receives CloudTrail and logs its own
 * access there (CloudTrail.7, LOG-6). Neither is ever public (LOG-5).
 */
export function createLogBuckets(
  ctx: LayerContext<'logging'>,
  args: { logsKeyArn: pulumi.Input<string>; lifecycle: LogLifecycle },
) {
  const bucketName = (purpose: 'trail' | 'access-logs') =>
    ctx.accountId.apply((account) => ctx.naming.bucketName(purpose, account, ctx.region));
  const opts = { provider: ctx.provider };
  // Protected buckets are also retained: the audit trail outlives the stack. A retained bucket keeps its
  // deterministic name taken, so dev (which tears down) turns both off.
  const keep = { protect: ctx.protect, retainOnDelete: ctx.protect, componentType: COMPONENT_TYPE };
  const lifecycleRules = logLifecycleRules(args.lifecycle);

  const accessLogs = new SecureBucket(
    'access-log-bucket',
    {
      bucketName: bucketName('access-logs'),
      // S3 server access log delivery supports SSE-S3 only (S3-4 makes this the one exception).
      encryption: { kind: 's3-managed' },
      accessLogs: 'is-access-log-bucket',
      lifecycleRules,
      ...keep,
      policyStatements: (bucketArn) =>
        accessLogDeliveryStatements({
          bucketArn,
          accountId: ctx.accountId,
          sourceBucketArnPattern: pulumi.interpolate`arn:${ctx.partition}:s3:::${ctx.naming.stem}-*`,
        }),
    },
    opts,
  );

  // The trail's ARN is known before the trail exists, and must be: CloudTrail checks the bucket policy when
  // the trail is created, so the policy cannot wait for the trail's own output.
  const trailArn = pulumi
    .all([ctx.partition, ctx.accountId])
    .apply(([partition, account]) => ctx.naming.trailArn(partition, ctx.region, account));
  const trail = new SecureBucket(
    'trail-bucket',
    {
      bucketName: bucketName('trail'),
      // No S3 Bucket Key: the configuration the CloudTrail guide documents as working with a key policy that
      // lets CloudTrail only GenerateDataKey with its encryption context. AWS: "Configure AWS KMS key policies
      // for CloudTrail", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
      encryption: { kind: 'kms', keyArn: args.logsKeyArn, bucketKey: false },
      accessLogs: { bucket: accessLogs.name, prefix: ACCESS_LOG_PREFIX },
      lifecycleRules,
      ...keep,
      policyStatements: (bucketArn) =>
        cloudTrailDeliveryStatements({ bucketArn, trailArn, accountId: ctx.accountId }),
    },
    opts,
  );
  return { trail, accessLogs, trailArn };
}
