import { SCP_MAX_CHARACTERS, SecureMlError } from '@secure-ml/shared';
import { jobPins } from './jobs';
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

/**
 * The guardrail in three parts, each one document of the SCP form (AWS Organizations accepts at most 5,120
 * characters per SCP, and five SCPs attached to one account, "Quotas and service limits of AWS Organizations",
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html): together they are too big
 * for one. A new statement goes into the part it belongs to; each part's size is checked at the settings' maxima
 * (test/guardrail.test.ts).
 * - `notebooks`: the pins every notebook create and update keeps (rules.ts); it grows with instanceTypes.
 * - `people`: what only the deployment may do (people.ts), the statements the SCP exempts the deployment roles
 *   from (each exemption lists every deployment role, so this part grows with them), and no notebook role passed
 *   to another service, by anyone.
 * - `jobs`: the pins every job start keeps (jobs.ts).
 */
export const GUARDRAIL_PARTS = {
  notebooks: (pins: GuardrailPins) => guardrailRules(pins),
  people: (pins: GuardrailPins) => [...peopleDenies(pins), denyPassingNotebookRoleElsewhere(pins)],
  jobs: (pins: GuardrailPins) => jobPins(pins),
} as const;
export type GuardrailPart = keyof typeof GUARDRAIL_PARTS;

/**
 * The IAM guardrail, attached to people beside their SageMaker permissions: its denies win over any allow they have
 * elsewhere. It grants nothing: no person creates, changes or deletes a notebook or a lifecycle configuration (the
 * notebook layer's deployment does), and a person passes a notebook role only as the owner of that notebook, which
 * the notebook layer's owner access policy grants. The notebook and people parts; the job part is a second managed
 * policy (jobGuardrailPolicy): the three would pass IAM's 6,144 characters for one managed policy ("IAM and AWS STS
 * quotas", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export function guardrailPolicy(pins: GuardrailPins): PolicyDocument {
  return document([...GUARDRAIL_PARTS.notebooks(pins), ...GUARDRAIL_PARTS.people(pins)]);
}

/** The job pins as their own managed policy, attached to people beside the guardrail policy. */
export function jobGuardrailPolicy(pins: GuardrailPins): PolicyDocument {
  return document(GUARDRAIL_PARTS.jobs(pins));
}

/**
 * The same denies as service control policies, which even the account's administrators cannot detach: one
 * document per part, all three attached to the account. SCPs never grant ("SCP syntax",
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html), and neither
 * does the IAM form: both are the same statements.
 *
 * The deployment roles are exempt, by `aws:PrincipalArn` (the role's ARN for every session of it, "AWS global
 * condition context keys", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
 * from the denies only a deployment must pass (people.ts): writing notebooks and lifecycle configurations, and
 * passing notebook roles that are not its own. Every notebook the notebook layer creates or updates satisfies the
 * pins of rules.ts, so exempting the deployment from them would only let a stolen deploy role create what nobody
 * else may. Each exemption costs about 100 characters per role, in the people part only. With no deployment role
 * the documents exempt nobody.
 */
export function guardrailScps(
  pins: GuardrailPins,
  deploymentRoleArns: readonly string[],
): Record<GuardrailPart, PolicyDocument> {
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
  return {
    notebooks: document(GUARDRAIL_PARTS.notebooks(pins)),
    people: document(GUARDRAIL_PARTS.people(pins).map(exempt)),
    jobs: document(GUARDRAIL_PARTS.jobs(pins)),
  };
}

/** The stack output that publishes each part's SCP document (libs/shared/src/contracts/guardrail.ts). */
export const SCP_OUTPUTS: Readonly<Record<GuardrailPart, string>> = {
  notebooks: 'guardrailScp',
  people: 'guardrailScpPeople',
  jobs: 'guardrailScpJobs',
};

/** An SCP as AWS Organizations stores it: minified, refused here when over the limit rather than at upload. */
export function renderScp(scp: PolicyDocument, part: GuardrailPart = 'notebooks'): string {
  const text = JSON.stringify(scp);
  if (text.length > SCP_MAX_CHARACTERS)
    throw new SecureMlError(
      `The guardrail SCP document ${SCP_OUTPUTS[part]} (the ${part} part) is ${text.length} characters, over the ${SCP_MAX_CHARACTERS} AWS Organizations accepts. Fix: shorten secure-ml-guardrail:instanceTypes or secure-ml-guardrail:deploymentRoleArns (pulumi config set --path ... in packages/guardrail)`,
    );
  return text;
}
