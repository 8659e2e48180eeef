import { policyProblems } from './support/hygiene';
import {
  ACCOUNT,
  key,
  planSecurity,
  registeredPolicies,
  REGION,
  type Document,
  type PolicyKind,
  type RegisteredPolicy,
} from './support/plan';

const ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;
const ECR = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/ml/base`;

/** The checked-in stacks, and dev with every optional setting on, so that optional statements are checked too. */
const VARIANTS: [string, string, Record<string, string>][] = [
  ['dev', 'dev', {}],
  ['prod', 'prod', {}],
  [
    'dev with key administrators and ECR pull',
    'dev',
    {
      [key('keyAdministratorArns')]: JSON.stringify([ADMIN]),
      [key('ecrPullRepositoryArns')]: JSON.stringify([ECR]),
    },
  ],
];

describe.each(VARIANTS)('every policy the %s plan registers', (_label, stack, config) => {
  let policies: RegisteredPolicy[];
  beforeAll(async () => {
    policies = registeredPolicies(await planSecurity(stack, config));
  });

  it('is found: two key policies, two trust policies, three managed and two inline policies (the notebook roles live in packages/notebook, the guardrail in packages/guardrail)', () => {
    const count = (kind: PolicyKind) => policies.filter((p) => p.kind === kind).length;
    expect([count('key'), count('trust'), count('identity')]).toEqual([2, 2, 5]);
  });

  it('has no wildcard principal, no * or service:* action, no Decrypt on *, no unconditioned PassRole or service grant', () => {
    expect(policies.flatMap(policyProblems)).toEqual([]);
  });
});

/** The checker must be able to fail: each rule, broken once. */
describe('the policy checker', () => {
  const doc = (...Statement: Document['Statement']): Document => ({ Version: '2012-10-17', Statement });
  const policy = (kind: PolicyKind, document: Document): RegisteredPolicy => ({
    resource: 'test',
    kind,
    document,
  });

  it.each<[string, PolicyKind, Document, string]>([
    [
      'a wildcard principal',
      'key',
      doc({ Sid: 'S', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }),
      'wildcard principal',
    ],
    [
      'Principal "*"',
      'key',
      doc({ Sid: 'S', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }),
      'wildcard principal',
    ],
    [
      '* on *',
      'identity',
      doc({ Sid: 'S', Effect: 'Allow', Action: '*', Resource: '*' }),
      'allows every action',
    ],
    [
      'service:*',
      'identity',
      doc({ Sid: 'S', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' }),
      'allows s3:*',
    ],
    [
      'kms:Decrypt on *',
      'identity',
      doc({ Sid: 'S', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }),
      'allows kms:Decrypt on *',
    ],
    [
      'kms:ReEncryptFrom on *',
      'identity',
      doc({ Sid: 'S', Effect: 'Allow', Action: ['kms:ReEncryptFrom'], Resource: ['*'] }),
      'allows kms:ReEncryptFrom on *',
    ],
    [
      'PassRole without PassedToService',
      'identity',
      doc({ Sid: 'S', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::1:role/r' }),
      'IAM-5',
    ],
    [
      'an unconditioned service trust',
      'trust',
      doc({
        Sid: 'S',
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
      'without a scoping condition',
    ],
    [
      'an unconditioned service key grant',
      'key',
      doc({
        Sid: 'S',
        Effect: 'Allow',
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Action: 'kms:Encrypt',
        Resource: '*',
      }),
      'without a scoping condition',
    ],
    [
      'NotAction in an Allow',
      'identity',
      doc({ Sid: 'S', Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }),
      'NotAction',
    ],
  ])('reports %s', (_name, kind, document, message) => {
    expect(policyProblems(policy(kind, document)).join('\n')).toContain(message);
  });

  it('accepts a scoped service grant in a key policy and a resourceless action on * in an identity policy', () => {
    const scoped = doc({
      Sid: 'A',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:1:trail/t' } },
    });
    expect(policyProblems(policy('key', scoped))).toEqual([]);
    expect(
      policyProblems(
        policy(
          'identity',
          doc({ Sid: 'B', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
        ),
      ),
    ).toEqual([]);
  });
});
