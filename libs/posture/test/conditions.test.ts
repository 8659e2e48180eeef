import {
  alwaysHolds,
  canHold,
  conditionHolds,
  denyingStatements,
  grantingStatements,
  onBehalfOfAnotherAccount,
  ordinaryPrincipalOutsideEndpoint,
  type ContextValue,
} from '../src/conditions';
import { statementsOf } from '../src/policy-document';

/**
 * The condition evaluator against the rules of the IAM user guide ("Condition operators", "Set operators for
 * multivalued context keys"), one row per rule: operator, policy values, the request's value (undefined: the key
 * is absent), and whether the condition holds, written out.
 */
const CASES: [string, string[], ContextValue, boolean][] = [
  ['StringEquals', ['111122223333'], ['111122223333'], true],
  ['StringEquals', ['111122223333'], ['444455556666'], false],
  ['StringEquals', ['111122223333'], undefined, false],
  ['StringEquals', ['a', 'b'], ['b'], true],
  ['StringEquals', ['Abc'], ['abc'], false],
  ['StringEqualsIgnoreCase', ['Abc'], ['abc'], true],
  ['StringNotEquals', ['111122223333'], ['444455556666'], true],
  ['StringNotEquals', ['111122223333'], ['111122223333'], false],
  ['StringNotEquals', ['111122223333'], undefined, true],
  ['StringNotEquals', ['a', 'b'], ['b'], false],
  ['StringLike', ['*'], ['444455556666'], true],
  ['StringLike', ['*'], undefined, false],
  ['StringLike', ['arn:aws:s3:::b-?'], ['arn:aws:s3:::b-1'], true],
  ['StringLike', ['arn:aws:s3:::b-?'], ['arn:aws:s3:::b-12'], false],
  ['StringNotLike', ['vpce-*'], undefined, true],
  ['StringNotLike', ['vpce-*'], ['vpce-1'], false],
  ['StringEqualsIfExists', ['111122223333'], undefined, true],
  ['StringEqualsIfExists', ['111122223333'], ['444455556666'], false],
  ['StringNotEqualsIfExists', ['vpce-1'], undefined, true],
  ['StringNotEqualsIfExists', ['vpce-1'], ['vpce-1'], false],
  [
    'ArnLike',
    ['arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*'],
    ['arn:aws:cloudwatch:eu-west-1:111122223333:alarm:x'],
    true,
  ],
  [
    'ArnLike',
    ['arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*'],
    ['arn:aws:cloudwatch:eu-west-1:444455556666:alarm:x'],
    false,
  ],
  ['ArnLike', ['arn:aws:sagemaker:*:111122223333:*'], undefined, false],
  ['ArnLikeIfExists', ['arn:aws:sagemaker:*:111122223333:*'], undefined, true],
  [
    'ArnEquals',
    ['arn:aws:cloudtrail:eu-west-1:111122223333:trail/t'],
    ['arn:aws:cloudtrail:eu-west-1:111122223333:trail/t'],
    true,
  ],
  ['ArnNotLike', ['arn:aws:iam::111122223333:role/breakglass'], undefined, true],
  ['Bool', ['false'], ['false'], true],
  ['Bool', ['false'], ['true'], false],
  ['Bool', ['false'], undefined, false],
  ['BoolIfExists', ['false'], undefined, true],
  ['Null', ['true'], undefined, true],
  ['Null', ['true'], ['x'], false],
  ['Null', ['false'], ['x'], true],
  ['Null', ['false'], undefined, false],
  ['NumericLessThan', ['10'], ['9'], true],
  ['NumericLessThan', ['10'], ['10'], false],
  ['IpAddress', ['10.0.0.0/8'], ['10.1.2.3'], true],
  ['IpAddress', ['10.0.0.0/8'], ['11.1.2.3'], false],
  ['NotIpAddress', ['10.0.0.0/8'], ['11.1.2.3'], true],
  ['ForAllValues:StringEquals', ['a', 'b'], ['a', 'b'], true],
  ['ForAllValues:StringEquals', ['a', 'b'], ['a', 'c'], false],
  ['ForAllValues:StringEquals', ['a'], undefined, true],
  ['ForAllValues:StringEquals', ['a'], [], true],
  ['ForAnyValue:StringEquals', ['a'], ['c', 'a'], true],
  ['ForAnyValue:StringEquals', ['a'], ['c'], false],
  ['ForAnyValue:StringEquals', ['a'], undefined, false],
  ['ForAllValues:StringNotEquals', ['a'], ['b', 'c'], true],
  ['ForAllValues:StringNotEquals', ['a'], ['b', 'a'], false],
  ['ForAnyValue:StringNotLike', ['a*'], ['ab', 'c'], true],
  ['NoSuchOperator', ['a'], ['a'], false],
];

describe('conditionHolds', () => {
  it('has one row per rule', () => expect(CASES).toHaveLength(50));
  it.each(CASES)('%s %j against %j is %s', (op, values, ctx, holds) => {
    expect(conditionHolds(op, values, ctx)).toBe(holds);
  });
});

const ACCOUNT = '111122223333';
const trust = (Condition: object) =>
  statementsOf({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition,
      },
    ],
  })[0]!;

describe('a request on behalf of another account', () => {
  const scoped: [string, object, boolean][] = [
    ['StringEquals aws:SourceAccount = ours', { StringEquals: { 'aws:SourceAccount': ACCOUNT } }, true],
    [
      'StringEquals aws:SourceAccount = another account',
      { StringEquals: { 'aws:SourceAccount': '444455556666' } },
      false,
    ],
    [
      'StringNotEquals aws:SourceAccount = ours (inverted)',
      { StringNotEquals: { 'aws:SourceAccount': ACCOUNT } },
      false,
    ],
    ['StringLike aws:SourceAccount *', { StringLike: { 'aws:SourceAccount': '*' } }, false],
    [
      'StringEqualsIfExists aws:SourceAccount = ours',
      { StringEqualsIfExists: { 'aws:SourceAccount': ACCOUNT } },
      false,
    ],
    [
      'ArnLikeIfExists aws:SourceArn alone',
      { ArnLikeIfExists: { 'aws:SourceArn': `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/*` } },
      false,
    ],
    [
      'ArnLike aws:SourceArn in our account',
      { ArnLike: { 'aws:SourceArn': `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/*` } },
      true,
    ],
    [
      'ArnLike aws:SourceArn with the account a wildcard',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:*:trail/sml-dev-trail' } },
      false,
    ],
    [
      'SourceAccount ours and SourceArn only if sent',
      {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLikeIfExists: { 'aws:SourceArn': `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/*` },
      },
      true,
    ],
    ['Null aws:SourceAccount false (present, any value)', { Null: { 'aws:SourceAccount': 'false' } }, false],
  ];
  it('has one row per way of writing the scope', () => expect(scoped).toHaveLength(10));
  it.each(scoped)('%s: scoped to our account is %s', (_what, condition, isScoped) => {
    const s = trust(condition);
    expect(canHold(s.conditions, onBehalfOfAnotherAccount(s.conditions, ACCOUNT))).toBe(!isScoped);
  });
});

const BUCKET = 'arn:aws:s3:::sml-dev-data-111122223333-eu-west-1';
const perimeter = (Condition: object) =>
  statementsOf({
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject*',
        Resource: [BUCKET, `${BUCKET}/*`],
        Condition,
      },
    ],
  });
const get = {
  principal: `arn:aws:iam::${ACCOUNT}:role/someone`,
  action: 's3:GetObject',
  resource: `${BUCKET}/a`,
};

describe('a deny of requests from outside the endpoint', () => {
  const kinds = ordinaryPrincipalOutsideEndpoint(ACCOUNT);
  const cases: [string, object, boolean][] = [
    [
      'StringNotEqualsIfExists aws:SourceVpce, services exempt',
      {
        StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
      true,
    ],
    ['StringNotEquals aws:SourceVpce', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, true],
    ['StringEquals aws:SourceVpce (inverted)', { StringEquals: { 'aws:SourceVpce': 'vpce-1' } }, false],
    [
      'one more ANDed condition nobody sends',
      {
        StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' },
        StringEquals: { 'aws:PrincipalTag/never': 'set' },
      },
      false,
    ],
    [
      'one more ANDed condition that holds for every ordinary principal',
      {
        StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' },
        ArnNotLikeIfExists: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/breakglass` },
      },
      true,
    ],
    [
      'applies only when sent through some endpoint',
      { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' }, Null: { 'aws:SourceVpce': 'false' } },
      false,
    ],
  ];
  it('has one row per shape', () => expect(cases).toHaveLength(6));
  it.each(cases)('%s: always refuses is %s', (_what, condition, refuses) => {
    expect(denyingStatements(perimeter(condition), get, kinds)).toHaveLength(refuses ? 1 : 0);
  });
});

describe('can principal P do A on R', () => {
  const admin = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;
  const policy = (denied: string[]) =>
    statementsOf({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: ['kms:Decrypt', 'kms:Encrypt'],
          Resource: '*',
        },
        { Effect: 'Deny', Principal: { AWS: [admin] }, Action: denied, Resource: '*' },
      ],
    });
  const req = (action: string) => ({ principal: admin, action, resource: '*' });
  it('a deny of the action wins over the account-root allow', () => {
    expect(grantingStatements(policy(['kms:Decrypt', 'kms:Encrypt']), req('kms:Encrypt'), [{}])).toHaveLength(
      0,
    );
  });
  it('an action left out of the deny is granted through the account root', () => {
    expect(grantingStatements(policy(['kms:Decrypt']), req('kms:Encrypt'), [{}])).toHaveLength(1);
  });
  it('a deny with a condition the sender controls does not always refuse', () => {
    const s = statementsOf({
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: admin },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    });
    expect(denyingStatements(s, req('kms:Decrypt'), [{}])).toHaveLength(0);
    expect(alwaysHolds(s[0]!.conditions, { 'aws:multifactorauthpresent': [['false']] })).toBe(true);
  });
});
