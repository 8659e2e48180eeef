/**
 * The access cases: requests whose outcome the platform promises, written once as data so that the offline IAM
 * simulation (tests, with @cloud-copilot/iam-simulate) and `verify` (IAM's own policy simulator, in the deployed
 * account) decide the same list. A case names whose policies decide it, not the policies themselves: offline they
 * come from the plan, in the account from the deployed role.
 */

/** IAM's three outcomes, in the words of the offline simulator (IAM's API says allowed, explicitDeny, implicitDeny). */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A policy document as IAM receives it. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly {
    readonly Sid?: string;
    readonly Effect: 'Allow' | 'Deny';
    readonly Action: string | readonly string[];
    /** Absent in a trust policy, which names no resource. */
    readonly Resource?: string | readonly string[];
    readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  }[];
}

/**
 * Whose policies decide a case:
 * - `notebook-role`: one notebook's execution role, its own policies under its permissions boundary;
 * - `guardrail`: a person whose policies are the guardrail managed policy plus what the case attaches (their broad
 *   SageMaker permissions);
 * - `guardrail-scp`: a person of the account whose policies are what the case attaches (an administrator's `*`),
 *   with the guardrail's SCP form attached to the account. Offline the SCP is evaluated as an SCP under
 *   FullAWSAccess; IAM's simulator takes no SCP, so `verify` sends it as one more identity policy: the SCP holds
 *   only Deny statements, and an explicit deny in any policy decides the request ("Policy evaluation logic",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html), so both forms
 *   decide these cases alike;
 * - `job-role`: one notebook's job execution role (the jobs it starts run as it), under the same boundary;
 * - `delegation`: the notebook team's deployment role, whose policies are the security layer's delegation policy
 *   plus what the case attaches (the runbook's platform grant, an administrator's `*`);
 * - `owner`: a person holding the notebook layer's owner access policy plus what the case attaches (owners.ts);
 * - `owner-guardrail`: that person with the guardrail managed policy beside the owner access policy, plus what the
 *   case attaches.
 */
export type Subject =
  'notebook-role' | 'job-role' | 'guardrail' | 'guardrail-scp' | 'delegation' | 'owner' | 'owner-guardrail';

export type ContextValue = string | readonly string[];

export interface AccessCase {
  /** Stable and unique within its table: `verify` prints it beside AWS's answer. */
  readonly name: string;
  readonly expected: Decision;
  /** The statement of the subject's policy this case proves (a deny, or the deny one broken condition escapes). */
  readonly statement?: string;
  readonly subject: Subject;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** Identity policies attached besides the subject's own: a careless grant the boundary must still cap. */
  readonly attached?: readonly PolicyDocument[];
  /**
   * The resource policy that takes part in the decision. IAM's simulator accepts a resource policy only with an
   * IAM user as the caller (SimulatePrincipalPolicy, CallerArn: "You can specify only the ARN of an IAM user"), so
   * `verify` reports such a case as decided offline only.
   */
  readonly resourcePolicy?: 'data-key' | 'logs-key' | 'data-bucket' | PolicyDocument;
}

/** The environment's names and ARNs a case table is written against: from a plan offline, from outputs in AWS. */
export interface CaseFacts {
  readonly partition: string;
  readonly account: string;
  readonly region: string;
  /** `<prefix>-<env>`, the stem of every name (libs/shared naming). */
  readonly stem: string;
  readonly dataKeyArn: string;
  readonly logsKeyArn: string;
  /** The role of the notebook the cases are made with (libs/shared naming: one role per notebook). */
  readonly notebookRoleArn: string;
  /** That notebook's id (`alice`): its instance, log streams and data prefix `notebooks/<id>/` are named from it. */
  readonly notebookId: string;
  /** Another notebook of the same environment, whose instance, streams and prefix must stay out of reach. */
  readonly otherNotebookId: string;
}

/** An Allow of `Action` on `Resource`: what a case attaches. */
export const allow = (
  Action: string | readonly string[],
  Resource: string | readonly string[] = '*',
): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource }],
});
/** What a careless operator might attach to the notebook role: the boundary must still hold. */
export const ADMINISTRATOR_ACCESS = allow('*');
/** The broad SageMaker permissions a data scientist typically has besides the guardrail. */
export const BROAD_SAGEMAKER = allow('sagemaker:*');
