import type { PolicyDocument } from './cases/types';

/**
 * The read-only permissions `verify` needs, and no more: the policy of the role the drift workflow assumes to run
 * it (docs/verify-read-only-policy.json, written from this function for the default prefix and held equal to it by
 * a test). Each action is one API call verify makes; a test runs verify against mocked clients and holds the two
 * lists equal, and another holds each group to the resource types the Service Authorization Reference gives.
 *
 * sts:GetCallerIdentity is not listed: "No permissions are required to perform this operation"
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html). The `--active` checks need
 * more (StartNotebookInstance, StopNotebookInstance, SetAlarmState, FilterLogEvents, DescribeAlarmHistory): they are
 * never run with this role.
 */
export const READ_ONLY_ACTIONS = {
  // Roles and policies of every environment live under the /secure-ml/ path (libs/shared naming).
  environmentIam: [
    'iam:GetRole',
    'iam:ListRolePolicies',
    'iam:GetRolePolicy',
    'iam:GetPolicy',
    'iam:GetPolicyVersion',
    'iam:SimulatePrincipalPolicy',
  ],
  // Key ARNs carry no name; the reads are of metadata and policy only, never of data.
  keys: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus'],
  trails: ['cloudtrail:GetTrailStatus', 'cloudtrail:GetTrail'],
  topics: ['sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic'],
  buckets: ['s3:GetBucketPolicy'],
  notebooks: ['sagemaker:DescribeNotebookInstance'],
  notebookLogGroup: ['logs:DescribeLogStreams'],
  // No resource type in the Service Authorization Reference (only `*` works), or, for DescribeAlarms, a list call
  // whose scoping by alarm ARN no page settles (docs/runbook.md, first deploy): `*` cannot lock verify out.
  unscoped: [
    'access-analyzer:ValidatePolicy',
    // The guardrail cases: the simulator reads only the documents it is sent (Service Authorization Reference:
    // no resource type).
    'iam:SimulateCustomPolicy',
    // The notebook role path, listed for roles the notebook layer did not create (layers/notebook-path.ts):
    // "ListRoles" has no resource type in the Service Authorization Reference.
    'iam:ListRoles',
    'ec2:DescribeInternetGateways',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeVpcEndpoints',
    'ec2:DescribeFlowLogs',
    // The job log groups (layers/job-ground.ts): DescribeLogGroups has no resource type in the Service
    // Authorization Reference (a list call), so only `*` lets verify read them.
    'logs:DescribeLogGroups',
    'cloudwatch:DescribeAlarms',
  ],
} as const;

/** The read-only policy for environments whose names start with `<prefix>-` (secure-ml:prefix, default sml). */
export function readOnlyPolicy(prefix = 'sml', partition = 'aws'): PolicyDocument {
  const a = READ_ONLY_ACTIONS;
  const allow = (Sid: string, Action: readonly string[], Resource: string | string[]) =>
    ({ Sid, Effect: 'Allow', Action, Resource }) as const;
  return {
    Version: '2012-10-17',
    Statement: [
      allow('EnvironmentIamRead', a.environmentIam, [
        `arn:${partition}:iam::*:role/secure-ml/*`,
        `arn:${partition}:iam::*:policy/secure-ml/*`,
      ]),
      allow('KeysRead', a.keys, `arn:${partition}:kms:*:*:key/*`),
      allow('TrailsRead', a.trails, `arn:${partition}:cloudtrail:*:*:trail/${prefix}-*`),
      allow('TopicsRead', a.topics, `arn:${partition}:sns:*:*:${prefix}-*`),
      allow('BucketPoliciesRead', a.buckets, `arn:${partition}:s3:::${prefix}-*`),
      allow('NotebooksRead', a.notebooks, `arn:${partition}:sagemaker:*:*:notebook-instance/${prefix}-*`),
      allow(
        'NotebookLogStreamsRead',
        a.notebookLogGroup,
        `arn:${partition}:logs:*:*:log-group:/aws/sagemaker/NotebookInstances`,
      ),
      allow('Read', a.unscoped, '*'),
    ],
  };
}
