import { field } from '../schema';

/** What packages/security publishes. Renaming or removing a key breaks every consumer at compile time. */
export const securityOutputs = {
  dataKeyArn: field.arn(
    'KMS key for notebook volumes and the data bucket (alias/<prefix>-<env>-data); the notebook role may use it',
    'kms',
  ),
  dataKeyId: field.string('ID of the data key'),
  logsKeyArn: field.arn(
    "KMS key for CloudTrail, CloudWatch Logs and the alerts topic (alias/<prefix>-<env>-logs); its policy admits only the environment trail, log groups and this account's alarms",
    'kms',
  ),
  logsKeyId: field.string('ID of the logs key'),
  notebookRoleArn: field.arn('Execution role of the notebook instance', 'iam'),
  notebookRoleName: field.string(
    'Name of the notebook execution role (a later layer attaches its bucket policy to it)',
  ),
  notebookBoundaryArn: field.arn(
    'Permissions boundary that caps the notebook role: data buckets, data key, its log streams, its notebooks',
    'iam',
  ),
  trailDeliveryRoleArn: field.arn(
    'Role CloudTrail assumes to deliver to the environment trail log group (and nowhere else)',
    'iam',
  ),
  flowLogsRoleArn: field.arn(
    'Role VPC Flow Logs assumes to deliver to the environment flow-log group (and nowhere else)',
    'iam',
  ),
} as const;
