import fc from 'fast-check';
import { ConfigError } from '@secure-ml/shared';
import { lifecycleProblems } from '../src/lifecycle';
import { CLOUDWATCH_RETENTION_DAYS, loggingSettings } from '../src/settings';
import { planLogging } from './support/plan';

const KEY = (name: string) => `secure-ml-logging:${name}`;

/** The ConfigError a plan with these settings fails with. */
async function configError(config: Record<string, string>): Promise<ConfigError> {
  const error: unknown = await planLogging({ config }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigError)) throw new Error(`Expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('log retention setting', () => {
  it.each(['364', '366', '30', '0', 'abc', '-365', '365.5'])(
    'rejects %s, naming the key, the value, what is allowed and the fix',
    async (value) => {
      const error = await configError({ [KEY('logRetentionDays')]: value });
      expect(error.problems).toHaveLength(1);
      expect(error.message).toContain(`${KEY('logRetentionDays')} = ${JSON.stringify(value)}:`);
      expect(error.message).toContain(
        'expected one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
      );
      expect(error.message).toContain(
        `Fix: pulumi config set ${KEY('logRetentionDays')} '365' --stack dev --cwd packages/logging`,
      );
    },
  );

  it('accepts exactly the CloudWatch values of at least 365 days (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 4000 }), (days) => {
        const parsed = loggingSettings.logRetentionDays.parse(String(days));
        const expected = days >= 365 && (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days);
        return parsed.ok === expected && (!parsed.ok || parsed.value === days);
      }),
    );
  });

  it('defaults to 365 days', () => {
    expect(loggingSettings.logRetentionDays.default).toBe(365);
  });
});

describe('alert e-mail setting', () => {
  it.each([
    'secops@example.com',
    'first.last+alerts@security.example.co.uk',
    'SOC_team-1@sub-domain.example.org',
  ])('accepts %s', (address) => {
    expect(loggingSettings.alertEmail.parse(address)).toEqual({ ok: true, value: address });
  });

  it.each([
    'secops',
    'secops@',
    '@example.com',
    'sec ops@example.com',
    'secops@example',
    'secops@example.c',
    'secops@-example.com',
    'a@b@example.com',
    'secops@example.com ',
  ])('rejects %j', (address) => {
    expect(loggingSettings.alertEmail.parse(address).ok).toBe(false);
  });

  it('reports a malformed address with the key, the value and an example', async () => {
    const error = await configError({ [KEY('alertEmail')]: 'secops-at-example.com' });
    expect(error.message).toContain(`${KEY('alertEmail')} = "secops-at-example.com"`);
    expect(error.message).toContain('expected an e-mail address such as secops@example.com, or unset');
  });

  it('is optional: unset means no subscription', () => {
    expect(loggingSettings.alertEmail.default).toBeUndefined();
  });
});

describe('lifecycle settings', () => {
  it.each([
    ['logTransitionDays', '29', 'an integer from 30 to 3650'],
    ['logExpirationDays', '364', 'an integer from 365 to 3653'],
    ['noncurrentVersionExpirationDays', '0', 'an integer from 1 to 3650'],
  ])('rejects %s = %s', async (name, value, allowed) => {
    const error = await configError({ [KEY(name)]: value });
    expect(error.message).toContain(`${KEY(name)} = "${value}": expected ${allowed}`);
  });

  it('rejects logs that would expire before they transition, naming both keys and the fix', async () => {
    const error = await configError({ [KEY('logTransitionDays')]: '400', [KEY('logExpirationDays')]: '400' });
    expect(error.problems).toEqual([
      expect.stringContaining(
        `${KEY('logExpirationDays')} = 400 is not later than ${KEY('logTransitionDays')} = 400`,
      ),
    ]);
    expect(error.message).toContain(
      `Fix: pulumi config set ${KEY('logExpirationDays')} '401' --stack dev --cwd packages/logging`,
    );
  });

  it('rejects noncurrent versions that outlive current ones, together with every other problem', async () => {
    const error = await configError({
      [KEY('logTransitionDays')]: '500',
      [KEY('logExpirationDays')]: '400',
      [KEY('noncurrentVersionExpirationDays')]: '401',
    });
    expect(error.problems).toHaveLength(2);
    expect(error.message).toMatch(
      /^Invalid configuration in packages\/logging\/Pulumi\.dev\.yaml \(2 problems\)/,
    );
    expect(error.message).toContain(
      `${KEY('noncurrentVersionExpirationDays')} = 401 is longer than ${KEY('logExpirationDays')} = 400`,
    );
  });

  it('finds a problem exactly when expiry is not after transition or noncurrent outlives current (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 3650 }),
        fc.integer({ min: 365, max: 3653 }),
        fc.integer({ min: 1, max: 3650 }),
        (transition, expiration, noncurrent) => {
          const problems = lifecycleProblems(
            { transitionDays: transition, expirationDays: expiration, noncurrentDays: noncurrent },
            'dev',
          );
          return problems.length === Number(expiration <= transition) + Number(noncurrent > expiration);
        },
      ),
    );
  });
});

describe('all settings at once', () => {
  it('reports every invalid setting in one error, unknown keys included', async () => {
    const error = await configError({
      [KEY('logRetentionDays')]: '90',
      [KEY('alertEmail')]: 'nobody',
      [KEY('retentionDays')]: '365',
    });
    expect(error.problems).toHaveLength(3);
    expect(error.message).toContain(`${KEY('retentionDays')} is not a known setting`);
  });

  it('accepts both checked-in stack files', async () => {
    await expect(planLogging({ stack: 'dev' })).resolves.toBeDefined();
    await expect(planLogging({ stack: 'prod' })).resolves.toBeDefined();
  });
});
