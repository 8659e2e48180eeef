import { runPreflight } from '../src/preflight';
import { validatePolicy } from '../src/preflight/policy-validation';
import { T } from '../src/resources';
import { byName, editing, json, planned } from './preflight-support';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[], extra: object = {}) => ({
  Sid: 'S',
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});

describe('policy validation against the Service Authorization Reference (as Access Analyzer validates)', () => {
  it('knows the global keys with a tag after the slash (aws:PrincipalTag/<key>), and no made-up global key', () => {
    const passing = (Condition: Record<string, Record<string, string>>) =>
      validatePolicy(
        doc({
          Sid: 'P',
          Effect: 'Deny',
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::123456789012:role/r',
          Condition,
        }),
        'identity',
      );
    expect(passing({ Null: { 'aws:PrincipalTag/secure-ml:owner': 'true' } })).toEqual([]);
    expect(passing({ Null: { 'aws:PrincipalTagged/secure-ml:owner': 'true' } })).toEqual([
      expect.stringContaining('aws:PrincipalTagged/secure-ml:owner is not a condition key of the reference'),
    ]);
  });

  it('accepts documents AWS accepts: identity, key policy with a service principal, trust', () => {
    expect(
      validatePolicy(
        doc(
          allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*'),
          allow('logs:DescribeLogGroups', '*'),
          allow('kms:CreateGrant', 'arn:aws:kms:eu-west-1:123456789012:key/abc', {
            Condition: {
              Bool: { 'kms:GrantIsForAWSResource': 'true' },
              StringEquals: { 'kms:ViaService': 'sagemaker.eu-west-1.amazonaws.com' },
            },
          }),
          allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/*', {
            Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/x' } },
          }),
        ),
        'identity',
      ),
    ).toEqual([]);
    expect(
      validatePolicy(
        doc({
          Sid: 'K',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: {
            StringLike: {
              'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:123456789012:trail/t',
            },
          },
        }),
        'key',
      ),
    ).toEqual([]);
  });

  it('knows the global tag keys by their prefix, as the reference lists them (aws:RequestTag/tag-key)', () => {
    const tagged = (key: string) =>
      validatePolicy(
        doc(
          allow('sagemaker:CreateTrainingJob', 'arn:aws:sagemaker:eu-west-1:123456789012:training-job/*', {
            Condition: { StringEquals: { [key]: 'alice' } },
          }),
        ),
        'identity',
      );
    expect(tagged('aws:RequestTag/secure-ml:notebook-id')).toEqual([]);
    expect(tagged('aws:ResourceTag/secure-ml:notebook-id')).toEqual([]);
    expect(tagged('aws:RequestTagg/secure-ml:notebook-id')).toEqual([
      'statement S: aws:RequestTagg/secure-ml:notebook-id is not a condition key of the reference',
    ]);
  });

  it('knows the SAML federation keys, which the reference lists under AWS STS, on the actions that carry them', () => {
    const federated = (action: string, key: string) =>
      validatePolicy(
        doc({
          Sid: 'S',
          Effect: 'Deny',
          Action: action,
          Resource: '*',
          Condition: { Null: { [key]: 'true' } },
        }),
        'identity',
      );
    expect(federated('sts:TagSession', 'saml:aud')).toEqual([]);
    expect(federated('sts:TagSession', 'saml:audience')).toEqual([
      'statement S: saml:audience is not a condition key of the reference',
    ]);
    expect(federated('iam:TagRole', 'saml:aud')).toEqual([
      'statement S: saml:aud applies to none of iam:TagRole: the condition can never hold',
    ]);
  });

  it.each([
    [
      'an action that does not exist',
      doc(allow('s3:GetObjects', 'arn:aws:s3:::b/*')),
      's3:GetObjects: no action of s3 matches it',
    ],
    [
      'a service that does not exist',
      doc(allow('sagemakr:StopNotebookInstance', '*')),
      'no service "sagemakr"',
    ],
    [
      'a wildcard that matches no action',
      doc(allow('kms:Frobnicate*', '*')),
      'kms:Frobnicate*: no action of kms matches it',
    ],
    [
      'a condition key that does not exist',
      doc(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'kms:ViaServices': 'x' } } })),
      'kms:ViaServices is not a condition key',
    ],
    [
      'a condition key that applies to no action of its statement (a Deny that never fires)',
      doc({
        Sid: 'D',
        Effect: 'Deny',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      }),
      's3:x-amz-server-side-encryption applies to none of kms:Decrypt',
    ],
    [
      'an ARN that fits no resource type of the actions',
      doc(allow('s3:GetObject', 'arn:aws:s3:::bucket-without-object-path')),
      'fits no resource type of s3:GetObject',
    ],
    [
      'an action that takes only "*" given an ARN',
      doc(allow('logs:DescribeLogGroups', 'arn:aws:logs:eu-west-1:123456789012:log-group:g')),
      'logs:DescribeLogGroups accepts only Resource "*"',
    ],
    [
      'an operator that does not exist',
      doc(allow('kms:Decrypt', '*', { Condition: { StringEqualz: { 'aws:SourceAccount': '1' } } })),
      'StringEqualz is not a condition operator',
    ],
    [
      'Null with IfExists',
      doc(allow('kms:Decrypt', '*', { Condition: { NullIfExists: { 'aws:SourceAccount': 'true' } } })),
      'NullIfExists is not a condition operator',
    ],
    [
      'Bool with a value that is not true or false',
      doc(allow('kms:Decrypt', '*', { Condition: { Bool: { 'aws:SecureTransport': 'yes' } } })),
      'needs "true" or "false"',
    ],
    [
      'a numeric operator on a non-number',
      doc(
        allow('kms:Decrypt', '*', { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'soon' } } }),
      ),
      'needs numbers',
    ],
    [
      'an ARN operator with a value that is no ARN',
      doc(allow('kms:Decrypt', '*', { Condition: { ArnLike: { 'aws:SourceArn': 'trail/x' } } })),
      'needs ARNs',
    ],
    [
      'a Bool operator on a string key',
      doc(allow('kms:Decrypt', '*', { Condition: { Bool: { 'aws:SourceAccount': 'true' } } })),
      'Bool values, but aws:SourceAccount is of type String',
    ],
    [
      'a set operator on a single-valued key',
      doc(
        allow('kms:Decrypt', '*', {
          Condition: { 'ForAnyValue:StringEquals': { 'aws:SourceAccount': '123456789012' } },
        }),
      ),
      'is a set operator, but aws:SourceAccount is single-valued',
    ],
    [
      'a Principal in an identity policy',
      doc(allow('kms:Decrypt', '*', { Principal: { AWS: '123456789012' } })),
      'an identity policy takes no Principal',
    ],
    [
      'a malformed AWS principal',
      doc({
        Sid: 'P',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::12345:root' },
        Action: 'kms:Decrypt',
        Resource: '*',
      }),
      'AWS principal arn:aws:iam::12345:root is malformed',
    ],
    [
      'a malformed service principal',
      doc({
        Sid: 'P',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail' },
        Action: 'kms:Decrypt',
        Resource: '*',
      }),
      'service principal cloudtrail is malformed',
    ],
    ['no Version', { Statement: [allow('kms:Decrypt', '*')] }, 'Version must be "2012-10-17"'],
  ])('refuses %s', (_what, document, message) => {
    const kind =
      JSON.stringify(document).includes('"Principal"') && !_what.includes('identity') ? 'key' : 'identity';
    expect(validatePolicy(document, kind).join('\n')).toContain(message);
  });

  it('refuses a resource policy statement without a Principal', () => {
    expect(validatePolicy(doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')), 'bucket').join('\n')).toContain(
      'a bucket policy statement needs a Principal',
    );
  });
});

describe('policy documents of the plan are validated, and their sizes held to AWS limits', () => {
  const env = planned('dev');

  it('reports an unknown action in a planned role policy, naming the resource', () => {
    const bad = editing(
      env,
      (r) => r.type === T.rolePolicy && r.name === 'alice-runtime',
      (i) => {
        const d = JSON.parse(String(i['policy'])) as { Statement: Record<string, unknown>[] };
        d.Statement.push({
          Sid: 'Typo',
          Effect: 'Allow',
          Action: 'sagemaker:StopNotebookInstances',
          Resource: '*',
        });
        return { ...i, policy: json(d) };
      },
    );
    const found = runPreflight(bad).filter((f) => f.rule === 'POLICY-VALID');
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'alice-runtime (RolePolicy) policy: statement Typo: sagemaker:StopNotebookInstances: no action of sagemaker matches it',
      ),
    ]);
  });

  const padded = (statements: number) =>
    json({
      Version: '2012-10-17',
      Statement: Array.from({ length: statements }, (_, i) => ({
        Sid: `Pad${i}`,
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${'b'.repeat(40)}/${'k'.repeat(40)}-${i}`,
      })),
    });

  it.each([
    [
      'a managed policy over 6144 characters',
      byName(T.policy, 'notebook-guardrail'),
      'policy',
      60,
      'managed policy is',
    ],
    ['a key policy over 32 KB', byName(T.key, 'data-key'), 'policy', 300, 'key policy is'],
    [
      'a bucket policy over 20 KB',
      (r: { type: string }) => r.type === T.bucketPolicy,
      'policy',
      200,
      'bucket policy is',
    ],
    [
      'a trust policy over 2048 characters',
      byName(T.role, 'flow-logs-role'),
      'assumeRolePolicy',
      25,
      'trust policy is',
    ],
  ] as const)('reports %s', (_what, match, field, n, message) => {
    const bad = editing(env, match, (i) => ({ ...i, [field]: padded(n) }));
    expect(
      runPreflight(bad)
        .filter((f) => f.rule === 'POLICY-SIZE')
        .map((f) => f.message)
        .join('\n'),
    ).toContain(message);
  });

  it("reports a role's inline policies over 10240 characters together, though each is under it", () => {
    const bad = editing(
      env,
      (r) => r.type === T.rolePolicy && r.name === 'flow-logs-delivery',
      (i) => ({ ...i, policy: padded(80) }),
    );
    const again = {
      ...bad,
      resources: [
        ...bad.resources,
        {
          ...bad.resources.find((r) => r.type === T.rolePolicy && r.name === 'flow-logs-delivery')!,
          name: 'second',
          urn: 'urn:second',
        },
      ],
    };
    expect(
      runPreflight(again)
        .filter((f) => f.rule === 'POLICY-SIZE')
        .map((f) => f.message)
        .join('\n'),
    ).toContain('inline policies together is');
  });
});
