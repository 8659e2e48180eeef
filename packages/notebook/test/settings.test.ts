import { ConfigError } from '@secure-ml/shared';
import { NOTEBOOK_INSTANCE_TYPES } from '@secure-ml/shared/catalogue';
import { crossSettingProblems } from '../src/settings';
import { hookOf, planNotebook } from './plan';

const NS = 'secure-ml-notebook';
const planWith = (config: Record<string, string>) => planNotebook('dev', config);

describe('notebook config validation', () => {
  it.each([
    ['instanceType', 'ml.p4d.24xlarge', 'one of ml.t3.medium'],
    ['instanceType', 't3.medium', 'one of ml.t3.medium'],
    ['volumeSizeGb', '4', 'an integer from 5 to 16384'],
    ['volumeSizeGb', '16385', 'an integer from 5 to 16384'],
    ['idleMinutes', '9', 'an integer from 10 to 1440'],
    ['idleMinutes', '1441', 'an integer from 10 to 1440'],
    ['pipIndexUrl', 'http://pypi.example.internal/simple/', 'an https:// URL'],
    ['pipIndexUrl', 'https://user:secret@pypi.example.internal/simple/', 'without credentials'],
    ['pipIndexUrl', "https://pypi.example.internal/'; rm -rf /", 'without credentials or quotes'],
    ['condaChannelUrl', 'ftp://conda.example.internal/', 'an https:// URL'],
    ['breakGlassRoleArn', 'arn:aws:iam::123456789012:user/admin', 'an IAM role ARN'],
    ['breakGlassRoleArn', 'secure-ml-break-glass', 'an IAM role ARN'],
    ['codeArtifactDomainOwner', '1234', 'a 12-digit AWS account ID'],
  ])('%s = %j is refused, naming the key, the value and what is allowed', async (key, value, allowed) => {
    const run = planWith({ [`${NS}:${key}`]: value });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(`${NS}:${key} = ${JSON.stringify(value)}`);
    await expect(run).rejects.toThrow(allowed);
    await expect(run).rejects.toThrow(`Fix: pulumi config set ${NS}:${key}`);
  });

  it('lists every problem at once', async () => {
    const run = planWith({ [`${NS}:idleMinutes`]: '5', [`${NS}:volumeSizeGb`]: '0', [`${NS}:typo`]: 'x' });
    await expect(run).rejects.toThrow(/3 problems/);
    await expect(run).rejects.toThrow(`${NS}:typo is not a known setting`);
  });

  it.each([['ml.t3.medium'], ['ml.g5.2xlarge']])(
    'accepts %s and the bounds 5 / 16384 GB and 10 / 1440 minutes',
    async (type) => {
      for (const [volume, idle] of [
        ['5', '10'],
        ['16384', '1440'],
      ] as const) {
        const plan = await planWith({
          [`${NS}:instanceType`]: type,
          [`${NS}:volumeSizeGb`]: volume,
          [`${NS}:idleMinutes`]: idle,
        });
        expect(hookOf(plan, 'onStart')).toContain(`export SECURE_ML_IDLE_MINUTES='${idle}'`);
      }
    },
  );

  it('allows only ml.* instance types', () => {
    expect(NOTEBOOK_INSTANCE_TYPES.every((t) => /^ml\.[a-z0-9]+\.[a-z0-9]+$/.test(t))).toBe(true);
  });

  describe('settings that go together', () => {
    it.each([
      [{ codeArtifactDomain: 'ml-packages' }, 'secure-ml-notebook:codeArtifactRepository is unset'],
      [{ codeArtifactRepository: 'pypi-store' }, 'secure-ml-notebook:codeArtifactDomain is unset'],
      [{ codeArtifactDomainOwner: '123456789012' }, 'set without secure-ml-notebook:codeArtifactDomain'],
      [
        { codeArtifactDomain: 'd1', codeArtifactRepository: 'r1', pipIndexUrl: 'https://p.example/simple/' },
        "both configure pip's index",
      ],
    ])('%j is refused', async (settings, message) => {
      expect(crossSettingProblems(settings, 'dev').join('\n')).toContain(message);
      const config = Object.fromEntries(Object.entries(settings).map(([k, v]) => [`${NS}:${k}`, v]));
      await expect(planWith(config)).rejects.toThrow(message);
    });

    it('accepts a complete CodeArtifact mirror, or a pip index alone, or none', () => {
      expect(
        crossSettingProblems(
          { codeArtifactDomain: 'd1', codeArtifactRepository: 'r1', codeArtifactDomainOwner: '123456789012' },
          'dev',
        ),
      ).toEqual([]);
      expect(crossSettingProblems({ pipIndexUrl: 'https://p.example/simple/' }, 'dev')).toEqual([]);
      expect(crossSettingProblems({}, 'dev')).toEqual([]);
    });
  });

  // One plan per test: three plans in one test ran past Jest's per-test timeout on a loaded machine.
  it('puts a configured mirror into the on-start hook', async () => {
    const withMirror = await planWith({ [`${NS}:pipIndexUrl`]: 'https://pypi.example.internal/simple/' });
    expect(hookOf(withMirror, 'onStart')).toContain(
      "export SECURE_ML_PIP_INDEX_URL='https://pypi.example.internal/simple/'",
    );
  });

  it.each(['dev', 'prod'])('puts no mirror into the on-start hook of %s by default', async (stack) => {
    const hook = hookOf(await planNotebook(stack), 'onStart');
    expect(hook).toContain("export SECURE_ML_PIP_INDEX_URL=''");
    expect(hook).toContain("export SECURE_ML_CODEARTIFACT_DOMAIN=''");
  });
});
