import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { LAYERS, isLayerName, type LayerName } from '../layers';
import { runLayerProgram, type LayerPlan } from '../mock/engine';
import { readPlan } from './plan';
import { readStackConfig } from './stack-config';

/**
 * The runnable examples of examples/: each is an overlay of stack config on an environment (dev unless it says
 * otherwise) that turns on one opt-in path. `npm start` plans every example of every layer offline, in the same
 * process as the layer's own stacks, and the posture report grades each against every mandatory control; an
 * example that relaxes a control on purpose declares it under `exceptions`, and only the control's own
 * reported exception may result.
 */
export interface Example {
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly base: string;
  /** Control ID -> why the example relaxes it (NET-3 for NAT egress). */
  readonly exceptions: Readonly<Record<string, string>>;
  /** Layer -> config keys overlaid on the base stack's config. */
  readonly config: Partial<Record<LayerName, Readonly<Record<string, unknown>>>>;
}

export const examplesDir = (root: string) => join(root, 'examples');
export const examplePlanFile = (root: string, layer: LayerName, example: string) =>
  join(root, 'dist', 'plan', 'examples', layer, `${example}.json`);

const NAME = /^[a-z][a-z0-9-]{1,40}$/;

/** Every example, sorted by name; a malformed file is an error naming the file and the fix. */
export function readExamples(root: string): Example[] {
  const dir = examplesDir(root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseExample(join(dir, f)));
}

function parseExample(file: string): Example {
  const name = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  const fail = (problem: string): never => {
    throw new Error(`${file}: ${problem}`);
  };
  if (!NAME.test(name)) fail(`the file name must be lower-case words joined by -, got ${name}`);
  const doc = (load(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  const description = typeof doc['description'] === 'string' ? doc['description'] : '';
  if (!description) fail('description is missing: say which opt-in path the example shows');
  const base = typeof doc['base'] === 'string' ? doc['base'] : 'dev';
  const config = (doc['config'] ?? {}) as Record<string, unknown>;
  for (const layer of Object.keys(config))
    if (!isLayerName(layer))
      fail(`config.${layer} is not a layer; layers are ${Object.keys(LAYERS).join(', ')}`);
  const exceptions = (doc['exceptions'] ?? {}) as Record<string, unknown>;
  for (const [id, why] of Object.entries(exceptions))
    if (typeof why !== 'string' || !why) fail(`exceptions.${id} must say why the example relaxes ${id}`);
  return {
    name,
    file,
    description,
    base,
    exceptions: exceptions as Record<string, string>,
    config: config,
  };
}

/** The config a layer's program sees in the example: the base stack's, with the example's keys on top. */
export function exampleConfig(root: string, example: Example, layer: LayerName): Record<string, string> {
  const config = { ...readStackConfig(join(root, 'packages', layer), example.base) };
  for (const [key, value] of Object.entries(example.config[layer] ?? {}))
    config[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return config;
}

export function readExamplePlan(root: string, layer: LayerName, example: string): LayerPlan {
  const file = examplePlanFile(root, layer, example);
  if (!existsSync(file))
    throw new Error(
      `No offline plan of ${layer} for example ${example} at ${file}. Run: npx nx run ${layer}:plan`,
    );
  return JSON.parse(readFileSync(file, 'utf8')) as LayerPlan;
}

/** Plans one layer of an example (its upstream layers' example plans first) and writes its plan. */
export async function planExampleLayer(
  root: string,
  example: Example,
  layer: LayerName,
  program: () => unknown,
): Promise<LayerPlan> {
  const upstream: Partial<Record<LayerName, Record<string, unknown>>> = {};
  for (const up of LAYERS[layer].upstream as readonly LayerName[])
    upstream[up] = readExamplePlan(root, up, example.name).outputs;
  // A layer the example does not configure, whose upstream layers publish what they publish in the base stack,
  // plans exactly as the base stack does: its plan is reused, which keeps `npm start` fast.
  const unchanged =
    example.config[layer] === undefined &&
    (LAYERS[layer].upstream as readonly LayerName[]).every(
      (up) => JSON.stringify(upstream[up]) === JSON.stringify(readPlan(root, example.base, up).outputs),
    );
  const plan = unchanged
    ? readPlan(root, example.base, layer)
    : await runLayerProgram({
        layer,
        stack: example.base,
        config: exampleConfig(root, example, layer),
        upstream,
        program,
      });
  const file = examplePlanFile(root, layer, example.name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
  return plan;
}
