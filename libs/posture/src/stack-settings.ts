import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readStackConfig } from '@secure-ml/shared/stack-files';
import type { Layer, PostureSettings } from './model';
import { DEFAULT_SETTINGS, LAYER_ORDER } from './model';

/** The stack-file keys the posture reads (each as its layer reads it: packages/<layer>/src/settings.ts). */
export const ALERT_EMAIL_KEY = 'secure-ml-logging:alertEmail';
export const PROTECT_KEY = 'secure-ml:protect';
export const EGRESS_KEY = 'secure-ml-network:egress';
export const INTERFACE_ENDPOINTS_KEY = 'secure-ml-network:interfaceEndpoints';
export const EGRESS_ALLOWED_CIDRS_KEY = 'secure-ml-network:egressAllowedCidrs';
export const NOTEBOOK_CLIENT_CIDRS_KEY = 'secure-ml-network:notebookClientCidrs';
export const JOBS_KEY = 'secure-ml-notebook:jobs';
export const JOB_NETWORK_ISOLATION_KEY = 'secure-ml-notebook:jobNetworkIsolation';
export const OWNER_SOURCE_CIDRS_KEY = 'secure-ml-notebook:ownerSourceCidrs';

/** One layer's stack config of an environment, every value a string as the CLI hands it over; {} when absent. */
export type StackConfigOf = (layer: Layer) => Readonly<Record<string, string>>;

/**
 * The stack files of `stack` in the repository at `root`, as `readStackConfig` reads them ({} where absent), each
 * read once however often it is asked for.
 */
export function stackFilesOf(root: string, stack: string): StackConfigOf {
  const read = new Map<Layer, Readonly<Record<string, string>>>();
  return (layer) => {
    let config = read.get(layer);
    if (!config) {
      const dir = join(root, 'packages', layer);
      config = existsSync(join(dir, `Pulumi.${stack}.yaml`)) ? readStackConfig(dir, stack) : {};
      read.set(layer, config);
    }
    return config;
  };
}

/** What the stack files do not say: the account (from the plan's ARNs offline, the pinned one on the real path). */
export interface KnownFacts {
  readonly accountId?: string | undefined;
  readonly lifecycleScripts?: readonly string[] | undefined;
}

/**
 * The one reading of an environment's stack files into the facts the controls need beyond its resources. The
 * offline report (plans.ts) and the real-path wrapper (tools/src/pulumi/stack-file.ts, through policy-config.ts) both
 * call it, so that `pulumi preview` under the pack judges a stack by the same facts `npm start` did.
 */
export function settingsOfStackFiles(
  stack: string,
  config: StackConfigOf,
  known: KnownFacts = {},
): PostureSettings {
  const network = config('network');
  const notebook = config('notebook');
  // As packages/network/src/settings.ts reads it: egress is none unless the stack file says nat.
  const egressEnabled = network[EGRESS_KEY] === 'nat';
  // The network layer uses egressAllowedCidrs only with egress: nat (packages/network/src/network.ts).
  const allowedCidrs = [
    ...(egressEnabled ? parseList(network[EGRESS_ALLOWED_CIDRS_KEY]) : []),
    ...parseList(network[NOTEBOOK_CLIENT_CIDRS_KEY]),
  ];
  return {
    ...DEFAULT_SETTINGS,
    protectedStacks: protectsItself(config) ? [stack] : [],
    egressEnabled,
    allowedCidrs,
    // Configured endpoints add to the ones the notebook needs; they never replace them (NET-6).
    endpointServices: [
      ...new Set([...DEFAULT_SETTINGS.endpointServices, ...parseList(network[INTERFACE_ENDPOINTS_KEY])]),
    ],
    alertAddressConfigured: (config('logging')[ALERT_EMAIL_KEY] ?? '').trim() !== '',
    ...(known.lifecycleScripts ? { lifecycleScripts: known.lifecycleScripts } : {}),
    ...(known.accountId ? { accountId: known.accountId } : {}),
    // As the notebook layer reads them (packages/notebook/src/settings.ts): jobs off, isolation on by default.
    jobsEnabled: notebook[JOBS_KEY] === 'true',
    jobNetworkIsolation: notebook[JOB_NETWORK_ISOLATION_KEY] !== 'false',
    // Unset in a stack file is none; with no notebook stack file at all (it always names its notebooks), unknown.
    ownerSourceCidrs: Object.keys(notebook).length ? parseList(notebook[OWNER_SOURCE_CIDRS_KEY]) : undefined,
  };
}

/**
 * An environment protects its stateful resources unless every layer's stack file of it opts out
 * (`secure-ml:protect: false`): one layer's opt-out alone never unprotects the others, and an environment with
 * no stack file at all is protected (the safe reading).
 */
export function protectsItself(config: StackConfigOf): boolean {
  const files = LAYER_ORDER.map(config).filter((c) => Object.keys(c).length > 0);
  return files.length === 0 || files.some((c) => c[PROTECT_KEY] !== 'false');
}

function parseList(v: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(v ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
