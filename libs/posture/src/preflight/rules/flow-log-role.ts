import { label, ofType, str, T } from '../../resources';
import { allowsTo, roleByArn, rolePolicyStatements } from '../lookup';
import type { PreflightRule } from '../rule';

/**
 * The flow-log role's policy must include at least CreateLogStream, PutLogEvents, DescribeLogGroups and
 * DescribeLogStreams (the page also lists CreateLogGroup; our group exists before the flow log, encrypted, and
 * the role may not create another: see docs/runbook.md "First deploy: what to confirm").
 */
export const FLOW_LOG_ACTIONS = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'logs:DescribeLogGroups',
  'logs:DescribeLogStreams',
] as const;

export const flowLogRole: PreflightRule = {
  id: 'FLOW-LOG-ROLE',
  requires: `the role of every flow log to CloudWatch Logs allows ${FLOW_LOG_ACTIONS.join(', ')} on its log group`,
  source: {
    title: 'IAM role for publishing flow logs to CloudWatch Logs',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html',
  },
  check: (env) =>
    ofType(env, T.flowLog)
      .filter((f) => f.inputs['logDestinationType'] !== 's3')
      .flatMap((flow) => {
        const role = roleByArn(env, flow.inputs['iamRoleArn']);
        if (!role) return [];
        const group = str(flow.inputs['logDestination']) ?? '';
        const statements = rolePolicyStatements(env, role);
        return FLOW_LOG_ACTIONS.filter(
          (a) => !allowsTo(statements, a, a.endsWith('LogGroups') ? group : `${group}:log-stream:x`),
        ).map((a) => ({
          resource: label(role),
          message: `${label(role)}, the role of ${label(flow)}, does not allow ${a}: the VPC user guide lists it as required`,
        }));
      }),
};
