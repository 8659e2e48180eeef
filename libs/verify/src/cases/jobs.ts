import { namesOf } from './names';
import { ADMINISTRATOR_ACCESS, type AccessCase, type CaseFacts, type Decision } from './types';

/**
 * Jobs (issue 15): what one notebook's role may start, pass, stop and read, and what its job role may reach. A
 * compliant training, processing and tuning job is allowed; each denied start breaks exactly one posture key of
 * that compliant request (the notebook layer's job-start policy, packages/notebook/src/jobs/policies.ts). Decided
 * offline over the plans (packages/notebook/test/job-cases.simulation.test.ts) and by IAM's simulator in the
 * account (`verify`, SimulatePrincipalPolicy with the notebook's role, or its job role, and the deployed
 * boundary).
 */

/** A notebook's job facts: the network and roles as planned offline, as deployed (outputs, naming) in AWS. */
export interface JobFacts extends CaseFacts {
  /** The environment's private subnets (network layer). */
  readonly subnetIds: readonly string[];
  /** The job security group (network layer, `secure-ml-network:jobs`). */
  readonly jobSecurityGroupId: string;
  /** The environment's VPC (network layer). */
  readonly vpcId: string;
  /** The S3 gateway endpoint a job's S3 requests go through (network layer). */
  readonly s3EndpointId: string;
  /** This notebook's job role and the other notebook's (libs/shared naming `jobRoleArn`). */
  readonly jobRoleArn: string;
  readonly otherJobRoleArn: string;
  /** `secure-ml-notebook:jobNetworkIsolation`: whether a job must run network-isolated (default on). */
  readonly networkIsolationRequired: boolean;
}

/** The tag a job carries to say whose it is; only its notebook may set it, on create only. */
export const JOB_OWNER_TAG = 'secure-ml:notebook-id';
const FOREIGN_SUBNET = 'subnet-0f0e1d2c3b4a59687';
const FOREIGN_GROUP = 'sg-0f0e1d2c3b4a59687';
const KINDS = {
  training: ['sagemaker:CreateTrainingJob', 'training-job'],
  processing: ['sagemaker:CreateProcessingJob', 'processing-job'],
  tuning: ['sagemaker:CreateHyperParameterTuningJob', 'hyper-parameter-tuning-job'],
} as const;
type Context = Record<string, string | readonly string[]>;

/** The compliant start of a job by the notebook `id`, with `change` applied (an `undefined` value removes a key). */
function startContext(
  f: JobFacts,
  change: Record<string, string | readonly string[] | undefined> = {},
): Context {
  const base: Record<string, string | readonly string[] | undefined> = {
    'aws:SecureTransport': 'true',
    'sagemaker:VpcSubnets': f.subnetIds,
    'sagemaker:VpcSecurityGroupIds': [f.jobSecurityGroupId],
    'sagemaker:VolumeKmsKeyArn': f.dataKeyArn,
    'sagemaker:OutputKmsKeyArn': f.dataKeyArn,
    'sagemaker:InterContainerTrafficEncryption': 'true',
    'sagemaker:NetworkIsolation': 'true',
    [`aws:RequestTag/${JOB_OWNER_TAG}`]: f.notebookId,
    'aws:TagKeys': [JOB_OWNER_TAG],
    ...change,
  };
  return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as Context;
}

/** Each way a start leaves the posture, one key broken; `required` is false where the setting allows it. */
function brokenStarts(
  f: JobFacts,
): [string, Record<string, string | readonly string[] | undefined>, boolean][] {
  const isolation = f.networkIsolationRequired;
  return [
    [
      'without a VPC configuration',
      { 'sagemaker:VpcSubnets': undefined, 'sagemaker:VpcSecurityGroupIds': undefined },
      true,
    ],
    ['with a foreign subnet', { 'sagemaker:VpcSubnets': [FOREIGN_SUBNET] }, true],
    ['with a foreign subnet beside ours', { 'sagemaker:VpcSubnets': [...f.subnetIds, FOREIGN_SUBNET] }, true],
    ['without subnets', { 'sagemaker:VpcSubnets': undefined }, true],
    ['with a foreign security group', { 'sagemaker:VpcSecurityGroupIds': [FOREIGN_GROUP] }, true],
    [
      'with the job group and a foreign one',
      { 'sagemaker:VpcSecurityGroupIds': [f.jobSecurityGroupId, FOREIGN_GROUP] },
      true,
    ],
    ['without a security group', { 'sagemaker:VpcSecurityGroupIds': undefined }, true],
    ['without a volume key', { 'sagemaker:VolumeKmsKeyArn': undefined }, true],
    ['with another volume key', { 'sagemaker:VolumeKmsKeyArn': foreignKey(f) }, true],
    ['without an output key', { 'sagemaker:OutputKmsKeyArn': undefined }, true],
    ['with another output key', { 'sagemaker:OutputKmsKeyArn': foreignKey(f) }, true],
    ['with inter-container encryption off', { 'sagemaker:InterContainerTrafficEncryption': 'false' }, true],
    [
      'without stating inter-container encryption',
      { 'sagemaker:InterContainerTrafficEncryption': undefined },
      true,
    ],
    ['with network isolation off', { 'sagemaker:NetworkIsolation': 'false' }, isolation],
    ['without stating network isolation', { 'sagemaker:NetworkIsolation': undefined }, isolation],
  ];
}
const foreignKey = (f: JobFacts) =>
  `arn:${f.partition}:kms:${f.region}:${f.account}:key/11111111-2222-3333-4444-555555555555`;

/** What the notebook's own role may do with jobs. */
function startCases(f: JobFacts): AccessCase[] {
  const jobArn = (type: string) =>
    `arn:${f.partition}:sagemaker:${f.region}:${f.account}:${type}/pytorch-training-2026-12-02-03-04-05-678`;
  const c = (
    name: string,
    expected: Decision,
    action: string,
    resource: string,
    context: Context,
  ): AccessCase => ({
    name,
    expected,
    subject: 'notebook-role',
    action,
    resource,
    context,
  });
  const n = namesOf(f);
  const to = (service: string): Context => ({ 'iam:PassedToService': service });
  const ownTag = { [`aws:ResourceTag/${JOB_OWNER_TAG}`]: f.notebookId };
  const otherTag = { [`aws:ResourceTag/${JOB_OWNER_TAG}`]: f.otherNotebookId };
  return [
    ...Object.entries(KINDS).flatMap(([kind, [action, type]]) => [
      c(`starts a compliant ${kind} job`, 'Allowed', action, jobArn(type), startContext(f)),
      ...brokenStarts(f).map(([what, change, required]) =>
        c(
          `starts a ${kind} job ${what}`,
          required ? 'ExplicitlyDenied' : 'Allowed',
          action,
          jobArn(type),
          startContext(f, change),
        ),
      ),
      c(
        `starts a ${kind} job tagged as the other notebook's`,
        'ImplicitlyDenied',
        action,
        jobArn(type),
        startContext(f, { [`aws:RequestTag/${JOB_OWNER_TAG}`]: f.otherNotebookId }),
      ),
      c(
        `starts an untagged ${kind} job`,
        'ImplicitlyDenied',
        action,
        jobArn(type),
        startContext(f, { [`aws:RequestTag/${JOB_OWNER_TAG}`]: undefined, 'aws:TagKeys': undefined }),
      ),
    ]),
    c(
      'passes its own job role to SageMaker',
      'Allowed',
      'iam:PassRole',
      f.jobRoleArn,
      to('sagemaker.amazonaws.com'),
    ),
    c(
      "passes the other notebook's job role",
      'ImplicitlyDenied',
      'iam:PassRole',
      f.otherJobRoleArn,
      to('sagemaker.amazonaws.com'),
    ),
    c(
      'passes its own notebook role to a job',
      'ImplicitlyDenied',
      'iam:PassRole',
      f.notebookRoleArn,
      to('sagemaker.amazonaws.com'),
    ),
    c(
      'passes a role outside the environment',
      'ImplicitlyDenied',
      'iam:PassRole',
      n.role('Admin'),
      to('sagemaker.amazonaws.com'),
    ),
    c(
      'passes its own job role to EC2',
      'ImplicitlyDenied',
      'iam:PassRole',
      f.jobRoleArn,
      to('ec2.amazonaws.com'),
    ),
    c(
      'passes its own job role to Lambda',
      'ImplicitlyDenied',
      'iam:PassRole',
      f.jobRoleArn,
      to('lambda.amazonaws.com'),
    ),
    ...[
      ['sagemaker:DescribeTrainingJob', 'training-job'],
      ['sagemaker:StopTrainingJob', 'training-job'],
      ['sagemaker:StopProcessingJob', 'processing-job'],
      ['sagemaker:StopHyperParameterTuningJob', 'hyper-parameter-tuning-job'],
    ].flatMap(([action = '', type = '']) => {
      const verb = action.replace('sagemaker:', '');
      return [
        c(`${verb} on its own job`, 'Allowed', action, jobArn(type), ownTag),
        c(`${verb} on the other notebook's job`, 'ImplicitlyDenied', action, jobArn(type), otherTag),
        c(`${verb} on an untagged job`, 'ImplicitlyDenied', action, jobArn(type), {}),
      ];
    }),
    c(
      "retags the other notebook's job as its own",
      'ImplicitlyDenied',
      'sagemaker:AddTags',
      jobArn('training-job'),
      {
        ...otherTag,
        [`aws:RequestTag/${JOB_OWNER_TAG}`]: f.notebookId,
        'aws:TagKeys': [JOB_OWNER_TAG],
      },
    ),
    c('tags its job as its own when creating it', 'Allowed', 'sagemaker:AddTags', jobArn('training-job'), {
      [`aws:RequestTag/${JOB_OWNER_TAG}`]: f.notebookId,
      'aws:TagKeys': [JOB_OWNER_TAG],
      'sagemaker:TaggingAction': 'CreateTrainingJob',
    }),
    c('lists training jobs (names and status only)', 'Allowed', 'sagemaker:ListTrainingJobs', '*', {}),
  ];
}

/** What the notebook's job role may reach: its notebook's prefix through the endpoint, nothing else. */
function jobRoleCases(f: JobFacts): AccessCase[] {
  const n = namesOf(f);
  const ec2 = (rest: string) => `arn:${f.partition}:ec2:${f.region}:${f.account}:${rest}`;
  // S3 puts the bucket owner's account in every request as aws:ResourceAccount (cases/notebook-role.ts).
  const s3 = (extra: Context = {}): Context => ({
    'aws:SecureTransport': 'true',
    'aws:SourceVpce': f.s3EndpointId,
    'aws:ResourceAccount': f.account,
    ...extra,
  });
  const c = (
    name: string,
    expected: Decision,
    action: string,
    resource: string,
    extra: Omit<AccessCase, 'name' | 'expected' | 'subject' | 'action' | 'resource'> = {},
  ): AccessCase => ({ name, expected, subject: 'job-role', action, resource, ...extra });
  const otherPrefix = `notebooks/${f.otherNotebookId}/`;
  return [
    c(
      'job reads its notebook prefix through the S3 endpoint',
      'Allowed',
      's3:GetObject',
      n.object(n.dataBucket),
      { context: s3() },
    ),
    c(
      'job writes its notebook prefix through the S3 endpoint',
      'Allowed',
      's3:PutObject',
      n.object(n.dataBucket),
      { context: s3() },
    ),
    c(
      'job reads shared/ through the S3 endpoint',
      'Allowed',
      's3:GetObject',
      n.object(n.dataBucket, 'shared/'),
      { context: s3() },
    ),
    c(
      "job reads the other notebook's prefix",
      'ImplicitlyDenied',
      's3:GetObject',
      n.object(n.dataBucket, otherPrefix),
      { context: s3() },
    ),
    c(
      "job writes the other notebook's prefix",
      'ImplicitlyDenied',
      's3:PutObject',
      n.object(n.dataBucket, otherPrefix),
      { context: s3() },
    ),
    c(
      "job reads a neighbouring environment's data bucket",
      'ImplicitlyDenied',
      's3:GetObject',
      n.object(n.neighbourDataBucket),
      { context: s3() },
    ),
    c(
      'job reads its notebook prefix from outside the S3 endpoint (the bucket perimeter)',
      'ExplicitlyDenied',
      's3:GetObject',
      n.object(n.dataBucket),
      {
        context: { 'aws:SecureTransport': 'true', 'aws:ResourceAccount': f.account },
        resourcePolicy: 'data-bucket',
      },
    ),
    c(
      'job uses the data key through S3 for the data bucket',
      'Allowed',
      'kms:GenerateDataKey',
      f.dataKeyArn,
      {
        context: {
          'aws:SecureTransport': 'true',
          'aws:ViaAWSService': 'true',
          'kms:ViaService': `s3.${f.region}.amazonaws.com`,
          // With a bucket key, the context is the bucket's ARN (not the object's).
          'kms:EncryptionContext:aws:s3:arn': n.bucket(n.dataBucket),
          'kms:CallerAccount': f.account,
          'kms:ResourceAliases': [`alias/${f.stem}-data`],
        },
        resourcePolicy: 'data-key',
      },
    ),
    c(
      'job decrypts with the data key directly, not through S3',
      'ImplicitlyDenied',
      'kms:Decrypt',
      f.dataKeyArn,
      {
        context: { 'kms:CallerAccount': f.account, 'kms:ResourceAliases': [`alias/${f.stem}-data`] },
        resourcePolicy: 'data-key',
      },
    ),
    c(
      'job creates a network interface in a private subnet',
      'Allowed',
      'ec2:CreateNetworkInterface',
      ec2(`subnet/${f.subnetIds[0] ?? ''}`),
    ),
    c(
      'job creates a network interface in a foreign subnet',
      'ImplicitlyDenied',
      'ec2:CreateNetworkInterface',
      ec2(`subnet/${FOREIGN_SUBNET}`),
    ),
    c(
      'job creates a network interface in a foreign security group',
      'ImplicitlyDenied',
      'ec2:CreateNetworkInterface',
      ec2(`security-group/${FOREIGN_GROUP}`),
    ),
    c(
      'job deletes a network interface in a private subnet',
      'Allowed',
      'ec2:DeleteNetworkInterface',
      ec2('network-interface/eni-0a1b2c3d4e5f60001'),
      { context: { 'ec2:Vpc': ec2(`vpc/${f.vpcId}`), 'ec2:Subnet': ec2(`subnet/${f.subnetIds[0] ?? ''}`) } },
    ),
    c(
      "job deletes a network interface of the VPC outside the private subnets (an endpoint's)",
      'ImplicitlyDenied',
      'ec2:DeleteNetworkInterface',
      ec2('network-interface/eni-0a1b2c3d4e5f60002'),
      { context: { 'ec2:Vpc': ec2(`vpc/${f.vpcId}`), 'ec2:Subnet': ec2(`subnet/${FOREIGN_SUBNET}`) } },
    ),
    c(
      'job with admin attached: writes to another bucket',
      'ImplicitlyDenied',
      's3:PutObject',
      n.object('someone-elses-bucket'),
      {
        context: s3(),
        attached: [ADMINISTRATOR_ACCESS],
      },
    ),
    c(
      'job with admin attached: launches an EC2 instance',
      'ImplicitlyDenied',
      'ec2:RunInstances',
      ec2('instance/i-0a1b2c3d4e5f60718'),
      {
        attached: [ADMINISTRATOR_ACCESS],
      },
    ),
    c(
      'job with admin attached: creates an IAM user',
      'ImplicitlyDenied',
      'iam:CreateUser',
      n.user('exfiltration'),
      {
        attached: [ADMINISTRATOR_ACCESS],
      },
    ),
  ];
}

export function jobCases(f: JobFacts): AccessCase[] {
  return [...startCases(f), ...jobRoleCases(f)];
}
