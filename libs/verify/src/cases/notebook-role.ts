import { namesOf } from './names';
import {
  ADMINISTRATOR_ACCESS,
  allow,
  type AccessCase,
  type CaseFacts,
  type ContextValue,
  type Decision,
} from './types';

const SAGEMAKER_LOGS = '/aws/sagemaker/NotebookInstances';
/** An account that is not the environment's: a bucket name pattern alone would match its buckets too. */
const FOREIGN_ACCOUNT = '111122223333';

/**
 * What one notebook's execution role may and may not do: first with its own policies under its boundary, then
 * with broader policies attached, where only the boundary stands between it and the account. Its own notebook,
 * streams and prefix (`notebooks/<id>/`) are `f.notebookId`'s; `f.otherNotebookId`'s must stay out of reach.
 */
export function notebookRoleCases(f: CaseFacts): AccessCase[] {
  const n = namesOf(f);
  const ownNotebook = n.notebookName(f.notebookId);
  const otherNotebook = n.notebookName(f.otherNotebookId);
  const otherPrefix = `notebooks/${f.otherNotebookId}/`;
  const listing = (prefix: string) => ({ context: { 's3:prefix': prefix } });
  const c = (
    name: string,
    expected: Decision,
    action: string,
    resource: string,
    extra: Omit<AccessCase, 'name' | 'expected' | 'subject' | 'action' | 'resource'> = {},
  ): AccessCase => {
    // S3 puts the bucket owner's account in every request's context as aws:ResourceAccount, which the boundary and
    // the endpoint policy pin; IAM's simulator derives no such key, so each S3 case supplies it (the bucket's
    // account is ours unless the case says otherwise). AWS: "AWS global condition context keys",
    // aws:ResourceAccount, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html;
    // docs/runbook.md lists it among the questions for the first deploy.
    const owner: Record<string, ContextValue> = action.startsWith('s3:')
      ? { 'aws:ResourceAccount': f.account }
      : {};
    const context: Record<string, ContextValue> = { ...owner, ...extra.context };
    return {
      name,
      expected,
      subject: 'notebook-role',
      action,
      resource,
      ...extra,
      ...(Object.keys(context).length ? { context } : {}),
    };
  };
  const admin = { attached: [ADMINISTRATOR_ACCESS] };
  const assumeAdmin = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:${f.partition}:iam::${f.account}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  } as const;
  return [
    c('reads an object of its own prefix', 'Allowed', 's3:GetObject', n.object(n.dataBucket)),
    c('writes an object of its own prefix', 'Allowed', 's3:PutObject', n.object(n.dataBucket)),
    c('deletes an object of its own prefix', 'Allowed', 's3:DeleteObject', n.object(n.dataBucket)),
    c('reads an object of shared/', 'Allowed', 's3:GetObject', n.object(n.dataBucket, 'shared/')),
    c(
      'lists its own prefix',
      'Allowed',
      's3:ListBucket',
      n.bucket(n.dataBucket),
      listing(`notebooks/${f.notebookId}/`),
    ),
    c('lists shared/', 'Allowed', 's3:ListBucket', n.bucket(n.dataBucket), listing('shared/')),
    c(
      'describes the streams of the SageMaker notebook log group (execution-role page)',
      'Allowed',
      'logs:DescribeLogStreams',
      `arn:${f.partition}:logs:${f.region}:${f.account}:log-group:${SAGEMAKER_LOGS}`,
    ),
    c(
      'creates a log group other than the SageMaker notebook group',
      'ImplicitlyDenied',
      'logs:CreateLogGroup',
      `arn:${f.partition}:logs:${f.region}:${f.account}:log-group:/aws/lambda/anything`,
    ),
    c(
      'creates its own log stream',
      'Allowed',
      'logs:CreateLogStream',
      n.stream(SAGEMAKER_LOGS, `${ownNotebook}/jupyter.log`),
    ),
    c(
      'writes its own log stream',
      'Allowed',
      'logs:PutLogEvents',
      n.stream(SAGEMAKER_LOGS, `${ownNotebook}/jupyter.log`),
    ),
    c('describes its own notebook', 'Allowed', 'sagemaker:DescribeNotebookInstance', n.notebook(ownNotebook)),
    c(
      'stops its own notebook (idle auto-stop)',
      'Allowed',
      'sagemaker:StopNotebookInstance',
      n.notebook(ownNotebook),
    ),

    c(
      'reads an object of another bucket',
      'ImplicitlyDenied',
      's3:GetObject',
      n.object('someone-elses-bucket'),
    ),
    c(
      "reads an object of a neighbouring environment's data bucket",
      'ImplicitlyDenied',
      's3:GetObject',
      n.object(n.neighbourDataBucket),
    ),
    c(
      "reads an object of another notebook's prefix",
      'ImplicitlyDenied',
      's3:GetObject',
      n.object(n.dataBucket, otherPrefix),
    ),
    c(
      "writes an object of another notebook's prefix",
      'ImplicitlyDenied',
      's3:PutObject',
      n.object(n.dataBucket, otherPrefix),
    ),
    c(
      "deletes an object of another notebook's prefix",
      'ImplicitlyDenied',
      's3:DeleteObject',
      n.object(n.dataBucket, otherPrefix),
    ),
    c(
      'writes an object of shared/ (read only)',
      'ImplicitlyDenied',
      's3:PutObject',
      n.object(n.dataBucket, 'shared/'),
    ),
    c(
      "lists another notebook's prefix",
      'ImplicitlyDenied',
      's3:ListBucket',
      n.bucket(n.dataBucket),
      listing(otherPrefix),
    ),
    c('lists the whole bucket (no prefix)', 'ImplicitlyDenied', 's3:ListBucket', n.bucket(n.dataBucket)),
    c(
      'decrypts with the data key directly, not through S3',
      'ImplicitlyDenied',
      'kms:Decrypt',
      f.dataKeyArn,
      {
        context: n.aliases('data'),
        resourcePolicy: 'data-key',
      },
    ),
    c(
      'generates a data key directly, not through S3',
      'ImplicitlyDenied',
      'kms:GenerateDataKey',
      f.dataKeyArn,
      { context: n.aliases('data'), resourcePolicy: 'data-key' },
    ),
    c(
      'creates a volume grant for an AWS resource through SageMaker (the caller of CreateNotebookInstance does, not the role)',
      'ImplicitlyDenied',
      'kms:CreateGrant',
      f.dataKeyArn,
      {
        context: {
          ...n.aliases('data'),
          'kms:GrantIsForAWSResource': 'true',
          'kms:ViaService': `sagemaker.${f.region}.amazonaws.com`,
        },
        resourcePolicy: 'data-key',
      },
    ),
    c(
      'creates a grant that is not for an AWS resource',
      'ImplicitlyDenied',
      'kms:CreateGrant',
      f.dataKeyArn,
      {
        context: {
          ...n.aliases('data'),
          'kms:GrantIsForAWSResource': 'false',
          'kms:ViaService': `sagemaker.${f.region}.amazonaws.com`,
        },
        resourcePolicy: 'data-key',
      },
    ),
    c(
      'creates a grant directly, not through SageMaker or EC2',
      'ImplicitlyDenied',
      'kms:CreateGrant',
      f.dataKeyArn,
      {
        context: { ...n.aliases('data'), 'kms:GrantIsForAWSResource': 'true' },
        resourcePolicy: 'data-key',
      },
    ),
    c('decrypts with the logs key', 'ImplicitlyDenied', 'kms:Decrypt', f.logsKeyArn, {
      context: n.aliases('logs'),
      resourcePolicy: 'logs-key',
    }),
    c(
      "writes another notebook's log stream",
      'ImplicitlyDenied',
      'logs:PutLogEvents',
      n.stream(SAGEMAKER_LOGS, `${otherNotebook}/jupyter.log`),
    ),
    c(
      'writes into the trail log group',
      'ImplicitlyDenied',
      'logs:PutLogEvents',
      n.stream(`/secure-ml/${f.stem}/cloudtrail`, 'forged'),
    ),
    c(
      'stops another notebook of the environment',
      'ImplicitlyDenied',
      'sagemaker:StopNotebookInstance',
      n.notebook(otherNotebook),
    ),
    c(
      "stops a neighbouring environment's notebook",
      'ImplicitlyDenied',
      'sagemaker:StopNotebookInstance',
      n.notebook(n.notebookName(f.notebookId, n.neighbour)),
    ),
    c('creates an IAM user', 'ImplicitlyDenied', 'iam:CreateUser', n.user('backdoor')),
    c('creates an IAM role', 'ImplicitlyDenied', 'iam:CreateRole', n.role('backdoor')),
    c('puts an inline policy on its own role', 'ImplicitlyDenied', 'iam:PutRolePolicy', f.notebookRoleArn),
    c(
      'attaches a managed policy to its own role',
      'ImplicitlyDenied',
      'iam:AttachRolePolicy',
      f.notebookRoleArn,
    ),
    c(
      'creates a new version of its boundary',
      'ImplicitlyDenied',
      'iam:CreatePolicyVersion',
      n.policy(`secure-ml/${f.stem}-notebook-boundary`),
    ),
    c('passes its own role', 'ImplicitlyDenied', 'iam:PassRole', f.notebookRoleArn, {
      context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
    }),
    c('assumes another role of the account', 'ImplicitlyDenied', 'sts:AssumeRole', n.role('Admin'), {
      resourcePolicy: assumeAdmin,
    }),

    c(
      'with admin attached: still reads its own prefix',
      'Allowed',
      's3:GetObject',
      n.object(n.dataBucket),
      admin,
    ),
    c(
      'with the notebook layer bucket policy: deletes a data object (within the cap)',
      'Allowed',
      's3:DeleteObject',
      n.object(n.dataBucket),
      { attached: [allow(['s3:DeleteObject'], `${n.bucket(n.dataBucket)}/*`)] },
    ),
    c(
      'with admin attached: reads another bucket',
      'ImplicitlyDenied',
      's3:GetObject',
      n.object('someone-elses-bucket'),
      admin,
    ),
    c(
      "with admin attached: writes to a bucket named like the environment's data buckets, in another account",
      'ImplicitlyDenied',
      's3:PutObject',
      n.object(`${f.stem}-data-exfiltration`, 'notebooks/'),
      { ...admin, context: { 'aws:ResourceAccount': FOREIGN_ACCOUNT } },
    ),
    c(
      "with admin attached: reads packages from a CodeArtifact repository of this account (the mirror's cap)",
      'Allowed',
      'codeartifact:ReadFromRepository',
      `arn:${f.partition}:codeartifact:${f.region}:${f.account}:repository/ml-packages/pypi`,
      admin,
    ),
    c(
      'with admin attached: reads packages from a CodeArtifact repository of another account',
      'ImplicitlyDenied',
      'codeartifact:ReadFromRepository',
      `arn:${f.partition}:codeartifact:${f.region}:${FOREIGN_ACCOUNT}:repository/ml-packages/pypi`,
      admin,
    ),
    c(
      'with a policy for another bucket attached: deletes there',
      'ImplicitlyDenied',
      's3:DeleteObject',
      n.object('someone-elses-bucket'),
      { attached: [allow('s3:DeleteObject', `${n.bucket('someone-elses-bucket')}/*`)] },
    ),
    c('with admin attached: decrypts with the logs key', 'ImplicitlyDenied', 'kms:Decrypt', f.logsKeyArn, {
      context: n.aliases('logs'),
      resourcePolicy: 'logs-key',
      ...admin,
    }),
    c(
      'with admin attached: creates an IAM user',
      'ImplicitlyDenied',
      'iam:CreateUser',
      n.user('backdoor'),
      admin,
    ),
    c(
      'with admin attached: deletes its own boundary',
      'ImplicitlyDenied',
      'iam:DeleteRolePermissionsBoundary',
      f.notebookRoleArn,
      admin,
    ),
    c('with admin attached: passes its own role', 'ImplicitlyDenied', 'iam:PassRole', f.notebookRoleArn, {
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
      ...admin,
    }),
    c('with admin attached: assumes another role', 'ImplicitlyDenied', 'sts:AssumeRole', n.role('Admin'), {
      resourcePolicy: assumeAdmin,
      ...admin,
    }),
    c(
      "with admin attached: stops a neighbouring environment's notebook",
      'ImplicitlyDenied',
      'sagemaker:StopNotebookInstance',
      n.notebook(n.notebookName(f.notebookId, n.neighbour)),
      admin,
    ),
    c(
      'with admin attached: launches an EC2 instance',
      'ImplicitlyDenied',
      'ec2:RunInstances',
      n.instance('i-0a1b2c3d4e5f60718'),
      admin,
    ),
  ];
}
