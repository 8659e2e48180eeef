/**
 * Owner access, simulated over the plan's own document (the notebook layer's `ownerAccessPolicy` output, which the
 * identity team attaches), with the guardrail's IAM policy beside it (a person holds both): for each example
 * environment, alice (principal tag alice@example.com) against her notebook and against bob's, from an allowed
 * network, a disallowed one and through the endpoints; each deny with exactly one condition broken and the rest
 * satisfied; a caller without the tag.
 */
import { runSimulation, type EvaluationResult } from '@cloud-copilot/iam-simulate';
import { MOCK_ACCOUNT, readPlan, REPO_ROOT, type LayerPlan } from '@secure-ml/shared/testing';
import { planNotebook } from './plan';

const ACCOUNT = MOCK_ACCOUNT;
const REGION = 'eu-west-1';
const OWNER_TAG = 'secure-ml:owner';
/** The public network configured in both example environments (TEST-NET-3, RFC 5737), and one outside it. */
const ALLOWED_IP = '203.0.113.10';
const OTHER_IP = '198.51.100.7';
const FOREIGN_VPCE = 'vpce-0f0e1d2c3b4a59687';
const FOREIGN_SUBNET = 'subnet-0f0e1d2c3b4a59687';

interface Document {
  readonly Version: string;
  readonly Statement: unknown[];
}

/** The endpoint IDs a network with the `notebook` endpoint would publish (sagemaker.api first, then notebook). */
const API_VPCE = 'vpce-0a1b2c3d4e5f60718';
const NOTEBOOK_VPCE = 'vpce-0a1b2c3d4e5f60729';

const notebookArn = (stack: string, id: string) =>
  `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-${id}`;
const roleArn = (stack: string, id: string) =>
  `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-${id}`;

const documentOf = (plan: LayerPlan): Document => {
  const raw = plan.outputs['ownerAccessPolicy'];
  if (typeof raw !== 'string') throw new Error(`no ownerAccessPolicy output: ${JSON.stringify(raw)}`);
  return JSON.parse(raw) as Document;
};
const guardrailOf = (stack: string): Document => {
  const policy = readPlan(REPO_ROOT, stack, 'guardrail').resources.find(
    (r) => r.type === 'aws:iam/policy:Policy' && r.name === 'notebook-guardrail',
  );
  return JSON.parse(String(policy?.inputs['policy'])) as Document;
};

interface Ask {
  readonly action: string;
  readonly resource: string;
  /** The caller's owner tag (absent: a caller without it). */
  readonly caller?: string;
  /** The resource's owner tag (absent: a resource without it). */
  readonly owner?: string;
  readonly network?: { readonly sourceIp?: string; readonly sourceVpce?: string };
  readonly extra?: Record<string, string>;
}

async function decide(policies: readonly Document[], ask: Ask): Promise<EvaluationResult> {
  const tagKey =
    ask.action === 'iam:PassRole' ? `iam:ResourceTag/${OWNER_TAG}` : `aws:ResourceTag/${OWNER_TAG}`;
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_NotebookOwner_0123456789abcdef/alice`,
        action: ask.action,
        resource: { resource: ask.resource, accountId: ACCOUNT },
        contextVariables: {
          ...(ask.caller === undefined ? {} : { [`aws:PrincipalTag/${OWNER_TAG}`]: ask.caller }),
          ...(ask.owner === undefined ? {} : { [tagKey]: ask.owner }),
          ...(ask.network?.sourceIp ? { 'aws:SourceIp': ask.network.sourceIp } : {}),
          ...(ask.network?.sourceVpce ? { 'aws:SourceVpce': ask.network.sourceVpce } : {}),
          ...ask.extra,
        },
      },
      identityPolicies: policies.map((policy, i) => ({ name: `identity-${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`The simulator refused the case: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`Expected one resource for ${ask.resource}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length) throw new Error(`${ask.action} has no context key ${ignored.join(', ')}: fix the case`);
  return result.overallResult;
}

/** A table of [what, request, expected] rows, for titles that name the expectation. */
const rows = <T>(table: readonly (readonly [string, T, EvaluationResult])[]) =>
  table.map(([what, ask, expected]) => ({ what, ask, expected }));

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const FROM_OFFICE = { sourceIp: ALLOWED_IP };

describe.each(['dev', 'prod'])('owner access in %s', (stack) => {
  let plan: LayerPlan;
  let withEndpoint: LayerPlan;
  beforeAll(async () => {
    plan = await planNotebook(stack);
    const network = readPlan(REPO_ROOT, stack, 'network').outputs;
    withEndpoint = await planNotebook(
      stack,
      {},
      {
        network: { ...network, notebookAccessEndpointIds: [API_VPCE, NOTEBOOK_VPCE] },
      },
    );
  }, 120_000);

  const open = (id: string, more: Partial<Ask> = {}): Ask => ({
    action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    resource: notebookArn(stack, id),
    caller: ALICE,
    owner: id === 'alice' ? ALICE : BOB,
    network: FROM_OFFICE,
    ...more,
  });

  describe("alice, over the internet, against her notebook and bob's", () => {
    it.each(
      rows([
        ['opens her notebook from the configured network', open('alice'), 'Allowed'],
        [
          'opens her notebook from another network',
          open('alice', { network: { sourceIp: OTHER_IP } }),
          'ExplicitlyDenied',
        ],
        ["opens bob's notebook from the configured network", open('bob'), 'ImplicitlyDenied'],
        [
          'opens her notebook without the owner tag on her session',
          open('alice', { caller: undefined }),
          'ImplicitlyDenied',
        ],
        [
          'opens her notebook with her address in capitals on her session',
          open('alice', { caller: 'Alice@example.com' }),
          'ImplicitlyDenied',
        ],
        [
          'opens a notebook of the environment without an owner tag',
          open('carol', { owner: undefined }),
          'ImplicitlyDenied',
        ],
        [
          "opens a neighbouring environment's notebook tagged with her",
          open('alice', {
            resource: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-${stack}2-notebook-alice`,
          }),
          'ImplicitlyDenied',
        ],
        [
          'opens her notebook with neither a source IP nor an endpoint',
          open('alice', { network: {} }),
          'ExplicitlyDenied',
        ],
        [
          'opens her notebook through an endpoint (none is configured)',
          open('alice', { network: { sourceVpce: NOTEBOOK_VPCE } }),
          'ExplicitlyDenied',
        ],
      ]),
    )('$what: $expected', async ({ ask, expected }) => {
      expect(await decide([documentOf(plan)], ask)).toBe(expected);
    });

    it.each([
      'sagemaker:DescribeNotebookInstance',
      'sagemaker:StartNotebookInstance',
      'sagemaker:StopNotebookInstance',
    ])("%s: her notebook Allowed, bob's ImplicitlyDenied", async (action) => {
      expect(await decide([documentOf(plan)], open('alice', { action }))).toBe('Allowed');
      expect(await decide([documentOf(plan)], open('bob', { action }))).toBe('ImplicitlyDenied');
    });
  });

  describe('through the endpoints, when the network has the notebook endpoint', () => {
    it.each(
      rows([
        ['through the notebook endpoint', { sourceVpce: NOTEBOOK_VPCE }, 'Allowed'],
        ['through the sagemaker.api endpoint (the API call)', { sourceVpce: API_VPCE }, 'Allowed'],
        ['through another endpoint', { sourceVpce: FOREIGN_VPCE }, 'ExplicitlyDenied'],
        ['over the internet from the configured network', { sourceIp: ALLOWED_IP }, 'Allowed'],
        ['over the internet from another network', { sourceIp: OTHER_IP }, 'ExplicitlyDenied'],
        ['with neither a source IP nor an endpoint', {}, 'ExplicitlyDenied'],
      ]),
    )('alice opens her notebook $what: $expected', async ({ ask: network, expected }) => {
      expect(await decide([documentOf(withEndpoint)], open('alice', { network }))).toBe(expected);
    });
    it("bob's notebook stays closed to alice through the notebook endpoint", async () => {
      expect(
        await decide([documentOf(withEndpoint)], open('bob', { network: { sourceVpce: NOTEBOOK_VPCE } })),
      ).toBe('ImplicitlyDenied');
    });
  });

  describe('what starting needs: her role passed to SageMaker, an interface in our subnet', () => {
    const pass = (id: string, more: Partial<Ask> = {}): Ask => ({
      action: 'iam:PassRole',
      resource: roleArn(stack, id),
      caller: ALICE,
      owner: id === 'alice' ? ALICE : BOB,
      extra: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
      ...more,
    });
    it.each(
      rows([
        ['her own role to SageMaker', pass('alice'), 'Allowed'],
        ["bob's role to SageMaker", pass('bob'), 'ImplicitlyDenied'],
        [
          'her own role to EC2',
          pass('alice', { extra: { 'iam:PassedToService': 'ec2.amazonaws.com' } }),
          'ImplicitlyDenied',
        ],
        [
          'her own role without the owner tag on her session',
          pass('alice', { caller: undefined }),
          'ImplicitlyDenied',
        ],
      ]),
    )('passes $what: $expected', async ({ ask, expected }) => {
      expect(await decide([documentOf(plan)], ask)).toBe(expected);
    });
    const network = readPlan(REPO_ROOT, stack, 'network').outputs;
    const subnet = String((network['privateSubnetIds'] as string[])[0]);
    it.each(
      rows([
        ['in a private subnet of the environment', `subnet/${subnet}`, 'Allowed'],
        [
          'in the notebook security group',
          `security-group/${String(network['notebookSecurityGroupId'])}`,
          'Allowed',
        ],
        ['in a subnet of another VPC', `subnet/${FOREIGN_SUBNET}`, 'ImplicitlyDenied'],
      ]),
    )('creates the network interface $what: $expected', async ({ ask: rest, expected }) => {
      const ask: Ask = {
        action: 'ec2:CreateNetworkInterface',
        resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:${rest}`,
        caller: ALICE,
      };
      expect(await decide([documentOf(plan)], { ...ask, owner: undefined })).toBe(expected);
    });
  });

  describe('beside the guardrail, which a person holds too', () => {
    it("starts and opens her own notebook, and still cannot pass bob's role", async () => {
      const both = [documentOf(plan), guardrailOf(stack)];
      expect(await decide(both, open('alice', { action: 'sagemaker:StartNotebookInstance' }))).toBe(
        'Allowed',
      );
      expect(await decide(both, open('alice'))).toBe('Allowed');
      expect(
        await decide(both, {
          action: 'iam:PassRole',
          resource: roleArn(stack, 'alice'),
          caller: ALICE,
          owner: ALICE,
          extra: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
        }),
      ).toBe('Allowed');
      const bobsRole: Ask = {
        action: 'iam:PassRole',
        resource: roleArn(stack, 'bob'),
        caller: ALICE,
        owner: BOB,
        extra: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
      };
      expect(
        await decide(
          [
            ...both,
            {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
            },
          ],
          bobsRole,
        ),
      ).toBe('ExplicitlyDenied');
    });
  });

  it('publishes the tag contract and the document byte for byte next to the plan', () => {
    expect(plan.outputs['ownerTagKey']).toBe('secure-ml:owner');
    const text = String(plan.outputs['ownerAccessPolicy']);
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(text.length).toBeLessThanOrEqual(6144);
  });
});
