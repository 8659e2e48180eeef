import { validatePolicies } from '../access-analyzer';
import { guardrailCases, type GuardrailFacts } from '../cases/guardrail';
import { type Check, expectThat, skip } from '../check';
import { caseFacts, outputsOf, type VerifyContext } from '../context';
import { simulateInAws } from '../simulator';
import { managedPolicyDocument } from './iam-documents';

/** The guardrail case table's facts: the environment's network, key and lifecycle name, as deployed. */
function guardrailFacts(ctx: VerifyContext): GuardrailFacts {
  const network = outputsOf(ctx, 'network');
  const deploymentRoleArn = ctx.settings.deploymentRoleArns[0];
  return {
    ...caseFacts(ctx),
    subnetId: network.privateSubnetIds[0] ?? '',
    securityGroupId: network.notebookSecurityGroupId,
    lifecycleConfigArn: ctx.naming.lifecycleConfigArn(ctx.partition, ctx.region, ctx.account),
    ...(deploymentRoleArn ? { deploymentRoleArn } : {}),
  };
}

/**
 * The guardrail as deployed, and its SCP form: through IAM Access Analyzer's policy validation (the managed
 * policy as the identity policy IAM enforces, the SCP document as the service control policy the management
 * account would attach; ValidatePolicy accepts SERVICE_CONTROL_POLICY,
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html), then the shared
 * guardrail cases (libs/verify/src/cases/guardrail.ts, which the guardrail's offline simulation decides too)
 * through IAM's policy simulator. Any case where AWS answers otherwise than the table fails.
 */
export async function verifyGuardrail(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'guardrail');
  const guardrail = await managedPolicyDocument(ctx.clients.iam, out.guardrailPolicyArn);
  const validated = await validatePolicies(ctx.clients.accessAnalyzer, 'access-analyzer', [
    { label: 'guardrail policy', document: guardrail, type: 'IDENTITY_POLICY' },
    {
      label: 'guardrail SCP document (guardrailScp)',
      document: out.guardrailScp,
      type: 'SERVICE_CONTROL_POLICY',
    },
  ]);
  const simulated = [];
  // One at a time: the simulator is rate limited per account.
  for (const c of guardrailCases(guardrailFacts(ctx)))
    simulated.push(await simulateInAws(ctx.clients.iam, c, { guardrail, guardrailScp: out.guardrailScp }));
  return [
    ...validated,
    ...simulated.map(({ case: c, aws, note }) => {
      const title = `guardrail ${c.name}`;
      if (!aws) return skip('access', title, note ?? '');
      return expectThat(aws === c.expected, 'access', title, `offline ${c.expected}, AWS ${aws}`);
    }),
  ];
}
