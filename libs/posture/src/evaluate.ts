import { CONTROLS } from './controls';
import type { Control, ControlResult, Env } from './model';
import { label, ofType } from './resources';

/**
 * One control over an environment: pass, fail, or not applicable when it does not apply (appliesTo) or nothing it
 * examines exists.
 */
export function evaluateControl(control: Control, env: Env): ControlResult {
  const applies = control.appliesTo?.(env) ?? true;
  const findings = applies ? control.evaluate(env) : [];
  const examined = applies ? ofType(env, ...control.examines).map(label) : [];
  const status = findings.length > 0 ? 'fail' : examined.length > 0 ? 'pass' : 'not applicable';
  return {
    id: control.id,
    standards: control.standards,
    check: control.check,
    mandatory: !control.advisory,
    status,
    examined,
    findings,
    notes: control.notes?.(env) ?? [],
  };
}

/** Every control of the pack over an environment (offline: every layer at once). */
export const evaluateAll = (env: Env, controls: readonly Control[] = CONTROLS): ControlResult[] =>
  controls.map((c) => evaluateControl(c, env));
