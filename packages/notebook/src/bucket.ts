import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { bucketBaseline } from '@secure-ml/shared';
import { dataBucketPolicy } from './bucket-policy';

export interface DataBucketArgs {
  /** Physical name; IMPORTANT: changing it replaces the bucket (and its data). */
  readonly bucketName: pulumi.Input<string>;
  /** Customer-managed key of SSE-KMS (the security layer's data key). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The logging layer's server-access-log bucket. */
  readonly accessLogBucket: pulumi.Input<string>;
  readonly vpcEndpointId: pulumi.Input<string>;
  readonly breakGlassRoleArn?: string | undefined;
  /** The replication role of the opt-in replica, which reads the data from outside the endpoint. */
  readonly replicationRoleArn?: pulumi.Input<string> | undefined;
  /** Days a noncurrent version is kept. */
  readonly noncurrentVersionDays: number;
  /** Protects the bucket from `pulumi destroy` (prod). */
  readonly protect: boolean;
}

/**
 * The notebook data bucket with every setting secure by default: S3-1 (public access block), S3-2 and S3-7
 * (policy), S3-3 (versioning), S3-4 (SSE-KMS with the data key and a bucket key, which cuts KMS requests and
 * their cost by orders of magnitude), S3-5 (access logging), S3-6 (BucketOwnerEnforced: ACLs are off),
 * S3-8 (no forceDestroy; noncurrent versions expire).
 */
export class DataBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly policy: aws.s3.BucketPolicy;
  readonly versioning: aws.s3.BucketVersioning;

  constructor(name: string, args: DataBucketArgs, opts: pulumi.ComponentResourceOptions) {
    super('secure-ml:notebook:DataBucket', name, {}, opts);
    const child = { parent: this };
    // forceDestroy stays false: deleting a stack must never delete data with it.
    this.bucket = new aws.s3.Bucket(
      name,
      { bucket: args.bucketName, forceDestroy: false },
      { ...child, protect: args.protect },
    );
    const bucket = this.bucket.id;
    const { publicAccess, ownership, versioning } = bucketBaseline(name, bucket, child);
    this.versioning = versioning;
    const settings = [
      publicAccess,
      ownership,
      versioning,
      new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        {
          bucket,
          rules: [
            {
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: args.kmsKeyArn },
              bucketKeyEnabled: true,
            },
          ],
        },
        child,
      ),
      new aws.s3.BucketLogging(
        `${name}-logging`,
        {
          bucket,
          targetBucket: args.accessLogBucket,
          targetPrefix: pulumi.interpolate`${this.bucket.bucket}/`,
        },
        child,
      ),
      new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        {
          bucket,
          rules: [
            {
              id: 'expire-noncurrent-versions',
              status: 'Enabled',
              filter: {},
              noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
              abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
          ],
        },
        child,
      ),
    ];
    // Applied last: once it is in place, only the endpoint, AWS services and break-glass reach the data.
    this.policy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket,
        policy: pulumi.jsonStringify(
          pulumi
            .all([this.bucket.arn, args.vpcEndpointId, args.replicationRoleArn ?? ''])
            .apply(([bucketArn, vpcEndpointId, replicationRoleArn]) =>
              dataBucketPolicy({
                bucketArn,
                vpcEndpointId,
                breakGlassRoleArn: args.breakGlassRoleArn,
                replicationRoleArn: replicationRoleArn || undefined,
              }),
            ),
        ),
      },
      { ...child, dependsOn: settings },
    );
    this.registerOutputs({ bucket: this.bucket.bucket, arn: this.bucket.arn });
  }
}
