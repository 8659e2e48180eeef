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
  ownerAccessPolicyArn: field.arn(
    "The managed policy every notebook's owner gets, for all owners at once: describe, start, stop and open the notebooks whose secure-ml:owner tag equals the caller's own secure-ml:owner principal tag, only from the configured networks (secure-ml-notebook:ownerSourceCidrs, the notebook endpoint). The identity team attaches it (by ARN to an IAM role, or by name and path in an IAM Identity Center permission set) beside the security layer's <stem>-notebook-caller-key policy (docs/runbook.md, \"Give a person access\")",
    'iam',
  ),
  ownerTagKey: field.matching(
    "The tag contract: the key of the notebook's and its role's owner tag, which the owner's sessions must carry as a principal tag (an IAM Identity Center attribute for access control, or the tag of their IAM role) with the owner's value, in lowercase",
    /^secure-ml:owner$/,
    'secure-ml:owner',
  ),
} as const;
