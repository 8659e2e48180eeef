import { MANAGED_POLICY_MAX_CHARACTERS, SCP_MAX_CHARACTERS, SecureMlError } from '@secure-ml/shared';
import { jobPins } from './jobs';
import { DEPLOYMENT_ONLY, peopleStatements } from './people';
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

/** Every statement of the guardrail, by name: the one list the SCP parts and the managed policies are packed from. */
function statementsOf(pins: GuardrailPins) {
  return {
    notebookPins: guardrailRules(pins),
    jobPins: jobPins(pins),
    ...Object.fromEntries(Object.entries(peopleStatements(pins)).map(([name, s]) => [name, [s]])),
    roleElsewhere: [denyPassingNotebookRoleElsewhere(pins)],
  } as Record<StatementGroup, PolicyStatement[]>;
}
type StatementGroup =
  'notebookPins' | 'jobPins' | keyof ReturnType<typeof peopleStatements> | 'roleElsewhere';

/**
 * The guardrail in three parts, each one document of the SCP form (AWS Organizations accepts at most 5,120
 * characters per SCP, and five SCPs attached to one account, "Quotas and service limits of AWS Organizations",
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html): together they are too big
 * for one. Each part's size is checked at the settings' maxima (test/guardrail.test.ts).
 * - `notebooks`: the pins every notebook create and update keeps (rules.ts), which grow with instanceTypes, the
 *   owner session tag from the identity provider only, and owner-tagged sessions from the owner principals only.
 * - `people`: the statements the SCP exempts the deployment roles from (people.ts, DEPLOYMENT_ONLY; each exemption
 *   lists every deployment role, so this part grows with them), and a notebook's role for its notebook only.
 * - `jobs`: the pins every job start keeps (jobs.ts); no role under IAM Identity Center's path, opening only from
 *   the configured networks (which grows with ownerSourceCidrs), no notebook role passed to another service.
 * The last three, and the session-tag deny, are where they are for size, not for theme.
 */
const SCP_PARTS = {
  notebooks: ['notebookPins', 'ownerSessionTags', 'ownersOutsideOwnerRoles'],
  people: [
    'notebookWrites',
    'othersNotebook',
    'ownerTagWrites',
    'identityProviderWrites',
    'ownerAndNotebookRoleTrusts',
    'passOutsideNotebook',
  ],
  jobs: ['jobPins', 'reservedRoleWrites', 'openingOutsideNetworks', 'roleElsewhere'],
} as const satisfies Record<string, readonly StatementGroup[]>;
export type GuardrailPart = keyof typeof SCP_PARTS;

/**
 * The same statements as two managed policies, both attached to the same people (IAM accepts at most 6,144
 * characters for one, "IAM and AWS STS quotas", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html;
 * each is checked at the settings' maxima). The notebook guardrail holds what it held before review 5 of issue 14,
 * so a person to whom only it is attached loses nothing; the job guardrail holds the job pins and the review's
 * denies (identity providers, the reserved and owner role paths, owner sessions, opening networks), for which the
 * notebook guardrail had no room at the maxima. test/guardrail.test.ts holds the two packings to the same statements, each once.
 */
const MANAGED_POLICIES = {
  notebookGuardrail: [
    'notebookPins',
    'notebookWrites',
    'othersNotebook',
    'ownerTagWrites',
    'ownerSessionTags',
    'passOutsideNotebook',
    'roleElsewhere',
  ],
  jobGuardrail: [
    'jobPins',
    'identityProviderWrites',
    'reservedRoleWrites',
    'ownersOutsideOwnerRoles',
    'ownerAndNotebookRoleTrusts',
    'openingOutsideNetworks',
  ],
} as const satisfies Record<string, readonly StatementGroup[]>;
type ManagedPolicy = keyof typeof MANAGED_POLICIES;

const packed = (pins: GuardrailPins, groups: readonly StatementGroup[]): PolicyStatement[] => {
  const all = statementsOf(pins);
  return groups.flatMap((g) => all[g]);
};

/**
 * The IAM guardrail, attached to people beside their SageMaker permissions: its denies win over any allow they have
 * elsewhere. It grants nothing: no person creates, changes or deletes a notebook or a lifecycle configuration (the
 * notebook layer's deployment does), and a person passes a notebook role only as the owner of that notebook, which
 * the notebook layer's owner access policy grants.
 */
export function guardrailPolicy(pins: GuardrailPins): PolicyDocument {
  return document(packed(pins, MANAGED_POLICIES.notebookGuardrail));
}

/** The job pins and review 5's denies as their own managed policy, attached to people beside the guardrail policy. */
export function jobGuardrailPolicy(pins: GuardrailPins): PolicyDocument {
  return document(packed(pins, MANAGED_POLICIES.jobGuardrail));
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
 * passing notebook roles that are not its own, and (the platform team's federation) writing identity providers. Every notebook the notebook layer creates or updates satisfies the
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
  // Every part is mapped, though today only the people part holds deployment-only statements.
  const part = (name: GuardrailPart) => document(packed(pins, SCP_PARTS[name]).map(exempt));
  return { notebooks: part('notebooks'), people: part('people'), jobs: part('jobs') };
}

/** The stack output that publishes each part's SCP document (libs/shared/src/contracts/guardrail.ts). */
export const SCP_OUTPUTS: Readonly<Record<GuardrailPart, string>> = {
  notebooks: 'guardrailScp',
  people: 'guardrailScpPeople',
  jobs: 'guardrailScpJobs',
};

/** The setting each document grows with: what a refusal over the limit tells the user to shorten. */
const GROWS_WITH = {
  notebooks: 'instanceTypes',
  people: 'deploymentRoleArns',
  jobs: 'ownerSourceCidrs',
  notebookGuardrail: 'instanceTypes',
  jobGuardrail: 'ownerSourceCidrs',
} as const;

/**
 * A document as AWS stores it: minified, refused here when over the limit of what holds it rather than at upload,
 * before anything is registered.
 */
function rendered(
  doc: PolicyDocument,
  what: string,
  limit: { readonly characters: number; readonly by: string },
  growsWith: (typeof GROWS_WITH)[keyof typeof GROWS_WITH],
): string {
  const text = JSON.stringify(doc);
  if (text.length > limit.characters)
    throw new SecureMlError(
      `The guardrail ${what} is ${text.length} characters, over the ${limit.characters} ${limit.by} accepts. Fix: shorten secure-ml-guardrail:${growsWith} (pulumi config set --path ... in packages/guardrail)`,
    );
  return text;
}

/** A guardrail managed policy (`notebookGuardrail` or `jobGuardrail`), by its IAM name. */
export const renderPolicy = (policy: PolicyDocument, which: ManagedPolicy, name: string): string =>
  rendered(
    policy,
    `managed policy ${name}`,
    { characters: MANAGED_POLICY_MAX_CHARACTERS, by: 'IAM' },
    GROWS_WITH[which],
  );

/** One part's SCP document. */
export const renderScp = (scp: PolicyDocument, part: GuardrailPart = 'notebooks'): string =>
  rendered(
    scp,
    `SCP document ${SCP_OUTPUTS[part]} (the ${part} part)`,
    { characters: SCP_MAX_CHARACTERS, by: 'AWS Organizations' },
    GROWS_WITH[part],
  );
