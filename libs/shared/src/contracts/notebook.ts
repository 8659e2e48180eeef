import { field } from '../schema';

/** What packages/notebook publishes. */
export const notebookOutputs = {
  notebookName: field.string('Name of the notebook instance (no direct internet, no root, IMDSv2, AL2023)'),
  notebookArn: field.arn('ARN of the notebook instance', 'sagemaker'),
  notebookConsoleUrl: field.matching(
    'SageMaker console page of the notebook instance',
    /^https:\/\//,
    'an https:// URL',
  ),
  dataBucketName: field.string(
    'Bucket for the notebook data: SSE-KMS with the data key, reachable only through the S3 endpoint',
  ),
  dataBucketArn: field.arn('ARN of the data bucket', 's3'),
  lifecycleConfigName: field.string(
    'Lifecycle configuration of the notebook (idle auto-stop, package mirror, user environment)',
  ),
} as const;
