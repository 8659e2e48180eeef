/**
 * Action lists, named once so that key policies, identity policies and tests agree. Every list is explicit:
 * no `kms:*` (or any `service:*`, IAM-2; nor `*` on `*`, IAM-1) anywhere, so that a new action AWS adds is never
 * granted by surprise.
 */

// The management and cryptographic lists live in the catalogue, which KMS-6 of the pack reads too.
export { KMS_CRYPTOGRAPHIC_ACTIONS, KMS_MANAGEMENT_ACTIONS } from '@secure-ml/shared/catalogue';

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
