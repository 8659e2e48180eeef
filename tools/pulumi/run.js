#!/usr/bin/env node
// The real path: `node tools/pulumi/run.js <preview|up|refresh|destroy|drift> <layer> <stack>` (Nx targets preview,
// deploy, refresh, destroy). Runs the Pulumi CLI non-interactively in packages/<layer> against the stack named
// after the environment, with the posture policy pack on preview and up. Fails fast, before touching any
// state, when something the CLI needs is missing.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, parseArgs } = require('./layers');

const VERBS = {
  preview: ['preview', '--diff'],
  up: ['up', '--yes', '--skip-preview'],
  refresh: ['refresh', '--yes'],
  destroy: ['destroy', '--yes'],
  // Drift: refresh from the cloud first (a plain preview compares the program with the state only), then fail
  // on any proposed change. No policy pack: drift is about the cloud, the posture is checked on every change.
  drift: ['preview', '--refresh', '--diff', '--expect-no-changes'],
};
const POLICY_PACK = path.join(ROOT, 'libs', 'posture');

const INSTALL_HELP = `The pulumi CLI was not found on PATH. Install it, then run this target again:
  curl -fsSL https://get.pulumi.com | sh        (Linux/macOS; or: brew install pulumi/tap/pulumi)
  https://www.pulumi.com/docs/iac/download-install/
Nothing was changed. The offline plan needs no CLI: npm start`;

/** Decides what to run; pure, so that tests can check every refusal without a CLI. */
function prepare({ verb, layer, stack, env, projectDir, cliFound, policyPack = POLICY_PACK }) {
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
  const policy = checked ? ['--policy-pack', policyPack] : [];
  return {
    backend,
    env: { ...env, PULUMI_BACKEND_URL: backend, PULUMI_SKIP_UPDATE_CHECK: 'true' },
    // A new stack takes its secrets provider from SECURE_ML_SECRETS_PROVIDER (awskms://alias/... for prod).
    // A drift check must never create an empty stack (it would report everything as drift): it selects only.
    select:
      verb === 'drift'
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
    command: [...VERBS[verb], ...common, ...policy],
  };
}

function main() {
  const [verb, ...rest] = process.argv.slice(2);
  const { layer, stack, projectDir } = parseArgs(
    rest,
    `run.js <${Object.keys(VERBS).join('|')}> <layer> <stack>`,
  );
  const cliFound = spawnSync('pulumi', ['version'], { stdio: 'ignore' }).error === undefined;
  const plan = prepare({ verb, layer, stack, env: process.env, projectDir, cliFound });
  if (plan.skip) {
    console.warn(plan.skip);
    return 0;
  }
  if (plan.error) {
    console.error(plan.error);
    return 1;
  }
  if (plan.backend.startsWith('file://'))
    fs.mkdirSync(plan.backend.slice('file://'.length), { recursive: true });
  for (const args of [plan.select, plan.command]) {
    console.log(`$ pulumi ${args.join(' ')}`);
    const result = spawnSync('pulumi', args, { stdio: 'inherit', env: plan.env });
    if (result.status !== 0) return result.status ?? 1;
  }
  return 0;
}

if (require.main === module) process.exitCode = main();
module.exports = { prepare, INSTALL_HELP };
