import { join } from 'node:path';
import { REPO_ROOT } from '@secure-ml/shared/testing';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepare, INSTALL_HELP } = require('../pulumi/run') as {
  prepare(args: {
    verb: string;
    layer: string;
    stack: string;
    env: Record<string, string | undefined>;
    projectDir: string;
    cliFound: boolean;
    accountId?: string;
    policyPack?: string;
  }): {
    error?: string;
    policyConfigFile?: string;
    policyConfig?: Record<string, Record<string, unknown>>;
    skip?: string;
    backend?: string;
    select?: string[];
    command?: string[];
    env?: Record<string, string>;
  };
  INSTALL_HELP: string;
};

const projectDir = join(REPO_ROOT, 'packages', 'network');
const base = {
  verb: 'up',
  layer: 'network',
  stack: 'dev',
  projectDir,
  cliFound: true,
  accountId: '123456789012',
  env: { PULUMI_CONFIG_PASSPHRASE: 'x' },
};

describe('the Pulumi wrapper (real deploy path)', () => {
  it('fails fast with install instructions when the pulumi CLI is missing', () => {
    expect(prepare({ ...base, cliFound: false })).toEqual({ error: INSTALL_HELP });
    expect(INSTALL_HELP).toContain('https://www.pulumi.com/docs/iac/download-install/');
  });

  it('reports and skips a layer that has no config for the environment, instead of failing silently', () => {
    const plan = prepare({ ...base, stack: 'staging' });
    expect(plan.error).toBeUndefined();
    expect(plan.skip).toBe(
      'SKIPPED network (staging): packages/network/Pulumi.staging.yaml does not exist, so this layer has no staging environment. Create it (copy Pulumi.dev.yaml) to deploy network to staging.',
    );
  });

  it('refuses a self-managed backend without a passphrase or KMS secrets provider, naming both fixes', () => {
    expect(prepare({ ...base, env: {} }).error).toMatch(
      /neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set.*KMS secrets provider/,
    );
    expect(
      prepare({ ...base, env: { SECURE_ML_SECRETS_PROVIDER: 'awskms://alias/pulumi' } }).error,
    ).toBeUndefined();
  });

  it('runs non-interactively against the file backend at the repo root by default, with the policy pack on up', () => {
    const plan = prepare(base);
    expect(plan.backend).toBe(`file://${join(REPO_ROOT, '.pulumi-state')}`);
    expect(plan.env?.['PULUMI_BACKEND_URL']).toBe(plan.backend);
    expect(plan.select).toEqual([
      'stack',
      'select',
      '--create',
      'dev',
      '--non-interactive',
      '--cwd',
      projectDir,
    ]);
    expect(plan.command?.slice(0, 8)).toEqual([
      'up',
      '--yes',
      '--skip-preview',
      '--stack',
      'dev',
      '--non-interactive',
      '--cwd',
      projectDir,
    ]);
  });

  it('hands the policy pack what one stack cannot tell it, from the same stack files the offline report reads', () => {
    const plan = prepare({ ...base, stack: 'prod' });
    const file = join(REPO_ROOT, 'dist', 'policy-config', 'network-prod.json');
    expect(plan.command).toEqual(expect.arrayContaining(['--policy-pack-config', file]));
    expect(plan.policyConfigFile).toBe(file);
    expect(plan.policyConfig).toEqual({
      'kms-2': { protectedStacks: ['prod'] },
      'net-3': { egressEnabled: false },
      'net-6': {
        endpointServices: ['sagemaker.api', 'sagemaker.runtime', 'sts', 'logs', 'monitoring', 'kms'],
      },
      'iam-3': { accountId: '123456789012' },
      'kms-5': { accountId: '123456789012' },
      'net-7': { accountId: '123456789012' },
      'log-5': { accountId: '123456789012' },
      'log-15': { accountId: '123456789012' },
      's3-7': { accountId: '123456789012' },
      'log-9': { alertAddressConfigured: false },
    });
    expect(prepare({ ...base, stack: 'dev' }).policyConfig?.['kms-2']).toEqual({ protectedStacks: [] });
  });

  it('refuses to preview or deploy when the account is unknown, since NET-7 could not check endpoint policies', () => {
    const { accountId: _unknown, ...noAccount } = base;
    expect(prepare(noAccount).error).toMatch(
      /^The policy pack needs the target account .*SECURE_ML_AWS_ACCOUNT/,
    );
    expect(prepare({ ...noAccount, verb: 'destroy' }).error).toBeUndefined();
  });

  it('keeps a backend the user chose', () => {
    expect(prepare({ ...base, env: { PULUMI_BACKEND_URL: 'https://api.pulumi.com' } }).backend).toBe(
      'https://api.pulumi.com',
    );
  });

  it('refuses to preview or deploy when the policy pack is missing, instead of going ahead unchecked', () => {
    for (const verb of ['preview', 'up']) {
      expect(prepare({ ...base, verb, policyPack: join(REPO_ROOT, 'no-such-pack') }).error).toBe(
        `The posture policy pack is missing (${join(REPO_ROOT, 'no-such-pack', 'PulumiPolicy.yaml')}); refusing to ${verb} network (dev) without it.`,
      );
    }
    expect(prepare({ ...base, verb: 'up' }).command).toContain('--policy-pack');
  });

  it('destroys without the policy pack and without a preview prompt', () => {
    expect(prepare({ ...base, verb: 'destroy' }).command).toEqual([
      'destroy',
      '--yes',
      '--stack',
      'dev',
      '--non-interactive',
      '--cwd',
      projectDir,
    ]);
  });
});

describe('the drift verb (scheduled drift check)', () => {
  it('selects an existing stack and never creates one', () => {
    expect(prepare({ ...base, verb: 'drift' }).select).toEqual([
      'stack',
      'select',
      'dev',
      '--non-interactive',
      '--cwd',
      projectDir,
    ]);
  });

  it('previews with a refresh from the cloud and fails on any proposed change, without the policy pack', () => {
    expect(prepare({ ...base, verb: 'drift', stack: 'prod' }).command).toEqual([
      'preview',
      '--refresh',
      '--diff',
      '--expect-no-changes',
      '--stack',
      'prod',
      '--non-interactive',
      '--cwd',
      projectDir,
    ]);
  });

  it('is refused like the other verbs without the CLI, and skips a layer with no config for the environment', () => {
    expect(prepare({ ...base, verb: 'drift', cliFound: false })).toEqual({ error: INSTALL_HELP });
    expect(prepare({ ...base, verb: 'drift', stack: 'staging' }).skip).toMatch(
      /^SKIPPED network \(staging\): packages\/network\/Pulumi\.staging\.yaml does not exist/,
    );
  });

  it('is listed among the verbs an unknown verb is told about', () => {
    expect(prepare({ ...base, verb: 'drfit' }).error).toBe(
      'unknown verb drfit: expected one of preview, up, refresh, destroy, drift, verify',
    );
  });
});
