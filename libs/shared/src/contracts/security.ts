import { field } from '../schema';
import { MANAGED_POLICY_MAX_CHARACTERS } from './guardrail';

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
  notebookRolePath: field.matching(
    'IAM path of every notebook execution role of the environment (/secure-ml/<prefix>-<env>/notebooks/): the notebook layer creates its roles there, under the boundary',
    /^\/secure-ml\/[a-z0-9-]+\/notebooks\/$/,
    'an IAM path /secure-ml/<stem>/notebooks/',
  ),
  notebookBoundaryArn: field.arn(
    "Permissions boundary that caps every notebook role: the environment's data buckets, data key through S3, its notebooks' log streams and instances",
    'iam',
  ),
  notebookRoleDelegationPolicyArn: field.arn(
    "Managed policy for the notebook team's deployment role: create, update and delete roles only under notebookRolePath and only with notebookBoundaryArn; never remove a boundary or edit it",
    'iam',
  ),
  notebookRoleDelegation: field.policyDocument(
    'The same delegation as a JSON document, for review and for accounts that attach it by other means',
    MANAGED_POLICY_MAX_CHARACTERS,
    'notebook-role-delegation.json',
  ),
  notebookEcrRepositoryArns: field.stringList(
    'ECR repositories notebooks may pull from (secure-ml-security:ecrPullRepositoryArns; the boundary caps the same list), possibly none',
    0,
  ),
  notebookPackageMirrorAccounts: field.stringList(
    'Accounts whose CodeArtifact repositories notebooks may read (this one, then secure-ml-security:packageMirrorAccounts; the boundary caps CodeArtifact to them)',
    1,
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
