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
  jobLogGroupArns: {
    ...field.stringList('', 0),
    description:
      'ARNs of /aws/sagemaker/TrainingJobs and /aws/sagemaker/ProcessingJobs, in that order, created encrypted before any job writes, when secure-ml-logging:jobs is on; empty otherwise',
    expected: 'a list of log group ARNs (arn:aws:logs:...), empty or two',
    is: (v: unknown): v is string[] =>
      Array.isArray(v) &&
      (v.length === 0 || v.length === 2) &&
      v.every((x) => typeof x === 'string' && /^arn:aws[a-z-]*:logs:/.test(x)),
  },
  alertsTopicArn: field.arn('SNS topic of the security alarms', 'sns'),
} as const;
