// The real path: `node tools/pulumi/run.js <verb> <layer> <stack>` (Nx targets preview, deploy, refresh, destroy;
// drift and cancel by hand or from the workflows). Runs the Pulumi CLI non-interactively in packages/<layer>
// against the stack named after the environment, with the posture policy pack on preview and up. Before it
// touches any state it checks, and refuses with the fix:
//   - the backend: PULUMI_BACKEND_URL, or the repository's file backend only when the CLI reports no login;
//   - the stack: only `up` creates one, and never on a CI runner; the others say "deploy first";
//   - the secrets settings Pulumi keeps in Pulumi.<stack>.yaml (they must be committed);
//   - the account: the one pinned by secure-ml:accountId, compared with the credentials' account.
// Verbs: preview, up, refresh, destroy, drift, and for recovery and teardown cancel and remove.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@secure-ml/shared/stack-files';
import { parseArgs, ROOT } from './layers';
import { secretsSettingsOf, SECRETS_SETTINGS_HELP } from './secrets-settings';
import { policyConfigFor, stackFileOf, type StackFile } from './stack-file';
import { verify } from './verify';

interface VerbSpec {
  /** The Pulumi command, without the stack arguments (none: verify runs in this process). */
  readonly args: readonly string[];
  /** Runs with the posture policy pack. */
  readonly checked?: boolean;
  /** The one verb that may create the stack. */
  readonly creates?: boolean;
  /** Needs the backend only: no account, no secrets settings. */
  readonly backendOnly?: boolean;
  /** Selects the stack instead of running a Pulumi command on it. */
  readonly selectOnly?: boolean;
  /** The exit code of a refusal (default 1). */
  readonly refusalExit?: number;
}

export const VERBS: Readonly<Record<string, VerbSpec>> = {
  // `--diff` shows every property that changes, so that the reviewer of a preview sees what a deploy will do.
  preview: { args: ['preview', '--diff'], checked: true },
  // No `--skip-preview`: `up --yes` previews first, and the policy pack reports every violation of the preview
  // before anything changes; with --skip-preview the pack runs only during the update, where "the first policy
  // violation will halt the deployment" half-way (pulumi-policy README, https://github.com/pulumi/pulumi-policy).
  up: { args: ['up', '--yes', '--diff'], checked: true, creates: true },
  refresh: { args: ['refresh', '--yes'] },
  destroy: { args: ['destroy', '--yes'] },
  // Drift: refresh from the cloud first (a plain preview compares the program with the state only), then fail
  // on any proposed change. No policy pack: drift is about the cloud, the posture is checked on every change.
  drift: { args: ['preview', '--refresh', '--diff', '--expect-no-changes'] },
  // Verify: no Pulumi command; the checks of libs/verify run in this process against the stack's outputs and AWS
  // (tools/pulumi/verify.js, which selects the stack first). Read-only unless --active is given.
  // Exit 2 when it cannot start (no stack, no credentials), as libs/verify does, so that a scheduled run tells
  // "could not check" from "a check failed" (1).
  verify: { args: [], selectOnly: true, refusalExit: 2 },
  // After a deploy was killed (a cancelled CI job, a closed laptop): removes the lock of a self-managed
  // backend, or cancels the update on Pulumi Cloud (`pulumi cancel`, docs/runbook.md "A deploy was interrupted").
  cancel: { args: ['cancel', '--yes'], backendOnly: true },
  // The last step of a teardown (docs/runbook.md): removes the empty stack from the backend and keeps the
  // checked-in Pulumi.<stack>.yaml, which `pulumi stack rm` deletes without --preserve-config. Without --force
  // it refuses a stack that still has resources.
  remove: { args: ['stack', 'rm', '--yes', '--preserve-config'], backendOnly: true },
};
/** A refusal (nothing runs) or a skip (this layer has no such environment: nothing to do, exit 0). */
export type Refusal = { error: string; skip?: undefined } | { skip: string; error?: undefined };
const isRefusal = (r: object): r is Refusal => 'error' in r || 'skip' in r;

interface Login {
  readonly url: string;
}
interface Caller {
  readonly account: string;
  readonly arn: string;
}

/** What main() found out before deciding: the arguments, the environment and the CLI's answers. */
export interface Facts {
  readonly verb: string;
  readonly layer: string;
  readonly stack: string;
  readonly env: NodeJS.ProcessEnv;
  readonly projectDir: string;
  readonly cliFound: boolean;
  readonly backend?: string;
  readonly stackExists?: boolean;
  readonly caller?: Caller | undefined;
  /** The policy pack's folder (tests point it elsewhere). */
  readonly policyPack?: string;
}

/** What to run: every command with its arguments, and what to say first. */
export interface Plan {
  readonly backend: string;
  readonly stackFile: string;
  readonly announce: string;
  readonly env: NodeJS.ProcessEnv;
  readonly init: string[] | undefined;
  readonly select?: string[];
  readonly command?: string[];
  readonly policyConfigFile?: string;
  readonly policyConfig?: unknown;
}

const POLICY_PACK = path.join(ROOT, 'libs', 'posture');
export const FILE_BACKEND = `file://${path.join(ROOT, '.pulumi-state')}`;

export const INSTALL_HELP = `The pulumi CLI was not found on PATH. Install it, then run this target again:
  curl -fsSL https://get.pulumi.com | sh        (Linux/macOS; or: brew install pulumi/tap/pulumi)
  https://www.pulumi.com/docs/iac/download-install/
Nothing was changed. The offline plan needs no CLI: npm start`;

/**
 * The backend every command of the run uses. PULUMI_BACKEND_URL wins. Without it, the repository's file
 * backend is used only when the CLI reports no login (`pulumi whoami` fails): a user who ran `pulumi login
 * s3://...` and forgot PULUMI_BACKEND_URL would otherwise see no stacks and plan to create everything again.
 */
export function resolveBackend({
  env,
  login,
}: {
  env: NodeJS.ProcessEnv;
  login: Login | undefined;
}): { backend: string; error?: undefined } | { error: string; backend?: undefined } {
  if (env.PULUMI_BACKEND_URL) return { backend: env.PULUMI_BACKEND_URL };
  if (!login || login.url === FILE_BACKEND) return { backend: FILE_BACKEND };
  return {
    error: `PULUMI_BACKEND_URL is not set, and the Pulumi CLI is logged in to ${login.url}, while this repository's default is its file backend ${FILE_BACKEND}. Say which one holds your stacks, then run this again:
  export PULUMI_BACKEND_URL='${login.url}'     (the backend you logged in to)
  export PULUMI_BACKEND_URL='${FILE_BACKEND}'     (the repository's .pulumi-state/)
Nothing was changed.`,
  };
}

const isSelfManaged = (backend: string) => !/^https:\/\//.test(backend);

const unknownVerb = (verb: string): Refusal => ({
  error: `unknown verb ${verb}: expected one of ${Object.keys(VERBS).join(', ')}`,
});

/** The refusals that need nothing but the arguments: an unknown verb, a layer without this environment. */
function checkVerbAndFile({
  verb,
  layer,
  stack,
  file,
}: {
  verb: string;
  layer: string;
  stack: string;
  file: StackFile;
}): Refusal | undefined {
  if (!VERBS[verb]) return unknownVerb(verb);
  if (!file.exists) {
    return {
      skip: `SKIPPED ${layer} (${stack}): ${path.relative(ROOT, file.path)} does not exist, so this layer has no ${stack} environment. Create it (copy Pulumi.dev.yaml) to deploy ${layer} to ${stack}.`,
    };
  }
  return undefined;
}

/** Decides what to run from what main() found out; pure, so that tests can check every refusal without a CLI. */
export function prepare(facts: Facts): Refusal | Plan {
  // The file backend is resolveBackend's own default.
  const {
    verb,
    layer,
    stack,
    env,
    projectDir,
    cliFound,
    backend = FILE_BACKEND,
    stackExists,
    caller,
  } = facts;
  const policyPack = facts.policyPack ?? POLICY_PACK;
  const spec = VERBS[verb];
  if (!spec) return unknownVerb(verb);
  const file = stackFileOf(projectDir, stack);
  const shown = path.relative(ROOT, file.path);
  const first = checkVerbAndFile({ verb, layer, stack, file });
  if (first) return first;
  if (!cliFound) return { error: INSTALL_HELP };
  const inCi = env.CI === 'true' || env.GITHUB_ACTIONS === 'true';
  const deployCommand = `npx nx run ${layer}:deploy -c ${stack}`;
  const create = !stackExists;
  if (create && !spec.creates) {
    return {
      error: `${layer} (${stack}) has no stack in ${backend}: ${verb} never creates one. Deploy it first (${deployCommand} deploys it after its upstream layers), or check PULUMI_BACKEND_URL if it was deployed elsewhere. Nothing was changed.`,
    };
  }
  if (create && inCi) {
    return {
      error: `${layer} (${stack}) has no stack in ${backend}, and this is a CI runner: creating it here would write its secrets settings into ${shown} on the runner, which throws them away. Create it from a workstation (${deployCommand}) and commit ${shown}. Nothing was changed.`,
    };
  }
  const secrets = secretsSettingsOf(file.text);
  const kmsRequested = /^awskms:\/\//.test(env.SECURE_ML_SECRETS_PROVIDER || '');
  if (!spec.backendOnly && !create && isSelfManaged(backend) && !secrets.complete) {
    return {
      error: `${shown} ${secrets.problem}, but the stack ${stack} exists in ${backend}. ${SECRETS_SETTINGS_HELP}
To restore them from the state: PULUMI_BACKEND_URL='${backend}' PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER=true pulumi preview --stack ${stack} --cwd ${path.relative(ROOT, projectDir)}
then commit ${shown}. Nothing was changed.`,
    };
  }
  const usesPassphrase = create ? !kmsRequested : secrets.provider === 'passphrase';
  if (
    !spec.backendOnly &&
    isSelfManaged(backend) &&
    usesPassphrase &&
    !env.PULUMI_CONFIG_PASSPHRASE &&
    !env.PULUMI_CONFIG_PASSPHRASE_FILE
  ) {
    return {
      error: `${layer} (${stack}) uses the passphrase secrets provider of a self-managed backend (${backend}), and neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set. Set one (the same for every layer), or use a KMS secrets provider for ${stack}: see README "State and secrets".`,
    };
  }
  const pinned = file.config['secure-ml:accountId'];
  const accountId = typeof pinned === 'string' || typeof pinned === 'number' ? String(pinned) : '';
  if (!spec.backendOnly) {
    if (!/^\d{12}$/.test(accountId)) {
      return {
        error: `${shown} does not pin the environment's account: set secure-ml:accountId to the 12-digit account of ${stack} in every layer's Pulumi.${stack}.yaml (aws sts get-caller-identity --query Account --output text). Nothing was changed.`,
      };
    }
    if (caller && caller.account !== accountId) {
      return {
        error: `${shown} pins account ${accountId} (secure-ml:accountId), but the credentials are ${caller.arn} of account ${caller.account}: refusing to ${verb} ${layer} (${stack}) in the wrong account. Use credentials of ${accountId} (AWS_PROFILE, or the environment's role), or fix secure-ml:accountId. Nothing was changed.`,
      };
    }
  }
  // Never deploy unchecked: a missing pack is an error, not a reason to go ahead without it.
  if (spec.checked && !fs.existsSync(path.join(policyPack, 'PulumiPolicy.yaml'))) {
    return {
      error: `The posture policy pack is missing (${path.join(policyPack, 'PulumiPolicy.yaml')}); refusing to ${verb} ${layer} (${stack}) without it.`,
    };
  }
  const common = ['--stack', stack, '--non-interactive', '--cwd', projectDir];
  const policyConfigFile = path.join(ROOT, 'dist', 'policy-config', `${layer}-${stack}.json`);
  const policy = spec.checked ? ['--policy-pack', policyPack, '--policy-pack-config', policyConfigFile] : [];
  const provider = env.SECURE_ML_SECRETS_PROVIDER;
  return {
    ...(spec.checked ? { policyConfigFile, policyConfig: policyConfigFor({ stack, accountId }) } : {}),
    backend,
    stackFile: file.path,
    announce: spec.backendOnly
      ? `${verb} ${layer} (${stack}): state in ${backend}.`
      : `${verb} ${layer} (${stack}) in account ${accountId} (${caller ? `credentials ${caller.arn}` : `pinned by secure-ml:accountId; the credentials' account could not be read without the AWS CLI, and the provider refuses any other (allowedAccountIds)`}), region ${String(file.config['aws:region'])}, state in ${backend}.`,
    env: {
      ...env,
      PULUMI_BACKEND_URL: backend,
      PULUMI_SKIP_UPDATE_CHECK: 'true',
      // Where Pulumi.<stack>.yaml lacks its secrets settings, use the secrets manager recorded in the state
      // instead of silently starting a new passphrase one (Pulumi CLI, sdk/go/common/env/env.go
      // FallbackToStateSecretsManager; tests/smoke TestSecretsProvidersFallbackSmoke).
      PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER: 'true',
    },
    // Only `up` creates a stack, with SECURE_ML_SECRETS_PROVIDER (awskms://alias/... for shared state).
    init: create
      ? [
          'stack',
          'init',
          stack,
          '--non-interactive',
          '--cwd',
          projectDir,
          ...(provider ? ['--secrets-provider', provider] : []),
        ]
      : undefined,
    ...(spec.selectOnly
      ? { select: ['stack', 'select', stack, '--non-interactive', '--cwd', projectDir] }
      : {}),
    ...(spec.args.length ? { command: [...spec.args, ...common, ...policy] } : {}),
  };
}

/** After `stack init`: the settings Pulumi wrote, which the user must commit (or the refusal that they are missing). */
export function afterInit({
  layer,
  stack,
  stackFile,
  backend,
}: {
  layer: string;
  stack: string;
  stackFile: string;
  backend: string;
}): { error: string } | { notice: string } {
  const shown = path.relative(ROOT, stackFile);
  const secrets = secretsSettingsOf(fs.readFileSync(stackFile, 'utf8'));
  if (isSelfManaged(backend) && !secrets.complete) {
    return {
      error: `The new stack ${layer} (${stack}) was created, but ${shown} ${secrets.problem}. ${SECRETS_SETTINGS_HELP} Nothing was deployed.`,
    };
  }
  return {
    notice: `NEW STACK ${layer} (${stack}): Pulumi wrote its secrets settings (${secrets.keys.join(', ') || 'none: the backend manages them'}) into ${shown}. Commit that file: without it, the next run anywhere else cannot read this stack's secrets.`,
  };
}

/** `pulumi whoami` without PULUMI_BACKEND_URL: the login the CLI would use, or undefined when there is none. */
function currentLogin(projectDir: string, env: NodeJS.ProcessEnv): Login | undefined {
  const { PULUMI_BACKEND_URL: _ignored, ...rest } = env;
  const result = spawnSync('pulumi', ['whoami', '--json', '--non-interactive'], {
    cwd: projectDir,
    encoding: 'utf8',
    env: rest,
  });
  if (result.status !== 0) return undefined;
  try {
    return { url: String((JSON.parse(result.stdout) as { url?: unknown }).url) };
  } catch {
    return undefined;
  }
}

/** Whether the layer's project has the stack on the backend (`pulumi stack ls --json` lists the project's stacks). */
function stackExists(
  projectDir: string,
  stack: string,
  env: NodeJS.ProcessEnv,
): { exists: boolean } | { error: string } {
  const result = spawnSync('pulumi', ['stack', 'ls', '--json', '--non-interactive', '--cwd', projectDir], {
    encoding: 'utf8',
    env,
  });
  if (result.status !== 0) return { error: `pulumi stack ls failed (${result.status}):\n${result.stderr}` };
  const names = (JSON.parse(result.stdout || '[]') as { name?: unknown }[]).map((s) => String(s.name));
  return { exists: names.some((name) => name === stack || name.endsWith(`/${stack}`)) };
}

/** The credentials' account and ARN, through the AWS CLI when it is installed. */
function callerIdentity(env: NodeJS.ProcessEnv): Caller | undefined {
  const result = spawnSync('aws', ['sts', 'get-caller-identity', '--output', 'json'], {
    encoding: 'utf8',
    env,
  });
  if (result.status !== 0) return undefined;
  try {
    const { Account, Arn } = JSON.parse(result.stdout) as { Account?: unknown; Arn?: unknown };
    return { account: String(Account), arn: String(Arn) };
  } catch {
    return undefined;
  }
}

function pulumi(args: readonly string[], env: NodeJS.ProcessEnv): number {
  console.log(`$ pulumi ${args.join(' ')}`);
  return spawnSync('pulumi', args, { stdio: 'inherit', env }).status ?? 1;
}

async function runVerb(argv: readonly string[]): Promise<number> {
  const [verb = '', ...rest] = argv;
  const { layer, stack, projectDir } = parseArgs(
    rest,
    `run.js <${Object.keys(VERBS).join('|')}> <layer> <stack>`,
  );
  const env = process.env;
  const refuse = (result: Refusal) => report(result, VERBS[verb]?.refusalExit);
  const base = { verb, layer, stack, env, projectDir };
  const first = checkVerbAndFile({ verb, layer, stack, file: stackFileOf(projectDir, stack) });
  if (first) return refuse(first);
  const spec = VERBS[verb];
  if (!spec) return refuse(unknownVerb(verb));
  const cliFound = spawnSync('pulumi', ['version'], { stdio: 'ignore' }).error === undefined;
  if (!cliFound) return refuse(prepare({ ...base, cliFound }) as Refusal);
  const resolved = resolveBackend({
    env,
    login: env.PULUMI_BACKEND_URL ? undefined : currentLogin(projectDir, env),
  });
  if (resolved.error !== undefined) return refuse(resolved);
  const { backend } = resolved;
  if (backend.startsWith('file://')) fs.mkdirSync(backend.slice('file://'.length), { recursive: true });
  const listed = stackExists(projectDir, stack, { ...env, PULUMI_BACKEND_URL: backend });
  if ('error' in listed) return refuse(listed);
  const caller = spec.backendOnly ? undefined : callerIdentity(env);
  const plan = prepare({ ...base, cliFound, backend, stackExists: listed.exists, caller });
  if (isRefusal(plan)) return refuse(plan);
  console.log(plan.announce);
  if (plan.policyConfigFile) {
    fs.mkdirSync(path.dirname(plan.policyConfigFile), { recursive: true });
    fs.writeFileSync(plan.policyConfigFile, `${JSON.stringify(plan.policyConfig, null, 2)}\n`);
  }
  if (verb === 'verify')
    return verify({
      layer,
      stack,
      plan: { ...plan, select: plan.select ?? [] },
      active: rest.includes('--active'),
    });
  let notice: string | undefined;
  if (plan.init) {
    const status = pulumi(plan.init, plan.env);
    if (status !== 0) return status;
    const after = afterInit({ layer, stack, stackFile: plan.stackFile, backend });
    if ('error' in after) return refuse(after);
    notice = after.notice;
    console.warn(notice);
  }
  const status = pulumi(plan.command ?? [], plan.env);
  if (notice) console.warn(notice);
  return status;
}

function report(result: Refusal, refusalExit = 1): number {
  if (result.skip) {
    console.warn(result.skip);
    return 0;
  }
  console.error(result.error);
  return refusalExit;
}

/** `node tools/pulumi/run.js <verb> <layer> <stack>`: the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await runVerb(argv);
  } catch (error) {
    // A stack file that is not YAML: its file, line, key and fix, never a stack trace from inside js-yaml.
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${error.message}\nNothing was run.`);
    return 1;
  }
}
