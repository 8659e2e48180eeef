import { guardrailOutputs } from './contracts/guardrail';
import { loggingOutputs } from './contracts/logging';
import { networkOutputs } from './contracts/network';
import { notebookOutputs } from './contracts/notebook';
import { securityOutputs } from './contracts/security';
import type { Schema, ValuesOf } from './schema';

/**
 * The layer registry: the one source of truth for what each layer is called, what it reads and what it
 * publishes. Nx dependencies, deploy and destroy order and StackReferences are derived from it or tested
 * against it (libs/shared/test/nx-graph.test.ts).
 */
export const LAYERS = {
  security: { project: 'secure-ml-security', upstream: [], outputs: securityOutputs },
  network: { project: 'secure-ml-network', upstream: [], outputs: networkOutputs },
  logging: { project: 'secure-ml-logging', upstream: ['security', 'network'], outputs: loggingOutputs },
  /**
   * The guardrail for notebook creators, pinned to this environment's subnets, security group and data key
   * (read from security and network) and to the notebook's lifecycle configuration (by its name in naming.ts,
   * since notebook comes later). Owned by the security team (`ownedWith`), deployed beside logging: no extra
   * wave (docs/DESIGN.md, "Where the guardrail lives").
   */
  guardrail: {
    project: 'secure-ml-guardrail',
    upstream: ['security', 'network'],
    outputs: guardrailOutputs,
    ownedWith: 'security',
  },
  notebook: {
    project: 'secure-ml-notebook',
    upstream: ['security', 'network', 'logging'],
    outputs: notebookOutputs,
  },
} as const satisfies Record<
  string,
  {
    project: string;
    upstream: readonly string[];
    outputs: Schema;
    /** The layer whose team also owns this one (.github/CODEOWNERS; tools/test/codeowners.test.ts). */
    ownedWith?: string;
  }
>;

export type LayerName = keyof typeof LAYERS;
export const LAYER_NAMES = Object.keys(LAYERS) as LayerName[];

/** The layers `L` may reference; any other name is a compile error. */
export type UpstreamOf<L extends LayerName> = (typeof LAYERS)[L]['upstream'][number];

/** The plain values layer `L` publishes. */
export type LayerOutputs<L extends LayerName> = ValuesOf<(typeof LAYERS)[L]['outputs']>;

/** The layer whose team owns `layer`: itself, unless the registry says it is owned with another. */
export function owningLayer(layer: LayerName): LayerName {
  const entry = LAYERS[layer];
  return 'ownedWith' in entry ? entry.ownedWith : layer;
}

export function isLayerName(name: string): name is LayerName {
  return Object.prototype.hasOwnProperty.call(LAYERS, name);
}

/** Layers in deploy order: every layer after all of its upstream layers (ties keep registry order). */
export function deployOrder(): LayerName[] {
  const placed: LayerName[] = [];
  while (placed.length < LAYER_NAMES.length) {
    const next = LAYER_NAMES.find(
      (name) => !placed.includes(name) && LAYERS[name].upstream.every((up: LayerName) => placed.includes(up)),
    );
    if (!next) throw new Error('The layer registry has a cycle');
    placed.push(next);
  }
  return placed;
}

/** The layers that read `layer`, directly or through another layer: they must be destroyed first. */
export function dependentsOf(layer: LayerName): LayerName[] {
  const direct = LAYER_NAMES.filter((name) =>
    (LAYERS[name].upstream as readonly LayerName[]).includes(layer),
  );
  return LAYER_NAMES.filter(
    (name) => direct.includes(name) || direct.some((d) => dependentsOf(d).includes(name)),
  );
}
