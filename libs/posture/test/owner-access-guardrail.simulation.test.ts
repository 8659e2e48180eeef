/**
 * IAM-7 (docs/CONTROLS.md) for the owners: the shared table of the owner beside the guardrail
 * (libs/verify/src/cases/owners.ts, `ownerBesideGuardrailCases`, which `verify guardrail` sends to IAM's simulator)
 * decided offline over the plans of both layers (Nx plans every layer before this test): the notebook layer's owner
 * access policy with the guardrail's IAM policy and `*` beside it, and every SCP document the guardrail publishes
 * over an administrator with `*` tagged as the owner. The harness is the owner access test's
 * (packages/notebook/test/owner-access.simulation.test.ts): `@secure-ml/verify/testing`.
 */
import { join } from 'node:path';
import { environmentsIn, MOCK_ACCOUNT, readPlan, readStackConfig, resource } from '@secure-ml/shared/testing';
import {
  guardrailScpDocuments,
  mergedDocuments,
  ownerBesideGuardrailCases,
  type OwnerFacts,
  type PolicyDocument,
} from '@secure-ml/verify/cases';
import { decideOwnerCase, type OwnerDocuments } from '@secure-ml/verify/testing';
import { REPO_ROOT } from '../src/report/main';

const ACCOUNT = MOCK_ACCOUNT;
const roleArn = (stack: string, id: string, kind = 'notebook') =>
  `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-${kind}-${id}`;

const policyOf = (stack: string, layer: 'notebook' | 'guardrail', name: string): PolicyDocument =>
  JSON.parse(
    String(resource(readPlan(REPO_ROOT, stack, layer), 'aws:iam/policy:Policy', name).inputs['policy']),
  ) as PolicyDocument;
const documentsOf = (stack: string): OwnerDocuments => ({
  ownerAccess: policyOf(stack, 'notebook', 'owner-access'),
  // A person holds both guardrail policies: the job guardrail's part holds the session and opening denies.
  guardrail: mergedDocuments([
    policyOf(stack, 'guardrail', 'notebook-guardrail'),
    policyOf(stack, 'guardrail', 'job-guardrail'),
  ]),
  scps: guardrailScpDocuments(readPlan(REPO_ROOT, stack, 'guardrail').outputs).map(
    ([, text]) => JSON.parse(text) as PolicyDocument,
  ),
});

/** alice against bob, as the notebook plan publishes them and the network plan places them. */
function factsOf(stack: string): OwnerFacts {
  const notebooks = readPlan(REPO_ROOT, stack, 'notebook').outputs['notebooks'] as Record<
    string,
    { owner: string }
  >;
  const network = readPlan(REPO_ROOT, stack, 'network').outputs;
  const config = readStackConfig(join(REPO_ROOT, 'packages', 'notebook'), stack);
  return {
    partition: 'aws',
    account: ACCOUNT,
    region: 'eu-west-1',
    stem: `sml-${stack}`,
    dataKeyArn: 'not used by owner cases',
    logsKeyArn: 'not used by owner cases',
    notebookRoleArn: roleArn(stack, 'alice'),
    notebookId: 'alice',
    otherNotebookId: 'bob',
    owner: String(notebooks['alice']?.owner),
    otherOwner: String(notebooks['bob']?.owner),
    otherNotebookRoleArn: roleArn(stack, 'bob'),
    jobRoleArn: roleArn(stack, 'alice', 'job'),
    subnetId: String((network['privateSubnetIds'] as string[])[0]),
    notebookSecurityGroupId: String(network['notebookSecurityGroupId']),
    sourceCidrs: JSON.parse(config['secure-ml-notebook:ownerSourceCidrs'] ?? '[]') as string[],
    sourceVpceIds: network['notebookAccessEndpointIds'] as string[],
  };
}

describe.each(environmentsIn(REPO_ROOT))('owner access beside the guardrail in %s', (stack) => {
  const cases = ownerBesideGuardrailCases(factsOf(stack));
  it('runs the whole shared table: 2 forms x 31 cases, each named once', () => {
    expect(cases).toHaveLength(2 * 31);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });
  it('reads every SCP document the guardrail publishes', () => {
    expect(documentsOf(stack).scps?.length).toBeGreaterThanOrEqual(3);
  });
  it.each(cases.map((c) => [c.name, c.expected, c] as const))('%s: %s', async (_, expected, c) => {
    expect(await decideOwnerCase(c, documentsOf(stack))).toBe(expected);
  });
});
