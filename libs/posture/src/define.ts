import type { Control, Env, Finding, Res } from './model';
import { ofType } from './resources';

type Base = Omit<Control, 'kind' | 'evaluate'>;

/**
 * A control decided by each resource alone (a CrossGuard resource policy): `inspect` returns the problems of one
 * resource, or nothing.
 */
export function resourceControl(
  def: Base & { inspect: (r: Res, env: Env) => Finding | Finding[] | undefined },
): Control {
  const { inspect, ...rest } = def;
  return {
    ...rest,
    kind: 'resource',
    evaluate: (env) =>
      ofType(env, ...def.examines).flatMap((r) => {
        const found = inspect(r, env);
        return found === undefined ? [] : Array.isArray(found) ? found : [found];
      }),
  };
}

/** A control that needs several resources at once (a CrossGuard stack policy). */
export function stackControl(def: Base & { evaluate(env: Env): Finding[] }): Control {
  return { ...def, kind: 'stack' };
}
