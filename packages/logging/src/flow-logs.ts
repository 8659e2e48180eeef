import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { LayerContext } from '@secure-ml/shared';

/**
 * VPC flow logs of ALL traffic, accepted and rejected (LOG-12, EC2.6): rejected flows show probing, accepted
 * ones show what actually left a notebook. Delivered through the security layer's flow-log role.
 */
export function createFlowLogs(
  ctx: LayerContext<'logging'>,
  args: { vpcId: pulumi.Input<string>; logGroup: aws.cloudwatch.LogGroup; roleArn: pulumi.Input<string> },
): aws.ec2.FlowLog {
  return new aws.ec2.FlowLog(
    'vpc-flow-logs',
    {
      vpcId: args.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: args.logGroup.arn,
      iamRoleArn: args.roleArn,
      tags: { Name: ctx.naming.name('vpc-flow-logs') },
    },
    { provider: ctx.provider },
  );
}
