/**
 * Action lists, named once so that key policies, identity policies and tests agree. Every list is explicit:
 * no `kms:*` (or any `service:*`, IAM-2; nor `*` on `*`, IAM-1) anywhere, so that a new action AWS adds is never
 * granted by surprise.
 */

/** Managing a key without ever using it. */
export const KMS_MANAGEMENT_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

/**
 * Every action that uses a symmetric key's material, directly or by delegating through a grant. CreateGrant is
 * here because a grant can hand Decrypt to anyone: whoever may not decrypt may not create grants either.
 */
export const KMS_CRYPTOGRAPHIC_ACTIONS = [
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:RetireGrant',
] as const;

/** What the notebook needs from the data key: envelope encryption of S3 objects and its own data. */
export const KMS_DATA_USE_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
] as const;

/** What CloudWatch Logs does with the key of an encrypted log group (KMS developer guide, CloudWatch Logs). */
export const KMS_LOGS_SERVICE_ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
] as const;

/** Objects of the data bucket: read and write; deleting only adds a delete marker (the bucket is versioned). */
export const S3_DATA_OBJECT_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:ListMultipartUploadParts',
  's3:PutObject',
] as const;
export const S3_DATA_BUCKET_ACTIONS = ['s3:GetBucketLocation', 's3:ListBucket'] as const;

/** Writing to an existing log stream, or creating one; never reading log events back. */
export const LOGS_DELIVERY_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;

/** Pulling an image; no push, no repository or policy changes. */
export const ECR_PULL_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
] as const;
