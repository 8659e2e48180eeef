/**
 * NB-11: the owner access policy's own denies (issue 14; review 5, R5-7). The hand-built policy passes; each case
 * breaks one property and keeps the rest, and the finding is written out in full.
 */
import { compliantEnv, OWNER_ACCESS, patch, run } from './fixtures';

const ACCOUNT = '123456789012';
type Statement = Record<string, unknown>;
const withStatements = (edit: (all: Statement[]) => Statement[], env = compliantEnv()) =>
  patch(env, 'owner-access', {
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: edit((OWNER_ACCESS.Statement as Statement[]).map((s) => ({ ...s }))),
    }),
  });
const bySid = (sid: string, edit: (s: Statement) => Statement | undefined) => (all: Statement[]) => {
  if (!all.some((s) => s['Sid'] === sid)) throw new Error(`no statement ${sid}`);
  return all.flatMap((s): Statement[] => {
    const edited = s['Sid'] === sid ? edit(s) : s;
    return edited ? [edited] : [];
  });
};
const messages = (env: ReturnType<typeof compliantEnv>) => run('NB-11', env).findings.map((f) => f.message);
const PREFIX = 'owner-access (Policy): ';
const USES = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
];
const EVERY_GAP = USES.flatMap((a) => [
  `${a} on another owner's notebook`,
  `${a} on a notebook without the secure-ml:owner tag`,
  `${a} by a caller without the secure-ml:owner tag`,
]).join('; ');
const NOT_DENIED = (gaps: string) =>
  `${PREFIX}does not deny, beside the owner's other policies (sagemaker:* elsewhere), ${gaps}`;

describe('NB-11: the owner access policy denies what its allows do not grant', () => {
  it('passes for the hand-built environment, and examines the owner access policy', () => {
    const result = run('NB-11', compliantEnv());
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('pass');
    expect(result.examined).toContain('owner-access (Policy)');
  });

  it("fails for review 5's policy: the allows alone, every notebook of the environment, from anywhere", () => {
    const env = withStatements(() => [
      {
        Effect: 'Allow',
        Action: USES,
        Resource: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/sml-dev-notebook-*`,
      },
    ]);
    expect(messages(env)).toEqual([
      `${NOT_DENIED(EVERY_GAP)}; its opening deny admits aws:SourceIp [], not exactly secure-ml-notebook:ownerSourceCidrs ["203.0.113.0/24"]`,
    ]);
  });

  it('fails without the deny of other notebooks, though the allow still matches the owner tag (NB-10 passes)', () => {
    const env = withStatements(bySid('NotOthers', () => undefined));
    expect(messages(env)).toEqual([NOT_DENIED(EVERY_GAP)]);
    expect(run('NB-10', env).findings).toEqual([]);
  });

  it.each<[string, (s: Statement) => Statement, string]>([
    [
      "names the environment's notebooks only (a notebook of another name or region escapes it)",
      (s) => ({
        ...s,
        Resource: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/sml-dev-notebook-*`,
      }),
      EVERY_GAP,
    ],
    [
      'leaves out DescribeNotebookInstance',
      (s) => ({ ...s, Action: (s['Action'] as string[]).filter((a) => !a.includes('Describe')) }),
      [
        "sagemaker:DescribeNotebookInstance on another owner's notebook",
        'sagemaker:DescribeNotebookInstance on a notebook without the secure-ml:owner tag',
        'sagemaker:DescribeNotebookInstance by a caller without the secure-ml:owner tag',
      ].join('; '),
    ],
    [
      'has no default value (void for an untagged caller)',
      (s) => ({
        ...s,
        Condition: {
          StringNotEquals: { 'aws:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' },
        },
      }),
      USES.map((a) => `${a} by a caller without the secure-ml:owner tag`).join('; '),
    ],
    [
      'holds only on tagged notebooks (Null aws:ResourceTag false)',
      (s) => ({
        ...s,
        Condition: {
          ...(s['Condition'] as Statement),
          Null: { 'aws:ResourceTag/secure-ml:owner': 'false' },
        },
      }),
      USES.map((a) => `${a} on a notebook without the secure-ml:owner tag`).join('; '),
    ],
    [
      'has one more ANDed condition that never holds',
      (s) => ({
        ...s,
        Condition: {
          ...(s['Condition'] as Statement),
          StringEquals: { 'aws:PrincipalTag/guardrail': 'enforced' },
        },
      }),
      EVERY_GAP,
    ],
  ])('fails when the deny of other notebooks %s', (_what, edit, gaps) => {
    expect(messages(withStatements(bySid('NotOthers', edit)))).toEqual([NOT_DENIED(gaps)]);
  });

  it.each([
    [
      'StringEqualsIfExists',
      { StringEqualsIfExists: { 'aws:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' } },
    ],
    [
      'StringEquals, StringLikeIfExists',
      {
        StringEquals: { 'aws:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' },
        StringLikeIfExists: { 'aws:ResourceTag/secure-ml:team': '*' },
      },
    ],
  ])('fails when the allow of the notebook actions uses an IfExists operator (%s)', (_ops, Condition) => {
    const env = withStatements(bySid('Mine', (s) => ({ ...s, Condition })));
    const ifExists = Object.keys(Condition).filter((op) => op.endsWith('IfExists'));
    expect(messages(env)).toEqual([
      `${PREFIX}allow Mine of the notebook actions uses ${ifExists.join(', ')} (an absent owner tag satisfies it)`,
    ]);
  });

  it('fails when the opening deny admits a CIDR that is not configured (two /1 networks: every address)', () => {
    const env = withStatements(
      bySid('OfficeOnly', (s) => ({
        ...s,
        Condition: {
          NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24', '0.0.0.0/1', '128.0.0.0/1'] },
        },
      })),
    );
    expect(messages(env)).toEqual([
      `${PREFIX}its opening deny admits aws:SourceIp ["203.0.113.0/24","0.0.0.0/1","128.0.0.0/1"], not exactly secure-ml-notebook:ownerSourceCidrs ["203.0.113.0/24"]`,
    ]);
  });

  it('fails when the configuration names other networks than the policy (the policy is stale)', () => {
    const env = withStatements((all) => all, compliantEnv({ ownerSourceCidrs: ['198.51.100.0/24'] }));
    expect(messages(env)).toContain(
      `${PREFIX}its opening deny admits aws:SourceIp ["203.0.113.0/24"], not exactly secure-ml-notebook:ownerSourceCidrs ["198.51.100.0/24"]`,
    );
  });

  it('fails when the opening deny admits an endpoint the network layer does not publish', () => {
    const env = withStatements((all) => [
      ...all.filter((s) => s['Sid'] !== 'SomeSource'),
      {
        Sid: 'InsideOnly',
        Effect: 'Deny',
        Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': ['vpce-0f0e1d2c3b4a59687'] } },
      },
    ]);
    expect(messages(env)).toEqual([
      `${PREFIX}its opening deny admits aws:SourceVpce ["vpce-0f0e1d2c3b4a59687"], not exactly the network layer's notebookAccessEndpointIds []`,
    ]);
  });

  it('under the engine (one layer, no policy config) judges the denies and not the networks', () => {
    const whole = withStatements(bySid('NotOthers', () => undefined));
    const { ownerSourceCidrs: _cidrs, ...settings } = whole.settings;
    const layer = {
      ...whole,
      scope: 'layer' as const,
      layer: 'notebook' as const,
      outputs: {},
      settings,
      resources: whole.resources.filter((r) => r.layer === 'notebook'),
    };
    expect(messages(layer)).toEqual([NOT_DENIED(EVERY_GAP)]);
    const compliant = compliantEnv();
    const { ownerSourceCidrs: _c, ...plain } = compliant.settings;
    expect(
      run('NB-11', {
        ...compliant,
        scope: 'layer',
        layer: 'notebook',
        outputs: {},
        settings: plain,
        resources: compliant.resources.filter((r) => r.layer === 'notebook'),
      }).findings,
    ).toEqual([]);
  });
});
