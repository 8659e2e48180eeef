// `npm start`: the offline plan of every layer in every environment (in dependency order, under the mock
// engine), then the preflight (what AWS would reject: libs/posture/src/preflight) and the posture report over
// those plans. Exits 1 when a plan fails, the preflight finds anything, or a mandatory control fails in any
// environment (Nx itself may exit 130 for a failed task, which shells read as "interrupted"); the report runs
// even after a preflight finding, so that both are shown at once.
import { nx } from './nx';

/** 0 stays 0; any failure is 1. */
const asExitCode = (status: number) => (status === 0 ? 0 : 1);

export function main(): number {
  const status = nx(['run-many', '-t', 'plan', '--outputStyle=static']);
  if (status !== 0) return asExitCode(status);
  const preflight = nx(['run', 'posture:preflight', '--outputStyle=static']);
  const report = nx(['run', 'posture:report', '--outputStyle=static']);
  return asExitCode(preflight !== 0 ? preflight : report);
}
