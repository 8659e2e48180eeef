import { validatePolicies } from '../access-analyzer';
import { guardrailCases, type GuardrailFacts } from '../cases/guardrail';
import { guardrailScpDocuments, mergedTexts } from '../cases/guardrail-documents';
import type { Check } from '../check';
import { caseFacts, outputsOf, type VerifyContext } from '../context';
import { simulateTable } from '../simulator';
import { managedPolicyDocument } from './iam-documents';
import { ownerBesideGuardrailChecks } from './owner-access';

/**
 * A notebook id the notebook layer may give: the guardrail pins every notebook by the role path and the lifecycle
 * configuration name pattern, so any id's names stand for all of them (the guardrail layer reads no notebook).
 */
const ANY_NOTEBOOK = 'guardrail-check';

/** The guardrail case table's facts: the environment's network, key and a notebook's names, as deployed. */
function guardrailFacts(ctx: VerifyContext): GuardrailFacts {
  const network = outputsOf(ctx, 'network');
  const deploymentRoleArn = ctx.settings.deploymentRoleArns[0];
  const roleArn = ctx.naming.notebookRoleArn(ANY_NOTEBOOK, ctx.partition, ctx.account);
  return {
    ...caseFacts(ctx, { roleArn, id: ANY_NOTEBOOK, otherId: `${ANY_NOTEBOOK}-other` }),
    subnetId: network.privateSubnetIds[0] ?? '',
    securityGroupId: network.notebookSecurityGroupId,
    lifecycleConfigArn: ctx.naming.lifecycleConfigArn(ANY_NOTEBOOK, ctx.partition, ctx.region, ctx.account),
    ...(deploymentRoleArn ? { deploymentRoleArn } : {}),
  };
}

/**
 * The guardrail as deployed, and its SCP form: through IAM Access Analyzer's policy validation (the managed
 * policy as the identity policy IAM enforces, the SCP document as the service control policy the management
 * account would attach; ValidatePolicy accepts SERVICE_CONTROL_POLICY,
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html), then the shared
 * guardrail cases (libs/verify/src/cases/guardrail.ts, which the guardrail's offline simulation decides too)
 * and the owner beside the guardrail (cases/owners.ts) through IAM's policy simulator. Any case where AWS answers otherwise than the table fails.
 */
export async function verifyGuardrail(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'guardrail');
  // A person holds both managed policies (the notebook guardrail and the job guardrail, whose part also holds the
  // session and opening denies): validated each alone, simulated together.
  const [notebookGuardrail, jobGuardrail] = await Promise.all([
    managedPolicyDocument(ctx.clients.iam, out.guardrailPolicyArn),
    managedPolicyDocument(ctx.clients.iam, out.jobGuardrailPolicyArn),
  ]);
  const guardrail = JSON.stringify(mergedTexts([notebookGuardrail, jobGuardrail]));
  // The SCP is several documents attached side by side (packages/guardrail/src/policies/documents.ts): each is
  // validated alone, and the cases are simulated against all their statements together (they only deny).
  const scps = guardrailScpDocuments(out);
  const validated = await validatePolicies(ctx.clients.accessAnalyzer, 'access-analyzer', [
    { label: 'guardrail policy', document: notebookGuardrail, type: 'IDENTITY_POLICY' },
    { label: 'job guardrail policy', document: jobGuardrail, type: 'IDENTITY_POLICY' },
    ...scps.map(([name, document]) => ({
      label: `guardrail SCP document (${name})`,
      document,
      type: 'SERVICE_CONTROL_POLICY' as const,
    })),
  ]);
  const guardrailScp = JSON.stringify(mergedTexts(scps.map(([, document]) => document)));
  return [
    ...validated,
    ...(await simulateTable(
      ctx.clients.iam,
      guardrailCases(guardrailFacts(ctx)),
      { guardrail, guardrailScp },
      (c) => `guardrail ${c.name}`,
    )),
    ...(await ownerBesideGuardrailChecks(ctx, guardrail, [ANY_NOTEBOOK, `${ANY_NOTEBOOK}-other`])),
  ];
}
