import { field } from '../schema';

/**
 * The most characters an SCP document may have, white space included ("Quotas and service limits of AWS
 * Organizations", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html, and "SCP
 * syntax", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html: "All
 * characters in your SCP count against its maximum size").
 */
export const SCP_MAX_CHARACTERS = 5120;

/** What packages/guardrail publishes. */
export const guardrailOutputs = {
  guardrailPolicyArn: field.arn(
    'Guardrail managed policy each account attaches to its notebook creators (packages/guardrail/README.md)',
    'iam',
  ),
  guardrailPolicyName: field.string(
    'Name of the guardrail policy (path /secure-ml/), for IAM Identity Center permission sets',
  ),
  guardrailScp: field.policyDocument(
    'The same rules as a service control policy, minified, for the management account to attach to this account (packages/guardrail/README.md)',
    SCP_MAX_CHARACTERS,
    'guardrail-scp.json',
  ),
} as const;
