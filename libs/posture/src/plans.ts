import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerPlan } from '@secure-ml/shared/testing';
import { environmentsIn, readStackConfig } from '@secure-ml/shared/testing';
import type { Env, Layer, PostureSettings, Res } from './model';
import { DEFAULT_SETTINGS, LAYER_ORDER } from './model';
import { lifecycleScriptsIn } from './repo-scripts';

/** The logging layer's alert address (LOG-9) and the network layer's interface endpoint list (NET-6). */
export const ALERT_EMAIL_KEY = 'secure-ml-logging:alertEmail';
export const PROTECT_KEY = 'secure-ml:protect';
export const INTERFACE_ENDPOINTS_KEY = 'secure-ml-network:interfaceEndpoints';
export const EGRESS_ALLOWED_CIDRS_KEY = 'secure-ml-network:egressAllowedCidrs';
export const NOTEBOOK_CLIENT_CIDRS_KEY = 'secure-ml-network:notebookClientCidrs';
/** The notebook layer's job settings (JOB-1..4). */
export const JOBS_KEY = 'secure-ml-notebook:jobs';
export const JOB_NETWORK_ISOLATION_KEY = 'secure-ml-notebook:jobNetworkIsolation';

export const planPath = (root: string, stack: string, layer: Layer): string =>
  join(root, 'dist', 'plan', stack, `${layer}.json`);

/** The offline plan of every layer of an environment, or an error naming the command that writes the missing ones. */
export function readPlans(root: string, stack: string): LayerPlan[] {
  const absent = LAYER_ORDER.filter((l) => !existsSync(planPath(root, stack, l)));
  if (absent.length) {
    throw new Error(
      `No offline plan of ${absent.join(', ')} for ${stack} (dist/plan/${stack}/). Run: npx nx run-many -t plan`,
    );
  }
  return LAYER_ORDER.map((l) => JSON.parse(readFileSync(planPath(root, stack, l), 'utf8')) as LayerPlan);
}

/** The environment as the controls see it: every resource of every layer, tagged with its layer. */
export function environmentOf(plans: readonly LayerPlan[], stack: string, settings: PostureSettings): Env {
  const resources: Res[] = plans.flatMap((p) =>
    p.resources
      .filter((r) => r.custom)
      .map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        ...(r.id ? { id: r.id } : {}),
        inputs: r.inputs,
        options: { protect: r.options.protect, dependsOn: r.options.dependsOn },
        layer: p.layer,
      })),
  );
  const outputs = Object.fromEntries(plans.map((p) => [p.layer, p.outputs]));
  return { stack, resources, scope: 'environment', outputs, settings };
}

/**
 * What the controls need to know about an environment beyond its resources, from what the repository states:
 * the network's published egress mode, the account in the security layer's ARNs, the logging config's alert
 * address, the network config's interface endpoints (on top of the six NET-6 requires), the networks its
 * security groups may name (NET-4) and the lifecycle
 * scripts checked in.
 */
export function settingsFor(
  root: string,
  stack: string,
  plans: readonly LayerPlan[],
  stackConfig?: (layer: Layer) => Record<string, string>,
): PostureSettings {
  const outputs = (layer: Layer) => plans.find((p) => p.layer === layer)?.outputs ?? {};
  const config =
    stackConfig ??
    ((layer: Layer): Record<string, string> => {
      const dir = join(root, 'packages', layer);
      return existsSync(join(dir, `Pulumi.${stack}.yaml`)) ? readStackConfig(dir, stack) : {};
    });
  const account = Object.values(outputs('security'))
    .map((v) => (typeof v === 'string' ? /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(v)?.[1] : undefined))
    .find(Boolean);
  const alert = (config('logging')[ALERT_EMAIL_KEY] ?? '').trim() !== '';
  const extra = parseList(config('network')[INTERFACE_ENDPOINTS_KEY] ?? '[]');
  const scripts = lifecycleScriptsIn(root);
  const egressEnabled = outputs('network')['egressMode'] === 'nat';
  // The network layer uses egressAllowedCidrs only with egress: nat (packages/network/src/network.ts).
  const allowedCidrs = [
    ...(egressEnabled ? parseList(config('network')[EGRESS_ALLOWED_CIDRS_KEY] ?? '[]') : []),
    ...parseList(config('network')[NOTEBOOK_CLIENT_CIDRS_KEY] ?? '[]'),
  ];
  return {
    ...DEFAULT_SETTINGS,
    // As the real-path wrapper decides it (tools/pulumi/stack-file.js): every environment is protected unless its
    // stack files opt out with secure-ml:protect false. The keys KMS-2 looks at are the security layer's.
    protectedStacks: protectsItself(config('security')) ? [stack] : [],
    egressEnabled,
    allowedCidrs,
    endpointServices: [...new Set([...DEFAULT_SETTINGS.endpointServices, ...extra])],
    alertAddressConfigured: alert,
    ...(scripts ? { lifecycleScripts: scripts } : {}),
    ...(account ? { accountId: account } : {}),
    // As the notebook layer reads them (packages/notebook/src/settings.ts): jobs off, isolation on by default.
    jobsEnabled: config('notebook')[JOBS_KEY] === 'true',
    jobNetworkIsolation: config('notebook')[JOB_NETWORK_ISOLATION_KEY] !== 'false',
    // Unset in a stack file is none; with no notebook stack file at all (it always names its notebooks), unknown.
    ownerSourceCidrs: Object.keys(config('notebook')).length
      ? parseList(config('notebook')['secure-ml-notebook:ownerSourceCidrs'] ?? '[]')
      : undefined,
  };
}

/** An environment protects its stateful resources unless its security stack file opts out (`secure-ml:protect`). */
const protectsItself = (security: Readonly<Record<string, string>>): boolean =>
  security[PROTECT_KEY] !== 'false';

/**
 * The environments of the repository at `root` that protect their stateful resources, as settingsFor decides for
 * one: the policy pack's default when it runs without config. Undefined when no stack file is at hand.
 */
export function protectedStacksIn(root: string): string[] | undefined {
  const environments = environmentsIn(root);
  if (environments.length === 0) return undefined;
  const dir = join(root, 'packages', 'security');
  return environments.filter((env) =>
    protectsItself(existsSync(join(dir, `Pulumi.${env}.yaml`)) ? readStackConfig(dir, env) : {}),
  );
}

function parseList(v: string): string[] {
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function loadEnvironment(root: string, stack: string): Env {
  const plans = readPlans(root, stack);
  return environmentOf(plans, stack, settingsFor(root, stack, plans));
}
