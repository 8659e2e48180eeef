import { field } from '../schema';

/** What packages/logging publishes. */
export const loggingOutputs = {
  trailArn: field.arn('ARN of the CloudTrail trail', 'cloudtrail'),
  trailBucketName: field.string('Bucket that receives the trail'),
  accessLogBucketName: field.string(
    'Bucket that receives the S3 server access logs of every bucket of this environment (the notebook data bucket logs here)',
  ),
  trailLogGroupName: field.string('Log group the trail delivers to (the CIS metric filters read it)'),
  trailLogGroupArn: field.arn('ARN of the trail log group', 'logs'),
  flowLogGroupName: field.string('Log group of the VPC flow logs'),
  flowLogGroupArn: field.arn('ARN of the flow-log group', 'logs'),
  notebookLogGroupName: field.string(
    '/aws/sagemaker/NotebookInstances, created encrypted before any notebook writes',
  ),
  notebookLogGroupArn: field.arn('ARN of the notebook log group', 'logs'),
  alertsTopicArn: field.arn('SNS topic of the security alarms', 'sns'),
} as const;
