import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root';

/**
 * Copies the tools into a scratch repository at `root`: the TypeScript sources, the entry points and the
 * launcher with the tsconfig files it registers TypeScript from. Run them with NODE_PATH set to the repository's
 * node_modules (`SCRATCH_NODE_PATH`), where the workspace libraries and ts-node resolve.
 */
export function copyTools(root: string): void {
  for (const entry of [
    'launch.js',
    'tsconfig.json',
    'src',
    'pulumi',
    'docs',
    'start.js',
    'bench.js',
    'typecheck.js',
  ])
    cpSync(join(REPO_ROOT, 'tools', entry), join(root, 'tools', entry), { recursive: true });
  cpSync(join(REPO_ROOT, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  const loader = join('libs', 'shared', 'src', 'plan', 'ts-loader.js');
  cpSync(join(REPO_ROOT, loader), join(root, loader));
}

export const SCRATCH_NODE_PATH = join(REPO_ROOT, 'node_modules');
