/**
 * The owner cases in AWS (layers/owner-access.ts): `verify notebook` sends the shared owner table with the deployed
 * owner access policy, `verify guardrail` the owner beside the guardrail, and any answer of AWS that differs from
 * the table is printed beside it.
 */
import { ValidatePolicyCommand } from '@aws-sdk/client-accessanalyzer';
import {
  type ContextEntry,
  GetPolicyCommand,
  NoSuchEntityException,
  SimulateCustomPolicyCommand,
} from '@aws-sdk/client-iam';
import { healthy, mocks, OUTPUTS, OWNER_ACCESS_DOCUMENT } from './support/healthy';
import { checksOf, failed, verify } from './support/run';

beforeEach(healthy);

const customCalls = () => mocks.iam.commandCalls(SimulateCustomPolicyCommand).map((c) => c.args[0].input);
/** The SCP as sent with the owner's session-tag cases under the SCP form (the IAM form sends the owner policy first). */
const scpSent = () =>
  customCalls().find(
    (i) => i.ActionNames?.[0] === 'sts:TagSession' && i.PolicyInputList?.[0] !== OWNER_ACCESS_DOCUMENT,
  )?.PolicyInputList?.[0];
const entry = (input: { ContextEntries?: ContextEntry[] }, key: string) =>
  input.ContextEntries?.find((e) => e.ContextKeyName === key);
const ownerChecks = (reportDir: string, layer: 'notebook' | 'guardrail') =>
  checksOf(reportDir, layer).filter((c) =>
    layer === 'notebook' ? /^notebook \S+ owner /.test(c.title) : c.title.startsWith('guardrail owner '),
  );

describe('verify notebook: the owners, decided by IAM', () => {
  it('sends every owner case of each notebook with the deployed owner access policy first, and AWS agrees', async () => {
    const run = await verify('notebook');
    const owners = ownerChecks(run.reportDir, 'notebook');
    // alice against bob and bob against alice: 4 network, 25 whose notebook (one network), 10 starting cases each.
    expect(owners).toHaveLength(2 * (4 + 25 + 10));
    expect(owners.filter((c) => c.result !== 'pass')).toEqual([]);
    const sent = customCalls().filter((i) => i.PolicyInputList?.[0] === OWNER_ACCESS_DOCUMENT);
    expect(sent).toHaveLength(owners.length);
    // Access Analyzer validated the deployed document as an identity policy first.
    const validated = mocks.accessAnalyzer
      .commandCalls(ValidatePolicyCommand)
      .map((c) => c.args[0].input)
      .filter((i) => i.policyDocument === OWNER_ACCESS_DOCUMENT);
    expect(validated.map((i) => i.policyType)).toEqual(['IDENTITY_POLICY']);
    expect(run.code).toBe(0);
  });

  it("sends the caller's and the notebook's owner tags, the source address and endpoint as typed context entries", async () => {
    await verify('notebook');
    const opens = customCalls().filter(
      (i) =>
        i.PolicyInputList?.[0] === OWNER_ACCESS_DOCUMENT &&
        i.ActionNames?.[0] === 'sagemaker:CreatePresignedNotebookInstanceUrl' &&
        i.ResourceArns?.[0] === OUTPUTS.notebook.notebooks.alice.notebookArn,
    );
    const fromOffice = opens.find((i) => entry(i, 'aws:SourceIp')?.ContextKeyValues?.[0] === '203.0.113.10');
    expect(entry(fromOffice ?? {}, 'aws:SourceIp')).toEqual({
      ContextKeyName: 'aws:SourceIp',
      ContextKeyType: 'ip',
      ContextKeyValues: ['203.0.113.10'],
    });
    expect(entry(fromOffice ?? {}, 'aws:PrincipalTag/secure-ml:owner')?.ContextKeyValues).toEqual([
      'alice@example.com',
    ]);
    // The notebook's tag travels as a context entry: the simulator reads none from the resource.
    expect(entry(fromOffice ?? {}, 'aws:ResourceTag/secure-ml:owner')?.ContextKeyValues).toEqual([
      'alice@example.com',
    ]);
    const throughEndpoint = opens.find((i) => entry(i, 'aws:SourceVpce'));
    expect(entry(throughEndpoint ?? {}, 'aws:SourceVpce')?.ContextKeyType).toBe('string');
  });

  it("AWS letting an owner open the other's notebook fails verify, printed side by side", async () => {
    mocks.iam
      .on(SimulateCustomPolicyCommand, {
        ActionNames: ['sagemaker:CreatePresignedNotebookInstanceUrl'],
        ResourceArns: [OUTPUTS.notebook.notebooks.bob.notebookArn],
      })
      .resolves({
        EvaluationResults: [{ EvalActionName: 'x', EvalResourceName: 'x', EvalDecision: 'allowed' }],
      });
    const run = await verify('notebook');
    const wrong = failed(checksOf(run.reportDir, 'notebook'));
    expect(wrong.map((c) => [c.title, c.evidence])).toEqual(
      expect.arrayContaining([
        [
          'notebook alice owner opens the other notebook from the configured network',
          'offline ExplicitlyDenied, AWS Allowed',
        ],
        [
          'notebook alice owner sagemaker:CreatePresignedNotebookInstanceUrl: the other notebook',
          'offline ExplicitlyDenied, AWS Allowed',
        ],
      ]),
    );
    // Only the disagreements fail: each is a case the table denies.
    expect(wrong.every((c) => /^offline (Explicitly|Implicitly)Denied, AWS Allowed$/.test(c.evidence))).toBe(
      true,
    );
    expect(run.code).toBe(1);
  });
});

describe('verify guardrail: the owner beside the guardrail, decided by IAM', () => {
  it('sends the IAM form with the owner access policy and the guardrail policy, the SCP form with every SCP document', async () => {
    const run = await verify('guardrail');
    expect(ownerChecks(run.reportDir, 'guardrail').filter((c) => c.result === 'pass')).toHaveLength(62);
    const iamForm = customCalls().filter((i) => i.PolicyInputList?.[0] === OWNER_ACCESS_DOCUMENT);
    expect(iamForm).toHaveLength(31);
    for (const input of iamForm) expect(input.PolicyInputList?.length).toBe(3);
    const scp = JSON.parse(scpSent() ?? '{}') as { Statement: unknown[] };
    const published = [
      OUTPUTS.guardrail.guardrailScp,
      OUTPUTS.guardrail.guardrailScpPeople,
      OUTPUTS.guardrail.guardrailScpJobs,
    ].flatMap((d) => (JSON.parse(d) as { Statement: unknown[] }).Statement);
    expect(scp.Statement).toEqual(published);
  });

  it('a document the guardrail gains (another guardrailScp… output) is validated and sent with the others', async () => {
    const more =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:TagSession","Resource":"*"}]}';
    const run = await verify('guardrail', {
      outputs: { guardrail: { ...OUTPUTS.guardrail, guardrailScpNetwork: more } },
    });
    expect(checksOf(run.reportDir, 'guardrail').map((c) => c.title)).toContain(
      'Access Analyzer validates the guardrail SCP document (guardrailScpNetwork)',
    );
    expect(scpSent()).toContain('"Action":"sts:TagSession"');
  });

  it("before the notebook layer's deploy, the IAM form is skipped with the reason and the SCP form still decided", async () => {
    mocks.iam
      .on(GetPolicyCommand, { PolicyArn: OUTPUTS.notebook.ownerAccessPolicyArn })
      .rejects(new NoSuchEntityException({ message: 'Policy not found', $metadata: {} }));
    const run = await verify('guardrail');
    const owners = ownerChecks(run.reportDir, 'guardrail');
    const skipped = owners.filter((c) => c.result === 'skip');
    expect(skipped).toHaveLength(31);
    for (const c of skipped) expect(c.evidence).toMatch(/is not deployed yet: run verify guardrail again/);
    expect(owners.filter((c) => c.result === 'pass')).toHaveLength(31);
    expect(run.code).toBe(0);
  });
});
