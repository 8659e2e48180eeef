import { ofType, resource, type LayerPlan } from '@secure-ml/shared/testing';
import { planLogging, upstreamOf, warnings } from './support/plan';

const SUBSCRIPTION = 'aws:sns/topicSubscription:TopicSubscription';

describe('alerts topic', () => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planLogging();
  });

  it('is encrypted with the logs key (LOG-13)', () => {
    expect(resource(plan, 'aws:sns/topic:Topic', 'alerts').inputs).toMatchObject({
      name: 'sml-dev-alerts',
      kmsMasterKeyId: upstreamOf('security')['logsKeyArn'],
    });
  });

  it('has its own topic policy on the topic', () => {
    expect(resource(plan, 'aws:sns/topicPolicy:TopicPolicy', 'alerts-policy').inputs['arn']).toBe(
      'arn:aws:sns:eu-west-1:123456789012:sml-dev-alerts',
    );
  });

  it('has no subscription when no address is configured (the example stacks set none), and says so', () => {
    expect(ofType(plan, SUBSCRIPTION)).toHaveLength(0);
    expect(warnings).toContainEqual(expect.stringContaining('No secure-ml-logging:alertEmail is set'));
  });

  it('subscribes the configured address by e-mail, without the warning (LOG-9)', async () => {
    warnings.length = 0;
    const withEmail = await planLogging({ config: { 'secure-ml-logging:alertEmail': 'secops@example.com' } });
    const subscriptions = ofType(withEmail, SUBSCRIPTION);
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.inputs).toMatchObject({
      topic: 'arn:aws:sns:eu-west-1:123456789012:sml-dev-alerts',
      protocol: 'email',
      endpoint: 'secops@example.com',
    });
    expect(warnings).toEqual([]);
  });
});
