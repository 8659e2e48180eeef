import { field } from '../schema';

/** What packages/logging publishes. */
export const loggingOutputs = {
  trailArn: field.arn('ARN of the CloudTrail trail', 'cloudtrail'),
  trailBucketName: field.string('Name of the bucket that receives the trail'),
} as const;
