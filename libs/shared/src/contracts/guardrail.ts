import { field } from '../schema';

/**
 * The most characters an SCP document may have, white space included ("Quotas and service limits of AWS
 * Organizations", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html, and "SCP
 * syntax", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html: "All
 * characters in your SCP count against its maximum size").
 */
export const SCP_MAX_CHARACTERS = 5120;

/**
 * The most characters of a customer managed policy, white space excluded ("IAM and AWS STS quotas",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): the published documents are
 * minified, so their length is what counts.
 */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/** What packages/guardrail publishes. */
export const guardrailOutputs = {
  guardrailPolicyArn: field.arn(
    'Guardrail managed policy each account attaches to its notebook creators (packages/guardrail/README.md)',
    'iam',
  ),
  guardrailPolicyName: field.string(
    'Name of the guardrail policy (path /secure-ml/), for IAM Identity Center permission sets',
  ),
  jobGuardrailPolicyArn: field.arn(
    'Job guardrail managed policy (the job-start pins), attached beside the guardrail policy to the same people (packages/guardrail/README.md)',
    'iam',
  ),
  jobGuardrailPolicyName: field.string('Name of the job guardrail policy (path /secure-ml/)'),
  guardrailScp: field.policyDocument(
    'The notebook pins as a service control policy, minified: the first of the three SCP documents the management account attaches to this account (packages/guardrail/README.md)',
    SCP_MAX_CHARACTERS,
    'guardrail-scp.json',
  ),
  guardrailScpPeople: field.policyDocument(
    'The rules for people (only the deployment roles write notebooks and pass notebook roles that are not theirs) as a service control policy, minified: the second SCP document to attach',
    SCP_MAX_CHARACTERS,
    'guardrail-scp-people.json',
  ),
  guardrailScpJobs: field.policyDocument(
    'The job-start pins as a service control policy, minified: the third SCP document to attach',
    SCP_MAX_CHARACTERS,
    'guardrail-scp-jobs.json',
  ),
} as const;
