import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { renderHook, type HookName } from '../src/lifecycle/bundle';

/**
 * A sandbox for the lifecycle scripts: a temporary root (SECURE_ML_ROOT prefixes every path the scripts
 * write), stub `crontab` and `systemctl` first on PATH and a stub `aws` inside the root (where the on-start hook
 * looks for the CLI), all recording their calls, and a fixture of Jupyter's local API on 127.0.0.1. The stubs
 * name their state directory literally, so that they work under a unit's bare environment too. Commands run
 * asynchronously so that the fixture can answer them.
 */
const STUBS: Record<string, (state: string) => string> = {
  aws: (state) => `echo "$*" >>"${state}/aws.calls"
case "$*" in *get-authorization-token*)
  # While the test holds the call (a file in the state directory), it does not answer: no clock involved.
  touch "${state}/token-requested"
  while [[ -f "${state}/hold-token" ]]; do sleep 0.05; done
  echo stub-token ;;
esac`,
  crontab: (state) => `echo "$*" >>"${state}/crontab.calls"
if [[ "$1" == -l ]]; then [[ -f "${state}/crontab" ]] && cat "${state}/crontab" || { echo "no crontab for root" >&2; exit 1; }
else cat >"${state}/crontab"; fi`,
  systemctl: (state) => `echo "$*" >>"${state}/systemctl.calls"
case "$1" in is-active) [[ -f "${state}/active-\${*: -1}" ]] ;; enable) touch "${state}/active-\${*: -1}" ;; esac`,
};

/** Where the sandbox installs the AWS CLI stub: the system's, a conda environment's, or nowhere. */
export const AWS_CLI_PATHS = {
  system: 'usr/bin/aws',
  conda: 'home/ec2-user/anaconda3/envs/JupyterSystemEnv/bin/aws',
} as const;

export interface Kernel {
  execution_state: 'idle' | 'busy' | 'starting';
  last_activity: string;
}

/** Jupyter Server's answers, as on a notebook instance: ISO times with microseconds and Z. */
export class JupyterFixture {
  started = minutesAgo(120);
  kernels: Kernel[] = [];
  terminals: { name: string; last_activity: string }[] = [];
  readonly requests: string[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const path = (req.url ?? '').split('?')[0];
      const body =
        path === '/api/status'
          ? {
              started: this.started,
              last_activity: new Date().toISOString(),
              connections: 1,
              kernels: this.kernels.length,
            }
          : path === '/api/kernels'
            ? this.kernels.map((k, i) => ({ id: `k${i}`, name: 'python3', connections: 1, ...k }))
            : path === '/api/terminals'
              ? this.terminals
              : undefined;
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { message: 'not found' }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().replace('Z', '000Z');
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class Sandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'secure-ml-lifecycle-'));
  readonly root = join(this.dir, 'root');
  readonly state = join(this.dir, 'state');
  /** Holds the stub CLI's CodeArtifact token call until `releaseToken()`: the test decides when it answers. */
  holdToken(): void {
    writeFileSync(join(this.state, 'hold-token'), '');
  }
  releaseToken(): void {
    rmSync(join(this.state, 'hold-token'), { force: true });
  }
  tokenRequested(): boolean {
    return existsSync(join(this.state, 'token-requested'));
  }
  private readonly bin = join(this.dir, 'bin');

  constructor(
    opts: { systemd?: boolean; conda?: boolean; awsCli?: keyof typeof AWS_CLI_PATHS | 'none' } = {},
  ) {
    for (const d of [this.root, this.state, this.bin]) mkdirSync(d, { recursive: true });
    const stub = (file: string, name: string) => {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, `#!/bin/bash\nset -euo pipefail\n${STUBS[name]?.(this.state) ?? ''}\n`);
      chmodSync(file, 0o755);
    };
    stub(join(this.bin, 'crontab'), 'crontab');
    stub(join(this.bin, 'systemctl'), 'systemctl');
    const cli = opts.awsCli ?? 'system';
    if (cli !== 'none') stub(join(this.root, AWS_CLI_PATHS[cli]), 'aws');
    if (opts.systemd) mkdirSync(join(this.root, 'run/systemd/system'), { recursive: true });
    if (opts.conda) mkdirSync(join(this.root, 'home/ec2-user/anaconda3/bin'), { recursive: true });
  }

  /** Runs a command as SageMaker would (its PATH), with our stubs first and the sandbox root. */
  run(file: string, env: Record<string, string> = {}): Promise<RunResult> {
    return new Promise((resolve) => {
      execFile(
        'bash',
        [file],
        {
          env: {
            PATH: `${this.bin}:/sbin:/bin:/usr/sbin:/usr/bin`,
            SECURE_ML_ROOT: this.root,
            ...env,
          },
          timeout: 60_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  /** Writes the generated hook (exactly what the program base64-encodes) and runs it. */
  runHook(
    hook: HookName,
    settings: Record<string, string>,
    env: Record<string, string> = {},
  ): Promise<RunResult> {
    const file = join(this.dir, `${hook}.sh`);
    writeFileSync(file, renderHook(hook, settings));
    return this.run(file, env);
  }

  /**
   * Runs a systemd unit the hook installed as systemd would: its ExecStart, with exactly the environment the
   * unit declares (Environment= lines) and nothing else from ours.
   */
  runUnit(unit: string): Promise<RunResult> {
    const text = this.read(`etc/systemd/system/${unit}`);
    const execStart = /^ExecStart=(.+)$/m.exec(text)?.[1];
    if (!execStart) throw new Error(`${unit} has no ExecStart`);
    const env = Object.fromEntries(
      [...text.matchAll(/^Environment=([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)].map((m) => [
        m[1] ?? '',
        m[2] ?? '',
      ]),
    );
    return new Promise((resolve) => {
      execFile(execStart, [], { env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  path(p: string): string {
    return join(this.root, p);
  }
  read(p: string): string {
    return readFileSync(this.path(p), 'utf8');
  }
  exists(p: string): boolean {
    return existsSync(this.path(p));
  }
  calls(stub: string): string[] {
    const file = join(this.state, `${stub}.calls`);
    return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
  }
  crontab(): string {
    const file = join(this.state, 'crontab');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** Every file under the root with its content, mode and modification time: equal snapshots, nothing changed. */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else {
          const st = statSync(full);
          out[relative(this.root, full)] =
            `${st.mode.toString(8)} ${st.mtimeMs} ${readFileSync(full, 'utf8')}`;
        }
      }
    };
    walk(this.root);
    return out;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Polls until `check` holds, for work the scripts do in the background. It returns as soon as the work is done;
 * the limit only stops a hang, so it is generous enough for a machine under full load.
 */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The settings the program exports in dev, with overrides. */
export function devSettings(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    SECURE_ML_NOTEBOOK_NAME: 'sml-dev-notebook-alice',
    SECURE_ML_REGION: 'eu-west-1',
    SECURE_ML_IDLE_MINUTES: '30',
    SECURE_ML_DATA_BUCKET: 'sml-dev-data-123456789012-eu-west-1',
    SECURE_ML_DATA_PREFIX: 'notebooks/alice/',
    SECURE_ML_DATA_KEY_ARN: 'arn:aws:kms:eu-west-1:123456789012:key/0000',
    SECURE_ML_PIP_INDEX_URL: '',
    SECURE_ML_CONDA_CHANNEL_URL: '',
    SECURE_ML_CODEARTIFACT_DOMAIN: '',
    SECURE_ML_CODEARTIFACT_REPOSITORY: '',
    SECURE_ML_CODEARTIFACT_OWNER: '',
    ...overrides,
  };
}
