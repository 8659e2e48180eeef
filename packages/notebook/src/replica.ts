import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { bucketBaseline } from '@secure-ml/shared';
import { DATA_ACTIONS } from './bucket-policy';
import { replicaKeyPolicy, replicationRolePolicy, replicationTrustPolicy } from './replica-policies';

export interface ReplicaArgs {
  /** Region of the replica; never the environment's own (settings.ts). */
  readonly region: string;
  readonly replicaBucketName: pulumi.Input<string>;
  /** The replica's own server-access-log bucket: S3 logs only to a bucket of the same region. */
  readonly replicaLogBucketName: pulumi.Input<string>;
  readonly sourceBucket: aws.s3.Bucket;
  /** The source bucket's versioning: replication needs it on both sides first. */
  readonly sourceVersioning: aws.s3.BucketVersioning;
  readonly sourceKeyArn: pulumi.Input<string>;
  readonly sourceRegion: string;
  readonly roleName: string;
  readonly keyAlias: string;
  readonly iamPath: string;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  readonly defaultTags: Readonly<Record<string, string>>;
  readonly breakGlassRoleArn?: string | undefined;
  readonly noncurrentVersionDays: number;
  readonly protect: boolean;
}

/**
 * Opt-in cross-region replication of the data bucket (README, "Decision: replicating the data bucket"): a
 * replica bucket in another region with the same baseline (public access block, BucketOwnerEnforced,
 * versioning, TLS only, noncurrent-version expiry, no forceDestroy), encrypted with a key of its own in that
 * region, and a replication role that reads the source and writes the replica only. The replica admits its
 * data to the replication role and the break-glass role alone: nobody works on it, it is there to survive.
 * AWS: "Replicating objects within and across Regions" and "Replicating encrypted objects (SSE-S3, SSE-KMS,
 * DSSE-KMS, SSE-C)", https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html;
 * "Setting up permissions for live replication",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
 */
export class DataReplica extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly key: aws.kms.Key;
  readonly role: aws.iam.Role;
  readonly configuration: aws.s3.BucketReplicationConfig;

  constructor(name: string, args: ReplicaArgs, opts: pulumi.ComponentResourceOptions) {
    super('secure-ml:notebook:DataReplica', name, {}, opts);
    const provider = new aws.Provider(
      `${name}-aws`,
      { region: args.region as aws.Region, defaultTags: { tags: { ...args.defaultTags } } },
      { parent: this },
    );
    const there = { parent: this, provider };
    const here = { parent: this };
    const sourceArn = args.sourceBucket.arn;

    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        path: args.iamPath,
        description: 'S3 replication of the notebook data bucket to its replica',
        assumeRolePolicy: pulumi
          .all([args.accountId, sourceArn])
          .apply(([account, source]) => JSON.stringify(replicationTrustPolicy(account, source))),
      },
      here,
    );
    const roleArn = this.role.arn;
    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Replica of the notebook data bucket in ${args.region}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        keyUsage: 'ENCRYPT_DECRYPT',
        bypassPolicyLockoutSafetyCheck: false,
        policy: pulumi
          .all([args.partition, args.accountId, roleArn])
          .apply(([partition, account, role]) =>
            JSON.stringify(
              replicaKeyPolicy({ partition, account, replicationRoleArn: role, region: args.region }),
            ),
          ),
      },
      { ...there, protect: args.protect },
    );
    new aws.kms.Alias(`${name}-key-alias`, { name: args.keyAlias, targetKeyId: this.key.keyId }, there);

    this.bucket = new aws.s3.Bucket(
      name,
      { bucket: args.replicaBucketName, forceDestroy: false },
      { ...there, protect: args.protect },
    );
    const bucket = this.bucket.id;
    const logs = replicaAccessLogBucket(`${name}-access-logs`, args, this.bucket.arn, there);
    new aws.s3.BucketLogging(
      `${name}-logging`,
      { bucket, targetBucket: logs.bucket, targetPrefix: pulumi.interpolate`${this.bucket.bucket}/` },
      { ...there, dependsOn: [logs.policy] },
    );
    const { publicAccess, ownership, versioning } = bucketBaseline(name, bucket, there);
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn },
            bucketKeyEnabled: true,
          },
        ],
      },
      there,
    );
    const lifecycle = new aws.s3.BucketLifecycleConfiguration(
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
      { ...there, dependsOn: [versioning] },
    );
    const policy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket,
        policy: pulumi
          .all([this.bucket.arn, roleArn])
          .apply(([arn, role]) =>
            JSON.stringify(
              replicaBucketPolicy(arn, [role, ...(args.breakGlassRoleArn ? [args.breakGlassRoleArn] : [])]),
            ),
          ),
      },
      { ...there, dependsOn: [publicAccess, ownership, encryption, lifecycle] },
    );
    const access = new aws.iam.RolePolicy(
      `${name}-access`,
      {
        name: `${args.roleName}-access`,
        role: this.role.name,
        policy: pulumi
          .all([sourceArn, this.bucket.arn, args.sourceKeyArn, this.key.arn])
          .apply(([source, replica, sourceKey, replicaKey]) =>
            JSON.stringify(
              replicationRolePolicy({
                sourceBucketArn: source,
                replicaBucketArn: replica,
                sourceKeyArn: sourceKey,
                replicaKeyArn: replicaKey,
                sourceRegion: args.sourceRegion,
                replicaRegion: args.region,
              }),
            ),
          ),
      },
      { parent: this.role },
    );
    this.configuration = new aws.s3.BucketReplicationConfig(
      `${name}-configuration`,
      {
        bucket: args.sourceBucket.id,
        role: roleArn,
        rules: [
          {
            id: 'replicate-everything',
            status: 'Enabled',
            priority: 1,
            filter: {},
            deleteMarkerReplication: { status: 'Enabled' },
            // SSE-KMS objects are replicated only when asked, and then re-encrypted with the replica's key.
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
            destination: {
              bucket: this.bucket.arn,
              storageClass: 'STANDARD',
              encryptionConfiguration: { replicaKmsKeyId: this.key.arn },
            },
          },
        ],
      },
      { ...here, dependsOn: [args.sourceVersioning, versioning, policy, access] },
    );
    this.registerOutputs({ bucket: this.bucket.bucket, arn: this.bucket.arn });
  }
}

/** TLS only, and the data only for the replication role (and break-glass): nobody works on the replica. */
export function replicaBucketPolicy(bucketArn: string, allowed: readonly string[]): aws.iam.PolicyDocument {
  const resources = [bucketArn, `${bucketArn}/*`];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: resources,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'DenyDataToAllButReplication',
        Effect: 'Deny',
        Principal: '*',
        Action: [...DATA_ACTIONS, 's3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        Resource: resources,
        Condition: { ArnNotLike: { 'aws:PrincipalArn': [...allowed] } },
      },
    ],
  };
}

/**
 * The replica region's access-log bucket (S3-5): S3 server access logging delivers only to a bucket of the
 * same region and account, with SSE-S3 (the one encryption log delivery supports), written by the logging
 * service for the replica bucket of this account only.
 * AWS: "Enabling Amazon S3 server access logging", https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
function replicaAccessLogBucket(
  name: string,
  args: ReplicaArgs,
  replicaArn: pulumi.Output<string>,
  opts: pulumi.CustomResourceOptions,
) {
  const bucket = new aws.s3.Bucket(
    name,
    { bucket: args.replicaLogBucketName, forceDestroy: false },
    { ...opts, protect: args.protect, retainOnDelete: args.protect },
  );
  const { publicAccess, versioning } = bucketBaseline(name, bucket.id, opts);
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
    opts,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: 'expire-logs',
          status: 'Enabled',
          filter: {},
          expiration: { days: 365 },
          noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    { ...opts, dependsOn: [versioning] },
  );
  const policy = new aws.s3.BucketPolicy(
    `${name}-policy`,
    {
      bucket: bucket.id,
      policy: pulumi.all([bucket.arn, replicaArn, args.accountId]).apply(([arn, source, account]) =>
        JSON.stringify({
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
            {
              Sid: 'S3ServerAccessLogsOfTheReplica',
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: `${arn}/*`,
              Condition: {
                StringEquals: { 'aws:SourceAccount': account },
                ArnLike: { 'aws:SourceArn': source },
              },
            },
          ],
        }),
      ),
    },
    { ...opts, dependsOn: [publicAccess] },
  );
  return { bucket: bucket.bucket, policy };
}
