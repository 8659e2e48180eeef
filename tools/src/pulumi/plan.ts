// The offline plan of one layer: `node tools/pulumi/plan.js <layer> [stack...]` (Nx target `plan`).
// Plans every environment that has a Pulumi.<stack>.yaml in the layer (or the stacks named), so that one cached
// task holds all of a layer's plans and a consumer's tests can read any environment of its upstream layers.
// Loads the layer program as the Pulumi CLI would, runs it under the mock engine of @secure-ml/shared and
// writes dist/plan/<stack>/<layer>.json; then plans the layer for every example of examples/ (an overlay of
// stack config), writing dist/plan/examples/<layer>/<example>.json.
import path from 'node:path';
import { environmentsOfProject } from '@secure-ml/shared/stack-files';
import { planExampleLayer, planLayer, readExamples, summarize } from '@secure-ml/shared/testing';
import { parseArgs, ROOT } from './layers';

/** Our errors carry the whole story in their message; anything else keeps its stack for a bug report. */
function described(err: unknown): string {
  const ours = err instanceof Error && ['SecureMlError', 'ConfigError', 'ContractError'].includes(err.name);
  return ours ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
}

export async function main(argv: readonly string[]): Promise<number> {
  const { layer, projectDir } = parseArgs([argv[0], argv[1] ?? 'dev'], 'plan.js <layer> [stack...]');
  const stacks = argv.length > 1 ? argv.slice(1) : environmentsOfProject(projectDir);
  if (stacks.length === 0) throw new Error(`${layer} has no Pulumi.<stack>.yaml: nothing to plan`);
  // The layer program, as the CLI loads it (its main, from its own folder); TypeScript is registered already.
  process.chdir(projectDir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require(path.join(projectDir, 'src', 'index.ts')) as () => unknown;
  let status = 0;
  for (const stack of stacks) {
    try {
      console.log(summarize(await planLayer(ROOT, layer, stack, program)));
    } catch (err) {
      console.error(`Offline plan of ${layer} (${stack}) failed:\n${described(err)}`);
      status = 1;
    }
  }
  // The runnable examples of examples/ (one opt-in path each), when every environment is planned: the same
  // loaded program, so each costs one more run under the mock engine, not one more process.
  if (argv.length > 1) return status;
  for (const example of readExamples(ROOT)) {
    try {
      const plan = await planExampleLayer(ROOT, example, layer, program);
      console.log(`example ${example.name}: ${plan.resources.length} resources`);
    } catch (err) {
      console.error(
        `Offline plan of ${layer} for example ${example.name} (${example.file}) failed:\n${err instanceof Error ? err.message : String(err)}`,
      );
      status = 1;
    }
  }
  return status;
}
