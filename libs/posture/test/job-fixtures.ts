/**
 * The job ground of the hand-built compliant environment (issue 15), written out literally, independently of
 * the layers: one notebook's (alice's) job role and job-start policy, the job security group and its rules, and
 * SageMaker's two job log groups. JOB-1..4 violating cases are this with one thing changed.
 */
import type { Layer, Res } from '../src/model';
import { T } from '../src/resources';

// The compliant environment's values (fixtures.ts), written out again: fixtures.ts imports this file.
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const DATA_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/key-data`;
const LOGS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/key-logs`;
const DATA_BUCKET = `sml-dev-data-${ACCOUNT}-${REGION}`;
const res = (
  layer: Layer,
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  id?: string,
): Res => ({
  type,
  name,
  urn: `urn:pulumi:dev::secure-ml-${layer}::${type}::${name}`,
  ...(id ? { id } : {}),
  inputs,
  options: { protect: false, dependsOn: [] },
  layer,
});

export const JOB_ROLE = 'sml-dev-job-alice';
export const JOB_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/${JOB_ROLE}`;
export const JOB_SG = 'sg-jobs';
export const S3_PREFIX_LIST = 'pl-s3';
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/secure-ml/sml-dev-boundary`;
const JOB_ACTIONS = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateProcessingJob',
  'sagemaker:CreateHyperParameterTuningJob',
];
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const jobDeny = (Sid: string, Condition: object) => ({
  Sid,
  Effect: 'Deny',
  Action: JOB_ACTIONS,
  Resource: '*',
  Condition,
});

/** The six pins with their Null denies, as the notebook role's job-start policy carries them. */
export const JOB_DENIES = [
  jobDeny('DenyJobOutsidePrivateSubnets', {
    'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': ['subnet-a', 'subnet-b'] },
  }),
  jobDeny('DenyJobWithoutVpc', { Null: { 'sagemaker:VpcSubnets': 'true' } }),
  jobDeny('DenyJobOutsideJobGroup', {
    'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': [JOB_SG] },
  }),
  jobDeny('DenyJobWithoutGroup', { Null: { 'sagemaker:VpcSecurityGroupIds': 'true' } }),
  jobDeny('DenyJobVolumeNotDataKey', { ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': DATA_KEY } }),
  jobDeny('DenyJobOutputNotDataKey', { ArnNotEquals: { 'sagemaker:OutputKmsKeyArn': DATA_KEY } }),
  jobDeny('DenyJobClearInterContainerTraffic', {
    Bool: { 'sagemaker:InterContainerTrafficEncryption': 'false' },
  }),
  jobDeny('DenyJobUnstatedInterContainerTraffic', {
    Null: { 'sagemaker:InterContainerTrafficEncryption': 'true' },
  }),
  jobDeny('DenyJobWithoutNetworkIsolation', { Bool: { 'sagemaker:NetworkIsolation': 'false' } }),
  jobDeny('DenyJobUnstatedNetworkIsolation', { Null: { 'sagemaker:NetworkIsolation': 'true' } }),
];

export const PASS_OWN_JOB_ROLE = {
  Sid: 'PassOwnJobRoleToSageMaker',
  Effect: 'Allow',
  Action: 'iam:PassRole',
  Resource: JOB_ROLE_ARN,
  Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
};

export const JOB_START_STATEMENTS = [
  {
    Sid: 'StartTrainingJobsTaggedAsOwn',
    Effect: 'Allow',
    Action: 'sagemaker:CreateTrainingJob',
    Resource: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/*`,
    Condition: { StringEquals: { 'aws:RequestTag/secure-ml:notebook-id': 'alice' } },
  },
  {
    Sid: 'StartProcessingJobsTaggedAsOwn',
    Effect: 'Allow',
    Action: 'sagemaker:CreateProcessingJob',
    Resource: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:processing-job/*`,
    Condition: { StringEquals: { 'aws:RequestTag/secure-ml:notebook-id': 'alice' } },
  },
  {
    Sid: 'StartTuningJobsTaggedAsOwn',
    Effect: 'Allow',
    Action: 'sagemaker:CreateHyperParameterTuningJob',
    Resource: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:hyper-parameter-tuning-job/*`,
    Condition: { StringEquals: { 'aws:RequestTag/secure-ml:notebook-id': 'alice' } },
  },
  PASS_OWN_JOB_ROLE,
  ...JOB_DENIES,
];

/** A notebook's data access (its execution role's and its job role's): its own prefix, shared/ read, the key via S3. */
export const NOTEBOOK_DATA_STATEMENTS = [
  {
    Sid: 'ListOwnAndSharedPrefixes',
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: `arn:aws:s3:::${DATA_BUCKET}`,
    Condition: {
      StringLike: { 's3:prefix': ['notebooks/alice/', 'notebooks/alice/*', 'shared/', 'shared/*'] },
    },
  },
  {
    Sid: 'ReadWriteOwnPrefix',
    Effect: 'Allow',
    Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
    Resource: `arn:aws:s3:::${DATA_BUCKET}/notebooks/alice/*`,
  },
  {
    Sid: 'ReadSharedPrefix',
    Effect: 'Allow',
    Action: ['s3:GetObject'],
    Resource: `arn:aws:s3:::${DATA_BUCKET}/shared/*`,
  },
  {
    Sid: 'UseDataKeyThroughS3',
    Effect: 'Allow',
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Resource: DATA_KEY,
    Condition: {
      StringEquals: {
        'kms:ViaService': `s3.${REGION}.amazonaws.com`,
        'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${DATA_BUCKET}`,
      },
    },
  },
];

export const JOB_DATA_STATEMENTS = [
  ...NOTEBOOK_DATA_STATEMENTS,
  {
    Sid: 'VolumeGrantThroughSageMaker',
    Effect: 'Allow',
    Action: 'kms:CreateGrant',
    Resource: DATA_KEY,
    Condition: {
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
      StringEquals: { 'kms:ViaService': `sagemaker.${REGION}.amazonaws.com` },
    },
  },
];

const rule = (type: string, name: string, inputs: Record<string, unknown>) =>
  res('network', type, name, { securityGroupId: JOB_SG, ...inputs });

/** The guardrail's job pins: the same denies, for people (its job guardrail policy) and in its SCP form. */
export const JOB_GUARDRAIL = doc(...JOB_DENIES);

export function jobGround(): Res[] {
  return [
    res('guardrail', T.policy, 'job-guardrail', { name: 'sml-dev-job-guardrail', policy: JOB_GUARDRAIL }),
    res(
      'network',
      T.sg,
      'jobs',
      { description: 'SageMaker jobs: in from this group only', vpcId: 'vpc-0001' },
      JOB_SG,
    ),
    rule(T.ingressRule, 'jobs-from-jobs', {
      ipProtocol: '-1',
      referencedSecurityGroupId: JOB_SG,
      description: 'Between the instances of a job',
    }),
    rule(T.egressRule, 'jobs-to-jobs', {
      ipProtocol: '-1',
      referencedSecurityGroupId: JOB_SG,
      description: 'Between the instances of a job',
    }),
    rule(T.egressRule, 'jobs-to-endpoints', {
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: 'sg-endpoints',
      description: 'HTTPS to the interface endpoints',
    }),
    rule(T.egressRule, 'jobs-to-s3', {
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      prefixListId: S3_PREFIX_LIST,
      description: 'HTTPS to S3 through the gateway endpoint',
    }),
    res('network', T.ingressRule, 'endpoint-in-from-jobs', {
      securityGroupId: 'sg-endpoints',
      referencedSecurityGroupId: JOB_SG,
      fromPort: 443,
      toPort: 443,
      ipProtocol: 'tcp',
      description: 'HTTPS from jobs',
    }),
    ...[
      ['training-log-group', '/aws/sagemaker/TrainingJobs'],
      ['processing-log-group', '/aws/sagemaker/ProcessingJobs'],
    ].map(([name, group]) =>
      res(
        'logging',
        T.logGroup,
        name ?? '',
        { name: group, retentionInDays: 365, kmsKeyId: LOGS_KEY },
        group,
      ),
    ),
    res('notebook', T.role, 'job-role', {
      name: JOB_ROLE,
      path: '/secure-ml/sml-dev/notebooks/',
      assumeRolePolicy: doc({
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      }),
      permissionsBoundary: BOUNDARY,
      tags: { 'secure-ml:notebook-id': 'alice' },
    }),
    res('notebook', T.rolePolicy, 'job-data-access', { role: JOB_ROLE, policy: doc(...JOB_DATA_STATEMENTS) }),
    res('notebook', T.rolePolicy, 'job-start', {
      role: 'sml-dev-notebook-alice',
      policy: doc(...JOB_START_STATEMENTS),
    }),
  ];
}
