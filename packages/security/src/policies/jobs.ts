import { JOB_NETWORK_DESCRIBE_ACTIONS } from '@secure-ml/shared/catalogue';
import type { PolicyEnv, PolicyStatement } from './document';

/**
 * The job ground of the permissions boundary (issue 15): the most a notebook role or a job role may ever do with
 * SageMaker jobs, added beside the notebook statements and capping both kinds of role under the boundary. Like
 * the rest of the boundary it grants nothing: the notebook layer grants each notebook its own jobs, its own job
 * role and its own posture (packages/notebook/src/jobs/policies.ts).
 * - starting, tagging, describing, stopping and listing jobs of this account and region;
 * - passing the environment's job roles (`<stem>-job-*` under the notebook role path) to SageMaker only;
 * - SageMaker's two job log groups (a job writes its streams; a notebook follows them);
 * - a job's network interfaces in this account and region (the job role creates them for a VpcConfig);
 * - the data key's grant for a job volume, only through SageMaker and only for an AWS resource.
 * AWS: "How to use SageMaker AI execution roles" (CreateTrainingJob and CreateProcessingJob execution role
 * permissions), https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html; "Amazon SageMaker API
 * Permissions: Actions, Permissions, and Resources Reference", https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html
 */
export function jobBoundaryStatements(env: PolicyEnv): PolicyStatement[] {
  const arn = (service: string, resource: string) =>
    `arn:${env.partition}:${service}:${env.region}:${env.accountId}:${resource}`;
  const jobs = ['training-job', 'processing-job', 'hyper-parameter-tuning-job'].map((t) =>
    arn('sagemaker', `${t}/*`),
  );
  const logGroups = ['/aws/sagemaker/TrainingJobs', '/aws/sagemaker/ProcessingJobs'].map((g) =>
    arn('logs', `log-group:${g}`),
  );
  return [
    {
      Sid: 'CapJobs',
      Effect: 'Allow',
      Action: [
        'sagemaker:AddTags',
        'sagemaker:CreateHyperParameterTuningJob',
        'sagemaker:CreateProcessingJob',
        'sagemaker:CreateTrainingJob',
        'sagemaker:DescribeHyperParameterTuningJob',
        'sagemaker:DescribeProcessingJob',
        'sagemaker:DescribeTrainingJob',
        'sagemaker:ListTrainingJobsForHyperParameterTuningJob',
        'sagemaker:StopHyperParameterTuningJob',
        'sagemaker:StopProcessingJob',
        'sagemaker:StopTrainingJob',
      ],
      Resource: jobs,
    },
    {
      Sid: 'CapJobLists',
      Effect: 'Allow',
      Action: [
        'sagemaker:ListHyperParameterTuningJobs',
        'sagemaker:ListProcessingJobs',
        'sagemaker:ListTrainingJobs',
      ],
      Resource: '*',
    },
    {
      Sid: 'CapPassJobRoles',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: env.naming.jobRoleArnPattern(env.partition, env.accountId),
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    },
    {
      Sid: 'CapJobLogs',
      Effect: 'Allow',
      Action: [
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:DescribeLogStreams',
        'logs:GetLogEvents',
        'logs:PutLogEvents',
      ],
      Resource: logGroups.flatMap((g) => [g, `${g}:*`]),
    },
    {
      Sid: 'CapJobNetworkDescribe',
      Effect: 'Allow',
      Action: [...JOB_NETWORK_DESCRIBE_ACTIONS],
      Resource: '*',
    },
    {
      Sid: 'CapJobNetworkInterfaces',
      Effect: 'Allow',
      Action: [
        'ec2:CreateNetworkInterface',
        'ec2:CreateNetworkInterfacePermission',
        'ec2:DeleteNetworkInterface',
        'ec2:DeleteNetworkInterfacePermission',
      ],
      Resource: [arn('ec2', 'network-interface/*'), arn('ec2', 'subnet/*'), arn('ec2', 'security-group/*')],
    },
    {
      Sid: 'CapJobVolumeGrant',
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: arn('kms', 'key/*'),
      Condition: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': env.naming.keyAlias('data') },
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
        StringEquals: { 'kms:ViaService': `sagemaker.${env.region}.amazonaws.com` },
      },
    },
  ];
}
