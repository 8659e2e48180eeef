/** IAM simulation of the notebook role: its own policy under its boundary, then with broader policies attached. */
import { ACCOUNT, REGION } from './support/plan';
import {
  ADMINISTRATOR_ACCESS,
  aliases,
  allow,
  type Case,
  DATA_BUCKET,
  dataKey,
  logsKey,
  NOTEBOOK_ROLE,
  notebookArn,
  notebookCase,
  object,
  simulate,
  STEM,
  stream,
} from './support/cases';

const NOTEBOOK_ROLE_CASES: Case[] = [
  notebookCase('reads an object of the data bucket', 'Allowed', 's3:GetObject', object(DATA_BUCKET)),
  notebookCase('writes an object of the data bucket', 'Allowed', 's3:PutObject', object(DATA_BUCKET)),
  notebookCase('lists the data bucket', 'Allowed', 's3:ListBucket', `arn:aws:s3:::${DATA_BUCKET}`),
  notebookCase('decrypts with the data key', 'Allowed', 'kms:Decrypt', dataKey, {
    context: aliases('data'),
    keyPolicy: 'data',
  }),
  notebookCase('generates a data key with the data key', 'Allowed', 'kms:GenerateDataKey', dataKey, {
    context: aliases('data'),
    keyPolicy: 'data',
  }),
  notebookCase(
    'creates a volume grant for an AWS resource through SageMaker (the caller of CreateNotebookInstance does, not the role)',
    'ImplicitlyDenied',
    'kms:CreateGrant',
    dataKey,
    {
      context: {
        ...aliases('data'),
        'kms:GrantIsForAWSResource': 'true',
        'kms:ViaService': `sagemaker.${REGION}.amazonaws.com`,
      },
      keyPolicy: 'data',
    },
  ),
  notebookCase(
    'describes the streams of the SageMaker notebook log group (execution-role page)',
    'Allowed',
    'logs:DescribeLogStreams',
    `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/NotebookInstances`,
  ),
  notebookCase(
    'creates a log group other than the SageMaker notebook group',
    'ImplicitlyDenied',
    'logs:CreateLogGroup',
    `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/anything`,
  ),
  notebookCase(
    'creates its own log stream',
    'Allowed',
    'logs:CreateLogStream',
    stream('/aws/sagemaker/NotebookInstances', `${STEM}-notebook/jupyter.log`),
  ),
  notebookCase(
    'writes its own log stream',
    'Allowed',
    'logs:PutLogEvents',
    stream('/aws/sagemaker/NotebookInstances', `${STEM}-notebook/jupyter.log`),
  ),
  notebookCase(
    'describes its own notebook',
    'Allowed',
    'sagemaker:DescribeNotebookInstance',
    notebookArn(`${STEM}-notebook`),
  ),
  notebookCase(
    'stops its own notebook (idle auto-stop)',
    'Allowed',
    'sagemaker:StopNotebookInstance',
    notebookArn(`${STEM}-notebook`),
  ),

  notebookCase(
    'reads an object of another bucket',
    'ImplicitlyDenied',
    's3:GetObject',
    object('someone-elses-bucket'),
  ),
  notebookCase(
    'reads an object of the prod data bucket',
    'ImplicitlyDenied',
    's3:GetObject',
    object(`sml-prod-data-${ACCOUNT}-${REGION}`),
  ),
  notebookCase(
    'deletes an object (not granted here; the notebook layer may)',
    'ImplicitlyDenied',
    's3:DeleteObject',
    object(DATA_BUCKET),
  ),
  notebookCase('decrypts with the logs key', 'ImplicitlyDenied', 'kms:Decrypt', logsKey, {
    context: aliases('logs'),
    keyPolicy: 'logs',
  }),
  notebookCase(
    'creates a grant that is not for an AWS resource',
    'ImplicitlyDenied',
    'kms:CreateGrant',
    dataKey,
    {
      context: {
        ...aliases('data'),
        'kms:GrantIsForAWSResource': 'false',
        'kms:ViaService': `sagemaker.${REGION}.amazonaws.com`,
      },
      keyPolicy: 'data',
    },
  ),
  notebookCase(
    'creates a grant directly, not through SageMaker or EC2',
    'ImplicitlyDenied',
    'kms:CreateGrant',
    dataKey,
    {
      context: { ...aliases('data'), 'kms:GrantIsForAWSResource': 'true' },
      keyPolicy: 'data',
    },
  ),
  notebookCase(
    "writes another notebook's log stream",
    'ImplicitlyDenied',
    'logs:PutLogEvents',
    stream('/aws/sagemaker/NotebookInstances', `${STEM}-other/jupyter.log`),
  ),
  notebookCase(
    'writes into the trail log group',
    'ImplicitlyDenied',
    'logs:PutLogEvents',
    stream(`/secure-ml/${STEM}/cloudtrail`, 'forged'),
  ),
  notebookCase(
    'stops another notebook of the environment',
    'ImplicitlyDenied',
    'sagemaker:StopNotebookInstance',
    notebookArn(`${STEM}-other`),
  ),
  notebookCase(
    'stops the prod notebook',
    'ImplicitlyDenied',
    'sagemaker:StopNotebookInstance',
    notebookArn('sml-prod-notebook'),
  ),
  notebookCase(
    'creates an IAM user',
    'ImplicitlyDenied',
    'iam:CreateUser',
    `arn:aws:iam::${ACCOUNT}:user/backdoor`,
  ),
  notebookCase(
    'creates an IAM role',
    'ImplicitlyDenied',
    'iam:CreateRole',
    `arn:aws:iam::${ACCOUNT}:role/backdoor`,
  ),
  notebookCase(
    'puts an inline policy on its own role',
    'ImplicitlyDenied',
    'iam:PutRolePolicy',
    NOTEBOOK_ROLE,
  ),
  notebookCase(
    'attaches a managed policy to its own role',
    'ImplicitlyDenied',
    'iam:AttachRolePolicy',
    NOTEBOOK_ROLE,
  ),
  notebookCase(
    'creates a new version of its boundary',
    'ImplicitlyDenied',
    'iam:CreatePolicyVersion',
    `arn:aws:iam::${ACCOUNT}:policy/secure-ml/${STEM}-notebook-boundary`,
  ),
  notebookCase('passes its own role', 'ImplicitlyDenied', 'iam:PassRole', NOTEBOOK_ROLE, {
    context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
  }),
  notebookCase(
    'assumes another role of the account',
    'ImplicitlyDenied',
    'sts:AssumeRole',
    `arn:aws:iam::${ACCOUNT}:role/Admin`,
    {
      resourcePolicy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
        ],
      },
    },
  ),
];

/** The same role with AdministratorAccess attached: only the boundary stands between it and the account. */
const BOUNDARY_CASES: Case[] = [
  notebookCase(
    'with admin attached: still reads the data bucket',
    'Allowed',
    's3:GetObject',
    object(DATA_BUCKET),
    { attached: [ADMINISTRATOR_ACCESS] },
  ),
  notebookCase(
    'with the notebook layer bucket policy: deletes a data object (within the cap)',
    'Allowed',
    's3:DeleteObject',
    object(DATA_BUCKET),
    {
      attached: [allow(['s3:DeleteObject'], `arn:aws:s3:::${DATA_BUCKET}/*`)],
    },
  ),
  notebookCase(
    'with admin attached: reads another bucket',
    'ImplicitlyDenied',
    's3:GetObject',
    object('someone-elses-bucket'),
    { attached: [ADMINISTRATOR_ACCESS] },
  ),
  notebookCase(
    'with a policy for another bucket attached: deletes there',
    'ImplicitlyDenied',
    's3:DeleteObject',
    object('someone-elses-bucket'),
    {
      attached: [allow('s3:DeleteObject', 'arn:aws:s3:::someone-elses-bucket/*')],
    },
  ),
  notebookCase(
    'with admin attached: decrypts with the logs key',
    'ImplicitlyDenied',
    'kms:Decrypt',
    logsKey,
    { context: aliases('logs'), keyPolicy: 'logs', attached: [ADMINISTRATOR_ACCESS] },
  ),
  notebookCase(
    'with admin attached: creates an IAM user',
    'ImplicitlyDenied',
    'iam:CreateUser',
    `arn:aws:iam::${ACCOUNT}:user/backdoor`,
    { attached: [ADMINISTRATOR_ACCESS] },
  ),
  notebookCase(
    'with admin attached: deletes its own boundary',
    'ImplicitlyDenied',
    'iam:DeleteRolePermissionsBoundary',
    NOTEBOOK_ROLE,
    { attached: [ADMINISTRATOR_ACCESS] },
  ),
  notebookCase(
    'with admin attached: passes its own role',
    'ImplicitlyDenied',
    'iam:PassRole',
    NOTEBOOK_ROLE,
    {
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
      attached: [ADMINISTRATOR_ACCESS],
    },
  ),
  notebookCase(
    'with admin attached: assumes another role',
    'ImplicitlyDenied',
    'sts:AssumeRole',
    `arn:aws:iam::${ACCOUNT}:role/Admin`,
    {
      attached: [ADMINISTRATOR_ACCESS],
      resourcePolicy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
        ],
      },
    },
  ),
  notebookCase(
    'with admin attached: stops another notebook',
    'ImplicitlyDenied',
    'sagemaker:StopNotebookInstance',
    notebookArn('sml-prod-notebook'),
    { attached: [ADMINISTRATOR_ACCESS] },
  ),
  notebookCase(
    'with admin attached: launches an EC2 instance',
    'ImplicitlyDenied',
    'ec2:RunInstances',
    `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0a1b2c3d4e5f60718`,
    { attached: [ADMINISTRATOR_ACCESS] },
  ),
];

simulate('IAM simulation: the notebook role', [
  ['its own policies', NOTEBOOK_ROLE_CASES],
  ['with broader policies attached (the boundary holds)', BOUNDARY_CASES],
]);
