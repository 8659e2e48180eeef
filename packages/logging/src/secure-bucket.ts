import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { bucketBaseline } from '@secure-ml/shared';
import type { LogLifecycle } from './lifecycle';
import { denyInsecureTransport } from './policies';

/** Default encryption of a bucket: a customer-managed KMS key, or SSE-S3 where the writer accepts nothing else. */
export type BucketEncryption =
  | {
      readonly kind: 'kms';
      readonly keyArn: pulumi.Input<string>;
      /**
       * An S3 Bucket Key. Off for the trail bucket: with one, creating or updating a trail with SSE-KMS needs
       * kms:Decrypt, which the logs key policy gives CloudTrail nowhere (CloudTrail guide, "Configure AWS KMS
       * key policies for CloudTrail"); CloudTrail encrypts each log file itself with the trail's key.
       */
      readonly bucketKey: boolean;
    }
  /** Only for the server-access-log bucket: S3 log delivery cannot write to SSE-KMS buckets. */
  | { readonly kind: 's3-managed' };

/** Where the bucket's own server access logs go. */
export type AccessLogTarget =
  | { readonly bucket: pulumi.Input<string>; readonly prefix: string }
  /** The bucket is itself the access-log target; logging it into itself would log its own log writes forever. */
  | 'is-access-log-bucket';

export interface SecureBucketArgs {
  /** Physical name. IMPORTANT: changing it replaces the bucket (and the data in it stays in the old one). */
  readonly bucketName: pulumi.Input<string>;
  readonly encryption: BucketEncryption;
  /** Required: a caller opts out of access logging only by saying the bucket is the log target. */
  readonly accessLogs: AccessLogTarget;
  readonly lifecycle: LogLifecycle;
  /** Statements added to the bucket policy after the TLS-only deny, given the bucket's ARN. @default none */
  readonly grants?: (bucketArn: pulumi.Output<string>) => aws.iam.PolicyStatement[];
  /**
   * Protects the bucket from `pulumi destroy` and keeps it in AWS when removed from the program. Both at once:
   * a retained bucket keeps its deterministic name taken, so dev (which tears down) turns both off.
   */
  readonly protect: boolean;
}

/**
 * An S3 bucket with the posture every log bucket needs (S3-1 to S3-8): all four public-access blocks, ACLs
 * disabled, versioning, default encryption, a TLS-only policy, lifecycle with noncurrent-version expiry, server
 * access logging unless it is the log target, and never `forceDestroy`.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** The bucket policy; resources that S3 must accept writes from (a trail) depend on it. */
  readonly policy: aws.s3.BucketPolicy;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('secure-ml:logging:SecureBucket', name, {}, opts);
    const child = { parent: this };
    // forceDestroy stays false (the default, stated here so a reader need not know it): emptying a log bucket
    // to delete it must be a deliberate act, not a side effect of `pulumi destroy`.
    this.bucket = new aws.s3.Bucket(
      name,
      { bucket: args.bucketName, forceDestroy: false },
      { ...child, protect: args.protect, retainOnDelete: args.protect },
    );
    const bucket = this.bucket.bucket;
    this.name = bucket;
    this.arn = this.bucket.arn;

    const { publicAccess, versioning } = bucketBaseline(name, bucket, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      { bucket, rules: [encryptionRule(args.encryption)] },
      child,
    );
    // Noncurrent-version rules act on versions, so versioning must be on before S3 accepts them as meant.
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      { bucket, rules: lifecycleRules(args.lifecycle) },
      { ...child, dependsOn: [versioning] },
    );
    if (args.accessLogs !== 'is-access-log-bucket') {
      new aws.s3.BucketLogging(
        `${name}-access-logs`,
        {
          bucket,
          targetBucket: args.accessLogs.bucket,
          targetPrefix: args.accessLogs.prefix,
          targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
        },
        child,
      );
    }
    const document: aws.iam.PolicyDocument = {
      Version: '2012-10-17',
      Statement: [denyInsecureTransport(this.arn), ...(args.grants?.(this.arn) ?? [])],
    };
    // S3 rejects a policy change while the public access block is being written ("conflicting conditional
    // operation"), so the policy waits for it.
    this.policy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      { bucket, policy: pulumi.jsonStringify(document) },
      { ...child, dependsOn: [publicAccess] },
    );
    this.registerOutputs({ name: this.name, arn: this.arn });
  }
}

function encryptionRule(
  encryption: BucketEncryption,
): aws.types.input.s3.BucketServerSideEncryptionConfigurationRule {
  if (encryption.kind === 'kms') {
    return {
      applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: encryption.keyArn },
      bucketKeyEnabled: encryption.bucketKey,
    };
  }
  return { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } };
}

function lifecycleRules(lifecycle: LogLifecycle): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
  return [
    {
      id: 'archive-then-expire-logs',
      status: 'Enabled',
      filter: {},
      transitions: [{ days: lifecycle.transitionDays, storageClass: 'GLACIER_IR' }],
      expiration: { days: lifecycle.expirationDays },
      noncurrentVersionExpiration: { noncurrentDays: lifecycle.noncurrentDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
  ];
}
