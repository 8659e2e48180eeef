import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { LayerContext } from '@secure-ml/shared';
import type { SecureBucket } from '@secure-ml/shared';

/**
 * Advanced event selectors of the trail. Once a trail uses advanced selectors, management events are logged
 * only if a selector asks for them: the first selector does, with no `readOnly` field, so that read and write
 * events are both logged (CloudTrail.1). The second logs object-level data events, read and write (S3.22,
 * S3.23), of the environment's data bucket, named exactly: the name is deterministic (naming.bucketName), so
 * the logging layer knows it before the notebook layer creates the bucket.
 */
export function trailEventSelectors(
  objectArnPrefix: pulumi.Input<string>,
): aws.types.input.cloudtrail.TrailAdvancedEventSelector[] {
  return [
    {
      name: 'Management events (read and write)',
      fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }],
    },
    {
      name: 'Object-level events of the notebook data bucket (read and write)',
      fieldSelectors: [
        { field: 'eventCategory', equals: ['Data'] },
        { field: 'resources.type', equals: ['AWS::S3::Object'] },
        { field: 'resources.ARN', startsWiths: [objectArnPrefix] },
      ],
    },
  ];
}

/**
 * The `resources.ARN` value that selects every object of one bucket. The CloudTrail API reference requires
 * `arn:<partition>:s3:::<bucket_name>/` for S3 objects: a whole bucket name and the slash, never part of a name.
 * AWS: "AdvancedFieldSelector", https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 */
export function objectArnPrefix(partition: string, bucketName: string): string {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucketName))
    throw new Error(`${bucketName} is not an S3 bucket name: object events are selected by the whole name`);
  return `arn:${partition}:s3:::${bucketName}/`;
}

export interface TrailArgs {
  readonly bucket: SecureBucket;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly logsKeyArn: pulumi.Input<string>;
  /** The security layer's role that CloudTrail assumes to write to the log group. */
  readonly deliveryRoleArn: pulumi.Input<string>;
}

/** The environment's trail (LOG-1 to LOG-4, LOG-7). */
export function createTrail(ctx: LayerContext<'logging'>, args: TrailArgs): aws.cloudtrail.Trail {
  const dataObjects = pulumi
    .all([ctx.partition, ctx.accountId])
    .apply(([partition, account]) =>
      objectArnPrefix(partition, ctx.naming.bucketName('data', account, ctx.region)),
    );
  return new aws.cloudtrail.Trail(
    'trail',
    {
      name: ctx.naming.trailName,
      s3BucketName: args.bucket.name,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      // Digest files (LOG-3); log files encrypted with the customer-managed logs key (LOG-2).
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: args.logsKeyArn,
      // CloudTrail wants the log-stream wildcard on the group ARN.
      cloudWatchLogsGroupArn: pulumi.interpolate`${args.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: args.deliveryRoleArn,
      advancedEventSelectors: trailEventSelectors(dataObjects),
    },
    // CloudTrail validates the bucket policy when it creates the trail.
    { provider: ctx.provider, protect: ctx.protect, dependsOn: [args.bucket.policy] },
  );
}
