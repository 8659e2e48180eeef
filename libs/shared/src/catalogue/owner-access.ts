import { Naming } from '../naming';

/**
 * How a policy names a notebook's owner and the networks they open it from: written once for the notebook layer's
 * owner access policy and the guardrail (packages/guardrail/src/policies/people.ts), so the two cannot drift.
 */

/**
 * The caller's own owner tag (a session tag from IAM Identity Center, or the tag of their IAM role), or, for a
 * caller without one, a value no tag can hold: parentheses are not among the characters of IAM or SageMaker tag
 * values ("Tagging IAM resources", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html; "Tag",
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Tag.html). A variable AWS cannot resolve can void
 * the statement that holds it, and a void deny denies nothing; a default value resolves it ("IAM policy elements:
 * Variables and tags", "Specifying default values",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-default-values).
 */
export const CALLERS_OWNER = `\${aws:PrincipalTag/${Naming.OWNER_TAG}, '(none)'}`;

/**
 * The condition of a deny of opening (CreatePresignedNotebookInstanceUrl, which also authorizes every request and
 * WebSocket frame of the URL it returns) from anywhere but the configured networks: over the internet from
 * `sourceCidrs` (aws:SourceIp, "Limit access to a notebook instance by IP address" in "Amazon SageMaker AI
 * identity-based policy examples",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/security_iam_id-based-policy-examples.html#nbi-ip-filter), and
 * from inside the network through the `notebook` and `sagemaker.api` endpoints (aws:SourceVpce, "Connect to a
 * notebook instance through a VPC interface endpoint",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-interface-endpoint.html). A request through an endpoint
 * carries no aws:SourceIp and one from the internet no aws:SourceVpce ("AWS global condition context keys",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html), hence IfExists on
 * both, ANDed: the deny holds unless one of them names the request's network, and a request with neither key is
 * denied. Without any network (undefined) the deny has no condition and holds for every request.
 */
export function openingOutsideNetworks(
  sourceCidrs: readonly string[],
  sourceVpceIds: readonly string[],
): Record<string, Record<string, string[]>> | undefined {
  const condition = {
    ...(sourceCidrs.length ? { NotIpAddressIfExists: { 'aws:SourceIp': [...sourceCidrs] } } : {}),
    ...(sourceVpceIds.length ? { StringNotEqualsIfExists: { 'aws:SourceVpce': [...sourceVpceIds] } } : {}),
  };
  return Object.keys(condition).length ? condition : undefined;
}
