import { grants, servicePrincipals } from '../../policy-document';
import { label, ofType, str, strings, T } from '../../resources';
import { keyByArn, keyPolicyOf } from '../lookup';
import type { PreflightRule } from '../rule';

/**
 * CloudWatch alarms publish to an SSE-KMS topic only when the key policy lets cloudwatch.amazonaws.com call
 * kms:Decrypt and kms:GenerateDataKey*; otherwise the alarm fires and the notification is silently dropped.
 */
export const alarmTopicKey: PreflightRule = {
  id: 'ALARM-TOPIC-KEY',
  requires:
    'the key of every encrypted topic an alarm notifies allows cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*',
  source: {
    title:
      'Encryption at rest (Amazon SNS): enable compatibility between event sources from AWS services and encrypted topics',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services',
  },
  check: (env) => {
    const notified = new Set(ofType(env, T.alarm).flatMap((a) => strings(a.inputs['alarmActions'])));
    return ofType(env, T.topic)
      .filter((t) => str(t.inputs['kmsMasterKeyId']))
      .filter((t) => [...notified].some((arn) => arn.endsWith(`:${str(t.inputs['name']) ?? t.name}`)))
      .flatMap((topic) => {
        const key = keyByArn(env, topic.inputs['kmsMasterKeyId']);
        if (!key) return [];
        const cloudwatch = keyPolicyOf(key).filter(
          (s) => s.effect === 'Allow' && servicePrincipals(s).includes('cloudwatch.amazonaws.com'),
        );
        return ['kms:Decrypt', 'kms:GenerateDataKey']
          .filter((action) => !cloudwatch.some((s) => grants(s, action)))
          .map((action) => ({
            resource: label(key),
            message: `${label(key)} encrypts ${label(topic)}, which alarms notify, but does not let cloudwatch.amazonaws.com call ${action}: notifications would be dropped`,
          }));
      });
  },
};
