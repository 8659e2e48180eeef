#!/usr/bin/env node
// The real path: `node tools/pulumi/run.js <preview|up|refresh|destroy|drift> <layer> <stack>` (Nx targets preview,
// deploy, refresh, destroy). Runs the Pulumi CLI non-interactively in packages/<layer> against the stack named
// after the environment, with the posture policy pack on preview and up. Fails fast, before touching any
// state, when something the CLI needs is missing.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { ROOT, parseArgs } = require('./layers');

const VERBS = {
  preview: ['preview', '--diff'],
  up: ['up', '--yes', '--skip-preview'],
  refresh: ['refresh', '--yes'],
  destroy: ['destroy', '--yes'],
  // Drift: refresh from the cloud first (a plain preview compares the program with the state only), then fail
  // on any proposed change. No policy pack: drift is about the cloud, the posture is checked on every change.
  drift: ['preview', '--refresh', '--diff', '--expect-no-changes'],
  // Verify: no Pulumi command; the checks of libs/verify run in this process against the stack's outputs and AWS
  // (tools/pulumi/verify.js). Read-only unless --active is given.
  verify: [],
};
const POLICY_PACK = path.join(ROOT, 'libs', 'posture');

const INSTALL_HELP = `The pulumi CLI was not found on PATH. Install it, then run this target again:
  curl -fsSL https://get.pulumi.com | sh        (Linux/macOS; or: brew install pulumi/tap/pulumi)
  https://www.pulumi.com/docs/iac/download-install/
Nothing was changed. The offline plan needs no CLI: npm start`;

/** Reads a layer's Pulumi.<stack>.yaml config block (empty when the layer has no such file). */
function stackConfigOf(layer, stack) {
  const file = path.join(ROOT, 'packages', layer, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) return {};
  return (yaml.load(fs.readFileSync(file, 'utf8')) ?? {}).config ?? {};
}

/**
 * The policies that judge policy documents against the environment's account (libs/posture/src/policies.ts,
 * ACCOUNT_POLICIES; libs/posture/test/policy-config.test.ts holds the two lists equal).
 */
const ACCOUNT_POLICIES = ['iam-3', 'kms-5', 'net-7', 'log-5', 'log-15', 's3-7'];

/**
 * What the policy pack cannot read from one stack under the engine (libs/posture/README.md, "Policy config"),
 * taken from the same files the offline report reads, so that both check the same facts.
 */
function policyConfigFor({ layer, stack, accountId }) {
  const own = stackConfigOf(layer, stack);
  const network = stackConfigOf('network', stack);
  const logging = stackConfigOf('logging', stack);
  const endpoints = network['secure-ml-network:interfaceEndpoints'];
  return {
    'kms-2': { protectedStacks: own['secure-ml:protect'] === false ? [] : [stack] },
    'net-3': { egressEnabled: network['secure-ml-network:egress'] === 'nat' },
    ...(Array.isArray(endpoints) ? { 'net-6': { endpointServices: endpoints } } : {}),
    ...Object.fromEntries(ACCOUNT_POLICIES.map((policy) => [policy, { accountId }])),
    'log-9': { alertAddressConfigured: Boolean(logging['secure-ml-logging:alertEmail']) },
  };
}

/** Decides what to run; pure, so that tests can check every refusal without a CLI. */
function prepare({ verb, layer, stack, env, projectDir, cliFound, accountId, policyPack = POLICY_PACK }) {
  if (!VERBS[verb])
    return { error: `unknown verb ${verb}: expected one of ${Object.keys(VERBS).join(', ')}` };
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) {
    return {
      skip: `SKIPPED ${layer} (${stack}): ${path.relative(ROOT, stackFile)} does not exist, so this layer has no ${stack} environment. Create it (copy Pulumi.dev.yaml) to deploy ${layer} to ${stack}.`,
    };
  }
  if (!cliFound) return { error: INSTALL_HELP };
  const backend = env.PULUMI_BACKEND_URL || `file://${path.join(ROOT, '.pulumi-state')}`;
  const selfManaged = !/^https:\/\//.test(backend);
  const stackConfig = fs.readFileSync(stackFile, 'utf8');
  const kmsSecrets = /^secretsprovider:\s*awskms:\/\//m.test(stackConfig);
  const kmsRequested = /^awskms:\/\//.test(env.SECURE_ML_SECRETS_PROVIDER || '');
  if (
    selfManaged &&
    !kmsSecrets &&
    !kmsRequested &&
    !env.PULUMI_CONFIG_PASSPHRASE &&
    !env.PULUMI_CONFIG_PASSPHRASE_FILE
  ) {
    return {
      error: `${layer} (${stack}) uses the passphrase secrets provider of a self-managed backend (${backend}), and neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set. Set one (the same for every layer), or use a KMS secrets provider for ${stack}: see README "State and secrets".`,
    };
  }
  const common = ['--stack', stack, '--non-interactive', '--cwd', projectDir];
  const checked = verb === 'preview' || verb === 'up';
  // Never deploy unchecked: a missing pack is an error, not a reason to go ahead without it.
  if (checked && !fs.existsSync(path.join(policyPack, 'PulumiPolicy.yaml'))) {
    return {
      error: `The posture policy pack is missing (${path.join(policyPack, 'PulumiPolicy.yaml')}); refusing to ${verb} ${layer} (${stack}) without it.`,
    };
  }
  if (checked && !/^\d{12}$/.test(accountId ?? '')) {
    return {
      error: `The policy pack needs the target account to check endpoint policies (NET-7), and it could not be found: set SECURE_ML_AWS_ACCOUNT, or install the AWS CLI with credentials for the account (aws sts get-caller-identity).`,
    };
  }
  const policyConfigFile = path.join(ROOT, 'dist', 'policy-config', `${layer}-${stack}.json`);
  const policy = checked ? ['--policy-pack', policyPack, '--policy-pack-config', policyConfigFile] : [];
  return {
    ...(checked ? { policyConfigFile, policyConfig: policyConfigFor({ layer, stack, accountId }) } : {}),
    backend,
    env: { ...env, PULUMI_BACKEND_URL: backend, PULUMI_SKIP_UPDATE_CHECK: 'true' },
    // A new stack takes its secrets provider from SECURE_ML_SECRETS_PROVIDER (awskms://alias/... for prod).
    // A drift check must never create an empty stack (it would report everything as drift), nor may verify (it
    // reads a deployed stack): they select only.
    select:
      verb === 'drift' || verb === 'verify'
        ? ['stack', 'select', stack, '--non-interactive', '--cwd', projectDir]
        : [
            'stack',
            'select',
            '--create',
            stack,
            '--non-interactive',
            '--cwd',
            projectDir,
            ...(env.SECURE_ML_SECRETS_PROVIDER ? ['--secrets-provider', env.SECURE_ML_SECRETS_PROVIDER] : []),
          ],
    ...(VERBS[verb].length ? { command: [...VERBS[verb], ...common, ...policy] } : {}),
  };
}

/** The account of the current AWS credentials, through the AWS CLI when it is installed. */
function callerAccount() {
  const result = spawnSync('aws', ['sts', 'get-caller-identity', '--query', 'Account', '--output', 'text'], {
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function main() {
  const [verb, ...rest] = process.argv.slice(2);
  const { layer, stack, projectDir } = parseArgs(
    rest,
    `run.js <${Object.keys(VERBS).join('|')}> <layer> <stack>`,
  );
  const cliFound = spawnSync('pulumi', ['version'], { stdio: 'ignore' }).error === undefined;
  const accountId = process.env.SECURE_ML_AWS_ACCOUNT || callerAccount();
  const plan = prepare({ verb, layer, stack, env: process.env, projectDir, cliFound, accountId });
  if (plan.skip) {
    console.warn(plan.skip);
    return 0;
  }
  if (plan.error) {
    console.error(plan.error);
    return 1;
  }
  if (plan.policyConfig) {
    fs.mkdirSync(path.dirname(plan.policyConfigFile), { recursive: true });
    fs.writeFileSync(plan.policyConfigFile, `${JSON.stringify(plan.policyConfig, null, 2)}\n`);
  }
  if (plan.backend.startsWith('file://'))
    fs.mkdirSync(plan.backend.slice('file://'.length), { recursive: true });
  if (verb === 'verify')
    return require('./verify').verify({ layer, stack, plan, active: rest.includes('--active') });
  for (const args of [plan.select, plan.command]) {
    console.log(`$ pulumi ${args.join(' ')}`);
    const result = spawnSync('pulumi', args, { stdio: 'inherit', env: plan.env });
    if (result.status !== 0) return result.status ?? 1;
  }
  return 0;
}

if (require.main === module) Promise.resolve(main()).then((code) => (process.exitCode = code));
module.exports = { prepare, policyConfigFor, INSTALL_HELP, ACCOUNT_POLICIES };
