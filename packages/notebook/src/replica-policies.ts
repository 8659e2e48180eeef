import type * as aws from '@pulumi/aws';

/**
 * S3 assumes the replication role for this account's source bucket only (confused deputy: IAM-3).
 * AWS: "Setting up permissions for live replication",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
 */
export function replicationTrustPolicy(account: string, sourceBucketArn: string): aws.iam.PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'S3ReplicatesTheDataBucket',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnEquals: { 'aws:SourceArn': sourceBucketArn },
        },
      },
    ],
  };
}

export interface ReplicationAccess {
  readonly sourceBucketArn: string;
  readonly replicaBucketArn: string;
  readonly sourceKeyArn: string;
  readonly replicaKeyArn: string;
  readonly sourceRegion: string;
  readonly replicaRegion: string;
}

/**
 * What replication of SSE-KMS objects needs, and nothing else: read the source's replication configuration and
 * object versions, write replicas, decrypt with the data key through S3 in the source region and encrypt with the
 * replica key through S3 in the replica region. With S3 Bucket Keys the encryption context is the bucket's ARN.
 * AWS: "Replicating encrypted objects (SSE-S3, SSE-KMS, DSSE-KMS, SSE-C)",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 */
export function replicationRolePolicy(a: ReplicationAccess): aws.iam.PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadSourceConfiguration',
        Effect: 'Allow',
        Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        Resource: a.sourceBucketArn,
      },
      {
        Sid: 'ReadSourceVersions',
        Effect: 'Allow',
        Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
        Resource: `${a.sourceBucketArn}/*`,
      },
      {
        Sid: 'WriteReplicas',
        Effect: 'Allow',
        Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        Resource: `${a.replicaBucketArn}/*`,
      },
      {
        Sid: 'DecryptSourceThroughS3',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: a.sourceKeyArn,
        Condition: {
          StringEquals: { 'kms:ViaService': `s3.${a.sourceRegion}.amazonaws.com` },
          ArnLike: { 'kms:EncryptionContext:aws:s3:arn': [a.sourceBucketArn, `${a.sourceBucketArn}/*`] },
        },
      },
      {
        Sid: 'EncryptReplicasThroughS3',
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: a.replicaKeyArn,
        Condition: {
          StringEquals: { 'kms:ViaService': `s3.${a.replicaRegion}.amazonaws.com` },
          ArnLike: { 'kms:EncryptionContext:aws:s3:arn': [a.replicaBucketArn, `${a.replicaBucketArn}/*`] },
        },
      },
    ],
  };
}

/** Managing the replica key, never using it (the same split as the security layer's keys). */
const MANAGE = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];
const USE = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

/**
 * The replica key's policy: the account's IAM policies decide (so a mistake here never locks the key), with
 * listed actions; and the replication role may encrypt through S3 of the replica's region.
 */
export function replicaKeyPolicy(p: {
  partition: string;
  account: string;
  region: string;
  replicationRoleArn: string;
}): aws.iam.PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AccountIamPoliciesMayGrantUse',
        Effect: 'Allow',
        Principal: { AWS: `arn:${p.partition}:iam::${p.account}:root` },
        Action: [...MANAGE, ...USE],
        Resource: '*',
      },
      {
        Sid: 'ReplicationEncryptsReplicas',
        Effect: 'Allow',
        Principal: { AWS: p.replicationRoleArn },
        Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': `s3.${p.region}.amazonaws.com` } },
      },
    ],
  };
}
