import { list, type RegisteredPolicy, type Statement } from './plan';

/** Actions that accept no resource but `*`; an identity policy may grant them on `*` and nothing else. */
const RESOURCELESS_ACTIONS = new Set([
  'ecr:GetAuthorizationToken',
  'logs:DescribeLogGroups',
  'sts:GetServiceBearerToken',
  // SageMaker jobs (issue 15): the Service Authorization Reference gives these no resource type.
  'sagemaker:ListHyperParameterTuningJobs',
  'sagemaker:ListProcessingJobs',
  'sagemaker:ListTrainingJobs',
  'ec2:DescribeDhcpOptions',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVpcs',
]);

const principals = (s: Statement): string[] =>
  s.Principal === undefined
    ? []
    : s.Principal === '*'
      ? ['*']
      : Object.values(s.Principal).flatMap((v) => list(v));

const hasCondition = (s: Statement, keys: readonly string[]) =>
  Object.values(s.Condition ?? {}).some((block) =>
    Object.keys(block).some((k) => keys.some((want) => k === want || k.startsWith(want))),
  );

/**
 * The one trust AWS documents as taking no confused-deputy condition: CloudTrail's CloudWatch Logs delivery role
 * ("Role policy document for CloudTrail to use CloudWatch Logs for monitoring"). Written out here, independent
 * of the posture's exception list.
 */
const UNCONDITIONED_TRUSTS: readonly { resource: string; service: string }[] = [
  { resource: 'aws:iam/role:Role trail-delivery-role', service: 'cloudtrail.amazonaws.com' },
];

/** Keys that scope a grant to a service principal (KMS-5, IAM-3). */
const SCOPING_KEYS = ['aws:SourceArn', 'aws:SourceAccount', 'kms:EncryptionContext:'];

/**
 * The problems of one registered policy against KMS-3..5 and IAM-1..5: an empty list when it is clean. A pure
 * function of the document, so that it is itself tested on documents that break each rule.
 */
export function policyProblems(policy: RegisteredPolicy): string[] {
  const problems: string[] = [];
  const at = (s: Statement, what: string) =>
    problems.push(`${policy.resource} ${s.Sid ?? '(no Sid)'}: ${what}`);
  for (const s of policy.document.Statement) {
    const actions = list(s.Action);
    const resources = list(s.Resource);
    if (principals(s).includes('*')) at(s, 'wildcard principal (KMS-3)');
    if (s.NotPrincipal !== undefined) at(s, 'NotPrincipal');
    if (s.Effect !== 'Allow') continue;
    if (s.NotAction !== undefined || s.NotResource !== undefined)
      at(s, 'Allow with NotAction or NotResource');
    if (actions.includes('*')) at(s, 'allows every action (IAM-1)');
    for (const action of actions) if (/^[\w-]+:\*$/.test(action)) at(s, `allows ${action} (IAM-2)`);
    if (policy.kind === 'identity') {
      if (resources.includes('*')) {
        for (const action of actions)
          if (!RESOURCELESS_ACTIONS.has(action)) at(s, `allows ${action} on * (KMS-4, least privilege)`);
      }
      if (actions.includes('iam:PassRole') && !hasCondition(s, ['iam:PassedToService']))
        at(s, 'iam:PassRole without iam:PassedToService (IAM-5)');
    }
    const servicePrincipals = principals(s).filter((p) => p.endsWith('.amazonaws.com'));
    const exempt =
      policy.kind === 'trust' &&
      servicePrincipals.length === 1 &&
      UNCONDITIONED_TRUSTS.some((t) => t.resource === policy.resource && t.service === servicePrincipals[0]);
    if (servicePrincipals.length && !exempt && !hasCondition(s, SCOPING_KEYS))
      at(s, `service principal ${servicePrincipals.join(', ')} without a scoping condition (KMS-5, IAM-3)`);
  }
  return problems;
}
