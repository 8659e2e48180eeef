import { LOGS_DELIVERY_ACTIONS } from './actions';
import { policyDocument, service, type PolicyDocument, type PolicyEnv } from './document';

const logGroupArn = (env: PolicyEnv, purpose: 'cloudtrail' | 'vpc-flow-logs') =>
  env.naming.logGroupArn(env.naming.logGroupName(purpose), env.partition, env.region, env.accountId);

/**
 * CloudTrail assumes this role to deliver the trail's events to its CloudWatch Logs group. The trust carries no
 * `aws:SourceAccount` / `aws:SourceArn` condition on purpose: CloudTrail's guide says confused-deputy conditions
 * are not applicable to this role and not supported, and CloudTrail checks the role when the trail is created,
 * so a condition fails CreateTrail (InvalidCloudWatchLogsRoleArnException) and stops every layer after logging.
 * What bounds the role instead: its only permission is writing streams of the environment's trail log group
 * (`trailDeliveryPolicy`), and control IAM-3 admits this one trust by name (`TRUST_EXCEPTIONS`).
 * AWS: "Role policy document for CloudTrail to use CloudWatch Logs for monitoring",
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
 */
export function trailDeliveryTrustPolicy(): PolicyDocument {
  return policyDocument([
    {
      Sid: 'CloudTrailDeliversToCloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: service('cloudtrail') },
      Action: 'sts:AssumeRole',
    },
  ]);
}

/** CloudTrail writes events into streams of the trail's log group, and nowhere else. */
export function trailDeliveryPolicy(env: PolicyEnv): PolicyDocument {
  return policyDocument([
    {
      Sid: 'DeliverToTrailLogGroup',
      Effect: 'Allow',
      Action: [...LOGS_DELIVERY_ACTIONS],
      Resource: `${logGroupArn(env, 'cloudtrail')}:log-stream:*`,
    },
  ]);
}

/** VPC Flow Logs assumes this role only for flow logs of this account and region. */
export function flowLogsTrustPolicy(env: PolicyEnv): PolicyDocument {
  return policyDocument([
    {
      Sid: 'FlowLogsOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: service('vpc-flow-logs') },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': env.accountId },
        ArnLike: {
          'aws:SourceArn': `arn:${env.partition}:ec2:${env.region}:${env.accountId}:vpc-flow-log/*`,
        },
      },
    },
  ]);
}

/**
 * Flow logs go to the flow-log group only. The VPC user guide lists CreateLogStream, PutLogEvents,
 * DescribeLogGroups and DescribeLogStreams (and CreateLogGroup) as what the policy must include. The group exists
 * already (the logging layer creates it, encrypted and retained), so the role has no CreateLogGroup: it could
 * otherwise create an unencrypted group of its own (docs/runbook.md, "First deploy: what to confirm", says how
 * to check delivery). DescribeLogGroups accepts only `Resource: "*"` (Service Authorization Reference) and reads
 * names and settings of groups, never log events.
 * AWS: "IAM role for publishing flow logs to CloudWatch Logs",
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
export function flowLogsDeliveryPolicy(env: PolicyEnv): PolicyDocument {
  const group = logGroupArn(env, 'vpc-flow-logs');
  return policyDocument([
    {
      Sid: 'DeliverToFlowLogGroup',
      Effect: 'Allow',
      Action: [...LOGS_DELIVERY_ACTIONS],
      Resource: `${group}:log-stream:*`,
    },
    {
      // The service looks up its streams before writing; the ARN names only the flow-log group (IAM matches this
      // action on the group's ARN, written with or without the `:*` suffix).
      Sid: 'DescribeFlowLogStreams',
      Effect: 'Allow',
      Action: 'logs:DescribeLogStreams',
      Resource: [group, `${group}:*`],
    },
    {
      Sid: 'FindFlowLogGroup',
      Effect: 'Allow',
      Action: 'logs:DescribeLogGroups',
      Resource: '*',
    },
  ]);
}
