import { join, resolve } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
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
  if (logObserved()) return runLayerProgram({ layer, stack, config, upstream, program });
  const key = JSON.stringify([
    layer,
    stack,
    Object.entries(config).sort(([a], [b]) => a.localeCompare(b)),
    upstream,
  ]);
  const plans = planned.get(program) ?? new Map<string, Promise<LayerPlan | undefined>>();
  planned.set(program, plans);
  let plan = plans.get(key);
  if (!plan) {
    const run = runLayerProgram({ layer, stack, config, upstream, program });
    // A failed plan is not kept (each caller sees the program's own error, raised afresh), nor one that holds
    // anything but plain data, which a copy could not reproduce.
    plan = run.then((p) => (isPlain(p) ? p : undefined)).catch(() => undefined);
    plans.set(key, plan);
    return run.then((p) => (isPlain(p) ? copyOf(p) : p));
  }
  return plan.then((kept) =>
    kept ? copyOf(kept) : runLayerProgram({ layer, stack, config, upstream, program }),
  );
}

/**
 * The plans already made in this module registry, by program and by everything a plan is made from (layer,
 * stack, the resolved config and upstream outputs): the mock engine derives every ID from type and name, so the
 * same inputs give the same plan, and a test run plans each (layer, environment, overrides) once. Each caller
 * gets its own deep copy, free to change. A program that is another function (a test's own wrapper) is planned
 * on its own.
 */
const planned = new WeakMap<() => unknown, Map<string, Promise<LayerPlan | undefined>>>();

/**
 * Whether a test is watching what the program logs (a `jest.spyOn(pulumi.log, 'warn')`): a kept plan would log
 * nothing, so such a test always gets a fresh run.
 */
function logObserved(): boolean {
  return Object.values(pulumi.log).some(
    (fn) => typeof fn === 'function' && '_isMockFunction' in fn && fn._isMockFunction === true,
  );
}

/** Whether a value is JSON-like (plain objects, arrays, primitives, undefined): what `copyOf` copies whole. */
function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object')
    return typeof value !== 'function' && typeof value !== 'symbol';
  if (Array.isArray(value)) return value.every(isPlain);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every(isPlain);
}

/** A deep copy of a plain value, made in this realm. */
function copyOf<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = copyOf(item);
  return copy as T;
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
