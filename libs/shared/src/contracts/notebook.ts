import { field } from '../schema';

/** What packages/notebook publishes for each notebook of its map, under the notebook's id. */
export const notebookEntryOutputs = {
  notebookName: field.string('Name of the notebook instance (no direct internet, no root, IMDSv2, AL2023)'),
  notebookArn: field.arn('ARN of the notebook instance', 'sagemaker'),
  notebookConsoleUrl: field.matching(
    'SageMaker console page of the notebook instance',
    /^https:\/\//,
    'an https:// URL',
  ),
  owner: field.string(
    'Who may use the notebook (secure-ml-notebook:notebooks.<id>.owner); the notebook carries it as a tag',
  ),
  roleArn: field.arn(
    "The notebook's own execution role (under the security layer's notebook role path and boundary)",
    'iam',
  ),
  roleName: field.string('Name of the execution role'),
  lifecycleConfigName: field.string(
    'Lifecycle configuration of the notebook (its idle auto-stop, package mirror, user environment)',
  ),
  dataPrefix: field.matching(
    "The notebook's own prefix in the data bucket (its role reads and writes only there, and reads shared/)",
    /^notebooks\/[a-z0-9-]+\/$/,
    'notebooks/<id>/',
  ),
} as const;

/** What packages/notebook publishes. */
export const notebookOutputs = {
  notebooks: field.mapOf(
    'Every notebook of the environment by its id (secure-ml-notebook:notebooks): instance, role, lifecycle configuration, data prefix, owner',
    notebookEntryOutputs,
  ),
  dataBucketName: field.string(
    'The data bucket of every notebook: SSE-KMS with the data key, reachable only through the S3 endpoint; notebooks/<id>/ per notebook, shared/ read by all',
  ),
  dataBucketArn: field.arn('ARN of the data bucket', 's3'),
} as const;
