import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { LAYERS, Naming, type LayerName } from '@secure-ml/shared';
import { readStackConfig } from '@secure-ml/shared/testing';
import { type Clients, createClients } from './clients';
import type { VerifyContext } from './context';
import { renderTable, toJson } from './report';
import { exitCodeOf, verifyLayer } from './verify';

/** What the Pulumi CLI printed, run by the wrapper with its backend and secrets settings. */
export interface PulumiResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface VerifyOptions {
  readonly root: string;
  readonly layer: LayerName;
  readonly stack: string;
  readonly active: boolean;
  /** Runs `pulumi <args>` as the wrapper does (tools/pulumi/run.js). */
  readonly pulumi: (args: string[]) => PulumiResult;
  readonly clients?: (region: string) => Clients;
  readonly print?: (line: string) => void;
  readonly printError?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  /** Reads a layer's Pulumi.<stack>.yaml (tests stand in another setting). */
  readonly readConfig?: (layer: LayerName) => Record<string, string>;
  /** Where the JSON report goes: beside the offline posture report unless a test says otherwise. */
  readonly reportDir?: string;
}

/** Exit codes: 0 every check passed, 1 a check failed, 2 verify could not start (no credentials, no stack). */
export const CANNOT_START = 2;

/** The layer and every layer it reads, directly or not: their outputs are what the checks compare AWS with. */
function layersRead(layer: LayerName): LayerName[] {
  const upstream = LAYERS[layer].upstream as readonly LayerName[];
  return [...new Set([...upstream.flatMap(layersRead), layer])];
}

/** A list setting as readStackConfig gives it (a YAML list arrives as its JSON text); unset is empty. */
function listSetting(raw: string | undefined): string[] {
  if (!raw) return [];
  if (!raw.trim().startsWith('[')) return [raw];
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed.map(String) : [raw];
}

/** Whether the notebook layer's stack file turns jobs on, and then whether jobs must be network-isolated. */
function jobsSetting(notebook: Record<string, string | undefined>) {
  if (notebook['secure-ml-notebook:jobs'] !== 'true') return {};
  return {
    jobs: { networkIsolationRequired: notebook['secure-ml-notebook:jobNetworkIsolation'] !== 'false' },
  };
}

function readOutputs(o: VerifyOptions, layer: LayerName): Record<string, unknown> | string {
  const dir = join(o.root, 'packages', layer);
  const r = o.pulumi(['stack', 'output', '--json', '--stack', o.stack, '--non-interactive', '--cwd', dir]);
  if (r.status !== 0)
    return `the ${layer} stack (${o.stack}) could not be read: ${r.stderr.trim() || `pulumi exited ${r.status}`}. Deploy it first: npx nx run ${layer}:deploy -c ${o.stack}`;
  const outputs = JSON.parse(r.stdout) as Record<string, unknown>;
  const schema = LAYERS[layer].outputs as Record<string, { is: (v: unknown) => boolean; expected: string }>;
  const wrong = Object.entries(schema).filter(([key, field]) => !field.is(outputs[key]));
  if (wrong.length)
    return `the ${layer} stack (${o.stack}) does not publish what verify reads: ${wrong.map(([k, f]) => `${k} (${f.expected})`).join(', ')}. Deploy the current code: npx nx run ${layer}:deploy -c ${o.stack}`;
  return outputs;
}

export async function runVerify(o: VerifyOptions): Promise<number> {
  const print = o.print ?? ((l: string) => console.log(l));
  const printError = o.printError ?? ((l: string) => console.error(l));
  const config =
    o.readConfig ?? ((layer: LayerName) => readStackConfig(join(o.root, 'packages', layer), o.stack));
  const own = config(o.layer);
  const region = own['aws:region'];
  if (!region) {
    printError(`verify: packages/${o.layer}/Pulumi.${o.stack}.yaml has no aws:region`);
    return CANNOT_START;
  }
  const clients = (o.clients ?? createClients)(region);
  let account: string;
  let partition: string;
  try {
    const me = await clients.sts.send(new GetCallerIdentityCommand({}));
    account = me.Account ?? '';
    partition = (me.Arn ?? 'arn:aws:').split(':')[1] ?? 'aws';
  } catch (err) {
    printError(
      `verify could not confirm AWS credentials for the ${o.stack} account: STS GetCallerIdentity failed (${(err as Error).message}). Set AWS_PROFILE or sign in (aws sso login), check the network path to AWS, then run it again. Nothing was read.`,
    );
    return CANNOT_START;
  }
  const outputs: Record<string, Record<string, unknown>> = {};
  for (const layer of layersRead(o.layer)) {
    const read = readOutputs(o, layer);
    if (typeof read === 'string') {
      printError(`verify: ${read}`);
      return CANNOT_START;
    }
    outputs[layer] = read;
  }
  const prefix = own['secure-ml:prefix'] ?? 'sml';
  const ctx: VerifyContext = {
    stack: o.stack,
    region,
    account,
    partition,
    stem: `${prefix}-${o.stack}`,
    naming: new Naming(prefix, o.stack),
    outputs: outputs,
    settings: {
      alertAddressConfigured: Boolean(config('logging')['secure-ml-logging:alertEmail']),
      egressDeclared: config('network')['secure-ml-network:egress'] === 'nat',
      deploymentRoleArns: listSetting(config('guardrail')['secure-ml-guardrail:deploymentRoleArns']),
      ...jobsSetting(config('notebook')),
      ownerSourceCidrs: listSetting(config('notebook')['secure-ml-notebook:ownerSourceCidrs']),
    },
    clients,
    active: o.active,
    say: print,
    sleep: o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  print(
    `verify ${o.layer} (${o.stack}) in account ${account}, ${region}${o.active ? ', with --active checks' : ', read-only'}`,
  );
  const checks = await verifyLayer(o.layer, ctx);
  print(renderTable(o.layer, o.stack, checks));
  const file = join(o.reportDir ?? join(o.root, 'dist', 'plan', o.stack), `verify-${o.layer}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, toJson(o.layer, o.stack, account, (o.now ?? (() => new Date()))(), checks));
  print(`written: ${file}`);
  return exitCodeOf(checks);
}
