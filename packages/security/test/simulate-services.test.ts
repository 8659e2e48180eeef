/** IAM simulation of the service roles: who may assume them, and where they may deliver. */
import { ACCOUNT, OTHER_ACCOUNT, REGION, rolePolicy, trustPolicy } from './support/plan';
import {
  type Case,
  type Decision,
  logGroup,
  session,
  simulate,
  STEM,
  stream,
  trailArn,
} from './support/cases';

/** A service assuming one of the roles, against the role's trust policy. */
const trustCase = (
  name: string,
  expected: Decision,
  role: string,
  principal: string,
  context: Record<string, string>,
): Case => ({
  name,
  expected,
  request: (plan) => ({
    principal,
    action: 'sts:AssumeRole',
    resource: String(
      plan.outputs[role === 'trail-delivery-role' ? 'trailDeliveryRoleArn' : 'flowLogsRoleArn'],
    ),
    context,
  }),
  policies: (plan) => ({ resource: trustPolicy(plan, role) }),
});
const flowLogArn = (account = ACCOUNT) =>
  `arn:aws:ec2:${REGION}:${account}:vpc-flow-log/fl-0a1b2c3d4e5f60718`;

const TRUST_CASES: Case[] = [
  // The notebook roles are the notebook layer's (packages/notebook/test/trust.simulation.test.ts).
  trustCase(
    'CloudTrail assumes the delivery role for the environment trail',
    'Allowed',
    'trail-delivery-role',
    'cloudtrail.amazonaws.com',
    { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': trailArn(`${STEM}-trail`) },
  ),
  trustCase(
    'CloudTrail assumes the delivery role without any source key (CloudTrail sends none for this role)',
    'Allowed',
    'trail-delivery-role',
    'cloudtrail.amazonaws.com',
    {},
  ),
  trustCase(
    'another service assumes the trail delivery role',
    'ImplicitlyDenied',
    'trail-delivery-role',
    'logs.amazonaws.com',
    { 'aws:SourceAccount': ACCOUNT },
  ),
  trustCase(
    'VPC Flow Logs assumes the flow-log role for this account',
    'Allowed',
    'flow-logs-role',
    'vpc-flow-logs.amazonaws.com',
    { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': flowLogArn() },
  ),
  trustCase(
    'VPC Flow Logs assumes the flow-log role for another account',
    'ImplicitlyDenied',
    'flow-logs-role',
    'vpc-flow-logs.amazonaws.com',
    { 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SourceArn': flowLogArn(OTHER_ACCOUNT) },
  ),
];

/** A delivery role writing logs with its inline policy. */
const deliveryCase = (
  name: string,
  expected: Decision,
  role: 'trail-delivery' | 'flow-logs',
  action: string,
  resource: string,
): Case => ({
  name,
  expected,
  request: () => ({ principal: session(`${STEM}-${role}`), action, resource }),
  policies: (plan) => ({ identity: [rolePolicy(plan, `${role}-delivery`)] }),
});
const DELIVERY_CASES: Case[] = [
  deliveryCase(
    'the trail role writes the trail log group',
    'Allowed',
    'trail-delivery',
    'logs:PutLogEvents',
    stream(`/secure-ml/${STEM}/cloudtrail`, `${ACCOUNT}_CloudTrail_${REGION}`),
  ),
  deliveryCase(
    'the trail role writes the flow-log group',
    'ImplicitlyDenied',
    'trail-delivery',
    'logs:PutLogEvents',
    stream(`/secure-ml/${STEM}/vpc-flow-logs`, 'eni-1-all'),
  ),
  deliveryCase(
    'the flow-log role writes the flow-log group',
    'Allowed',
    'flow-logs',
    'logs:PutLogEvents',
    stream(`/secure-ml/${STEM}/vpc-flow-logs`, 'eni-1-all'),
  ),
  deliveryCase(
    'the flow-log role writes the trail log group',
    'ImplicitlyDenied',
    'flow-logs',
    'logs:PutLogEvents',
    stream(`/secure-ml/${STEM}/cloudtrail`, 'forged'),
  ),
  deliveryCase(
    'the flow-log role creates a log group',
    'ImplicitlyDenied',
    'flow-logs',
    'logs:CreateLogGroup',
    logGroup('/secure-ml/unencrypted'),
  ),
];

simulate('IAM simulation: the service roles', [
  ['trust policies', TRUST_CASES],
  ['delivery policies', DELIVERY_CASES],
]);
