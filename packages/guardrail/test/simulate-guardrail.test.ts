/**
 * IAM simulation of the guardrail over the plan's own documents, in dev and prod, for the shared case table
 * (libs/verify/src/cases/guardrail.ts: the same cases `verify` asks IAM's simulator in the deployed account): a
 * data scientist under the IAM policy, an account administrator under the SCP, and the deployment role the SCP
 * exempts from its lifecycle-configuration deny only. Offline the SCP is evaluated as an SCP, under FullAWSAccess.
 * This is IAM-7's simulation (docs/CONTROLS.md).
 */
import type { LayerPlan } from '@secure-ml/shared/testing';
import { guardrailCases, type AccessCase, type GuardrailFacts } from '@secure-ml/verify/cases';
import {
  ACCOUNT,
  peopleGuardrailDocument,
  planGuardrail,
  readPlan,
  REGION,
  REPO_ROOT,
  allScpDocuments,
  STACKS,
  type Document,
  PLAN_TIMEOUT_MS,
} from './support/plan';
import { asRole, decide } from './support/simulate';

const deployRole = (stack: string) => `arn:aws:iam::${ACCOUNT}:role/sml-github-deploy-${stack}`;
/**
 * The role an owner signs in with: an IAM Identity Center role of a permission set, which the guardrail admits as an
 * owner principal (a role elsewhere, tagged as an owner, is refused: the "owner principals" cases below).
 */
const OWNER_ROLE_NAME = 'AWSReservedSSO_NotebookOwner_0123456789abcdef';
const OWNER_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${OWNER_ROLE_NAME}`;
/** An address of the stack files' office network (secure-ml-guardrail:ownerSourceCidrs: 203.0.113.0/24). */
const OFFICE = '203.0.113.10';

/** The table's facts as `verify` reads them from the deployed outputs, here from the plans. */
function factsOf(stack: string, security?: LayerPlan, network?: LayerPlan): GuardrailFacts {
  const output = (plan: LayerPlan | undefined, key: string): string => {
    const value = plan?.outputs[key];
    return typeof value === 'string' ? value : 'named only';
  };
  const subnets = network?.outputs['privateSubnetIds'];
  return {
    partition: 'aws',
    account: ACCOUNT,
    region: REGION,
    stem: `sml-${stack}`,
    dataKeyArn: output(security, 'dataKeyArn'),
    logsKeyArn: output(security, 'logsKeyArn'),
    // One notebook's role, under the security layer's notebook role path (the guardrail pins the path).
    notebookRoleArn: `arn:aws:iam::${ACCOUNT}:role${output(security, 'notebookRolePath')}sml-${stack}-notebook-alice`,
    notebookId: 'alice',
    otherNotebookId: 'bob',
    subnetId: Array.isArray(subnets) ? String(subnets[0]) : 'named only',
    securityGroupId: output(network, 'notebookSecurityGroupId'),
    // Written out, not computed by libs/shared naming: the name the notebook layer must give its configuration.
    lifecycleConfigArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance-lifecycle-config/sml-${stack}-lifecycle-alice`,
    deploymentRoleArn: deployRole(stack),
  };
}

/** A role session's ARN for the role a case names in aws:PrincipalArn. */
const sessionOf = (c: AccessCase): string => {
  const role = String(c.context?.['aws:PrincipalArn'] ?? '')
    .split('/')
    .pop();
  return `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session`;
};

describe.each(STACKS)('the guardrail of %s', (stack) => {
  let plan: LayerPlan;
  let table: AccessCase[];
  beforeAll(async () => {
    plan = await planGuardrail(stack, {
      'secure-ml-guardrail:deploymentRoleArns': JSON.stringify([deployRole(stack)]),
    });
    table = guardrailCases(
      factsOf(stack, readPlan(REPO_ROOT, stack, 'security'), readPlan(REPO_ROOT, stack, 'network')),
    );
  }, PLAN_TIMEOUT_MS);

  // Named before any plan exists; each decided case is the table's own, rebuilt with the plans' values.
  const named = guardrailCases(factsOf(stack));

  it('the table holds every person, bypass and compliant request (3 people x (27 bypasses x 2 names + 2) + 10 PassRole)', () => {
    expect(named).toHaveLength(3 * (27 * 2 + 2) + 10);
    expect(new Set(named.map((c) => c.name)).size).toBe(named.length);
  });

  it.each(named.map((c, i) => ({ i, name: c.name, expected: c.expected })))(
    '$name: $expected',
    async ({ i, name, expected }) => {
      const c = table[i];
      expect(c?.name).toBe(name);
      if (!c) return;
      expect(['guardrail', 'guardrail-scp']).toContain(c.subject);
      const attached = (c.attached ?? []) as Document[];
      const policies =
        c.subject === 'guardrail'
          ? { identity: [peopleGuardrailDocument(plan), ...attached] }
          : { identity: attached, scp: allScpDocuments(plan) };
      const decision = await decide(
        {
          principal: sessionOf(c),
          action: c.action,
          resource: c.resource,
          context: (c.context ?? {}) as Record<string, string | string[]>,
        },
        policies,
      );
      expect(decision).toBe(expected);
    },
  );

  describe("PassRole: a person passes no notebook role of the path but their own (issue 14's review)", () => {
    const role = (pathAndName: string) => `arn:aws:iam::${ACCOUNT}:role${pathAndName}`;
    const notebookRole = (id: string) =>
      role(`/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-${id}`);
    const ownerTag = 'secure-ml:owner';
    /** A data scientist tagged alice@example.com, with iam:PassRole on `*` besides the guardrail. */
    const pass = (resource: string, tags: { role?: string; caller?: string }) =>
      decide(
        {
          principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${OWNER_ROLE_NAME}/alice@example.com`,
          action: 'iam:PassRole',
          resource,
          context: {
            'iam:PassedToService': 'sagemaker.amazonaws.com',
            'aws:PrincipalArn': OWNER_ROLE,
            ...(tags.role === undefined ? {} : { [`iam:ResourceTag/${ownerTag}`]: tags.role }),
            ...(tags.caller === undefined ? {} : { [`aws:PrincipalTag/${ownerTag}`]: tags.caller }),
          },
        },
        {
          identity: [
            peopleGuardrailDocument(plan),
            {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
            },
          ],
        },
      );

    it("passes alice's own notebook role: Allowed", async () => {
      expect(
        await pass(notebookRole('alice'), { role: 'alice@example.com', caller: 'alice@example.com' }),
      ).toBe('Allowed');
    });
    it.each([
      ["bob's role, tagged bob", 'bob', { role: 'bob@example.com', caller: 'alice@example.com' }],
      ["carol's role, tagged carol", 'carol', { role: 'carol@example.com', caller: 'alice@example.com' }],
      ['a role of the path without an owner tag', 'carol', { caller: 'alice@example.com' }],
      ["alice's role, by a caller without an owner tag", 'alice', { role: 'alice@example.com' }],
      [
        "alice's role, by a caller tagged with alice's address in capitals",
        'alice',
        {
          role: 'alice@example.com',
          caller: 'Alice@example.com',
        },
      ],
      ["bob's role, by a caller whose tag is empty", 'bob', { role: 'bob@example.com', caller: '' }],
    ])('passes %s: ExplicitlyDenied', async (_what, id, tags) => {
      expect(await pass(notebookRole(id), tags)).toBe('ExplicitlyDenied');
    });
    it("leaves a role outside the path to the caller's other policies (another environment's guardrail covers its own path)", async () => {
      expect(
        await pass(role(`/secure-ml/sml-${stack}2/notebooks/sml-${stack}2-notebook-bob`), {
          role: 'bob@example.com',
          caller: 'alice@example.com',
        }),
      ).toBe('Allowed');
    });
  });

  describe('the owner tag: written by the deployment only, set on a session by SAML federation only', () => {
    const person = `arn:aws:iam::${ACCOUNT}:role/DataScientist`;
    const ask = (
      action: string,
      resource: string,
      context: Record<string, string | string[]>,
      principalArn = person,
    ) =>
      decide(asRole(principalArn, action, resource, context), {
        identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
        scp: allScpDocuments(plan),
      });
    const aliceNotebook = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-alice`;
    const bobRole = `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-bob`;
    const ownerKey = { 'aws:TagKeys': ['secure-ml:owner'] };
    it.each([
      ["tags alice's notebook with an owner", 'sagemaker:AddTags', aliceNotebook, ownerKey],
      ["removes the owner tag of alice's notebook", 'sagemaker:DeleteTags', aliceNotebook, ownerKey],
      ["retags bob's role with another owner", 'iam:TagRole', bobRole, ownerKey],
      ['tags their own IAM role with an owner', 'iam:TagRole', person, ownerKey],
      ['tags an IAM user with an owner', 'iam:TagUser', `arn:aws:iam::${ACCOUNT}:user/someone`, ownerKey],
      [
        'tags their own IAM role with the owner key in capitals',
        'iam:TagRole',
        person,
        { 'aws:TagKeys': ['Secure-ML:Owner'] as string[] },
      ],
      [
        'creates a role tagged with an owner (to assume it)',
        'iam:CreateRole',
        `arn:aws:iam::${ACCOUNT}:role/disguise`,
        ownerKey,
      ],
      [
        'assumes a role with an owner session tag in capitals (AssumeRole: no saml:aud)',
        'sts:TagSession',
        `arn:aws:iam::${ACCOUNT}:role/NotebookOwners`,
        { 'aws:TagKeys': ['SECURE-ML:OWNER'] as string[] },
      ],
      [
        'assumes a role with an owner session tag (AssumeRole: no saml:aud)',
        'sts:TagSession',
        `arn:aws:iam::${ACCOUNT}:role/NotebookOwners`,
        ownerKey,
      ],
    ] as const)('a person (SCP) %s: ExplicitlyDenied', async (_what, action, resource, context) => {
      expect(await ask(action, resource, { ...context })).toBe('ExplicitlyDenied');
    });
    it('a SAML federation setting the owner session tag (IAM Identity Center): Allowed', async () => {
      expect(
        await ask('sts:TagSession', `arn:aws:iam::${ACCOUNT}:role/NotebookOwners`, {
          ...ownerKey,
          'saml:aud': 'https://signin.aws.amazon.com/saml',
        }),
      ).toBe('Allowed');
    });
    it("a person tagging alice's notebook with another key: Allowed (the guardrail keeps the owner key only)", async () => {
      expect(await ask('sagemaker:AddTags', aliceNotebook, { 'aws:TagKeys': ['CostCenter'] })).toBe(
        'Allowed',
      );
    });
    it("the deployment role retagging bob's role: Allowed", async () => {
      expect(await ask('iam:TagRole', bobRole, ownerKey, deployRole(stack))).toBe('Allowed');
    });
  });

  describe('a person uses only their own notebook (SCP, an administrator with Allow * tagged alice)', () => {
    const person = OWNER_ROLE;
    const notebook = (id: string) =>
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-${id}`;
    const ask = (
      action: string,
      resource: string,
      context: Record<string, string | string[]>,
      principalArn = person,
    ) =>
      decide(asRole(principalArn, action, resource, context), {
        identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
        scp: allScpDocuments(plan),
      });
    // From the stack file's office network (secure-ml-guardrail:ownerSourceCidrs 203.0.113.0/24), so that only the
    // owner rules decide; the network's own cases are below.
    const tags = (caller: string | undefined, owner: string | undefined) => ({
      'aws:SourceIp': OFFICE,
      ...(caller === undefined ? {} : { 'aws:PrincipalTag/secure-ml:owner': caller }),
      ...(owner === undefined ? {} : { 'aws:ResourceTag/secure-ml:owner': owner }),
    });
    const ALICE = 'alice@example.com';
    const BOB = 'bob@example.com';
    describe.each([
      'sagemaker:CreatePresignedNotebookInstanceUrl',
      'sagemaker:DescribeNotebookInstance',
      'sagemaker:StartNotebookInstance',
      'sagemaker:StopNotebookInstance',
    ])('%s', (action) => {
      it('her own notebook: Allowed', async () => {
        expect(await ask(action, notebook('alice'), tags(ALICE, ALICE))).toBe('Allowed');
      });
      it.each([
        ["bob's notebook", 'bob', tags(ALICE, BOB)],
        ['a notebook without an owner tag', 'carol', tags(ALICE, undefined)],
        ['her notebook, by a caller without an owner tag', 'alice', tags(undefined, ALICE)],
        ['her notebook, by a caller tagged in capitals', 'alice', tags('Alice@example.com', ALICE)],
        ['a notebook of another name, region or environment, tagged bob', 'other', tags(ALICE, BOB)],
      ] as const)('%s: ExplicitlyDenied', async (_what, id, context) => {
        expect(await ask(action, notebook(id), context)).toBe('ExplicitlyDenied');
      });
      it("the deployment role on bob's notebook: Allowed", async () => {
        expect(await ask(action, notebook('bob'), tags(undefined, BOB), deployRole(stack))).toBe('Allowed');
      });
    });
    it("passes her notebook role for her notebook, or without a named resource: Allowed; for a training job: ExplicitlyDenied (the deployment's too)", async () => {
      const role = `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-alice`;
      const pass = (associated: string | undefined, principalArn = person) =>
        ask(
          'iam:PassRole',
          role,
          {
            'iam:PassedToService': 'sagemaker.amazonaws.com',
            'iam:ResourceTag/secure-ml:owner': ALICE,
            'aws:PrincipalTag/secure-ml:owner': ALICE,
            ...(associated ? { 'iam:AssociatedResourceArn': associated } : {}),
          },
          principalArn,
        );
      expect(await pass(notebook('alice'))).toBe('Allowed');
      expect(await pass(undefined)).toBe('Allowed');
      const job = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/exfiltrate`;
      expect(await pass(job)).toBe('ExplicitlyDenied');
      expect(await pass(job, deployRole(stack))).toBe('ExplicitlyDenied');
    });
  });

  describe('who a session may claim to be, and where a notebook opens from (review 5: R5-1, R5-2)', () => {
    const person = OWNER_ROLE;
    const everything = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow' as const, Action: '*', Resource: '*' }],
    };
    /** A person with `*` under the IAM guardrail, or an administrator with `*` under the SCP documents. */
    const ask = (
      form: 'iam' | 'scp',
      action: string,
      resource: string,
      context: Record<string, string | string[]>,
      principalArn = person,
      verdictOf?: 'policies',
    ) =>
      decide(
        asRole(principalArn, action, resource, context),
        form === 'iam'
          ? { identity: [peopleGuardrailDocument(plan), everything], verdictOf }
          : { identity: [everything], scp: allScpDocuments(plan), verdictOf },
      );
    const provider = (kind: string) => `arn:aws:iam::${ACCOUNT}:${kind}/corp-idp`;
    const identityCenterRole = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_NotebookOwner_0123456789abcdef`;
    const ownerKey = { 'aws:TagKeys': ['secure-ml:owner'] };
    describe.each(['iam', 'scp'] as const)('%s form', (form) => {
      it.each([
        ['iam:CreateSAMLProvider', 'saml-provider'],
        ['iam:UpdateSAMLProvider', 'saml-provider'],
        ['iam:DeleteSAMLProvider', 'saml-provider'],
        ['iam:TagSAMLProvider', 'saml-provider'],
        ['iam:UntagSAMLProvider', 'saml-provider'],
        ['iam:CreateOpenIDConnectProvider', 'oidc-provider'],
        ['iam:DeleteOpenIDConnectProvider', 'oidc-provider'],
        ['iam:AddClientIDToOpenIDConnectProvider', 'oidc-provider'],
        ['iam:RemoveClientIDFromOpenIDConnectProvider', 'oidc-provider'],
        ['iam:UpdateOpenIDConnectProviderThumbprint', 'oidc-provider'],
        ['iam:TagOpenIDConnectProvider', 'oidc-provider'],
        ['iam:UntagOpenIDConnectProvider', 'oidc-provider'],
      ])(
        'a person writes an identity provider (%s, to sign owner session tags): ExplicitlyDenied',
        async (action, kind) => {
          expect(await ask(form, action, provider(kind), {})).toBe('ExplicitlyDenied');
        },
      );
      it('a person reads an identity provider (iam:GetSAMLProvider): Allowed (only writes are denied)', async () => {
        expect(await ask(form, 'iam:GetSAMLProvider', provider('saml-provider'), {})).toBe('Allowed');
      });
      it.each([
        ["creates a role under IAM Identity Center's path", 'iam:CreateRole'],
        ['makes an IAM Identity Center role trust them', 'iam:UpdateAssumeRolePolicy'],
      ])('a person %s: ExplicitlyDenied', async (_what, action) => {
        // The simulator refuses these writes itself (it models IAM's protection of aws-reserved roles): the
        // guardrail's documents alone must deny them too, since no AWS page says IAM refuses a person's CreateRole.
        expect(await ask(form, action, identityCenterRole, {}, person, 'policies')).toBe('ExplicitlyDenied');
      });
      it('a person creates a role elsewhere, without the owner tag: Allowed (the guardrail keeps the reserved path only)', async () => {
        expect(await ask(form, 'iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/analysis`, {})).toBe(
          'Allowed',
        );
      });
      it('IAM Identity Center tags a session of its role with the owner, with no saml:aud: Allowed', async () => {
        expect(await ask(form, 'sts:TagSession', identityCenterRole, ownerKey)).toBe('Allowed');
      });
      it('a web identity (OIDC) or AssumeRole sets the owner session tag on a role outside Identity Center, no saml:aud: ExplicitlyDenied', async () => {
        expect(
          await ask(
            form,
            'sts:TagSession',
            `arn:aws:iam::${ACCOUNT}:role/aws-reserved-lookalike/NotebookOwners`,
            ownerKey,
          ),
        ).toBe('ExplicitlyDenied');
      });
      const aliceNotebook = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-alice`;
      const alice = {
        'aws:PrincipalTag/secure-ml:owner': 'alice@example.com',
        'aws:ResourceTag/secure-ml:owner': 'alice@example.com',
      };
      const open = (network: Record<string, string>, principalArn = person) =>
        ask(
          form,
          'sagemaker:CreatePresignedNotebookInstanceUrl',
          aliceNotebook,
          { ...alice, ...network },
          principalArn,
        );
      it('alice opens her notebook from the office network: Allowed', async () => {
        expect(await open({ 'aws:SourceIp': OFFICE })).toBe('Allowed');
      });
      it.each([
        ['from an address outside the configured networks', { 'aws:SourceIp': '198.51.100.7' }],
        ['through an endpoint the network does not publish', { 'aws:SourceVpce': 'vpce-0f0e1d2c3b4a59687' }],
        ['with neither aws:SourceIp nor aws:SourceVpce', {}],
      ])('alice opens her notebook %s: ExplicitlyDenied', async (_what, network: Record<string, string>) => {
        expect(await open(network)).toBe('ExplicitlyDenied');
      });
      // An owner-tagged session counts only from the principals the platform controls (review 5, the adversarial
      // review's first finding): a role trusting an account of the person's own, tagged there as alice, is refused.
      const bridge = `arn:aws:iam::${ACCOUNT}:role/bridge`;
      const ownerPathRole = `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/owners/alice`;
      const aliceRole = `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-alice`;
      it.each([
        ['opens', 'sagemaker:CreatePresignedNotebookInstanceUrl', aliceNotebook, { 'aws:SourceIp': OFFICE }],
        ['starts', 'sagemaker:StartNotebookInstance', aliceNotebook, {}],
        ['describes', 'sagemaker:DescribeNotebookInstance', aliceNotebook, {}],
      ] as const)(
        "a role outside the owner principals, session-tagged alice from another account, %s alice's notebook: ExplicitlyDenied",
        async (_what, action, resource, network) => {
          expect(await ask(form, action, resource, { ...alice, ...network }, bridge)).toBe(
            'ExplicitlyDenied',
          );
        },
      );
      it("a role outside the owner principals, session-tagged alice, passes alice's notebook role: ExplicitlyDenied", async () => {
        expect(
          await ask(
            form,
            'iam:PassRole',
            aliceRole,
            {
              'iam:PassedToService': 'sagemaker.amazonaws.com',
              'iam:ResourceTag/secure-ml:owner': 'alice@example.com',
              'aws:PrincipalTag/secure-ml:owner': 'alice@example.com',
            },
            bridge,
          ),
        ).toBe('ExplicitlyDenied');
      });
      it("alice's notebook's own role, tagged alice, stops her notebook (the idle auto-stop): Allowed", async () => {
        expect(await ask(form, 'sagemaker:StopNotebookInstance', aliceNotebook, alice, aliceRole)).toBe(
          'Allowed',
        );
      });
      it("alice's own role under the owner role path opens her notebook from the office: Allowed", async () => {
        expect(await open({ 'aws:SourceIp': OFFICE }, ownerPathRole)).toBe('Allowed');
      });
      it.each([
        [
          'creates a role under the owner role path (to be an owner principal)',
          'iam:CreateRole',
          `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/owners/mallory`,
        ],
        ["makes alice's owner role trust them", 'iam:UpdateAssumeRolePolicy', ownerPathRole],
        [
          "makes bob's notebook role trust them (to read bob's data)",
          'iam:UpdateAssumeRolePolicy',
          aliceRole.replace(/alice$/, 'bob'),
        ],
        [
          'creates a role under the notebook role path',
          'iam:CreateRole',
          aliceRole.replace(/alice$/, 'mallory'),
        ],
      ])('a person %s: ExplicitlyDenied', async (_what, action, resource) => {
        expect(await ask(form, action, resource, {})).toBe('ExplicitlyDenied');
      });
      if (form === 'scp')
        it("the deployment role updates a notebook role's trust: Allowed (exempt)", async () => {
          expect(await ask(form, 'iam:UpdateAssumeRolePolicy', aliceRole, {}, deployRole(stack))).toBe(
            'Allowed',
          );
        });
      it('the deployment role opens a notebook from outside the networks: ExplicitlyDenied (nobody is exempt)', async () => {
        expect(await open({ 'aws:SourceIp': '198.51.100.7' }, deployRole(stack))).toBe('ExplicitlyDenied');
      });
    });
  });

  describe('the SCP exempts the deployment roles by their exact ARN only', () => {
    const write = (principalArn: string) =>
      decide(
        {
          principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${principalArn.split('/').pop()}/session`,
          action: 'sagemaker:DeleteNotebookInstance',
          resource: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-${stack}-notebook-alice`,
          context: { 'aws:PrincipalArn': principalArn },
        },
        {
          identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
          scp: allScpDocuments(plan),
        },
      );
    it('the deployment role itself: Allowed', async () => {
      expect(await write(deployRole(stack))).toBe('Allowed');
    });
    it.each([
      ['its name under another path', `arn:aws:iam::${ACCOUNT}:role/other/sml-github-deploy-${stack}`],
      ['a name it starts', `arn:aws:iam::${ACCOUNT}:role/sml-github-deploy-${stack}-copy`],
      ['its name in another account', `arn:aws:iam::111122223333:role/sml-github-deploy-${stack}`],
    ])('a role with %s: ExplicitlyDenied', async (_what, arn) => {
      expect(await write(arn)).toBe('ExplicitlyDenied');
    });
  });
});
