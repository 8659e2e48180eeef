import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetTrailCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeFlowLogsCommand } from '@aws-sdk/client-ec2';
import { GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { validatePolicies } from '../access-analyzer';
import { type Check, expectThat, skip } from '../check';
import { outputsOf, type VerifyContext } from '../context';
import { activeAlarmCheck } from './logging-active';

/** LOG-1 to LOG-4 as delivered: the trail logs, validates, and neither of its deliveries reports an error. */
async function trailChecks(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'logging');
  const { cloudtrail } = ctx.clients;
  const status = await cloudtrail.send(new GetTrailStatusCommand({ Name: out.trailArn }));
  const { Trail: trail } = await cloudtrail.send(new GetTrailCommand({ Name: out.trailArn }));
  return [
    expectThat(status.IsLogging === true, 'LOG-1', 'the trail is logging', `IsLogging ${status.IsLogging}`),
    expectThat(
      !status.LatestDeliveryError,
      'LOG-1',
      'the trail delivers to its bucket without error',
      `LatestDeliveryError ${status.LatestDeliveryError ?? 'none'}, LatestDeliveryTime ${status.LatestDeliveryTime?.toISOString() ?? 'never'}`,
    ),
    expectThat(
      !status.LatestCloudWatchLogsDeliveryError,
      'LOG-4',
      'the trail delivers to CloudWatch Logs without error',
      `LatestCloudWatchLogsDeliveryError ${status.LatestCloudWatchLogsDeliveryError ?? 'none'}`,
    ),
    expectThat(
      trail?.IsMultiRegionTrail === true,
      'LOG-1',
      'the trail is multi-region',
      `IsMultiRegionTrail ${trail?.IsMultiRegionTrail}`,
    ),
    expectThat(
      Boolean(trail?.KmsKeyId),
      'LOG-2',
      'the trail is encrypted with a KMS key',
      `KmsKeyId ${trail?.KmsKeyId ?? 'none'}`,
    ),
    expectThat(
      trail?.LogFileValidationEnabled === true,
      'LOG-3',
      'log file validation is on',
      `LogFileValidationEnabled ${trail?.LogFileValidationEnabled}`,
    ),
  ];
}

/** LOG-12: every flow log of the VPC is active and its last delivery succeeded. */
async function flowLogChecks(ctx: VerifyContext): Promise<Check[]> {
  const { vpcId } = outputsOf(ctx, 'network');
  const { FlowLogs = [] } = await ctx.clients.ec2.send(
    new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }),
  );
  if (!FlowLogs.length)
    return [expectThat(false, 'LOG-12', 'the VPC has a flow log', `no flow log on ${vpcId}`)];
  return FlowLogs.map((f) =>
    expectThat(
      f.FlowLogStatus === 'ACTIVE' && f.DeliverLogsStatus === 'SUCCESS',
      'LOG-12',
      `flow log ${f.FlowLogId} is active and delivering`,
      `FlowLogStatus ${f.FlowLogStatus}, DeliverLogsStatus ${f.DeliverLogsStatus}${f.DeliverLogsErrorMessage ? `, ${f.DeliverLogsErrorMessage}` : ''}`,
    ),
  );
}

/** LOG-9: every alarm of the environment acts, on the alerts topic; with an address, someone receives it. */
async function alarmChecks(ctx: VerifyContext): Promise<Check[]> {
  const { alertsTopicArn } = outputsOf(ctx, 'logging');
  const { MetricAlarms = [] } = await ctx.clients.cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNamePrefix: `${ctx.stem}-`, AlarmTypes: ['MetricAlarm'] }),
  );
  const alarms = MetricAlarms.length
    ? MetricAlarms.map((a) =>
        expectThat(
          a.ActionsEnabled === true && (a.AlarmActions ?? []).includes(alertsTopicArn),
          'LOG-9',
          `alarm ${a.AlarmName} acts on the alerts topic`,
          `ActionsEnabled ${a.ActionsEnabled}, AlarmActions ${(a.AlarmActions ?? []).join(' ') || 'none'}`,
        ),
      )
    : [expectThat(false, 'LOG-8', 'the CIS alarms exist', `no alarm named ${ctx.stem}-*`)];
  const first = MetricAlarms[0]?.AlarmName;
  if (ctx.active && first) alarms.push(await activeAlarmCheck(ctx, first, alertsTopicArn));
  if (!ctx.settings.alertAddressConfigured)
    return [
      ...alarms,
      skip('LOG-9', 'the alert address confirmed its subscription', 'no alert address is configured'),
    ];
  const { Subscriptions = [] } = await ctx.clients.sns.send(
    new ListSubscriptionsByTopicCommand({ TopicArn: alertsTopicArn }),
  );
  // An unconfirmed email subscription is listed with the ARN "PendingConfirmation" (SNS ListSubscriptionsByTopic).
  const confirmed = Subscriptions.filter(
    (s) => s.SubscriptionArn && s.SubscriptionArn !== 'PendingConfirmation',
  );
  return [
    ...alarms,
    expectThat(
      confirmed.length > 0,
      'LOG-9',
      'the alert address confirmed its subscription',
      `${confirmed.length} confirmed of ${Subscriptions.length} subscription(s)`,
    ),
  ];
}

export async function verifyLogging(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'logging');
  const bucketPolicy = async (bucket: string) => ({
    label: `bucket policy of ${bucket}`,
    document: (await ctx.clients.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '',
    type: 'RESOURCE_POLICY' as const,
    resourceType: 'AWS::S3::Bucket' as const,
  });
  const topic = await ctx.clients.sns.send(new GetTopicAttributesCommand({ TopicArn: out.alertsTopicArn }));
  return [
    ...(await trailChecks(ctx)),
    ...(await flowLogChecks(ctx)),
    ...(await alarmChecks(ctx)),
    ...(await validatePolicies(ctx.clients.accessAnalyzer, 'access-analyzer', [
      await bucketPolicy(out.trailBucketName),
      await bucketPolicy(out.accessLogBucketName),
      {
        label: 'policy of the alerts topic',
        document: topic.Attributes?.['Policy'] ?? '',
        type: 'RESOURCE_POLICY',
      },
    ])),
  ];
}
