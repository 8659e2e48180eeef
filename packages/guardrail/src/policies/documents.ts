import { SCP_MAX_CHARACTERS, SecureMlError } from '@secure-ml/shared';
import { DEPLOYMENT_ONLY, peopleDenies } from './people';
import {
  denyPassingNotebookRoleElsewhere,
  guardrailRules,
  type GuardrailPins,
  type PolicyDocument,
  type PolicyStatement,
} from './rules';

const document = (statements: PolicyStatement[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
});

const statements = (pins: GuardrailPins): PolicyStatement[] => [
  ...guardrailRules(pins),
  ...peopleDenies(pins),
  denyPassingNotebookRoleElsewhere(pins),
];

/**
 * The IAM guardrail, attached to people beside their SageMaker permissions: its denies win over any allow they have
 * elsewhere. It grants nothing: no person creates, changes or deletes a notebook or a lifecycle configuration (the
 * notebook layer's deployment does), and a person passes a notebook role only as the owner of that notebook, which
 * the notebook layer's owner access policy grants.
 */
export function guardrailPolicy(pins: GuardrailPins): PolicyDocument {
  return document(statements(pins));
}

/**
 * The same denies as a service control policy, which even the account's administrators cannot detach. SCPs
 * never grant ("SCP syntax", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html),
 * and neither does the IAM form: both are the same statements.
 *
 * The deployment roles are exempt, by `aws:PrincipalArn` (the role's ARN for every session of it, "AWS global
 * condition context keys", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
 * from the denies only a deployment must pass (people.ts): writing notebooks and lifecycle configurations, and
 * passing notebook roles that are not its own. Every notebook the notebook layer creates or updates satisfies the
 * pins of rules.ts, so exempting the deployment from them would only let a stolen deploy role create what nobody
 * else may. It also keeps the document small: each exemption costs about 100 characters per role. With no
 * deployment role the document exempts nobody.
 */
export function guardrailScp(pins: GuardrailPins, deploymentRoleArns: readonly string[]): PolicyDocument {
  const exempt = (s: PolicyStatement): PolicyStatement =>
    !(DEPLOYMENT_ONLY as readonly unknown[]).includes(s.Sid) || deploymentRoleArns.length === 0
      ? s
      : {
          ...s,
          // The statements are built here from plain values (people.ts), never from Inputs.
          Condition: {
            ...(s.Condition as Record<string, Record<string, string | string[]>> | undefined),
            ArnNotLike: { 'aws:PrincipalArn': [...deploymentRoleArns] },
          },
        };
  return document(statements(pins).map(exempt));
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
