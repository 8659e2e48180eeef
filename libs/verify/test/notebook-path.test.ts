import { ListRolesCommand } from '@aws-sdk/client-iam';
import { foreignTrust } from '../src/layers/notebook-path';
import { ACCOUNT, healthy, listedRole, mocks } from './support/healthy';
import { checksOf, failed, verify } from './support/run';

beforeEach(healthy);

/** A trust document as IAM returns it (URL-encoded), with one Allow of the given principal. */
const trustOf = (Principal: unknown, Action: unknown = 'sts:AssumeRole') =>
  encodeURIComponent(
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal, Action }] }),
  );

describe('the notebook role path, as IAM lists it', () => {
  it('holds only the published roles, each trusting SageMaker alone: both checks pass', async () => {
    const run = await verify('notebook');
    const path = checksOf(run.reportDir, 'notebook').filter((c) =>
      /^the notebook role path|SageMaker only$/.test(c.title),
    );
    expect(path.map((c) => [c.id, c.result, c.title])).toEqual([
      [
        'IAM-6',
        'pass',
        'the notebook role path /secure-ml/sml-dev/notebooks/ holds only the roles the notebook layer publishes',
      ],
      ['IAM-3', 'pass', 'sml-dev-notebook-alice may be assumed by SageMaker only'],
      ['IAM-3', 'pass', 'sml-dev-notebook-bob may be assumed by SageMaker only'],
      ['IAM-3', 'pass', 'sml-dev-job-alice may be assumed by SageMaker only'],
      ['IAM-3', 'pass', 'sml-dev-job-bob may be assumed by SageMaker only'],
    ]);
    expect(mocks.iam.commandCalls(ListRolesCommand)[0]?.args[0].input.PathPrefix).toBe(
      '/secure-ml/sml-dev/notebooks/',
    );
  });

  it('a role the notebook layer did not create (made beside the deployment, trusting another account) fails IAM-6 and IAM-3, naming it', async () => {
    mocks.iam.on(ListRolesCommand).resolves({
      Roles: [
        listedRole('sml-dev-notebook-alice'),
        listedRole('sml-dev-notebook-bob'),
        listedRole('sml-dev-notebook-evil', trustOf({ AWS: 'arn:aws:iam::210987654321:root' })),
      ],
      IsTruncated: false,
    });
    const run = await verify('notebook');
    expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => [c.id, c.evidence])).toEqual([
      [
        'IAM-6',
        `not published: arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-notebook-evil`,
      ],
      ['IAM-3', 'an Allow to {"AWS":"arn:aws:iam::210987654321:root"}'],
    ]);
    expect(run.code).toBe(1);
  });

  it('a published notebook role whose trust was rewritten to admit a person fails IAM-3 alone', async () => {
    mocks.iam.on(ListRolesCommand).resolves({
      Roles: [
        listedRole('sml-dev-notebook-alice'),
        listedRole(
          'sml-dev-notebook-bob',
          trustOf({ Service: 'sagemaker.amazonaws.com', AWS: `arn:aws:iam::${ACCOUNT}:role/data-scientist` }),
        ),
      ],
      IsTruncated: false,
    });
    const run = await verify('notebook');
    expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => [c.id, c.title])).toEqual([
      ['IAM-3', 'sml-dev-notebook-bob may be assumed by SageMaker only'],
    ]);
  });

  it('reads every page of the list: a stranger on the second page is found', async () => {
    mocks.iam
      .on(ListRolesCommand)
      .resolvesOnce({ Roles: [listedRole('sml-dev-notebook-alice')], IsTruncated: true, Marker: 'page-2' })
      .resolvesOnce({
        Roles: [listedRole('sml-dev-notebook-bob'), listedRole('sml-dev-notebook-carol')],
        IsTruncated: false,
      });
    const run = await verify('notebook');
    expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => c.evidence)).toEqual([
      `not published: arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-notebook-carol`,
    ]);
    expect(mocks.iam.commandCalls(ListRolesCommand).map((c) => c.args[0].input.Marker)).toEqual([
      undefined,
      'page-2',
    ]);
  });
});

describe('what a notebook role trust may admit', () => {
  it('SageMaker alone, by sts:AssumeRole: nothing to report', () => {
    expect(foreignTrust(decodeURIComponent(trustOf({ Service: 'sagemaker.amazonaws.com' })))).toEqual([]);
  });

  it.each([
    ['every principal', '*', 'an Allow to "*"'],
    [
      'another service beside SageMaker',
      { Service: ['sagemaker.amazonaws.com', 'ec2.amazonaws.com'] },
      'an Allow to {"Service":["sagemaker.amazonaws.com","ec2.amazonaws.com"]}',
    ],
    [
      'a federated identity',
      { Federated: 'cognito-identity.amazonaws.com' },
      'an Allow to {"Federated":"cognito-identity.amazonaws.com"}',
    ],
    ['no service at all', { Service: [] }, 'an Allow to {"Service":[]}'],
  ])('%s: reported', (_what, principal, problem) => {
    expect(foreignTrust(decodeURIComponent(trustOf(principal)))).toEqual([problem]);
  });

  it('an action beside sts:AssumeRole (tagging or web identity) is reported', () => {
    expect(
      foreignTrust(
        decodeURIComponent(
          trustOf({ Service: 'sagemaker.amazonaws.com' }, [
            'sts:AssumeRole',
            'sts:AssumeRoleWithWebIdentity',
          ]),
        ),
      ),
    ).toEqual(['actions sts:AssumeRole sts:AssumeRoleWithWebIdentity (only sts:AssumeRole)']);
  });

  it('an Allow with NotPrincipal is reported', () => {
    const document = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    expect(foreignTrust(document)).toEqual(['an Allow with NotPrincipal', 'an Allow to null']);
  });

  it('a Deny statement admits no one and is not reported', () => {
    const document = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' },
      ],
    });
    expect(foreignTrust(document)).toEqual([]);
  });
});
