// Registers TypeScript the way the Pulumi CLI's nodejs runtime does for `runtime.options.typescript: true`
// (@pulumi/pulumi cmd/run/run.js): ts-node from the project's node_modules, the tsconfig.json of the current
// directory, and Pulumi's default compiler options under it. What loads here is what `pulumi up` will load.
'use strict';
const fs = require('node:fs');

/**
 * @param {{ typeCheck?: boolean, swc?: boolean }} [options] The CLI type-checks through ts-node unless the
 * tsconfig sets `noCheck`; here it is off by default because every project's `typecheck` target runs `tsc` over
 * the same tsconfig.json, and type-checking the AWS types again in each loader run costs about 7 s a layer.
 * `swc` transpiles with @swc/core instead of TypeScript's own transpiler (ts-node's `swc` option, which the
 * Pulumi CLI also honours from a tsconfig's "ts-node" section): about half the CPU time of loading a layer
 * program, and the transpiler the tests already run every program through (jest.preset.js). The offline
 * tools use it; tools/test/loader.test.ts loads every program through TypeScript itself, as the CLI does.
 */
function registerLikePulumi(options = {}) {
  const tsconfig = 'tsconfig.json';
  const tsNode = require('ts-node');
  const ts = require('typescript');
  const { config } = ts.readConfigFile(tsconfig, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config ?? {}, ts.sys, process.cwd());
  tsNode.register({
    compiler: 'typescript',
    transpileOnly: !options.typeCheck,
    swc: Boolean(options.swc) && !options.typeCheck,
    project: tsconfig,
    skipProject: !fs.existsSync(tsconfig),
    compilerOptions: {
      target: 'ES2020',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      sourceMap: 'true',
      ...(parsed.raw?.compilerOptions ?? {}),
    },
  });
}

/** The offline tools' loader (plan, report, preflight): as the CLI, transpiled by swc. */
const registerForOfflineTools = () => registerLikePulumi({ swc: true });

module.exports = { registerLikePulumi, registerForOfflineTools };
