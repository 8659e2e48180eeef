import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { SecureBucket } from '@secure-ml/shared';
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
  readonly bucket: SecureBucket;
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

    const logs = replicaAccessLogBucket(`${name}-access-logs`, args, this, provider);
    // The replica is a SecureBucket like every bucket of the platform; its resources were registered directly
    // under this component before, and keep their names and (by alias) their identity.
    this.bucket = new SecureBucket(
      name,
      {
        bucketName: args.replicaBucketName,
        encryption: { kind: 'kms', keyArn: this.key.arn, bucketKey: true },
        accessLogs: {
          bucket: logs.name,
          prefix: pulumi.interpolate`${args.replicaBucketName}/`,
          // As first deployed: partitioned keys would move where new log objects land (a deliberate change).
          keyFormat: 'simple',
          resourceName: `${name}-logging`,
          dependsOn: [logs.policy],
        },
        lifecycleRules: [
          {
            id: 'expire-noncurrent-versions',
            status: 'Enabled',
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
        policyStatements: (arn) =>
          pulumi
            .all([arn, roleArn])
            .apply(([bucketArn, role]) => [
              replicaDataStatement(bucketArn, [
                role,
                ...(args.breakGlassRoleArn ? [args.breakGlassRoleArn] : []),
              ]),
            ]),
        protect: args.protect,
        componentType: 'secure-ml:notebook:ReplicaBucket',
        formerParent: this,
      },
      { parent: this, provider },
    );
    const replicaArn = this.bucket.arn;
    const access = new aws.iam.RolePolicy(
      `${name}-access`,
      {
        name: `${args.roleName}-access`,
        role: this.role.name,
        policy: pulumi
          .all([sourceArn, replicaArn, args.sourceKeyArn, this.key.arn])
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
              bucket: replicaArn,
              storageClass: 'STANDARD',
              encryptionConfiguration: { replicaKmsKeyId: this.key.arn },
            },
          },
        ],
      },
      { ...here, dependsOn: [args.sourceVersioning, this.bucket.versioning, this.bucket.policy, access] },
    );
    this.registerOutputs({ bucket: this.bucket.name, arn: replicaArn });
  }
}

/** The data only for the replication role (and break-glass): nobody works on the replica. */
export function replicaDataStatement(bucketArn: string, allowed: readonly string[]): aws.iam.PolicyStatement {
  return {
    Sid: 'DenyDataToAllButReplication',
    Effect: 'Deny',
    Principal: '*',
    Action: [...DATA_ACTIONS, 's3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { ArnNotLike: { 'aws:PrincipalArn': [...allowed] } },
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
  formerParent: pulumi.Resource,
  provider: aws.Provider,
): SecureBucket {
  // The replica's ARN from its name (an S3 bucket ARN is arn:<partition>:s3:::<name>), so that this bucket and its
  // policy exist before the replica's logging, which needs them.
  const replicaArn = pulumi.interpolate`arn:${args.partition}:s3:::${args.replicaBucketName}`;
  return new SecureBucket(
    name,
    {
      bucketName: args.replicaLogBucketName,
      encryption: { kind: 's3-managed' },
      accessLogs: 'is-access-log-bucket',
      lifecycleRules: [
        {
          id: 'expire-logs',
          status: 'Enabled',
          filter: {},
          expiration: { days: 365 },
          noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
      policyStatements: (arn) =>
        pulumi
          .all([arn, replicaArn, args.accountId])
          .apply(([bucketArn, source, account]): aws.iam.PolicyStatement[] => [
            {
              Sid: 'S3ServerAccessLogsOfTheReplica',
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: `${bucketArn}/*`,
              Condition: {
                StringEquals: { 'aws:SourceAccount': account },
                ArnLike: { 'aws:SourceArn': source },
              },
            },
          ]),
      protect: args.protect,
      retainOnDelete: args.protect,
      componentType: 'secure-ml:notebook:ReplicaBucket',
      formerParent,
    },
    { parent: formerParent, provider },
  );
}
