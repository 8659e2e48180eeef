import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { LayerContext } from '@secure-ml/shared';
import { alertsTopicPolicy } from './policies';

/**
 * The alerts topic every alarm notifies: encrypted with the logs key (LOG-13; the security layer's key policy
 * lets CloudWatch use it), publishable by this account's CloudWatch alarms only, and an e-mail subscription
 * when an address is configured.
 */
export function createAlertsTopic(
  ctx: LayerContext<'logging'>,
  args: { logsKeyArn: pulumi.Input<string>; email: string | undefined },
): aws.sns.Topic {
  const topic = new aws.sns.Topic(
    'alerts',
    { name: ctx.naming.alertsTopicName, kmsMasterKeyId: args.logsKeyArn },
    { provider: ctx.provider },
  );
  // Only this account's alarms may publish (LOG-15).
  new aws.sns.TopicPolicy(
    'alerts-policy',
    {
      arn: topic.arn,
      policy: pulumi.jsonStringify(
        alertsTopicPolicy({
          topicArn: topic.arn,
          accountId: ctx.accountId,
          partition: ctx.partition,
          region: ctx.region,
        }),
      ),
    },
    { provider: ctx.provider, parent: topic },
  );
  if (args.email === undefined) {
    void pulumi.log.warn(
      'No secure-ml-logging:alertEmail is set: the security alarms notify a topic nobody is subscribed to. ' +
        'Set one with: pulumi config set secure-ml-logging:alertEmail <address> --stack <env> --cwd packages/logging (it writes packages/logging/Pulumi.<env>.yaml: commit it)',
      topic,
    );
  } else {
    new aws.sns.TopicSubscription(
      'alerts-email',
      { topic: topic.arn, protocol: 'email', endpoint: args.email },
      { provider: ctx.provider, parent: topic },
    );
  }
  return topic;
}
