import * as pulumi from '@pulumi/pulumi';
import { defineLayer } from '@secure-ml/shared';
import { createAlertsTopic } from './alerts';
import { createLogBuckets } from './buckets';
import { CisAlarms } from './cis-alarms';
import { createFlowLogs } from './flow-logs';
import { assertLifecycle } from './lifecycle';
import { createLogGroups } from './log-groups';
import { loggingSettings } from './settings';
import { createTrail } from './trail';

export = defineLayer('logging', loggingSettings, async (ctx, settings) => {
  const lifecycle = {
    transitionDays: settings.logTransitionDays,
    expirationDays: settings.logExpirationDays,
    noncurrentDays: settings.noncurrentVersionExpirationDays,
  };
  assertLifecycle(lifecycle, ctx.stack, `packages/logging/Pulumi.${ctx.stack}.yaml`);
  const [security, network] = await Promise.all([ctx.reference('security'), ctx.reference('network')]);

  const buckets = createLogBuckets(ctx, { logsKeyArn: security.logsKeyArn, lifecycle });
  const logGroups = createLogGroups(ctx, {
    logsKeyArn: security.logsKeyArn,
    retentionDays: settings.logRetentionDays,
    jobs: settings.jobs,
  });
  const trail = createTrail(ctx, {
    bucket: buckets.trail,
    logGroup: logGroups.trail,
    logsKeyArn: security.logsKeyArn,
    deliveryRoleArn: security.trailDeliveryRoleArn,
  });
  createFlowLogs(ctx, {
    vpcId: network.vpcId,
    logGroup: logGroups.flowLogs,
    roleArn: security.flowLogsRoleArn,
  });
  const topic = createAlertsTopic(ctx, { logsKeyArn: security.logsKeyArn, email: settings.alertEmail });
  new CisAlarms(
    'cis',
    {
      logGroupName: logGroups.trail.name,
      topicArn: topic.arn,
      namespace: `SecureML/${ctx.naming.stem}`,
      namePrefix: ctx.naming.stem,
    },
    { provider: ctx.provider },
  );

  return {
    trailArn: trail.arn,
    trailBucketName: buckets.trail.name,
    accessLogBucketName: buckets.accessLogs.name,
    trailLogGroupName: logGroups.trail.name,
    trailLogGroupArn: logGroups.trail.arn,
    flowLogGroupName: logGroups.flowLogs.name,
    flowLogGroupArn: logGroups.flowLogs.arn,
    notebookLogGroupName: logGroups.notebooks.name,
    notebookLogGroupArn: logGroups.notebooks.arn,
    // Training first, then processing; none when jobs are off (the notebook layer's jobs setting refuses that).
    jobLogGroupArns: pulumi.all(logGroups.jobs.map((g) => g.arn)),
    alertsTopicArn: topic.arn,
  };
});
