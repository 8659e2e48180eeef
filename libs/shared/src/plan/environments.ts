import { join } from 'node:path';
import { LAYER_NAMES } from '../layers';
import { environmentsOfProject } from '../stack-files';

/**
 * Every environment the repository has: each `Pulumi.<env>.yaml` of any layer of the registry. An environment is
 * added by adding its stack files, and a layer added to the registry is looked at without a change here.
 */
export function environmentsIn(root: string): string[] {
  const found = new Set<string>();
  for (const layer of LAYER_NAMES)
    for (const env of environmentsOfProject(join(root, 'packages', layer))) found.add(env);
  return [...found].sort();
}
