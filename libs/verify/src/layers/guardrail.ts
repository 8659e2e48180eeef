import { validatePolicies } from '../access-analyzer';
import type { Check } from '../check';
import { outputsOf, type VerifyContext } from '../context';
import { managedPolicyDocument } from './iam-documents';

/**
 * The guardrail as deployed, and its SCP form, through IAM Access Analyzer's policy validation: the managed
 * policy as the identity policy IAM enforces, the SCP document as the service control policy the management
 * account would attach (ValidatePolicy accepts SERVICE_CONTROL_POLICY,
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html). What each pin means is
 * IAM-7's, offline and in the policy pack.
 */
export async function verifyGuardrail(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'guardrail');
  return validatePolicies(ctx.clients.accessAnalyzer, 'access-analyzer', [
    {
      label: 'guardrail policy',
      document: await managedPolicyDocument(ctx.clients.iam, out.guardrailPolicyArn),
      type: 'IDENTITY_POLICY',
    },
    {
      label: 'guardrail SCP document (guardrailScp)',
      document: out.guardrailScp,
      type: 'SERVICE_CONTROL_POLICY',
    },
  ]);
}
