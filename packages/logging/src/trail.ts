import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { LayerContext } from '@secure-ml/shared';
import type { SecureBucket } from './secure-bucket';

/**
 * Advanced event selectors of the trail. Once a trail uses advanced selectors, management events are logged
 * only if a selector asks for them: the first selector does, with no `readOnly` field, so that read and write
 * events are both logged (CloudTrail.1). The second logs object-level data events, read and write (S3.22,
 * S3.23), of every data bucket this environment may create, named by the shared pattern because the notebook
 * layer creates the bucket later.
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
      name: 'Object-level events of the notebook data buckets (read and write)',
      fieldSelectors: [
        { field: 'eventCategory', equals: ['Data'] },
        { field: 'resources.type', equals: ['AWS::S3::Object'] },
        { field: 'resources.ARN', startsWiths: [objectArnPrefix] },
      ],
    },
  ];
}

/**
 * `arn:aws:s3:::sml-dev-data-*` names buckets; the objects of those buckets have ARNs that start with the part
 * before the wildcard, which is what a `startsWith` selector matches.
 */
export function objectArnPrefix(bucketArnPattern: string): string {
  if (!bucketArnPattern.endsWith('*') || bucketArnPattern.indexOf('*') !== bucketArnPattern.length - 1) {
    throw new Error(
      `The bucket ARN pattern ${bucketArnPattern} must end with its only wildcard: object events are selected by ARN prefix`,
    );
  }
  return bucketArnPattern.slice(0, -1);
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
  const dataObjects = ctx.partition.apply((partition) =>
    objectArnPrefix(ctx.naming.dataBucketArnPattern(partition)),
  );
  return new aws.cloudtrail.Trail(
    'trail',
    {
      name: ctx.naming.trailName,
      s3BucketName: args.bucket.name,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
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
