import { validatePolicies } from '../access-analyzer';
import { guardrailScpDocuments, mergedTexts } from '../cases/guardrail-documents';
import { ownerBesideGuardrailCases, ownerCases, type OwnerFacts } from '../cases/owners';
import { type Check, skip } from '../check';
import { caseFacts, outputsOf, type VerifyContext } from '../context';
import { simulateTable } from '../simulator';
import { managedPolicyDocument } from './iam-documents';

/** The owner table's facts for notebook `id` against `otherId`, with their owner tags (absent: hypothetical ones). */
function ownerFacts(
  ctx: VerifyContext,
  id: string,
  otherId: string,
  owners: { readonly owner?: string; readonly otherOwner?: string } = {},
): OwnerFacts {
  const network = outputsOf(ctx, 'network');
  const role = (of: string) => ctx.naming.notebookRoleArn(of, ctx.partition, ctx.account);
  return {
    ...caseFacts(ctx, { roleArn: role(id), id, otherId }),
    // A notebook with no other beside it is tried against an owner no notebook has.
    owner: owners.owner ?? `owner-of-${id}@example.invalid`,
    otherOwner: owners.otherOwner ?? `owner-of-${otherId}@example.invalid`,
    otherNotebookRoleArn: role(otherId),
    jobRoleArn: ctx.naming.jobRoleArn(id, ctx.partition, ctx.account),
    subnetId: network.privateSubnetIds[0] ?? '',
    notebookSecurityGroupId: network.notebookSecurityGroupId,
    sourceCidrs: ctx.settings.ownerSourceCidrs,
    sourceVpceIds: network.notebookAccessEndpointIds,
  };
}

/**
 * NB-10 and NB-11 decided by IAM: the shared owner cases (libs/verify/src/cases/owners.ts) for each notebook
 * against another, with the owner tags the notebooks output publishes, through SimulateCustomPolicy with the
 * deployed owner access policy, which Access Analyzer validates first.
 */
export async function ownerAccessChecks(
  ctx: VerifyContext,
  pairs: readonly (readonly [string, string])[],
): Promise<Check[]> {
  const out = outputsOf(ctx, 'notebook');
  const ownerAccess = await managedPolicyDocument(ctx.clients.iam, out.ownerAccessPolicyArn);
  const checks: Check[] = await validatePolicies(ctx.clients.accessAnalyzer, 'access-analyzer', [
    {
      label: `owner access policy ${out.ownerAccessPolicyArn}`,
      document: ownerAccess,
      type: 'IDENTITY_POLICY',
    },
  ]);
  for (const [id, otherId] of pairs) {
    const owners = { owner: out.notebooks[id]?.owner, otherOwner: out.notebooks[otherId]?.owner };
    checks.push(
      ...(await simulateTable(
        ctx.clients.iam,
        ownerCases(ownerFacts(ctx, id, otherId, owners)),
        { ownerAccess },
        (c) => `notebook ${id} owner ${c.name}`,
      )),
    );
  }
  return checks;
}

/** IAM's answer when a policy is not there: the notebook layer, deployed beside the guardrail, may not be yet. */
const isMissing = (err: unknown) => (err as { name?: string }).name === 'NoSuchEntityException';

/**
 * IAM-7 for the owners, decided by IAM: the owner beside the guardrail (owners.ts) through SimulateCustomPolicy,
 * with the deployed guardrail policy and the owner access policy (read by its name: the notebook layer is not
 * upstream of the guardrail), and with every SCP document the guardrail publishes. The guardrail names no
 * notebook, so the cases are made with `notebook` and `otherNotebook`, which any id's names stand for.
 */
export async function ownerBesideGuardrailChecks(
  ctx: VerifyContext,
  guardrail: string,
  [notebook, otherNotebook]: readonly [string, string],
): Promise<Check[]> {
  const cases = ownerBesideGuardrailCases(ownerFacts(ctx, notebook, otherNotebook));
  const arn = ctx.naming.ownerAccessPolicyArn(ctx.partition, ctx.account);
  const ownerAccess = await managedPolicyDocument(ctx.clients.iam, arn).catch((err: unknown) => {
    if (isMissing(err)) return undefined;
    throw err;
  });
  const guardrailScp = JSON.stringify(
    mergedTexts(guardrailScpDocuments(outputsOf(ctx, 'guardrail')).map(([, d]) => d)),
  );
  const title = (name: string) => `guardrail owner ${name}`;
  const iamForm = cases.filter((c) => c.subject === 'owner-guardrail');
  return [
    ...(ownerAccess
      ? await simulateTable(ctx.clients.iam, iamForm, { ownerAccess, guardrail }, (c) => title(c.name))
      : iamForm.map((c) =>
          skip(
            'access',
            title(c.name),
            `${arn} is not deployed yet: run verify guardrail again after the notebook layer's deploy`,
          ),
        )),
    ...(await simulateTable(
      ctx.clients.iam,
      cases.filter((c) => c.subject === 'guardrail-scp'),
      { guardrailScp },
      (c) => title(c.name),
    )),
  ];
}
