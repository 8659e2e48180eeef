import { join, resolve } from 'node:path';
import { LAYERS, type LayerName } from '../layers';
import { runLayerProgram, type LayerPlan, type PlannedResource } from '../mock/engine';
import { readPlan } from './plan';
import { readStackConfig } from './stack-config';

/** The repository root, from this file's place in libs/shared/src/plan. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

export interface TestPlanOptions {
  readonly stack?: string;
  /** Config keys to add or replace on top of Pulumi.<stack>.yaml; `undefined` removes a key. */
  readonly config?: Readonly<Record<string, string | undefined>>;
  /** Upstream outputs to use instead of the upstream layers' offline plans. */
  readonly upstream?: Partial<Record<LayerName, Record<string, unknown>>>;
}

/**
 * Plans a layer for a test: its checked-in Pulumi.<stack>.yaml (dev by default) with overrides, and the
 * outputs of its upstream layers' offline plans (Nx runs those first: `test` depends on `^plan`).
 */
export function planForTest(
  layer: LayerName,
  program: () => unknown,
  options: TestPlanOptions = {},
): Promise<LayerPlan> {
  const stack = options.stack ?? 'dev';
  const config: Record<string, string> = { ...readStackConfig(join(REPO_ROOT, 'packages', layer), stack) };
  for (const [key, value] of Object.entries(options.config ?? {})) {
    if (value === undefined) delete config[key];
    else config[key] = value;
  }
  const upstream: Partial<Record<LayerName, Record<string, unknown>>> = {};
  for (const up of LAYERS[layer].upstream as readonly LayerName[]) {
    upstream[up] = options.upstream?.[up] ?? readPlan(REPO_ROOT, stack, up).outputs;
  }
  return runLayerProgram({ layer, stack, config, upstream, program });
}

/** Every resource of a type, for positive and negative assertions (`expect(ofType(plan, T)).toHaveLength(0)`). */
export function ofType(plan: LayerPlan, type: string): PlannedResource[] {
  return plan.resources.filter((r) => r.type === type);
}

/** The one resource of a type and logical name; throws with the names present when it is not there. */
export function resource(plan: LayerPlan, type: string, name: string): PlannedResource {
  const found = plan.resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = ofType(plan, type).map((r) => r.name);
    throw new Error(
      `No ${type} named ${name} in the ${plan.layer} plan; present: ${names.join(', ') || 'none'}`,
    );
  }
  return found;
}
