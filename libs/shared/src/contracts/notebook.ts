import { field } from '../schema';

/** What packages/notebook publishes. */
export const notebookOutputs = {
  notebookName: field.string('Name of the notebook instance'),
  notebookArn: field.arn('ARN of the notebook instance', 'sagemaker'),
  notebookConsoleUrl: field.matching('Console link of the notebook instance', /^https:\/\//, 'an https:// URL'),
  dataBucketName: field.string('Bucket for the notebook data'),
  dataBucketArn: field.arn('ARN of the data bucket', 's3'),
  lifecycleConfigName: field.string('Name of the notebook lifecycle configuration'),
} as const;
