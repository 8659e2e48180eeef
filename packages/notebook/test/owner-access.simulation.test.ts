/**
 * NB-10's simulation (docs/CONTROLS.md): the shared owner case table (libs/verify/src/cases/owners.ts, which
 * `verify notebook` sends to IAM's simulator in the deployed account) decided offline over the plan's own owner
 * access policy, for each example environment, each owner against the other's notebook, and once more with the
 * network's notebook endpoint. The same owner beside the guardrail is
 * libs/posture/test/owner-access-guardrail.simulation.test.ts, with the same table and harness.
 */
import { join } from 'node:path';
import {
  environmentsIn,
  type LayerPlan,
  MOCK_ACCOUNT,
  readPlan,
  readStackConfig,
  REPO_ROOT,
  resource,
} from '@secure-ml/shared/testing';
import { ownerCases, type OwnerFacts, type PolicyDocument } from '@secure-ml/verify/cases';
import { decideOwnerCase } from '@secure-ml/verify/testing';
import { planNotebook } from './plan';

const ACCOUNT = MOCK_ACCOUNT;
const REGION = 'eu-west-1';
/** The endpoint IDs a network with the `notebook` endpoint would publish (sagemaker.api first, then notebook). */
const WITH_ENDPOINT = ['vpce-0a1b2c3d4e5f60718', 'vpce-0a1b2c3d4e5f60729'];
const PAIRS = [
  ['alice', 'bob'],
  ['bob', 'alice'],
] as const;

const documentOf = (plan: LayerPlan): PolicyDocument =>
  JSON.parse(
    String(resource(plan, 'aws:iam/policy:Policy', 'owner-access').inputs['policy']),
  ) as PolicyDocument;
const sourceCidrsOf = (stack: string): string[] =>
  JSON.parse(
    readStackConfig(join(REPO_ROOT, 'packages', 'notebook'), stack)['secure-ml-notebook:ownerSourceCidrs'] ??
      '[]',
  ) as string[];
// Written out, not computed by libs/shared naming: the names the notebook layer must give.
const roleArn = (stack: string, id: string, kind = 'notebook') =>
  `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-${kind}-${id}`;

/** The table's facts for one owner, from the plans (`plan` absent: for the case names only). */
function factsOf(
  stack: string,
  [own, other]: readonly [string, string],
  sourceVpceIds: readonly string[],
  plan?: LayerPlan,
): OwnerFacts {
  const published = plan?.outputs['notebooks'] as Record<string, { owner: string }> | undefined;
  const network = (plan ? readPlan(REPO_ROOT, stack, 'network').outputs : {}) as {
    privateSubnetIds?: string[];
    notebookSecurityGroupId?: string;
  };
  return {
    partition: 'aws',
    account: ACCOUNT,
    region: REGION,
    stem: `sml-${stack}`,
    dataKeyArn: 'not used by owner cases',
    logsKeyArn: 'not used by owner cases',
    notebookRoleArn: roleArn(stack, own),
    notebookId: own,
    otherNotebookId: other,
    owner: published?.[own]?.owner ?? 'named only',
    otherOwner: published?.[other]?.owner ?? 'named only',
    otherNotebookRoleArn: roleArn(stack, other),
    jobRoleArn: roleArn(stack, own, 'job'),
    subnetId: network.privateSubnetIds?.[0] ?? 'named only',
    notebookSecurityGroupId: network.notebookSecurityGroupId ?? 'named only',
    sourceCidrs: sourceCidrsOf(stack),
    sourceVpceIds,
  };
}

const VARIANTS = [
  ['over the internet', []],
  ['with the notebook endpoint', WITH_ENDPOINT],
] as const;

it('runs the whole shared table (its length written out, so that a dropped case fails here)', () => {
  // Networks, whose notebook (5 + 4 actions x 2 x networks + 4 x 3 beside sagemaker:*), starting (10).
  expect(ownerCases(factsOf('dev', PAIRS[0], []))).toHaveLength(4 + (5 + 4 * 2 + 12) + 10);
  expect(ownerCases(factsOf('dev', PAIRS[0], WITH_ENDPOINT))).toHaveLength(6 + (5 + 4 * 2 * 3 + 12) + 10);
});

describe.each(environmentsIn(REPO_ROOT))('owner access in %s', (stack) => {
  describe.each(VARIANTS)('%s', (_, endpoints) => {
    let plan: LayerPlan;
    beforeAll(async () => {
      const network = readPlan(REPO_ROOT, stack, 'network').outputs;
      plan = endpoints.length
        ? await planNotebook(
            stack,
            {},
            { network: { ...network, notebookAccessEndpointIds: [...endpoints] } },
          )
        : await planNotebook(stack);
    }, 120_000);

    describe.each(PAIRS)('%s against the notebook of %s', (own, other) => {
      const named = ownerCases(factsOf(stack, [own, other], endpoints));
      it.each(named.map((c, i) => [c.name, c.expected, i] as const))('%s: %s', async (name, expected, i) => {
        const c = ownerCases(factsOf(stack, [own, other], endpoints, plan))[i];
        expect(c?.name).toBe(name);
        expect(await decideOwnerCase(c as NonNullable<typeof c>, { ownerAccess: documentOf(plan) })).toBe(
          expected,
        );
      });
    });
  });

  it('publishes the tag contract and the policy ARN, and keeps the document within a managed policy', async () => {
    const plan = await planNotebook(stack);
    expect(plan.outputs['ownerTagKey']).toBe('secure-ml:owner');
    expect(plan.outputs['ownerAccessPolicyArn']).toMatch(
      new RegExp(`^arn:aws:iam::${ACCOUNT}:policy/secure-ml/sml-${stack}-notebook-owner-access$`),
    );
    const text = String(resource(plan, 'aws:iam/policy:Policy', 'owner-access').inputs['policy']);
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(text.length).toBeLessThanOrEqual(6144);
  }, 120_000);
});
