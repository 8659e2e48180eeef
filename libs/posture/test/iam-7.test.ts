/**
 * IAM-7 against the attacker's edits of the guardrail: each pin removed, its Resource narrowed, a condition added
 * that a sender can fail, the wrong set operator, a value of another environment; and the same for the SCP form.
 * Each must fail and name the pin (IAM-7 judges them with the pack's condition evaluator, libs/posture/src/conditions);
 * the compliant guardrail passes, and one that refuses the compliant create fails too.
 */
import type { Env } from '../src/model';
import { loadEnvironment } from '../src/plans';
import { REPO_ROOT } from '../src/report/main';
import { compliantEnv, GUARDRAIL, GUARDRAIL_SCP, patch, run } from './fixtures';
import { environmentsIn } from '@secure-ml/shared/testing';

type Statement = { Sid?: string; Effect: string; Resource?: unknown; Condition?: Record<string, unknown> };
const env = compliantEnv();
const statements = GUARDRAIL.Statement as Statement[];
const withGuardrail = (edit: (s: Statement[]) => Statement[]): Env =>
  patch(env, 'guardrail', { policy: JSON.stringify({ ...GUARDRAIL, Statement: edit(statements) }) });
const editSid = (sid: string, change: (s: Statement) => Statement) =>
  withGuardrail((all) => all.map((s) => (s.Sid === sid ? change(s) : s)));
const withScp = (edit: (s: Statement[]) => Statement[]): Env => ({
  ...env,
  outputs: {
    ...env.outputs,
    guardrail: {
      ...env.outputs.guardrail,
      guardrailScp: JSON.stringify({
        ...GUARDRAIL_SCP,
        Statement: edit(GUARDRAIL_SCP.Statement as Statement[]),
      }),
    },
  },
});
const messages = (e: Env) =>
  run('IAM-7', e)
    .findings.map((f) => f.message)
    .join('\n');

/** Each deny of the fixture and the pin(s) the report must name when it is gone. */
const PINS: [string, string[]][] = [
  ['NoInternet', ['CreateNotebookInstance with direct internet access']],
  ['NoRoot', ['CreateNotebookInstance with root access']],
  ['NoRootLater', ['UpdateNotebookInstance enabling root access']],
  ['OwnSubnets', ['CreateNotebookInstance in a foreign subnet']],
  ['SomeSubnet', ['CreateNotebookInstance without a subnet']],
  ['OwnGroup', ['CreateNotebookInstance with a foreign security group']],
  ['SomeGroup', ['CreateNotebookInstance without a security group']],
  [
    'OwnLifecycle',
    [
      'CreateNotebookInstance with another lifecycle configuration',
      'UpdateNotebookInstance with another lifecycle configuration',
    ],
  ],
  ['SomeLifecycle', ['CreateNotebookInstance without a lifecycle configuration']],
  ['Imds2', ['CreateNotebookInstance allowing IMDSv1']],
  ['Imds2Later', ['UpdateNotebookInstance allowing IMDSv1']],
  ['Encrypted', ['CreateNotebookInstance with another volume key']],
  [
    'Types',
    [
      'CreateNotebookInstance with an instance type outside the list',
      'UpdateNotebookInstance with an instance type outside the list',
    ],
  ],
  [
    'NoPeopleWrites',
    [
      'CreateNotebookInstanceLifecycleConfig (its scripts run as root)',
      'UpdateNotebookInstanceLifecycleConfig (its scripts run as root)',
      'DeleteNotebookInstanceLifecycleConfig (its scripts run as root)',
      'a compliant CreateNotebookInstance',
      'a compliant UpdateNotebookInstance',
      'an UpdateNotebookInstance that sets no pinned setting (another role, no lifecycle configuration)',
      'DeleteNotebookInstance',
    ],
  ],
  [
    'OwnRoleOnly',
    [
      "iam:PassRole of another owner's notebook role (iam:ResourceTag vs aws:PrincipalTag secure-ml:owner)",
      'iam:PassRole of a notebook role without the secure-ml:owner tag',
    ],
  ],
  ['TaggedCallersOnly', ['iam:PassRole of a notebook role by a caller without the secure-ml:owner tag']],
  [
    'OwnNotebookOnly',
    [
      "sagemaker:CreatePresignedNotebookInstanceUrl on another owner's notebook (aws:ResourceTag vs aws:PrincipalTag secure-ml:owner)",
      'sagemaker:CreatePresignedNotebookInstanceUrl on a notebook without the secure-ml:owner tag',
      "sagemaker:DescribeNotebookInstance on another owner's notebook (aws:ResourceTag vs aws:PrincipalTag secure-ml:owner)",
      'sagemaker:DescribeNotebookInstance on a notebook without the secure-ml:owner tag',
      "sagemaker:StartNotebookInstance on another owner's notebook (aws:ResourceTag vs aws:PrincipalTag secure-ml:owner)",
      'sagemaker:StartNotebookInstance on a notebook without the secure-ml:owner tag',
      "sagemaker:StopNotebookInstance on another owner's notebook (aws:ResourceTag vs aws:PrincipalTag secure-ml:owner)",
      'sagemaker:StopNotebookInstance on a notebook without the secure-ml:owner tag',
    ],
  ],
  [
    'TaggedUsersOnly',
    [
      'sagemaker:CreatePresignedNotebookInstanceUrl by a caller without the secure-ml:owner tag',
      'sagemaker:DescribeNotebookInstance by a caller without the secure-ml:owner tag',
      'sagemaker:StartNotebookInstance by a caller without the secure-ml:owner tag',
      'sagemaker:StopNotebookInstance by a caller without the secure-ml:owner tag',
    ],
  ],
  [
    'OwnerTagByDeployOnly',
    [
      'iam:TagRole writing the secure-ml:owner tag (in any case of the key)',
      'iam:UntagRole writing the secure-ml:owner tag (in any case of the key)',
      'iam:TagUser writing the secure-ml:owner tag (in any case of the key)',
      'iam:CreateRole writing the secure-ml:owner tag (in any case of the key)',
      'sagemaker:AddTags writing the secure-ml:owner tag (in any case of the key)',
      'sagemaker:DeleteTags writing the secure-ml:owner tag (in any case of the key)',
    ],
  ],
  [
    'OwnerSessionTagBySamlOnly',
    ['sts:TagSession of the secure-ml:owner key outside SAML federation (AssumeRole)'],
  ],
  [
    'NoProviderWrites',
    [
      'iam:CreateSAMLProvider (an identity provider signs the owner session tag)',
      'iam:UpdateSAMLProvider (an identity provider signs the owner session tag)',
      'iam:DeleteSAMLProvider (an identity provider signs the owner session tag)',
      'iam:TagSAMLProvider (an identity provider signs the owner session tag)',
      'iam:UntagSAMLProvider (an identity provider signs the owner session tag)',
      'iam:CreateOpenIDConnectProvider (an identity provider signs the owner session tag)',
      'iam:DeleteOpenIDConnectProvider (an identity provider signs the owner session tag)',
      'iam:AddClientIDToOpenIDConnectProvider (an identity provider signs the owner session tag)',
      'iam:RemoveClientIDFromOpenIDConnectProvider (an identity provider signs the owner session tag)',
      'iam:UpdateOpenIDConnectProviderThumbprint (an identity provider signs the owner session tag)',
      'iam:TagOpenIDConnectProvider (an identity provider signs the owner session tag)',
      'iam:UntagOpenIDConnectProvider (an identity provider signs the owner session tag)',
    ],
  ],
  [
    'NoReservedRoles',
    [
      "iam:CreateRole on a role under IAM Identity Center's path /aws-reserved/sso.amazonaws.com/",
      "iam:UpdateAssumeRolePolicy on a role under IAM Identity Center's path /aws-reserved/sso.amazonaws.com/",
    ],
  ],
  [
    'OwnersFromOwnerRolesOnly',
    [
      "sagemaker:CreatePresignedNotebookInstanceUrl by an owner-tagged session of a role outside IAM Identity Center's and the owner role path (tagged from outside the account)",
      "sagemaker:StartNotebookInstance by an owner-tagged session of a role outside IAM Identity Center's and the owner role path (tagged from outside the account)",
    ],
  ],
  [
    'RoleTrustsByDeployOnly',
    [
      'iam:CreateRole on a role under the owner role path (a person would make it trust them)',
      'iam:UpdateAssumeRolePolicy on an owner role (a person would make it trust them)',
      "iam:UpdateAssumeRolePolicy on a notebook's execution role (a person would make it trust them)",
    ],
  ],
  [
    'OpenFromOfficeOnly',
    [
      'sagemaker:CreatePresignedNotebookInstanceUrl of their own notebook from 198.51.100.77, a network not configured',
      'sagemaker:CreatePresignedNotebookInstanceUrl of their own notebook with neither aws:SourceIp nor aws:SourceVpce',
      'sagemaker:CreatePresignedNotebookInstanceUrl of their own notebook through an endpoint not configured',
    ],
  ],
  [
    'NotebookRoleToNotebooks',
    [
      'iam:PassRole of a notebook execution role for anything but a notebook instance (iam:AssociatedResourceArn)',
    ],
  ],
];

describe('IAM-7', () => {
  it('passes the compliant guardrail and its SCP', () => {
    expect(run('IAM-7', env)).toMatchObject({ status: 'pass', findings: [] });
  });

  it('has a case for every deny of the fixture (none left untested)', () => {
    expect(PINS.map(([sid]) => sid)).toEqual(statements.filter((s) => s.Effect === 'Deny').map((s) => s.Sid));
  });

  describe.each(PINS)('the deny %s', (sid, pins) => {
    it.each([
      ['removed', withGuardrail((all) => all.filter((s) => s.Sid !== sid))],
      [
        "narrowed to the environment's notebooks (a NotResource widened to every role)",
        editSid(sid, (s) =>
          'NotResource' in s
            ? { ...s, NotResource: 'arn:aws:iam::*:role/*' }
            : { ...s, Resource: 'arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/sml-dev-*' },
        ),
      ],
      [
        'given a condition that never holds',
        editSid(sid, (s) => ({
          ...s,
          Condition: { ...s.Condition, StringEquals: { 'aws:PrincipalTag/never': 'set' } },
        })),
      ],
      ['removed from the SCP', withScp((all) => all.filter((s) => s.Sid !== sid))],
    ])('%s: fails, naming the pin', (_how, bad) => {
      const result = run('IAM-7', bad);
      expect(result.status).toBe('fail');
      for (const pin of pins) expect(messages(bad)).toContain(pin);
    });
  });

  it.each([
    [
      'ForAllValues instead of ForAnyValue (a mixed list of subnets passes)',
      editSid('OwnSubnets', (s) => ({
        ...s,
        Condition: { 'ForAllValues:StringNotEquals': { 'sagemaker:VpcSubnets': ['subnet-a', 'subnet-b'] } },
      })),
      'CreateNotebookInstance in a foreign subnet',
    ],
    [
      'a subnet of another VPC among the pinned ones',
      editSid('OwnSubnets', (s) => ({
        ...s,
        Condition: { 'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': ['subnet-a', 'subnet-nat'] } },
      })),
      'CreateNotebookInstance in a foreign subnet',
    ],
    [
      'another security group pinned',
      editSid('OwnGroup', (s) => ({
        ...s,
        Condition: { 'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': 'sg-open' } },
      })),
      'CreateNotebookInstance with a foreign security group',
    ],
    [
      'a wildcard lifecycle configuration',
      editSid('OwnLifecycle', (s) => ({
        ...s,
        Condition: {
          'ForAnyValue:ArnNotLike': {
            'sagemaker:NotebookInstanceLifecycleConfigArns':
              'arn:aws:sagemaker:*:*:notebook-instance-lifecycle-config/*',
          },
        },
      })),
      'CreateNotebookInstance with another lifecycle configuration',
    ],
    [
      'another key pinned',
      editSid('Encrypted', (s) => ({
        ...s,
        Condition: {
          ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': 'arn:aws:kms:eu-west-1:123456789012:key/other' },
        },
      })),
      'CreateNotebookInstance with another volume key',
    ],
    [
      'IMDS 1 accepted too',
      editSid('Imds2', (s) => ({
        ...s,
        Condition: { StringNotEquals: { 'sagemaker:MinimumInstanceMetadataServiceVersion': ['1', '2'] } },
      })),
      'CreateNotebookInstance allowing IMDSv1',
    ],
    [
      'a wildcard instance type in the SCP (the deployment could not create its notebooks)',
      withScp((all) =>
        all.map((s) =>
          s.Sid === 'Types'
            ? { ...s, Condition: { 'ForAnyValue:StringNotEquals': { 'sagemaker:InstanceTypes': ['ml.*'] } } }
            : s,
        ),
      ),
      'refuses the deployment role it exempts even a compliant CreateNotebookInstance',
    ],
    [
      'an exemption by principal in the IAM policy (the person it is attached to is exempt)',
      editSid('NoPeopleWrites', (s) => ({
        ...s,
        Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/DataScientist' } },
      })),
      'CreateNotebookInstanceLifecycleConfig (its scripts run as root)',
    ],
    [
      'the owner match written as a literal instead of the policy variable (owners locked out of starting)',
      editSid('OwnRoleOnly', (s) => ({
        ...s,
        Condition: {
          StringNotEquals: { 'iam:ResourceTag/secure-ml:owner': 'aws:PrincipalTag/secure-ml:owner' },
        },
      })),
      'refuses an owner what using their own notebook needs (StartNotebookInstance checks iam:PassRole of its role against the caller): iam:PassRole of their own notebook role to SageMaker',
    ],
    [
      'the untagged-caller deny inverted (Null "false")',
      editSid('TaggedCallersOnly', (s) => ({
        ...s,
        Condition: { Null: { 'aws:PrincipalTag/secure-ml:owner': 'false' } },
      })),
      'iam:PassRole of a notebook role by a caller without the secure-ml:owner tag',
    ],
    [
      'the owner match on the request tag, which iam:PassRole never carries',
      editSid('OwnRoleOnly', (s) => ({
        ...s,
        Condition: {
          StringEquals: { 'aws:RequestTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' },
        },
      })),
      "iam:PassRole of another owner's notebook role",
    ],
    [
      'the untagged-caller deny written with the variable (unresolvable for exactly those callers)',
      editSid('TaggedCallersOnly', (s) => ({
        ...s,
        Condition: {
          StringNotEquals: { 'aws:PrincipalTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}x' },
        },
      })),
      'iam:PassRole of a notebook role by a caller without the secure-ml:owner tag',
    ],
    [
      'the owner-tag key compared case-sensitively (Secure-ML:Owner is the same IAM tag)',
      editSid('OwnerTagByDeployOnly', (s) => ({
        ...s,
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'secure-ml:owner' } },
      })),
      'iam:TagRole writing the secure-ml:owner tag (in any case of the key)',
    ],
    [
      'the session-tag key compared case-sensitively',
      editSid('OwnerSessionTagBySamlOnly', (s) => ({
        ...s,
        Condition: {
          'ForAnyValue:StringEquals': { 'aws:TagKeys': 'secure-ml:owner' },
          Null: { 'saml:aud': 'true' },
        },
      })),
      'sts:TagSession of the secure-ml:owner key outside SAML federation (AssumeRole)',
    ],
    [
      'the owner-tag deny on the request tag only (a removal carries none)',
      editSid('OwnerTagByDeployOnly', (s) => ({
        ...s,
        Condition: { Null: { 'aws:RequestTag/secure-ml:owner': 'false' } },
      })),
      'iam:UntagRole writing the secure-ml:owner tag (in any case of the key)',
    ],
    [
      'the notebook owner judged only on tagged notebooks (an untagged notebook opens for anyone)',
      editSid('OwnNotebookOnly', (s) => ({
        ...s,
        Condition: {
          StringNotEquals: { 'aws:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' },
          Null: { 'aws:ResourceTag/secure-ml:owner': 'false' },
        },
      })),
      'sagemaker:CreatePresignedNotebookInstanceUrl on a notebook without the secure-ml:owner tag',
    ],
    [
      'the notebook owner compared with the role tag key only (a notebook request carries none)',
      editSid('OwnNotebookOnly', (s) => ({
        ...s,
        Condition: {
          StringNotEquals: { 'iam:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' },
          Null: { 'iam:ResourceTag/secure-ml:owner': 'false' },
        },
      })),
      "sagemaker:StartNotebookInstance on another owner's notebook",
    ],
    [
      'the SAML exemption dropped from the session-tag deny (IAM Identity Center could not tag sessions)',
      editSid('OwnerSessionTagBySamlOnly', (s) => ({
        ...s,
        Condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': 'secure-ml:owner' } },
      })),
      'the secure-ml:owner session tag from SAML federation (saml:aud)',
    ],
    [
      'IfExists on the associated resource (owners locked out when SageMaker names none)',
      editSid('NotebookRoleToNotebooks', (s) => ({
        ...s,
        Condition: {
          ArnNotLikeIfExists: {
            'iam:AssociatedResourceArn': 'arn:aws:sagemaker:*:123456789012:notebook-instance/*',
          },
        },
      })),
      'iam:PassRole of their own notebook role with no resource named',
    ],
    [
      'the associated resource pinned to training jobs (owners cannot start their notebook)',
      editSid('NotebookRoleToNotebooks', (s) => ({
        ...s,
        Condition: {
          ArnNotLike: { 'iam:AssociatedResourceArn': 'arn:aws:sagemaker:*:123456789012:training-job/*' },
          Null: { 'iam:AssociatedResourceArn': 'false' },
        },
      })),
      'iam:PassRole of their own notebook role for their notebook instance',
    ],
    [
      'a person opening their own notebook refused (the owner compared with a literal)',
      editSid('OwnNotebookOnly', (s) => ({
        ...s,
        Condition: {
          StringNotEquals: { 'aws:ResourceTag/secure-ml:owner': 'aws:PrincipalTag/secure-ml:owner' },
        },
      })),
      'sagemaker:CreatePresignedNotebookInstanceUrl on their own notebook',
    ],
    [
      'the SCP exempting every role by a wildcard',
      withScp((all) =>
        all.map((s) =>
          s.Sid === 'NoPeopleWrites'
            ? { ...s, Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' } } }
            : s,
        ),
      ),
      'guardrail layer: its SCP document lets a person',
    ],
  ])('fails on %s', (_what, bad, pin) => {
    expect(run('IAM-7', bad).status).toBe('fail');
    expect(messages(bad)).toContain(pin);
  });

  it('fails when the SCP exempts the deployment role from a notebook pin, not only the deployment-only denies', () => {
    const bad = withScp((all) =>
      all.map((s) =>
        s.Sid === 'NoInternet'
          ? {
              ...s,
              Condition: {
                ...s.Condition,
                ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/deployer' },
              },
            }
          : s,
      ),
    );
    expect(messages(bad)).toBe(
      'guardrail layer: its SCP document (guardrailScp) does not deny CreateNotebookInstance with direct internet access',
    );
  });

  it('fails on an SCP that denies every notebook, the deployment role included: the notebook layer could not deploy', () => {
    const bad = withScp((all) => [
      ...all,
      { Sid: 'NoNotebooks', Effect: 'Deny', Action: 'sagemaker:CreateNotebookInstance', Resource: '*' },
    ]);
    expect(messages(bad)).toBe(
      "guardrail layer: its SCP document refuses the deployment role it exempts even a compliant CreateNotebookInstance (this environment's own subnet, group, key, lifecycle configuration and instance type): the notebook layer could not deploy under it",
    );
  });

  it('fails when the guardrail layer publishes no SCP', () => {
    const bad = { ...env, outputs: { ...env.outputs, guardrail: {} } };
    expect(messages(bad)).toBe('guardrail layer: publishes no SCP document (guardrailScp)');
  });

  it('names the policy and each missing pin in one finding, with the form of each fix', () => {
    const bad = withGuardrail((all) => all.filter((s) => s.Sid !== 'OwnSubnets' && s.Sid !== 'Imds2Later'));
    expect(run('IAM-7', bad).findings).toEqual([
      {
        resource: 'guardrail (Policy)',
        urn: 'urn:pulumi:dev::secure-ml-guardrail::aws:iam/policy:Policy::guardrail',
        message:
          'guardrail (Policy): does not deny CreateNotebookInstance in a foreign subnet; UpdateNotebookInstance allowing IMDSv1',
        fix: 'add, each on Resource "*" and with no other condition: ForAnyValue:StringNotEquals sagemaker:VpcSubnets = the network layer\'s private subnets; StringNotEquals sagemaker:MinimumInstanceMetadataServiceVersion "2" (with Null "false")',
      },
    ]);
  });
});

/** The same edits on the real offline plans (Nx plans every layer before this test), in dev and prod. */
describe.each(environmentsIn(REPO_ROOT))('IAM-7 over the real %s plans', (stack) => {
  const real = loadEnvironment(REPO_ROOT, stack);
  const guardrail = real.resources.find((r) => r.layer === 'guardrail' && r.type === 'aws:iam/policy:Policy');
  const document = JSON.parse(String(guardrail?.inputs['policy'])) as { Statement: Statement[] };
  const denies = document.Statement.filter((s) => s.Effect === 'Deny' && s.Resource === '*').map(
    (s) => s.Sid,
  );
  const edit = (sid: string | undefined, change: (s: Statement) => Statement | undefined): Env => ({
    ...real,
    resources: real.resources.map((r) =>
      r === guardrail
        ? {
            ...r,
            inputs: {
              ...r.inputs,
              policy: JSON.stringify({
                ...document,
                Statement: document.Statement.flatMap((s) =>
                  s.Sid === sid ? [change(s) ?? []].flat() : [s],
                ),
              }),
            },
          }
        : r,
    ),
  });

  it('passes as planned', () => {
    expect(run('IAM-7', real).findings).toEqual([]);
  });

  it('has the fifteen denies of the guardrail on Resource "*" (the pins and the owner-tag denies; the session-tag deny is on NotResource, its mutations are in mutations.test.ts)', () => {
    expect(denies).toHaveLength(15);
  });

  it.each(denies)('fails with %s removed, or its Resource narrowed', (sid) => {
    for (const bad of [
      edit(sid, () => undefined),
      edit(sid, (s) => ({
        ...s,
        Resource: `arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/sml-${stack}-*`,
      })),
    ]) {
      const result = run('IAM-7', bad);
      expect(result.status).toBe('fail');
      expect(result.findings[0]?.message).toMatch(
        sid?.startsWith('DenyOwner')
          ? /^notebook-guardrail \(Policy\): with job-guardrail \(Policy\) beside it, lets a person \(any principal but the deployment roles\) do what only the notebook layer's deployment may: .*secure-ml:owner/
          : sid === 'DenyIdentityProviderWrites'
            ? /^notebook-guardrail \(Policy\): with job-guardrail \(Policy\) beside it, lets a person \(any principal but the deployment roles\) do what only the notebook layer's deployment may: iam:CreateSAMLProvider \(an identity provider signs the owner session tag\)/
            : /^notebook-guardrail \(Policy\): does not deny /,
      );
    }
  });
});
