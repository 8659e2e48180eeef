// `npm start`: the offline plan of every layer in every environment (in dependency order, under the mock
// engine), then the preflight (what AWS would reject: libs/posture/src/preflight) and the posture report over
// those plans. One Nx run: the preflight and the report each depend on every layer's plan (libs/posture's
// package.json), so a failed plan skips both; neither depends on the other, so they run side by side, and Nx,
// which does not bail unless told to (`--nx-bail`, "Stop command execution after the first failed task", default
// false: the Nx CLI reference for run-many), still reports the posture after a preflight finding. Exits 1 when a
// plan fails, the preflight finds anything, or a mandatory control fails in any environment (Nx itself may exit
// 130 for a failed task, which shells read as "interrupted").
import { nx } from './nx';

/** What npm start asks Nx: the two posture targets, which pull in every plan first. */
const START_ARGS = ['run-many', '-t', 'preflight', 'report', '-p', 'posture', '--outputStyle=static'];

export function main(): number {
  return nx(START_ARGS) === 0 ? 0 : 1;
}
