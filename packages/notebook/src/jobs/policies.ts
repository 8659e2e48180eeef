import {
  JOB_CREATE_ACTIONS,
  JOB_KINDS,
  JOB_NETWORK_DESCRIBE_ACTIONS,
  jobPostureDenies,
} from '@secure-ml/shared/catalogue';
import type * as aws from '@pulumi/aws';
import { Naming } from '@secure-ml/shared';
import type { NotebookPolicyEnv } from '../notebooks/policies';

type PolicyDocument = aws.iam.PolicyDocument;
type PolicyStatement = aws.iam.PolicyStatement;

/** The tag every job a notebook starts carries, and the only thing that makes a job that notebook's. */
export const JOB_OWNER_TAG = 'secure-ml:notebook-id';
// JOB-1 and JOB-4 (docs/CONTROLS.md) judge what these documents let the job role reach and the notebook role start.
/** The job kinds and the posture denies live in the catalogue: the guardrail pins people's jobs to the same. */
export { JOB_CREATE_ACTIONS, JOB_KINDS, jobPostureDenies };

/** What a notebook's jobs are pinned to: all plain values of the environment. */
export interface JobEnv extends NotebookPolicyEnv {
  readonly jobRoleArn: string;
  readonly subnetIds: readonly string[];
  readonly jobSecurityGroupId: string;
  readonly vpcId: string;
  readonly dataKeyArn: string;
  readonly bucketArn: string;
  /** Whether every job must run with network isolation (secure-ml-notebook:jobNetworkIsolation). */
  readonly networkIsolation: boolean;
}

const jobArns = (env: JobEnv) =>
  Object.values(JOB_KINDS).map(
    (k) => `arn:${env.partition}:sagemaker:${env.region}:${env.accountId}:${k.resource}/*`,
  );
const jobLogGroups = (env: JobEnv) =>
  Object.values(Naming.SAGEMAKER_JOB_LOG_GROUPS).map(
    (name) => `arn:${env.partition}:logs:${env.region}:${env.accountId}:log-group:${name}`,
  );

/**
 * What a notebook's own role may do with jobs (issue 15): start the three kinds only tagged as its own and only
 * in the posture (the denies above), pass its own job role to SageMaker alone, and describe, stop and list its
 * own jobs: a job is a notebook's when it carries `secure-ml:notebook-id = <id>`, which only that notebook may
 * set (on create only: `sagemaker:TaggingAction`), so one notebook can neither stop nor retag another's. Job
 * names are the SDK's (`<image>-<timestamp>`), so ownership cannot rest on a name prefix.
 * AWS: "Grant a user permissions to pass a role to an AWS service" (iam:PassedToService),
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html; "Amazon SageMaker API
 * Permissions: Actions, Permissions, and Resources Reference" (CreateTrainingJob needs iam:PassRole, and
 * kms:CreateGrant for a VolumeKmsKeyId only when the job role has no policy that permits it: the job role has,
 * so the notebook role gets no grant right), https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html;
 * "Provide permissions for tagging SageMaker AI resources" (tag on create needs sagemaker:AddTags),
 * https://docs.aws.amazon.com/sagemaker/latest/dg/security_iam_id-based-policy-examples.html
 */
export function jobStartPolicy(env: JobEnv): PolicyDocument {
  const own = { [`aws:RequestTag/${JOB_OWNER_TAG}`]: env.id };
  return {
    Version: '2012-10-17',
    Statement: [
      // One statement per kind, so that each names only the resource type its actions act on.
      ...Object.entries(JOB_KINDS).flatMap(([kind, k]): PolicyStatement[] => {
        const jobs = `arn:${env.partition}:sagemaker:${env.region}:${env.accountId}:${k.resource}/*`;
        const Kind = kind[0]?.toUpperCase() + kind.slice(1);
        return [
          {
            Sid: `Start${Kind}JobsTaggedAsOwn`,
            Effect: 'Allow',
            Action: k.create,
            Resource: jobs,
            Condition: { StringEquals: own },
          },
          {
            Sid: `ManageOwn${Kind}Jobs`,
            Effect: 'Allow',
            Action: [...k.manage],
            Resource: jobs,
            Condition: { StringEquals: { [`aws:ResourceTag/${JOB_OWNER_TAG}`]: env.id } },
          },
        ];
      }),
      {
        Sid: 'TagOwnJobsOnCreateOnly',
        Effect: 'Allow',
        Action: 'sagemaker:AddTags',
        Resource: jobArns(env),
        Condition: {
          StringEquals: {
            ...own,
            'sagemaker:TaggingAction': JOB_CREATE_ACTIONS.map((a) => a.replace('sagemaker:', '')),
          },
        },
      },
      {
        // List actions have no resource type: they show job names and status, never a job's data.
        Sid: 'ListJobs',
        Effect: 'Allow',
        Action: [
          'sagemaker:ListTrainingJobs',
          'sagemaker:ListProcessingJobs',
          'sagemaker:ListHyperParameterTuningJobs',
        ],
        Resource: '*',
      },
      {
        Sid: 'PassOwnJobRoleToSageMaker',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: env.jobRoleArn,
        Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      },
      // estimator.fit() follows the job's logs. SageMaker names a job's streams after the job, and the SDK names
      // the job, so the streams cannot be told apart by owner: every notebook with jobs on may read every job's
      // log (README "Using the platform" says so: print no data to a job's log).
      {
        Sid: 'FindJobLogStreams',
        Effect: 'Allow',
        Action: 'logs:DescribeLogStreams',
        Resource: jobLogGroups(env).flatMap((g) => [g, `${g}:*`]),
      },
      {
        Sid: 'ReadJobLogEvents',
        Effect: 'Allow',
        Action: 'logs:GetLogEvents',
        Resource: jobLogGroups(env).map((g) => `${g}:log-stream:*`),
      },
      ...jobPostureDenies({ ...env, jobSecurityGroupIds: [env.jobSecurityGroupId] }),
    ],
  };
}

/** kms:CreateGrant of the data key for a job's volume, only for an AWS resource and only through SageMaker. */
function volumeGrant(env: JobEnv, Sid: string): PolicyStatement {
  return {
    Sid,
    Effect: 'Allow',
    Action: 'kms:CreateGrant',
    Resource: env.dataKeyArn,
    Condition: {
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
      StringEquals: { 'kms:ViaService': `sagemaker.${env.region}.amazonaws.com` },
    },
  };
}

/**
 * Who may assume a job role: SageMaker, for this account whenever it says which. Checked with `IfExists` as for
 * the notebook role: SageMaker's confused-deputy page does not say that training, processing or tuning jobs send
 * aws:SourceAccount or aws:SourceArn, and a plain condition on an absent key would fail every job (IAM-3's `job`
 * exception; docs/runbook.md "First deploy: what to confirm" shows how to check). Only this account's principals
 * holding iam:PassRole on the role can hand it to SageMaker, and only the notebook's own role may.
 * AWS: "Cross-service confused deputy prevention", https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html
 */
export function jobTrustPolicy(env: JobEnv): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'SageMakerJobsOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEqualsIfExists: { 'aws:SourceAccount': env.accountId } },
      },
    ],
  };
}

/**
 * What a job does with its role beyond data (the notebook's data grants, reused): writes its logs to SageMaker's
 * job groups, creates and removes its network interfaces in the environment's VPC (a job with a VpcConfig does
 * this with the execution role), and creates its volume's grant on the data key.
 * AWS: "How to use SageMaker AI execution roles", sections "CreateTrainingJob API: Execution Role Permissions"
 * and "CreateProcessingJob API: Execution Role Permissions", https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 */
export function jobRuntimePolicy(env: JobEnv, ecrRepositories: readonly string[] = []): PolicyDocument {
  const ec2 = (type: string) => `arn:${env.partition}:ec2:${env.region}:${env.accountId}:${type}`;
  const groups = jobLogGroups(env);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WriteJobLogStreams',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: groups.map((g) => `${g}:log-stream:*`),
      },
      {
        // CreateLogGroup is harmless: the logging layer creates both groups first (encrypted, retained).
        Sid: 'JobLogGroups',
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
        Resource: groups.flatMap((g) => [g, `${g}:*`]),
      },
      {
        // The describe actions have no resource type (Service Authorization Reference, Amazon EC2).
        Sid: 'DescribeJobNetwork',
        Effect: 'Allow',
        Action: [...JOB_NETWORK_DESCRIBE_ACTIONS],
        Resource: '*',
      },
      {
        Sid: 'JobInterfacesInJobSubnetsAndGroup',
        Effect: 'Allow',
        Action: 'ec2:CreateNetworkInterface',
        Resource: [
          ec2('network-interface/*'),
          ...env.subnetIds.map((id) => ec2(`subnet/${id}`)),
          ec2(`security-group/${env.jobSecurityGroupId}`),
        ],
      },
      {
        // Only interfaces in the environment's private subnets, where a job's interfaces are (its VpcConfig is
        // pinned to them): not the endpoints' or any other interface of the VPC. ec2:Subnet and ec2:Vpc are both
        // keys of the network-interface resource for these actions (Service Authorization Reference, Amazon EC2,
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
        Sid: 'JobInterfacesOfThisVpc',
        Effect: 'Allow',
        Action: [
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
        ],
        Resource: ec2('network-interface/*'),
        Condition: {
          ArnEquals: {
            'ec2:Vpc': ec2(`vpc/${env.vpcId}`),
            'ec2:Subnet': env.subnetIds.map((id) => ec2(`subnet/${id}`)),
          },
        },
      },
      volumeGrant(env, 'VolumeGrantThroughSageMaker'),
      // The security layer's ECR repositories (custom images), as for the notebook role; AWS's own images are
      // pulled by SageMaker (docs/runbook.md "First deploy: what to confirm").
      ...(ecrRepositories.length
        ? [
            {
              // GetAuthorizationToken accepts no resource but `*`; the token pulls nothing on its own.
              Sid: 'EcrLogin',
              Effect: 'Allow' as const,
              Action: 'ecr:GetAuthorizationToken',
              Resource: '*',
            },
            {
              Sid: 'PullConfiguredImages',
              Effect: 'Allow' as const,
              Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
              Resource: [...ecrRepositories],
            },
          ]
        : []),
    ],
  };
}
