import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYERS, type LayerName } from '../layers';
import { runLayerProgram, type LayerPlan } from '../mock/engine';
import type { Schema } from '../schema';
import { readStackConfig } from './stack-config';

export const planDir = (root: string, stack: string) => join(root, 'dist', 'plan', stack);
export const planFile = (root: string, stack: string, layer: LayerName) =>
  join(planDir(root, stack), `${layer}.json`);

/** Reads an upstream layer's plan, or says which command produces it. */
export function readPlan(root: string, stack: string, layer: LayerName): LayerPlan {
  const file = planFile(root, stack, layer);
  if (!existsSync(file)) {
    throw new Error(`No offline plan of ${layer} for ${stack} at ${file}. Run: npx nx run ${layer}:plan`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as LayerPlan;
}

/**
 * The offline plan of one layer: its program under the mock engine, config from its Pulumi.<stack>.yaml,
 * StackReferences answered by the outputs of the upstream layers' plans. Writes dist/plan/<stack>/<layer>.json.
 */
export async function planLayer(
  root: string,
  layer: LayerName,
  stack: string,
  program: () => unknown,
): Promise<LayerPlan> {
  const upstream: Partial<Record<LayerName, Record<string, unknown>>> = {};
  for (const up of LAYERS[layer].upstream as readonly LayerName[])
    upstream[up] = readPlan(root, stack, up).outputs;
  const config = readStackConfig(join(root, 'packages', layer), stack);
  const plan = await runLayerProgram({ layer, stack, config, upstream, program });
  mkdirSync(planDir(root, stack), { recursive: true });
  writeFileSync(planFile(root, stack, layer), `${JSON.stringify(plan, null, 2)}\n`);
  for (const [file, value] of planDocuments(layer, plan.outputs))
    writeFileSync(join(planDir(root, stack), file), value);
  return plan;
}

/**
 * The outputs whose contract field names a `planFile`, as `[file, value]`: written byte for byte (an SCP's size
 * limit counts every character, so the file is exactly what the management account uploads).
 */
export function planDocuments(
  layer: LayerName,
  outputs: Readonly<Record<string, unknown>>,
): [string, string][] {
  return Object.entries(LAYERS[layer].outputs as Schema).flatMap(([key, spec]) =>
    spec.planFile && typeof outputs[key] === 'string'
      ? [[spec.planFile, outputs[key]] as [string, string]]
      : [],
  );
}

/** One screen per layer: resource counts by type and the published outputs. */
export function summarize(plan: LayerPlan): string {
  const counts = new Map<string, number>();
  for (const r of plan.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const width = Math.max(...[...counts.keys()].map((t) => t.length), 10);
  const lines = [
    `${plan.project} (${plan.stack}): ${plan.resources.length} resources`,
    ...[...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, n]) => `  ${type.padEnd(width)}  ${n}`),
    'outputs:',
    ...Object.entries(plan.outputs).map(([key, value]) => `  ${key} = ${shorten(JSON.stringify(value))}`),
  ];
  return lines.join('\n');
}

const shorten = (text: string) => (text.length > 100 ? `${text.slice(0, 97)}...` : text);
