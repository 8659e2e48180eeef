import { canHold, coversRequest, type RequestKind } from '../conditions';
import { stackControl } from '../define';
import type { Env, Finding } from '../model';
import { isWildcardPrincipal, servicePrincipals, statementsOf, type Statement } from '../policy-document';
import { finding, missing, ofType, owns, str, T } from '../resources';
import { admitsAnotherAccount, foreignPrincipals, whyUnscoped } from '../scoping';

/**
 * LOG-15: the alerts topic accepts publications from this account's CloudWatch alarms only. CloudWatch publishes
 * as the service principal cloudwatch.amazonaws.com and sends aws:SourceArn (the alarm's ARN) and
 * aws:SourceAccount, so a topic policy that drops the alarm ARN lets any CloudWatch resource (and, without the
 * account, any account's alarms) post to the people on call.
 * AWS: Amazon SNS developer guide, "Example cases for Amazon SNS access control", Allow CloudWatch alarms
 * https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html ; confused deputy prevention
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
const CLOUDWATCH = 'cloudwatch.amazonaws.com';

/** `arn:aws:sns:<region>:<account>:<name>` -> region and account. */
const partsOf = (arn: string | undefined) => {
  const p = (arn ?? '').split(':');
  return { region: p[3] ?? '', account: p[4] ?? '' };
};

/** A CloudWatch request of this account that does not come from an alarm (a dashboard, a metric stream...). */
function notAnAlarm(region: string, account: string): RequestKind {
  return {
    'aws:sourceaccount': [[account]],
    'aws:sourcearn': [undefined, [`arn:aws:cloudwatch:${region}:${account}:dashboard/not-an-alarm`]],
  };
}

function publishProblems(topicArn: string, statements: readonly Statement[], env: Env): string[] {
  const { region, account } = partsOf(topicArn);
  const expected = env.settings.accountId ?? account;
  const req = { principal: CLOUDWATCH, action: 'sns:Publish', resource: topicArn };
  const problems: string[] = [];
  // Every other Allow: nobody outside the account, and no other service, may act on the people on call's topic
  // (Subscribe reads every alert; SetTopicAttributes rewrites the policy itself).
  for (const s of statements.filter((x) => x.effect === 'Allow' && !coversRequest(x, req))) {
    const sid = s.sid ?? '(no Sid)';
    const actions = [...s.actions, ...s.notActions.map((a) => `NotAction ${a}`)].join(', ');
    if (isWildcardPrincipal(s) && admitsAnotherAccount(s, expected))
      problems.push(
        `statement ${sid} lets any principal of any account ${actions}: ${whyUnscoped(s, expected)}`,
      );
    const foreign = foreignPrincipals(s, expected);
    if (foreign.length)
      problems.push(`statement ${sid} lets ${foreign.join(', ')} of another account ${actions}`);
    const services = servicePrincipals(s).filter((p) => p !== CLOUDWATCH);
    if (services.length) problems.push(`statement ${sid} lets ${services.join(', ')} ${actions}`);
  }
  for (const s of statements.filter((x) => x.effect === 'Allow' && coversRequest(x, req))) {
    const sid = s.sid ?? '(no Sid)';
    const who = isWildcardPrincipal(s) ? 'any principal' : undefined;
    const cloudwatch = servicePrincipals(s).includes(CLOUDWATCH);
    if ((who || cloudwatch) && admitsAnotherAccount(s, expected))
      problems.push(
        `statement ${sid} lets ${who ?? CLOUDWATCH} of another account publish: ${whyUnscoped(s, expected)}`,
      );
    else if (cloudwatch && canHold(s.conditions, notAnAlarm(region, expected)))
      problems.push(
        `statement ${sid} lets CloudWatch publish for resources that are not alarms (aws:SourceArn is not required to be arn:aws:cloudwatch:${region}:${expected}:alarm:*)`,
      );
  }
  return problems;
}

export const alertsTopicPolicyControl = stackControl({
  id: 'LOG-15',
  standards: ['SNS.4', 'confused deputy'],
  check:
    'every alerts topic has a topic policy that lets CloudWatch publish only for this account\'s alarms (aws:SourceArn arn:aws:cloudwatch:<region>:<account>:alarm:*, required), and whose every other Allow (Subscribe, SetTopicAttributes...) admits no principal of another account, no "*" unscoped to the account and no other service',
  examines: [T.topic, T.topicPolicy],
  evaluate(env) {
    const policies = ofType(env, T.topicPolicy);
    const found: Finding[] = [];
    for (const p of policies) {
      const arn = str(p.inputs['arn']) ?? '';
      const problems = publishProblems(arn, statementsOf(p.inputs['policy']), env);
      if (problems.length)
        found.push(
          finding(
            p,
            problems.join('; '),
            'allow sns:Publish to cloudwatch.amazonaws.com with Condition ArnLike aws:SourceArn = arn:aws:cloudwatch:<region>:<account>:alarm:* and StringEquals aws:SourceAccount = the account ID',
          ),
        );
    }
    for (const topic of ofType(env, T.topic)) {
      const name = str(topic.inputs['name']) ?? topic.name;
      if (!policies.some((p) => (str(p.inputs['arn']) ?? '').endsWith(`:${name}`)) && owns(env, 'logging'))
        found.push(
          finding(
            topic,
            'has no topic policy, so CloudWatch alarms cannot publish to it (encrypted topic) or the default policy applies',
            "add an aws.sns.TopicPolicy scoped to this account's alarms",
          ),
        );
    }
    if (owns(env, 'logging') && ofType(env, T.topic).length === 0)
      found.push(missing('logging layer', 'no alerts topic', 'create the alerts topic in the logging layer'));
    return found;
  },
});
