import type { Env, Res } from '../src/model';
import { loadEnvironment } from '../src/plans';
import { REPO_ROOT } from '../src/report/main';

/** The offline plan of an environment (npm start / nx plan writes it), as the preflight reads it. */
export const planned = (stack = 'dev'): Env => loadEnvironment(REPO_ROOT, stack);

/** The environment with the inputs of every resource that `match` selects replaced by `edit`'s result. */
export function editing(
  env: Env,
  match: (r: Res) => boolean,
  edit: (inputs: Record<string, unknown>) => Record<string, unknown>,
): Env {
  let hits = 0;
  const resources = env.resources.map((r) => {
    if (!match(r)) return r;
    hits += 1;
    return { ...r, inputs: edit({ ...r.inputs }) };
  });
  if (hits === 0) throw new Error('the edit matched no resource: the test would prove nothing');
  return { ...env, resources };
}

export const byName = (type: string, name: string) => (r: Res) => r.type === type && r.name === name;

/** A policy input as an object, and back. */
export const doc = (v: unknown): { Version?: string; Statement: Record<string, unknown>[] } =>
  (typeof v === 'string' ? JSON.parse(v) : v) as { Version?: string; Statement: Record<string, unknown>[] };
export const json = (d: unknown): string => JSON.stringify(d);
