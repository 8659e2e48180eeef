/**
 * IAM-7 (docs/CONTROLS.md) for the owners: owner access beside the guardrail, over the offline plans of both layers (Nx plans every layer before this
 * test): the notebook layer's owner access policy with the guardrail's IAM policy and Allow * beside it (what an
 * over-privileged owner holds), and the guardrail's SCP over an administrator with Allow * tagged alice. Her own
 * notebook opens and starts; bob's, an untagged one, or hers by an untagged caller do not; her role goes to her
 * notebook, never to a training job; and every way to forge the tag (retagging her role or user, bob's role or
 * notebook, the key in capitals, an AssumeRole session tag, a new role tagged bob) is refused, while SAML
 * federation still sets it. The owner policy alone is packages/notebook/test/owner-access.simulation.test.ts.
 */
import { runSimulation, type EvaluationResult } from '@cloud-copilot/iam-simulate';
import { MOCK_ACCOUNT, readPlan, resource } from '@secure-ml/shared/testing';
import { REPO_ROOT } from '../src/report/main';

const ACCOUNT = MOCK_ACCOUNT;
const REGION = 'eu-west-1';
const OWNER_TAG = 'secure-ml:owner';
/** The public network configured in both example environments (TEST-NET-3, RFC 5737). */
const ALLOWED_IP = '203.0.113.10';
interface Document {
  readonly Version: string;
  readonly Statement: unknown[];
}
const allow = (action: string): Document => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});
const ALLOW_ALL = allow('*');

const notebookArn = (stack: string, id: string) =>
  `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-${id}`;
const roleArn = (stack: string, id: string) =>
  `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-${id}`;
const PERSON_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_NotebookOwner_0123456789abcdef`;

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

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const FROM_OFFICE = { sourceIp: ALLOWED_IP };

const ownerPolicyOf = (stack: string): Document =>
  JSON.parse(
    String(
      resource(readPlan(REPO_ROOT, stack, 'notebook'), 'aws:iam/policy:Policy', 'owner-access').inputs[
        'policy'
      ],
    ),
  ) as Document;
const guardrailOf = (stack: string): Document =>
  JSON.parse(
    String(
      resource(readPlan(REPO_ROOT, stack, 'guardrail'), 'aws:iam/policy:Policy', 'notebook-guardrail').inputs[
        'policy'
      ],
    ),
  ) as Document;
const scpOf = (stack: string): Document =>
  JSON.parse(String(readPlan(REPO_ROOT, stack, 'guardrail').outputs['guardrailScp'])) as Document;

describe.each(['dev', 'prod'])('owner access beside the guardrail in %s', (stack) => {
  const use = (id: string, more: Partial<Ask> = {}): Ask => ({
    action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    resource: notebookArn(stack, id),
    caller: ALICE,
    owner: id === 'alice' ? ALICE : BOB,
    network: FROM_OFFICE,
    ...more,
  });
  /**
   * The guardrail, as a person's IAM policy (with the owner policy and Allow * beside it: what an over-privileged
   * owner holds) and as the account's SCP (an administrator with Allow *, tagged alice).
   */
  describe.each(['the IAM guardrail', 'the SCP'])('under %s', (form) => {
    const under = (): Policies =>
      form === 'the SCP'
        ? { identity: [ALLOW_ALL], scp: scpOf(stack) }
        : { identity: [ownerPolicyOf(stack), guardrailOf(stack), ALLOW_ALL] };
    const ownerKey = (key = OWNER_TAG, value = BOB) => ({
      'aws:TagKeys': [key],
      [`aws:RequestTag/${key}`]: value,
    });
    it.each(['sagemaker:CreatePresignedNotebookInstanceUrl', 'sagemaker:StartNotebookInstance'])(
      '%s: her own notebook Allowed',
      async (action) => {
        expect(await decide(under(), use('alice', { action }))).toBe('Allowed');
      },
    );
    it.each([
      'sagemaker:CreatePresignedNotebookInstanceUrl',
      'sagemaker:StartNotebookInstance',
      'sagemaker:StopNotebookInstance',
    ])(
      "%s: bob's notebook, an untagged one, or hers by an untagged caller: ExplicitlyDenied",
      async (action) => {
        expect(await decide(under(), use('bob', { action }))).toBe('ExplicitlyDenied');
        expect(await decide(under(), use('carol', { action, owner: undefined }))).toBe('ExplicitlyDenied');
        expect(await decide(under(), use('alice', { action, caller: undefined }))).toBe('ExplicitlyDenied');
      },
    );
    it("passes her own role to her notebook: Allowed; bob's, or hers to a training job: ExplicitlyDenied", async () => {
      const pass = (id: string, associated?: string): Ask => ({
        action: 'iam:PassRole',
        resource: roleArn(stack, id),
        caller: ALICE,
        owner: id === 'alice' ? ALICE : BOB,
        extra: {
          'iam:PassedToService': 'sagemaker.amazonaws.com',
          ...(associated ? { 'iam:AssociatedResourceArn': associated } : {}),
        },
      });
      expect(await decide(under(), pass('alice', notebookArn(stack, 'alice')))).toBe('Allowed');
      // If SageMaker names no resource (no AWS page says it does), the owner still starts her notebook.
      expect(await decide(under(), pass('alice'))).toBe('Allowed');
      expect(await decide(under(), pass('bob'))).toBe('ExplicitlyDenied');
      expect(
        await decide(
          under(),
          pass('alice', `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/exfiltrate`),
        ),
      ).toBe('ExplicitlyDenied');
    });
    const retags: readonly (readonly [string, Omit<Ask, 'caller'>])[] = [
      [
        'her own IAM role retagged bob',
        { action: 'iam:TagRole', resource: `arn:aws:iam::${ACCOUNT}:role/DataScientist`, extra: ownerKey() },
      ],
      [
        'her own IAM user retagged bob',
        { action: 'iam:TagUser', resource: `arn:aws:iam::${ACCOUNT}:user/alice`, extra: ownerKey() },
      ],
      [
        "bob's notebook role retagged alice",
        { action: 'iam:TagRole', resource: roleArn(stack, 'bob'), extra: ownerKey(OWNER_TAG, ALICE) },
      ],
      [
        "bob's notebook role's owner tag removed",
        { action: 'iam:UntagRole', resource: roleArn(stack, 'bob'), extra: { 'aws:TagKeys': [OWNER_TAG] } },
      ],
      [
        "bob's notebook retagged alice",
        {
          action: 'sagemaker:AddTags',
          resource: notebookArn(stack, 'bob'),
          extra: ownerKey(OWNER_TAG, ALICE),
        },
      ],
      [
        "bob's notebook retagged with the key in capitals",
        {
          action: 'sagemaker:AddTags',
          resource: notebookArn(stack, 'bob'),
          extra: ownerKey('Secure-ML:Owner', ALICE),
        },
      ],
      [
        'a session tagged bob (AssumeRole with a session tag, key in capitals)',
        {
          action: 'sts:TagSession',
          resource: `arn:aws:iam::${ACCOUNT}:role/DataScientist`,
          extra: ownerKey('SECURE-ML:OWNER'),
        },
      ],
      [
        'a new role tagged bob, to assume it',
        {
          action: 'iam:CreateRole',
          resource: `arn:aws:iam::${ACCOUNT}:role/bob-in-disguise`,
          extra: ownerKey(),
        },
      ],
    ];
    it.each(retags.map(([what, ask]) => ({ what, ask })))('$what: ExplicitlyDenied', async ({ ask }) => {
      expect(await decide(under(), { ...ask, caller: ALICE })).toBe('ExplicitlyDenied');
    });
    it('a SAML federation (IAM Identity Center) setting the owner session tag: Allowed', async () => {
      const saml: Ask = {
        action: 'sts:TagSession',
        resource: `arn:aws:iam::${ACCOUNT}:role/DataScientist`,
        extra: { ...ownerKey(OWNER_TAG, ALICE), 'saml:aud': 'https://signin.aws.amazon.com/saml' },
      };
      expect(await decide(under(), saml)).toBe('Allowed');
    });
  });
});
