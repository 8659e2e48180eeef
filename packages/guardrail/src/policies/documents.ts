import { SCP_MAX_CHARACTERS, SecureMlError } from '@secure-ml/shared';
import {
  denyPassingNotebookRoleElsewhere,
  guardrailRules,
  LIFECYCLE_CONFIG_DENY,
  type GuardrailPins,
  type PolicyDocument,
  type PolicyStatement,
} from './rules';

const document = (statements: PolicyStatement[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
});

/**
 * The IAM guardrail, attached to notebook creators beside their SageMaker permissions: its denies win over any
 * allow they have elsewhere, and it lets them hand the notebook roles (the notebook role path) to SageMaker, and only
 * to SageMaker.
 */
export function guardrailPolicy(pins: GuardrailPins): PolicyDocument {
  return document([
    ...guardrailRules(pins),
    {
      Sid: 'PassNotebookRoleToSageMaker',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: pins.notebookRoleArns,
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    },
    denyPassingNotebookRoleElsewhere(pins),
  ]);
}

/**
 * The same denies as a service control policy, which even the account's administrators cannot detach. SCPs
 * never grant ("SCP syntax", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html),
 * so the PassRole allow stays in the IAM policy.
 *
 * The deployment roles are exempt, by `aws:PrincipalArn` (the role's ARN for every session of it, "AWS global
 * condition context keys", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
 * from the one deny a deployment must pass: writing the lifecycle configuration. Every notebook the notebook layer
 * creates or updates satisfies the other pins, so exempting the deployment from them would only let a stolen
 * deploy role create what nobody else may. It also keeps the document small: an exemption on every statement
 * costs about 100 characters per statement and role, so two roles would pass the 5,120-character limit. With
 * no deployment role the document exempts nobody.
 */
export function guardrailScp(pins: GuardrailPins, deploymentRoleArns: readonly string[]): PolicyDocument {
  const exempt = (s: PolicyStatement): PolicyStatement =>
    s.Sid !== LIFECYCLE_CONFIG_DENY || deploymentRoleArns.length === 0
      ? s
      : { ...s, Condition: { ArnNotLike: { 'aws:PrincipalArn': [...deploymentRoleArns] } } };
  return document([...guardrailRules(pins), denyPassingNotebookRoleElsewhere(pins)].map(exempt));
}

/** The SCP as AWS Organizations stores it: minified, refused here when over the limit rather than at upload. */
export function renderScp(scp: PolicyDocument): string {
  const text = JSON.stringify(scp);
  if (text.length > SCP_MAX_CHARACTERS)
    throw new SecureMlError(
      `The guardrail SCP is ${text.length} characters, over the ${SCP_MAX_CHARACTERS} AWS Organizations accepts. Fix: shorten secure-ml-guardrail:instanceTypes or secure-ml-guardrail:deploymentRoleArns (pulumi config set --path ... in packages/guardrail)`,
    );
  return text;
}
