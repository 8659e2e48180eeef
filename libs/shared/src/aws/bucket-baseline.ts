import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';

/** The settings every bucket of the platform carries, whatever it holds. */
export interface BucketBaseline {
  /** All four public-access switches on (S3-1). */
  readonly publicAccess: aws.s3.BucketPublicAccessBlock;
  /** ACLs disabled: the bucket owner owns every object (S3-6). */
  readonly ownership: aws.s3.BucketOwnershipControls;
  /** Versioning on (S3-3); lifecycle rules on noncurrent versions depend on it. */
  readonly versioning: aws.s3.BucketVersioning;
}

/**
 * Registers the baseline settings of a bucket as children named `<name>-public-access`, `<name>-ownership` and
 * `<name>-versioning`. Encryption, logging, lifecycle and policy differ per bucket and stay with its owner.
 */
export function bucketBaseline(
  name: string,
  bucket: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): BucketBaseline {
  return {
    publicAccess: new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      opts,
    ),
    ownership: new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } },
      opts,
    ),
    versioning: new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket, versioningConfiguration: { status: 'Enabled' } },
      opts,
    ),
  };
}
