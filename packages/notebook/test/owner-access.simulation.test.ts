/**
 * NB-10's simulation (docs/CONTROLS.md). Owner access, simulated over the plan's own document: the notebook layer's owner access policy (the managed
 * policy `owner-access`, which the identity team attaches). For each example environment: alice (principal tag
 * alice@example.com) against her notebook and bob's, for every action, from an allowed network, a disallowed one,
 * with no source at all, through the endpoints; each deny with exactly one condition broken and the rest
 * satisfied; a caller without the tag; her role passed to a training job. The same owner against the guardrail's
 * IAM policy and SCP beside it (retagging her role, bob's role or notebook, or her session) is
 * libs/posture/test/owner-access-guardrail.simulation.test.ts, which runs after every layer's plan.
 */
import { runSimulation, type EvaluationResult } from '@cloud-copilot/iam-simulate';
import { MOCK_ACCOUNT, readPlan, REPO_ROOT, resource, type LayerPlan } from '@secure-ml/shared/testing';
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
const allow = (action: string): Document => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});
/** What a data scientist often holds besides (AmazonSageMakerFullAccess grants sagemaker:* on `*`). */
const SAGEMAKER_FULL = allow('sagemaker:*');
const ALLOW_ALL = allow('*');

/** The endpoint IDs a network with the `notebook` endpoint would publish (sagemaker.api first, then notebook). */
const API_VPCE = 'vpce-0a1b2c3d4e5f60718';
const NOTEBOOK_VPCE = 'vpce-0a1b2c3d4e5f60729';

const notebookArn = (stack: string, id: string) =>
  `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-${id}`;
const roleArn = (stack: string, id: string) =>
  `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-${id}`;
const PERSON_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_NotebookOwner_0123456789abcdef`;

const documentOf = (plan: LayerPlan): Document =>
  JSON.parse(String(resource(plan, 'aws:iam/policy:Policy', 'owner-access').inputs['policy'])) as Document;

interface Ask {
  readonly action: string;
  readonly resource: string;
  /** The caller's owner tag (absent: a caller without it). */
  readonly caller?: string;
  /** The resource's owner tag (absent: a resource without it). */
  readonly owner?: string;
  readonly network?: { readonly sourceIp?: string; readonly sourceVpce?: string };
  readonly extra?: Record<string, string | string[]>;
}

interface Policies {
  readonly identity: readonly Document[];
  readonly scp?: Document;
}

async function decide(policies: Policies, ask: Ask): Promise<EvaluationResult> {
  const tagKey =
    ask.action === 'iam:PassRole' ? `iam:ResourceTag/${OWNER_TAG}` : `aws:ResourceTag/${OWNER_TAG}`;
  const full = { name: 'FullAWSAccess', policy: ALLOW_ALL };
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_NotebookOwner_0123456789abcdef/alice`,
        action: ask.action,
        resource: { resource: ask.resource, accountId: ACCOUNT },
        contextVariables: {
          'aws:PrincipalArn': PERSON_ROLE,
          ...(ask.caller === undefined ? {} : { [`aws:PrincipalTag/${OWNER_TAG}`]: ask.caller }),
          ...(ask.owner === undefined ? {} : { [tagKey]: ask.owner }),
          ...(ask.network?.sourceIp ? { 'aws:SourceIp': ask.network.sourceIp } : {}),
          ...(ask.network?.sourceVpce ? { 'aws:SourceVpce': ask.network.sourceVpce } : {}),
          ...ask.extra,
        },
      },
      identityPolicies: policies.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
      serviceControlPolicies: policies.scp
        ? [
            { orgIdentifier: 'r-root', policies: [full] },
            { orgIdentifier: ACCOUNT, policies: [full, { name: 'guardrail', policy: policies.scp }] },
          ]
        : [],
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
const NOTEBOOK_ACTIONS = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
];

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
  const owner = (p: LayerPlan = plan): Policies => ({ identity: [documentOf(p)] });

  const use = (id: string, more: Partial<Ask> = {}): Ask => ({
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
        ['opens her notebook from the configured network', use('alice'), 'Allowed'],
        [
          'opens her notebook from another network',
          use('alice', { network: { sourceIp: OTHER_IP } }),
          'ExplicitlyDenied',
        ],
        ["opens bob's notebook from the configured network", use('bob'), 'ExplicitlyDenied'],
        [
          'opens her notebook without the owner tag on her session',
          use('alice', { caller: undefined }),
          'ExplicitlyDenied',
        ],
        [
          'opens her notebook with her address in capitals on her session',
          use('alice', { caller: 'Alice@example.com' }),
          'ExplicitlyDenied',
        ],
        [
          'opens a notebook of the environment without an owner tag',
          use('carol', { owner: undefined }),
          'ExplicitlyDenied',
        ],
        [
          "opens a neighbouring environment's notebook tagged with her",
          use('alice', {
            resource: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-${stack}2-notebook-alice`,
          }),
          'ImplicitlyDenied',
        ],
        [
          'opens her notebook with neither a source IP nor an endpoint',
          use('alice', { network: {} }),
          'ExplicitlyDenied',
        ],
        [
          'opens her notebook through an endpoint (none is configured)',
          use('alice', { network: { sourceVpce: NOTEBOOK_VPCE } }),
          'ExplicitlyDenied',
        ],
      ]),
    )('$what: $expected', async ({ ask, expected }) => {
      expect(await decide(owner(), ask)).toBe(expected);
    });

    it.each(NOTEBOOK_ACTIONS)(
      "%s: her notebook Allowed; bob's ExplicitlyDenied, even with sagemaker:* beside it",
      async (action) => {
        expect(await decide(owner(), use('alice', { action }))).toBe('Allowed');
        expect(await decide(owner(), use('bob', { action }))).toBe('ExplicitlyDenied');
        const wide = { identity: [documentOf(plan), SAGEMAKER_FULL] };
        expect(await decide(wide, use('bob', { action }))).toBe('ExplicitlyDenied');
        expect(await decide(wide, use('carol', { action, owner: undefined }))).toBe('ExplicitlyDenied');
        expect(await decide(wide, use('alice', { action, caller: undefined }))).toBe('ExplicitlyDenied');
      },
    );
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
      expect(await decide(owner(withEndpoint), use('alice', { network }))).toBe(expected);
    });
    it.each(NOTEBOOK_ACTIONS)(
      "%s through the notebook endpoint: hers Allowed, bob's ExplicitlyDenied",
      async (action) => {
        const network = { sourceVpce: NOTEBOOK_VPCE };
        expect(await decide(owner(withEndpoint), use('alice', { action, network }))).toBe('Allowed');
        expect(await decide(owner(withEndpoint), use('bob', { action, network }))).toBe('ExplicitlyDenied');
      },
    );
  });

  describe('what starting needs: her role passed to SageMaker for her notebook, an interface in our subnet', () => {
    const pass = (id: string, more: Partial<Ask> = {}): Ask => ({
      action: 'iam:PassRole',
      resource: roleArn(stack, id),
      caller: ALICE,
      owner: id === 'alice' ? ALICE : BOB,
      extra: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
      ...more,
    });
    const toResource = (arn: string) => ({
      'iam:PassedToService': 'sagemaker.amazonaws.com',
      'iam:AssociatedResourceArn': arn,
    });
    it.each(
      rows([
        ['her own role to SageMaker', pass('alice'), 'Allowed'],
        [
          'her own role for her notebook instance',
          pass('alice', { extra: toResource(notebookArn(stack, 'alice')) }),
          'Allowed',
        ],
        [
          'her own role to a training job',
          pass('alice', {
            extra: toResource(`arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/exfiltrate`),
          }),
          'ImplicitlyDenied',
        ],
        ["bob's role to SageMaker", pass('bob'), 'ImplicitlyDenied'],
        [
          'her own job role (same path, not a notebook role)',
          pass('alice', {
            resource: `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-job-alice`,
          }),
          'ImplicitlyDenied',
        ],
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
      expect(await decide(owner(), ask)).toBe(expected);
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
      expect(await decide(owner(), { ...ask, owner: undefined })).toBe(expected);
    });
  });

  it('publishes the tag contract and the policy ARN, and keeps the document within a managed policy', () => {
    expect(plan.outputs['ownerTagKey']).toBe('secure-ml:owner');
    expect(plan.outputs['ownerAccessPolicyArn']).toMatch(
      new RegExp(`^arn:aws:iam::${ACCOUNT}:policy/secure-ml/sml-${stack}-notebook-owner-access$`),
    );
    const text = String(resource(plan, 'aws:iam/policy:Policy', 'owner-access').inputs['policy']);
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(text.length).toBeLessThanOrEqual(6144);
  });
});
