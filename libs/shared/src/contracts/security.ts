import { field } from '../schema';

/** What packages/security publishes. Renaming or removing a key breaks every consumer at compile time. */
export const securityOutputs = {
  dataKeyArn: field.arn('KMS key for notebook volumes and the data bucket', 'kms'),
  dataKeyId: field.string('ID of the data key'),
  logsKeyArn: field.arn('KMS key for CloudTrail, CloudWatch Logs and the alerts topic', 'kms'),
  logsKeyId: field.string('ID of the logs key'),
} as const;
