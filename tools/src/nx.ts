// Runs the workspace's own Nx (never a global one).
import { spawnSync } from 'node:child_process';
import { ROOT } from './pulumi/layers';

/** Runs `nx <args>` in the repo root with inherited output; returns the exit status. */
export function nx(args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx.js'), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
  return result.status ?? 1;
}
