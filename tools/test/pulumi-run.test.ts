import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LAYER_NAMES } from '@secure-ml/shared/layers';
import { REPO_ROOT } from './support/repo-root';
import { copyTools, SCRATCH_NODE_PATH } from './support/scratch-tools';
import { prepare as decide, type Facts, type Plan } from '../src/pulumi/run';

/** What the wrapper decided, with every field of a plan and of a refusal readable. */
const prepare = (facts: Facts) => decide(facts) as Partial<Plan> & { error?: string; skip?: string };

// The wrapper is run for real (node tools/pulumi/run.js) in a copy of the repository's layout, against a fake
// `pulumi` and a fake `aws` on PATH that record every call: no test needs the CLI, and none writes into the repo.
// The fakes (support/fake-cli/) are bash scripts, not Node.js ones: a node start costs about 90 ms, and one run of
// the wrapper calls them up to five times. The JSON they print is written here (fakeAnswers).
const FAKE_CLI = join(__dirname, 'support', 'fake-cli');

interface Call {
  args: string[];
  backend: string | null;
  fallback: string | null;
}

let root: string;
let bin: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sml-run-'));
  copyTools(root);
  mkdirSync(join(root, 'libs', 'posture'), { recursive: true });
  cpSync(
    join(REPO_ROOT, 'libs', 'posture', 'PulumiPolicy.yaml'),
    join(root, 'libs', 'posture', 'PulumiPolicy.yaml'),
  );
  for (const layer of LAYER_NAMES)
    for (const file of ['Pulumi.yaml', 'Pulumi.dev.yaml', 'Pulumi.prod.yaml'])
      cpSync(join(REPO_ROOT, 'packages', layer, file), join(root, 'packages', layer, file));
  // A copy, so that a test may remove the fake pulumi.
  bin = join(root, 'fake-bin');
  cpSync(FAKE_CLI, bin, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const SALT = 'encryptionsalt: v1:c2FsdHNhbHQ=:v1:AAAAAAAAAAAAAAAA:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB==';

/**
 * What the fakes print for the FAKE_* settings of a run: the login of FAKE_LOGIN (`pulumi whoami --json`), the
 * stacks of FAKE_STACKS, comma-separated (`pulumi stack ls --json`), and the caller of FAKE_AWS_ACCOUNT
 * (`aws sts get-caller-identity`).
 */
function fakeAnswers(env: Record<string, string>): Record<string, string> {
  const names = (env['FAKE_STACKS'] || '').split(',').filter(Boolean);
  const account = env['FAKE_AWS_ACCOUNT'] ?? '';
  return {
    FAKE_WHOAMI_JSON: JSON.stringify({ user: 'someone', url: env['FAKE_LOGIN'] }),
    FAKE_STACKS_JSON: JSON.stringify(names.map((name) => ({ name, current: false }))),
    FAKE_AWS_IDENTITY_JSON: JSON.stringify({
      UserId: 'AROAEXAMPLE:me',
      Account: account,
      Arn: `arn:aws:sts::${account}:assumed-role/Deployer/me`,
    }),
  };
}

/** The calls the fake pulumi recorded (support/fake-cli/pulumi): NUL-ended fields, a call's argument count first. */
function callsOf(log: string): Call[] {
  const fields = readFileSync(log, 'utf8').split('\0');
  const calls: Call[] = [];
  const value = (field: string | undefined) => (field ? field.slice(1) : null);
  for (let i = 0; i < fields.length - 1;) {
    const count = Number(fields[i]);
    calls.push({
      args: fields.slice(i + 3, i + 3 + count),
      backend: value(fields[i + 1]),
      fallback: value(fields[i + 2]),
    });
    i += 3 + count;
  }
  return calls;
}

/** Runs the copied wrapper; `env` replaces the environment entirely (plus PATH and the fakes' log). */
function run(argv: string[], env: Record<string, string> = {}) {
  const log = join(root, 'calls.log');
  writeFileSync(log, '');
  const settings = {
    PATH: `${bin}:${dirname(process.execPath)}`,
    NODE_PATH: SCRATCH_NODE_PATH,
    FAKE_LOG: log,
    PULUMI_CONFIG_PASSPHRASE: 'correct horse',
    FAKE_AWS_ACCOUNT: '123456789012',
    ...env,
  };
  const result = spawnSync(process.execPath, [join(root, 'tools', 'pulumi', 'run.js'), ...argv], {
    encoding: 'utf8',
    env: { ...settings, ...fakeAnswers(settings) },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls: callsOf(log) };
}
const verbs = (calls: Call[]) => calls.map((c) => c.args.slice(0, 2).join(' '));
const withSalt = (layer: string, stack = 'dev') =>
  writeFileSync(
    join(root, 'packages', layer, `Pulumi.${stack}.yaml`),
    `${SALT}\n${readFileSync(join(root, 'packages', layer, `Pulumi.${stack}.yaml`), 'utf8')}`,
  );

describe('the backend (item 3: never override a login)', () => {
  it('uses the repository file backend only when the CLI reports no login', () => {
    withSalt('network');
    const { status, calls } = run(['up', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    expect(status).toBe(0);
    expect(verbs(calls)).toEqual(['version', 'whoami --json', 'stack ls', 'up --yes']);
    expect(calls[3]?.backend).toBe(`file://${join(root, '.pulumi-state')}`);
  });

  it('refuses when the CLI is logged in elsewhere and PULUMI_BACKEND_URL is unset, naming both backends', () => {
    const { status, stderr, calls } = run(['up', 'network', 'dev'], {
      FAKE_LOGIN: 's3://acme-pulumi-state',
      FAKE_STACKS: 'dev',
    });
    expect(status).toBe(1);
    expect(stderr).toContain("export PULUMI_BACKEND_URL='s3://acme-pulumi-state'");
    expect(stderr).toContain(`export PULUMI_BACKEND_URL='file://${join(root, '.pulumi-state')}'`);
    expect(verbs(calls)).toEqual(['version', 'whoami --json']);
  });

  it('takes PULUMI_BACKEND_URL as given, without asking the CLI for its login', () => {
    withSalt('network');
    const { status, calls } = run(['preview', 'network', 'dev'], {
      PULUMI_BACKEND_URL: 's3://acme-pulumi-state',
      FAKE_LOGIN: 'https://api.pulumi.com',
      FAKE_STACKS: 'organization/secure-ml-network/dev',
    });
    expect(status).toBe(0);
    expect(verbs(calls)).toEqual(['version', 'stack ls', 'preview --diff']);
    expect(calls[2]?.backend).toBe('s3://acme-pulumi-state');
  });
});

describe('deploy previews first (item 2)', () => {
  it('runs up --yes --diff with the policy pack, never --skip-preview', () => {
    withSalt('network');
    const { calls } = run(['up', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    const up = calls[3]?.args ?? [];
    expect(up.slice(0, 3)).toEqual(['up', '--yes', '--diff']);
    expect(up).not.toContain('--skip-preview');
    expect(up).toEqual(expect.arrayContaining(['--policy-pack', join(root, 'libs', 'posture')]));
  });

  it('returns the status of a failed up (the CLI fails it when the preview finds a mandatory violation)', () => {
    withSalt('network');
    expect(run(['up', 'network', 'dev'], { FAKE_STACKS: 'dev', FAKE_EXIT_UP: '255' }).status).toBe(255);
  });
});

describe('stacks are created by deploy only (item 7) and their secrets settings kept (item 1)', () => {
  it('creates a missing stack on up, then says to commit the secrets settings Pulumi wrote', () => {
    const { status, stderr, calls } = run(['up', 'network', 'dev'], { FAKE_INIT_WRITES: SALT });
    expect(status).toBe(0);
    expect(verbs(calls)).toEqual(['version', 'whoami --json', 'stack ls', 'stack init', 'up --yes']);
    expect(stderr).toContain(
      'NEW STACK network (dev): Pulumi wrote its secrets settings (encryptionsalt) into packages/network/Pulumi.dev.yaml. Commit that file',
    );
  });

  it('creates a stack with the KMS secrets provider the team chose', () => {
    const { calls } = run(['up', 'network', 'dev'], {
      SECURE_ML_SECRETS_PROVIDER: 'awskms://alias/sml-pulumi?region=eu-west-1',
      PULUMI_CONFIG_PASSPHRASE: '',
      FAKE_INIT_WRITES: 'secretsprovider: awskms://alias/sml-pulumi?region=eu-west-1\nencryptedkey: AQICAHh=',
    });
    expect(calls[3]?.args.slice(0, 3)).toEqual(['stack', 'init', 'dev']);
    expect(calls[3]?.args.slice(-2)).toEqual([
      '--secrets-provider',
      'awskms://alias/sml-pulumi?region=eu-west-1',
    ]);
  });

  it('stops before deploying when the new stack file has no secrets settings', () => {
    const { status, stderr, calls } = run(['up', 'network', 'dev'], {});
    expect(status).toBe(1);
    expect(stderr).toContain('has no secrets settings (encryptionsalt, or secretsprovider and encryptedkey)');
    expect(verbs(calls)).not.toContain('up --yes');
  });

  it('never creates a stack on a CI runner, which would throw the new settings away', () => {
    const { status, stderr, calls } = run(['up', 'network', 'dev'], { CI: 'true', FAKE_INIT_WRITES: SALT });
    expect(status).toBe(1);
    expect(stderr).toContain('this is a CI runner');
    expect(verbs(calls)).toEqual(['version', 'whoami --json', 'stack ls']);
  });

  it.each(['preview', 'drift', 'refresh', 'destroy'])(
    '%s of a missing stack says to deploy first and creates nothing',
    (verb) => {
      const { status, stderr, calls } = run([verb, 'logging', 'dev'], { FAKE_INIT_WRITES: SALT });
      expect(status).toBe(1);
      expect(stderr).toContain(
        `logging (dev) has no stack in file://${join(root, '.pulumi-state')}: ${verb} never creates one. Deploy it first (npx nx run logging:deploy -c dev`,
      );
      expect(verbs(calls)).toEqual(['version', 'whoami --json', 'stack ls']);
    },
  );

  it('refuses an existing stack whose file lost its secrets settings, with the command that restores them', () => {
    const { status, stderr, calls } = run(['preview', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    expect(status).toBe(1);
    expect(stderr).toContain(
      'packages/network/Pulumi.dev.yaml has no secrets settings (encryptionsalt, or secretsprovider and encryptedkey), but the stack dev exists in',
    );
    expect(stderr).toContain(
      'PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER=true pulumi preview --stack dev --cwd packages/network',
    );
    expect(verbs(calls)).toEqual(['version', 'whoami --json', 'stack ls']);
  });

  it('runs every command with the fallback to the state secrets manager on', () => {
    withSalt('network');
    const { calls } = run(['preview', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    expect(calls.filter((c) => c.args[0] === 'preview').map((c) => c.fallback)).toEqual(['true']);
  });
});

describe('the account is pinned (item 5)', () => {
  it('refuses credentials of another account than the one the stack file pins, naming both', () => {
    withSalt('network', 'prod');
    const { status, stderr, calls } = run(['up', 'network', 'prod'], {
      FAKE_STACKS: 'prod',
      FAKE_AWS_ACCOUNT: '111122223333',
    });
    expect(status).toBe(1);
    expect(stderr).toContain(
      'packages/network/Pulumi.prod.yaml pins account 123456789012 (secure-ml:accountId), but the credentials are arn:aws:sts::111122223333:assumed-role/Deployer/me of account 111122223333: refusing to up network (prod) in the wrong account.',
    );
    expect(verbs(calls)).not.toContain('up --yes');
  });

  it('says which account, region and backend it is about to change', () => {
    withSalt('network');
    const { stdout } = run(['up', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    expect(stdout).toContain(
      `up network (dev) in account 123456789012 (credentials arn:aws:sts::123456789012:assumed-role/Deployer/me), region eu-west-1, state in file://${join(root, '.pulumi-state')}.`,
    );
  });

  it('names the file, line and fix of a stack file that is not YAML, with no stack trace, before any call', () => {
    const file = join(root, 'packages', 'network', 'Pulumi.dev.yaml');
    writeFileSync(file, `${SALT}\nconfig:\n  aws:region: eu-west-1\n  aws:region: eu-west-2\n`);
    const { status, stderr, calls } = run(['up', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(
      /^Invalid configuration in packages\/network\/Pulumi\.dev\.yaml \(1 problem\):\n {2}- line 4, key aws:region: duplicated mapping key\. Fix: keep one entry for this key\nNothing was run\.$/,
    );
    expect(calls.filter((c) => c.args[0] === 'up')).toEqual([]);
  });

  it('refuses a stack file that pins no account', () => {
    const file = join(root, 'packages', 'network', 'Pulumi.dev.yaml');
    writeFileSync(file, `${SALT}\n${readFileSync(file, 'utf8').replace(/^\s*secure-ml:accountId:.*$/m, '')}`);
    const { status, stderr } = run(['up', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    expect(status).toBe(1);
    expect(stderr).toContain(
      "packages/network/Pulumi.dev.yaml does not pin the environment's account: set secure-ml:accountId",
    );
  });

  it('hands the policy pack what one stack cannot tell it, with the pinned account (NET-7), from the stack files', () => {
    withSalt('network', 'prod');
    run(['preview', 'network', 'prod'], { FAKE_STACKS: 'prod' });
    const config = JSON.parse(readFileSync(join(root, 'dist', 'policy-config', 'network-prod.json'), 'utf8'));
    expect(config).toEqual({
      'kms-2': { protectedStacks: ['prod'] },
      'dur-1': { protectedStacks: ['prod'] },
      'net-3': { egressEnabled: false },
      'net-4': { allowedCidrs: [] },
      'net-6': {
        // The prod example lists the two ECR endpoints its SageMaker jobs need (secure-ml-network:jobs).
        endpointServices: [
          'sagemaker.api',
          'sagemaker.runtime',
          'sts',
          'logs',
          'monitoring',
          'kms',
          'ecr.api',
          'ecr.dkr',
        ],
      },
      'iam-3': { accountId: '123456789012' },
      'iam-6': { accountId: '123456789012' },
      'kms-3': { accountId: '123456789012' },
      'kms-4': { accountId: '123456789012' },
      'kms-5': { accountId: '123456789012' },
      'net-7': { accountId: '123456789012' },
      'log-5': { accountId: '123456789012' },
      'log-15': { accountId: '123456789012' },
      's3-7': { accountId: '123456789012' },
      // NB-12 and JOB-1 ask as a notebook's role ARN, which a bucket policy may name.
      'nb-12': { accountId: '123456789012' },
      'log-9': { alertAddressConfigured: false },
      'nb-10': { ownerSourceCidrs: ['203.0.113.0/24'] },
      'nb-11': { ownerSourceCidrs: ['203.0.113.0/24'] },
      // prod's notebook stack file turns jobs on and leaves network isolation required.
      'job-1': { jobsEnabled: true, accountId: '123456789012' },
      'job-2': { jobsEnabled: true },
      'job-3': { jobsEnabled: true },
      'job-4': { jobsEnabled: true, jobNetworkIsolation: true },
      'iam-7': { jobNetworkIsolation: true },
    });
    withSalt('network');
    run(['preview', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    const dev = JSON.parse(readFileSync(join(root, 'dist', 'policy-config', 'network-dev.json'), 'utf8'));
    expect(dev['kms-2']).toEqual({ protectedStacks: [] });
    expect(dev['dur-1']).toEqual({ protectedStacks: [] });
  });
});

describe('the other refusals and verbs', () => {
  it('fails fast with install instructions when the pulumi CLI is missing', () => {
    rmSync(join(bin, 'pulumi'));
    const { status, stderr } = run(['up', 'network', 'dev']);
    expect(status).toBe(1);
    expect(stderr).toContain('The pulumi CLI was not found on PATH.');
    expect(stderr).toContain('https://www.pulumi.com/docs/iac/download-install/');
  });

  it('reports and skips a layer that has no config for the environment', () => {
    const { status, stderr, calls } = run(['up', 'network', 'staging']);
    expect(status).toBe(0);
    expect(stderr).toContain(
      'SKIPPED network (staging): packages/network/Pulumi.staging.yaml does not exist, so this layer has no staging environment.',
    );
    expect(calls).toEqual([]);
  });

  it('refuses a self-managed passphrase stack without a passphrase', () => {
    withSalt('network');
    const { status, stderr } = run(['up', 'network', 'dev'], {
      FAKE_STACKS: 'dev',
      PULUMI_CONFIG_PASSPHRASE: '',
    });
    expect(status).toBe(1);
    expect(stderr).toContain('neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set');
  });

  it('refuses to preview without the policy pack', () => {
    withSalt('network');
    rmSync(join(root, 'libs', 'posture', 'PulumiPolicy.yaml'));
    const { status, stderr } = run(['preview', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    expect(status).toBe(1);
    expect(stderr).toContain('The posture policy pack is missing');
  });

  it('drifts with a refresh and --expect-no-changes, without the policy pack', () => {
    withSalt('network', 'prod');
    const { calls } = run(['drift', 'network', 'prod'], { FAKE_STACKS: 'prod' });
    expect(calls[3]?.args).toEqual([
      'preview',
      '--refresh',
      '--diff',
      '--expect-no-changes',
      '--stack',
      'prod',
      '--non-interactive',
      '--cwd',
      join(root, 'packages', 'network'),
    ]);
  });

  it('cancels a stuck update on the same backend, without credentials for the account', () => {
    const { status, calls } = run(['cancel', 'network', 'dev'], { FAKE_STACKS: 'dev', FAKE_AWS_ACCOUNT: '' });
    expect(status).toBe(0);
    expect(calls[3]?.args).toEqual([
      'cancel',
      '--yes',
      '--stack',
      'dev',
      '--non-interactive',
      '--cwd',
      join(root, 'packages', 'network'),
    ]);
  });

  it('removes an empty stack at the end of a teardown, keeping the checked-in stack file', () => {
    const { status, calls } = run(['remove', 'network', 'dev'], { FAKE_STACKS: 'dev' });
    expect(status).toBe(0);
    expect(calls[3]?.args).toEqual([
      'stack',
      'rm',
      '--yes',
      '--preserve-config',
      '--stack',
      'dev',
      '--non-interactive',
      '--cwd',
      join(root, 'packages', 'network'),
    ]);
  });

  it('hands verify an existing stack to select, on the same backend, after the account check', () => {
    withSalt('network');
    const plan = prepare({
      verb: 'verify',
      layer: 'network',
      stack: 'dev',
      env: { PULUMI_CONFIG_PASSPHRASE: 'x' },
      projectDir: join(root, 'packages', 'network'),
      cliFound: true,
      backend: 's3://acme-pulumi-state',
      stackExists: true,
      caller: { account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/Reader/me' },
    });
    expect(plan.select).toEqual([
      'stack',
      'select',
      'dev',
      '--non-interactive',
      '--cwd',
      join(root, 'packages', 'network'),
    ]);
    expect(plan.command).toBeUndefined();
    expect(plan.env?.['PULUMI_BACKEND_URL']).toBe('s3://acme-pulumi-state');
    expect(run(['verify', 'logging', 'dev']).stderr).toContain('logging (dev) has no stack in');
  });

  it('names every verb when given an unknown one', () => {
    const { status, stderr } = run(['drfit', 'network', 'dev']);
    expect(status).toBe(1);
    expect(stderr).toContain(
      'unknown verb drfit: expected one of preview, up, refresh, destroy, drift, verify, cancel, remove',
    );
  });
});
