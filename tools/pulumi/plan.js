#!/usr/bin/env node
// The offline plan of one layer: `node tools/pulumi/plan.js <layer> <stack>` (Nx target `plan`).
// Loads the layer program as the Pulumi CLI would, runs it under the mock engine of @secure-ml/shared and
// writes dist/plan/<stack>/<layer>.json.
'use strict';
const path = require('node:path');
const { ROOT, parseArgs } = require('./layers');
const { registerLikePulumi } = require('./ts-loader');

const { layer, stack, projectDir } = parseArgs(process.argv.slice(2), 'plan.js <layer> <stack>');
process.chdir(projectDir);
registerLikePulumi();
const { planLayer, summarize } = require('@secure-ml/shared/testing');
const program = require(path.join(projectDir, 'src', 'index.ts'));

planLayer(ROOT, layer, stack, program).then(
  (plan) => console.log(summarize(plan)),
  (err) => {
    // Our errors carry the whole story in their message; anything else keeps its stack for a bug report.
    const ours = err instanceof Error && ['SecureMlError', 'ConfigError', 'ContractError'].includes(err.name);
    console.error(`Offline plan of ${layer} (${stack}) failed:\n${ours ? err.message : (err && err.stack) || err}`);
    process.exit(1);
  },
);
