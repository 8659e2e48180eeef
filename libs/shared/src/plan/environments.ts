import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LAYER_NAMES } from '../layers';

/**
 * Every environment the repository has: each `Pulumi.<env>.yaml` of any layer of the registry. An environment is
 * added by adding its stack files, and a layer added to the registry is looked at without a change here.
 */
export function environmentsIn(root: string): string[] {
  const found = new Set<string>();
  for (const layer of LAYER_NAMES) {
    const dir = join(root, 'packages', layer);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      const m = /^Pulumi\.([a-z][a-z0-9]*)\.yaml$/.exec(f);
      if (m?.[1]) found.add(m[1]);
    }
  }
  return [...found].sort();
}
