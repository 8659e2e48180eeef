#!/usr/bin/env node
// The offline plan of one layer: `node tools/pulumi/plan.js <layer> [stack...]` (Nx target `plan`).
// Plans every environment that has a Pulumi.<stack>.yaml in the layer (or the stacks named), so that one cached
// task holds all of a layer's plans and a consumer's tests can read any environment of its upstream layers.
// Loads the layer program as the Pulumi CLI would, runs it under the mock engine of @secure-ml/shared and
// writes dist/plan/<stack>/<layer>.json; then plans the layer for every example of examples/ (an overlay of
// stack config), writing dist/plan/examples/<layer>/<example>.json.
'use strict';
const path = require('node:path');
const { ROOT, parseArgs } = require('./layers');
const { registerForOfflineTools } = require('./ts-loader');

const args = process.argv.slice(2);
const { layer, projectDir } = parseArgs([args[0], args[1] ?? 'dev'], 'plan.js <layer> [stack...]');
process.chdir(projectDir);
registerForOfflineTools();
const { environmentsOfProject } = require('@secure-ml/shared/stack-files');
const stacks = args.length > 1 ? args.slice(1) : environmentsOfProject(projectDir);
const { planLayer, summarize, readExamples, planExampleLayer } = require('@secure-ml/shared/testing');
const program = require(path.join(projectDir, 'src', 'index.ts'));

async function main() {
  if (stacks.length === 0) throw new Error(`${layer} has no Pulumi.<stack>.yaml: nothing to plan`);
  for (const stack of stacks) {
    try {
      console.log(summarize(await planLayer(ROOT, layer, stack, program)));
    } catch (err) {
      // Our errors carry the whole story in their message; anything else keeps its stack for a bug report.
      const ours =
        err instanceof Error && ['SecureMlError', 'ConfigError', 'ContractError'].includes(err.name);
      console.error(
        `Offline plan of ${layer} (${stack}) failed:\n${ours ? err.message : (err && err.stack) || err}`,
      );
      process.exitCode = 1;
    }
  }
  // The runnable examples of examples/ (one opt-in path each), when every environment is planned: the same
  // loaded program, so each costs one more run under the mock engine, not one more process.
  if (args.length > 1) return;
  for (const example of readExamples(ROOT)) {
    try {
      const plan = await planExampleLayer(ROOT, example, layer, program);
      console.log(`example ${example.name}: ${plan.resources.length} resources`);
    } catch (err) {
      console.error(
        `Offline plan of ${layer} for example ${example.name} (${example.file}) failed:\n${(err && err.message) || err}`,
      );
      process.exitCode = 1;
    }
  }
}

main();
