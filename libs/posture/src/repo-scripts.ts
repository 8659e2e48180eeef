import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The hook scripts checked in at packages/notebook/lifecycle (NB-7 compares each hook with them), or undefined
 * when the repository is not at hand (the pack published on its own).
 */
export function lifecycleScriptsIn(root: string): string[] | undefined {
  const dir = join(root, 'packages', 'notebook', 'lifecycle');
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sh'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}
