/**
 * Who may assume a notebook's role, decided by simulation against the trust policy the plan registers: SageMaker
 * for that notebook (or without saying which, IfExists: the form that cannot lock SageMaker out), never for
 * another notebook, another environment, another account, nor another service.
 */
import { ACCOUNT, decide, ENVS, find, parse, type Document } from './support/deployment';
import { planNotebook, T } from './plan';

const OTHER_ACCOUNT = '210987654321';
const notebookArn = (name: string, account = ACCOUNT) =>
  `arn:aws:sagemaker:eu-west-1:${account}:notebook-instance/${name}`;

describe.each(ENVS)("%s: the trust of alice's notebook role (simulated)", (env) => {
  let trust: Document;
  let roleArn: string;
  beforeAll(async () => {
    const plan = await planNotebook(env);
    const role = find(plan, T.role, (r) => r.name === 'alice-role', "alice's role");
    trust = parse(role, 'assumeRolePolicy');
    roleArn = `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${env}/notebooks/sml-${env}-notebook-alice`;
  });
  const own = `sml-${env}-notebook-alice`;
  const assume = (principal: string, context: Record<string, string>) =>
    decide({ principal, action: 'sts:AssumeRole', resource: roleArn, context }, { resource: trust });

  it.each([
    ['for its own notebook', { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': notebookArn(own) }],
    ['without naming the notebook (the ARN is checked only when sent)', { 'aws:SourceAccount': ACCOUNT }],
    ['sending neither key (IfExists: the form that cannot lock SageMaker out)', {}],
  ])('SageMaker assumes it %s: Allowed', async (_what, context) => {
    expect(await assume('sagemaker.amazonaws.com', context)).toBe('Allowed');
  });

  it.each([
    [
      "for bob's notebook",
      { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': notebookArn(`sml-${env}-notebook-bob`) },
    ],
    [
      "for the other environment's alice",
      {
        'aws:SourceAccount': ACCOUNT,
        'aws:SourceArn': notebookArn(`sml-${env === 'dev' ? 'prod' : 'dev'}-notebook-alice`),
      },
    ],
    ['for another account, without naming the notebook', { 'aws:SourceAccount': OTHER_ACCOUNT }],
    ["naming another account's notebook only", { 'aws:SourceArn': notebookArn(own, OTHER_ACCOUNT) }],
  ])('SageMaker assumes it %s: ImplicitlyDenied', async (_what, context) => {
    expect(await assume('sagemaker.amazonaws.com', context)).toBe('ImplicitlyDenied');
  });

  it('EC2 assumes it: ImplicitlyDenied', async () => {
    expect(await assume('ec2.amazonaws.com', { 'aws:SourceAccount': ACCOUNT })).toBe('ImplicitlyDenied');
  });
});
