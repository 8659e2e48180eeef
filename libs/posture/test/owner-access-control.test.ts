/**
 * NB-9: the notebook layer's owner access policy (issue 14; review 5, R5-7). The compliant fixture's policy passes;
 * each case breaks one property and keeps the rest, and the finding is written out in full.
 */
import { adding, compliantEnv, OWNER_ACCESS_STATEMENTS, patch, run, without } from './fixtures';

const ACCOUNT = '123456789012';
type Statement = Record<string, unknown>;
const withStatements = (edit: (all: Statement[]) => Statement[], settings = {}) =>
  patch(compliantEnv(settings), 'owner-access', {
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: edit(OWNER_ACCESS_STATEMENTS.map((s) => ({ ...s }))),
    }),
  });
const bySid = (sid: string, edit: (s: Statement) => Statement | undefined) => (all: Statement[]) =>
  all.flatMap((s) => (s['Sid'] === sid ? (edit(s) ?? []) : [s]));
const messages = (env: ReturnType<typeof compliantEnv>) => run('NB-9', env).findings.map((f) => f.message);
const PREFIX = 'owner-access (Policy): ';
const OTHERS_DENY_MISSING =
  "no deny, on every notebook (notebook-instance/* in every region) and with no other condition, of sagemaker:CreatePresignedNotebookInstanceUrl, sagemaker:DescribeNotebookInstance, sagemaker:StartNotebookInstance, sagemaker:StopNotebookInstance unless StringNotEquals aws:ResourceTag/secure-ml:owner holds the caller's tag with a default value no tag can hold (${aws:PrincipalTag/secure-ml:owner, '(none)'})";
const ALL_FOUR =
  'sagemaker:CreatePresignedNotebookInstanceUrl, sagemaker:DescribeNotebookInstance, sagemaker:StartNotebookInstance, sagemaker:StopNotebookInstance';

describe('NB-9: the owner access policy', () => {
  it('passes for the compliant environment', () => {
    const result = run('NB-9', compliantEnv());
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('pass');
    expect(result.examined).toContain('owner-access (Policy)');
  });

  it('fails when the notebook layer has notebooks and no owner access policy', () => {
    expect(messages(without(compliantEnv(), (r) => r.name === 'owner-access'))).toEqual([
      'notebook layer: no owner access managed policy (<stem>-notebook-owner-access): no owner can start or open their notebook, and nothing limits them to it',
    ]);
  });

  it("fails for review 5's policy: every notebook of the environment, from anywhere", () => {
    const everyNotebook = withStatements(() => [
      {
        Effect: 'Allow',
        Action: [
          'sagemaker:CreatePresignedNotebookInstanceUrl',
          'sagemaker:DescribeNotebookInstance',
          'sagemaker:StartNotebookInstance',
          'sagemaker:StopNotebookInstance',
        ],
        Resource: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/sml-dev-notebook-*`,
      },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-notebook-*`,
        Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      },
    ]);
    expect(messages(everyNotebook)).toEqual([
      PREFIX +
        [
          `an allow grants ${ALL_FOUR} without StringEquals aws:ResourceTag/secure-ml:owner = \${aws:PrincipalTag/secure-ml:owner}`,
          "an allow grants iam:PassRole without StringEquals iam:ResourceTag/secure-ml:owner = ${aws:PrincipalTag/secure-ml:owner} (another owner's role)",
          OTHERS_DENY_MISSING,
          'no deny of sagemaker:CreatePresignedNotebookInstanceUrl on every notebook outside the configured networks (NotIpAddressIfExists aws:SourceIp, StringNotEqualsIfExists aws:SourceVpce)',
        ].join('; '),
    ]);
  });

  it('fails when the allow on notebooks compares the tag with IfExists', () => {
    const env = withStatements(
      bySid('OwnNotebookOnly', (s) => ({
        ...s,
        Condition: {
          StringEqualsIfExists: {
            'aws:ResourceTag/secure-ml:owner': "${aws:PrincipalTag/secure-ml:owner, '(none)'}",
          },
        },
      })),
    );
    expect(messages(env)).toEqual([
      PREFIX +
        'allow OwnNotebookOnly uses StringEqualsIfExists (an absent owner tag satisfies it); ' +
        `allow OwnNotebookOnly grants ${ALL_FOUR} without StringEquals aws:ResourceTag/secure-ml:owner = \${aws:PrincipalTag/secure-ml:owner}`,
    ]);
  });

  it('fails when the allow keeps its owner condition but adds an IfExists beside it', () => {
    const env = withStatements(
      bySid('OwnNotebookOnly', (s) => ({
        ...s,
        Condition: {
          ...(s['Condition'] as Statement),
          StringEqualsIfExists: { 'aws:ResourceTag/secure-ml:owner': 'alice@example.com' },
        },
      })),
    );
    expect(messages(env)).toEqual([
      PREFIX + 'allow OwnNotebookOnly uses StringEqualsIfExists (an absent owner tag satisfies it)',
    ]);
  });

  it("fails when the allow compares the notebook's tag with a literal owner, not the caller's tag", () => {
    const env = withStatements(
      bySid('OwnNotebookOnly', (s) => ({
        ...s,
        Condition: { StringEquals: { 'aws:ResourceTag/secure-ml:owner': 'alice@example.com' } },
      })),
    );
    expect(messages(env)).toEqual([
      PREFIX +
        `allow OwnNotebookOnly grants ${ALL_FOUR} without StringEquals aws:ResourceTag/secure-ml:owner = \${aws:PrincipalTag/secure-ml:owner}`,
    ]);
  });

  it('fails when a second allow grants describe on every notebook without the owner condition', () => {
    const env = withStatements((all) => [
      ...all,
      { Sid: 'DescribeAll', Effect: 'Allow', Action: 'sagemaker:Describe*', Resource: '*' },
    ]);
    expect(messages(env)).toEqual([
      PREFIX +
        'allow DescribeAll grants sagemaker:DescribeNotebookInstance without StringEquals aws:ResourceTag/secure-ml:owner = ${aws:PrincipalTag/secure-ml:owner}',
    ]);
  });

  it.each<[string, (s: Statement) => Statement | undefined]>([
    ['is removed', () => undefined],
    [
      "names the environment's notebooks only (a notebook of another name or region escapes it)",
      (s) => ({
        ...s,
        Resource: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/sml-dev-notebook-*`,
      }),
    ],
    [
      'leaves out DescribeNotebookInstance',
      (s) => ({ ...s, Action: (s['Action'] as string[]).filter((a) => !a.includes('Describe')) }),
    ],
    [
      'has no default value (void for an untagged caller)',
      (s) => ({
        ...s,
        Condition: {
          StringNotEquals: { 'aws:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' },
        },
      }),
    ],
    [
      'has a default value a tag can hold',
      (s) => ({
        ...s,
        Condition: {
          StringNotEquals: {
            'aws:ResourceTag/secure-ml:owner': "${aws:PrincipalTag/secure-ml:owner, 'nobody'}",
          },
        },
      }),
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
    ],
  ])('fails when the deny of other notebooks %s', (_what, edit) => {
    expect(messages(withStatements(bySid('NoOtherNotebook', edit)))).toEqual([PREFIX + OTHERS_DENY_MISSING]);
  });

  it("fails when PassRole no longer needs the role's owner tag to be the caller's", () => {
    const env = withStatements(
      bySid('PassOwnNotebookRoleToStart', (s) => ({
        ...s,
        Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      })),
    );
    expect(messages(env)).toEqual([
      PREFIX +
        "allow PassOwnNotebookRoleToStart grants iam:PassRole without StringEquals iam:ResourceTag/secure-ml:owner = ${aws:PrincipalTag/secure-ml:owner} (another owner's role)",
    ]);
  });

  it('fails when the network deny admits a CIDR that is not configured', () => {
    const env = withStatements(
      bySid('OpenFromConfiguredNetworksOnly', (s) => ({
        ...s,
        Condition: {
          NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24', '0.0.0.0/1', '128.0.0.0/1'] },
          StringNotEqualsIfExists: { 'aws:SourceVpce': ['vpce-notebook', 'vpce-sagemaker-api'] },
        },
      })),
    );
    expect(messages(env)).toEqual([
      PREFIX +
        'the network deny admits aws:SourceIp ["203.0.113.0/24","0.0.0.0/1","128.0.0.0/1"], not the configured secure-ml-notebook:ownerSourceCidrs ["203.0.113.0/24"]',
    ]);
  });

  it('fails when the settings name another CIDR than the policy (the policy is stale)', () => {
    const env = withStatements((all) => all, { ownerSourceCidrs: ['198.51.100.0/24'] });
    expect(messages(env)).toEqual([
      PREFIX +
        'the network deny admits aws:SourceIp ["203.0.113.0/24"], not the configured secure-ml-notebook:ownerSourceCidrs ["198.51.100.0/24"]',
    ]);
  });

  it('fails when the network deny admits an endpoint the network layer does not publish', () => {
    const env = withStatements(
      bySid('OpenFromConfiguredNetworksOnly', (s) => ({
        ...s,
        Condition: {
          NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24'] },
          StringNotEqualsIfExists: { 'aws:SourceVpce': ['vpce-notebook', 'vpce-0f0e1d2c3b4a59687'] },
        },
      })),
    );
    expect(messages(env)).toEqual([
      PREFIX +
        'the network deny admits aws:SourceVpce ["vpce-notebook","vpce-0f0e1d2c3b4a59687"], not the network layer\'s notebookAccessEndpointIds ["vpce-notebook","vpce-sagemaker-api"]',
    ]);
  });

  it('fails when the network deny holds one more condition that never holds', () => {
    const env = withStatements(
      bySid('OpenFromConfiguredNetworksOnly', (s) => ({
        ...s,
        Condition: { ...(s['Condition'] as Statement), Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      })),
    );
    expect(messages(env)).toEqual([
      PREFIX +
        'the network deny has conditions besides aws:SourceIp and aws:SourceVpce (NotIpAddressIfExists, StringNotEqualsIfExists, Bool), which may never hold',
    ]);
  });

  it("fails when the network deny's Resource is narrowed to the environment's notebooks", () => {
    const env = withStatements(
      bySid('OpenFromConfiguredNetworksOnly', (s) => ({
        ...s,
        Resource: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/sml-dev-notebook-*`,
      })),
    );
    expect(messages(env)).toEqual([
      PREFIX +
        'no deny of sagemaker:CreatePresignedNotebookInstanceUrl on every notebook outside the configured networks (NotIpAddressIfExists aws:SourceIp, StringNotEqualsIfExists aws:SourceVpce)',
    ]);
  });

  it('under the engine (one layer, no policy config) judges the owner conditions and not the networks', () => {
    const layer = compliantEnv({ ownerSourceCidrs: undefined });
    const notebookOnly = {
      ...layer,
      scope: 'layer' as const,
      layer: 'notebook' as const,
      outputs: {},
      settings: (({ ownerSourceCidrs: _drop, ...rest }) => rest)(layer.settings),
      resources: layer.resources.filter((r) => r.layer === 'notebook'),
    };
    expect(run('NB-9', notebookOnly).findings).toEqual([]);
    const noOthersDeny = {
      ...notebookOnly,
      resources: adding(
        without(notebookOnly, (r) => r.name === 'owner-access'),
        ...withStatements(bySid('NoOtherNotebook', () => undefined)).resources.filter(
          (r) => r.name === 'owner-access',
        ),
      ).resources,
    };
    expect(run('NB-9', noOthersDeny).findings.map((f) => f.message)).toEqual([PREFIX + OTHERS_DENY_MISSING]);
  });
});
