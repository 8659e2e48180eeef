import { conditionKeys, servicePrincipals, statementsOf } from '../../policy-document';
import { label, ofType, show, T } from '../../resources';
import { roleByArn } from '../lookup';
import type { PreflightRule } from '../rule';

/**
 * CloudTrail validates the CloudWatch Logs role when the trail is created: its trust must let
 * cloudtrail.amazonaws.com assume it, and confused-deputy conditions are "not applicable to this role and not
 * supported" (CreateTrail fails with InvalidCloudWatchLogsRoleArnException).
 */
export const trailRoleTrust: PreflightRule = {
  id: 'TRAIL-ROLE-TRUST',
  requires:
    "the trail's CloudWatch Logs role trusts cloudtrail.amazonaws.com with no aws:SourceAccount or aws:SourceArn condition",
  source: {
    title: 'Role policy document for CloudTrail to use CloudWatch Logs for monitoring',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html',
  },
  check: (env) =>
    ofType(env, T.trail).flatMap((trail) => {
      const arn = trail.inputs['cloudWatchLogsRoleArn'];
      if (arn === undefined) return [];
      const role = roleByArn(env, arn);
      if (!role) return [];
      const trusts = statementsOf(role.inputs['assumeRolePolicy']).filter(
        (s) => s.effect === 'Allow' && servicePrincipals(s).includes('cloudtrail.amazonaws.com'),
      );
      if (!trusts.length)
        return [
          {
            resource: label(role),
            message: `${label(role)} (the role of ${label(trail)}, ${show(arn)}) does not trust cloudtrail.amazonaws.com`,
          },
        ];
      return trusts
        .filter((s) =>
          conditionKeys(s).some((c) => c.key === 'aws:sourceaccount' || c.key === 'aws:sourcearn'),
        )
        .map(() => ({
          resource: label(role),
          message: `${label(role)} trusts CloudTrail only with aws:SourceAccount/aws:SourceArn, which CloudTrail does not support for this role: CreateTrail would fail with InvalidCloudWatchLogsRoleArnException. Remove the condition`,
        }));
    }),
};
