import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { Naming, type LayerContext } from '@secure-ml/shared';

/**
 * The layer's log groups, all encrypted with the logs key (LOG-11) and retained as configured, never under a
 * year (LOG-10). The SageMaker group has a fixed name that SageMaker would otherwise create on first write,
 * unencrypted and kept forever (LOG-14); creating it here first is what makes it ours. Because that name is
 * per account and region, two environments cannot share an account and region (the second one fails to create
 * it with ResourceAlreadyExistsException).
 */
export function createLogGroups(
  ctx: LayerContext<'logging'>,
  args: { logsKeyArn: pulumi.Input<string>; retentionDays: number; jobs: boolean },
) {
  const group = (logicalName: string, name: string) =>
    new aws.cloudwatch.LogGroup(
      logicalName,
      { name, kmsKeyId: args.logsKeyArn, retentionInDays: args.retentionDays },
      { provider: ctx.provider, protect: ctx.protect },
    );
  return {
    trail: group('trail-log-group', ctx.naming.logGroupName('cloudtrail')),
    flowLogs: group('flow-log-group', ctx.naming.logGroupName('vpc-flow-logs')),
    notebooks: group('notebook-log-group', Naming.SAGEMAKER_NOTEBOOK_LOG_GROUP),
    // The same reasoning for SageMaker's job groups, with secure-ml-logging:jobs: a tuning job's training jobs
    // write to the training group too (JOB-3, docs/CONTROLS.md). AWS: "Log Amazon SageMaker AI Events with Amazon CloudWatch",
    // https://docs.aws.amazon.com/sagemaker/latest/dg/logging-cloudwatch.html
    jobs: args.jobs
      ? [
          group('training-job-log-group', Naming.SAGEMAKER_JOB_LOG_GROUPS.training),
          group('processing-job-log-group', Naming.SAGEMAKER_JOB_LOG_GROUPS.processing),
        ]
      : [],
  };
}
