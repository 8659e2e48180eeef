import * as fc from 'fast-check';
import { ConfigError } from '@secure-ml/shared';
import { ECR_REPOSITORY_ARN, KEY_ADMINISTRATOR_ARN } from '../src/settings';
import { ACCOUNT, key, planSecurity } from './support/plan';

/** The ConfigError a plan with these config overrides fails with. */
async function configError(config: Record<string, string>): Promise<ConfigError> {
  const error: unknown = await planSecurity('dev', config).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('security settings', () => {
  it('defaults to a 30-day window, no key administrators and no ECR pull', async () => {
    const plan = await planSecurity('dev');
    expect(plan.resources.find((r) => r.name === 'data-key')?.inputs['deletionWindowInDays']).toBe(30);
    expect(JSON.stringify(plan.resources)).not.toMatch(/KeyAdministrators|ecr:/);
  });

  it.each([
    ['6', 'secure-ml-security:deletionWindowDays = "6": expected an integer from 7 to 30.'],
    ['31', 'secure-ml-security:deletionWindowDays = "31": expected an integer from 7 to 30.'],
    ['thirty', 'secure-ml-security:deletionWindowDays = "thirty": expected an integer from 7 to 30.'],
    ['7.5', 'secure-ml-security:deletionWindowDays = "7.5": expected an integer from 7 to 30.'],
  ])('rejects deletionWindowDays %s, naming the fix', async (value, message) => {
    const { message: text } = await configError({ [key('deletionWindowDays')]: value });
    expect(text).toContain(message);
    expect(text).toContain(
      "Fix: pulumi config set secure-ml-security:deletionWindowDays '30' --stack dev --cwd packages/security",
    );
  });

  it.each([
    ['a wildcard', `arn:aws:iam::${ACCOUNT}:role/*`],
    ['the account root', `arn:aws:iam::${ACCOUNT}:root`],
    ['a short account ID', 'arn:aws:iam::1234:role/KeyAdmin'],
    ['a group (not a principal)', `arn:aws:iam::${ACCOUNT}:group/Admins`],
    ['a bare role name', 'KeyAdmin'],
    ['an STS session', `arn:aws:sts::${ACCOUNT}:assumed-role/KeyAdmin/me`],
  ])('rejects a key administrator that is %s', async (_what, arn) => {
    const { message } = await configError({
      [key('keyAdministratorArns')]: JSON.stringify([`arn:aws:iam::${ACCOUNT}:role/Fine`, arn]),
    });
    expect(message).toContain('secure-ml-security:keyAdministratorArns = "[');
    expect(message).toContain(`(invalid item(s) ${JSON.stringify([arn])})`);
    expect(message).toContain('expected a list of IAM role or user ARNs without wildcards');
  });

  it('rejects key administrators given as one string instead of a list', async () => {
    const { message } = await configError({
      [key('keyAdministratorArns')]: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`,
    });
    expect(message).toContain('(not a list)');
  });

  it('rejects an ECR repository with a wildcard or of another service', async () => {
    const bad = [`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/*`, `arn:aws:s3:::${ACCOUNT}-images`];
    const { message } = await configError({ [key('ecrPullRepositoryArns')]: JSON.stringify(bad) });
    expect(message).toContain(`(invalid item(s) ${JSON.stringify(bad)})`);
    expect(message).toContain('ECR repository ARNs without wildcards');
  });

  it('rejects a package-mirror account that is not a 12-digit account ID, naming the item', async () => {
    const { message } = await configError({
      [key('packageMirrorAccounts')]: JSON.stringify(['111122223333', '*', '1234']),
    });
    expect(message).toContain('secure-ml-security:packageMirrorAccounts = "[');
    expect(message).toContain('(invalid item(s) ["*","1234"])');
    expect(message).toContain('expected a list of 12-digit AWS account IDs');
  });

  it('reports every problem at once, with unknown keys, before any resource exists', async () => {
    const error = await configError({
      [key('deletionWindowDays')]: '0',
      [key('keyAdministratorArns')]: '["*"]',
      [key('ecrPull')]: 'true',
    });
    expect(error.problems).toHaveLength(3);
    expect(error.message).toContain(
      'Invalid configuration in packages/security/Pulumi.dev.yaml (3 problems)',
    );
    expect(error.message).toContain('secure-ml-security:ecrPull is not a known setting (a typo?)');
  });
});

describe('ARN patterns', () => {
  const name = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
  const path = fc
    .array(fc.stringMatching(/^[\w+=,.@-]{1,16}$/), { maxLength: 3 })
    .map((parts) => parts.map((p) => `${p}/`).join(''));
  const account = fc.stringMatching(/^\d{12}$/);
  const partition = fc.constantFrom('aws', 'aws-us-gov', 'aws-cn');

  it('accepts every role or user ARN IAM can produce', () => {
    fc.assert(
      fc.property(
        partition,
        account,
        fc.constantFrom('role', 'user'),
        path,
        name,
        (p, a, kind, prefix, n) => {
          expect(KEY_ADMINISTRATOR_ARN.test(`arn:${p}:iam::${a}:${kind}/${prefix}${n}`)).toBe(true);
        },
      ),
    );
  });

  it('rejects any key administrator or ECR ARN with a wildcard in it', () => {
    fc.assert(
      fc.property(account, name, fc.constantFrom('*', '?'), fc.nat(64), (a, n, wildcard, at) => {
        const i = at % (n.length + 1);
        const named = `${n.slice(0, i)}${wildcard}${n.slice(i)}`;
        expect(KEY_ADMINISTRATOR_ARN.test(`arn:aws:iam::${a}:role/${named}`)).toBe(false);
        expect(ECR_REPOSITORY_ARN.test(`arn:aws:ecr:eu-west-1:${a}:repository/${named.toLowerCase()}`)).toBe(
          false,
        );
      }),
    );
  });
});
