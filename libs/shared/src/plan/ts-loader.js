// Registers TypeScript the way the Pulumi CLI's nodejs runtime does for `runtime.options.typescript: true`
// (@pulumi/pulumi cmd/run/run.js): ts-node from the project's node_modules, the tsconfig.json of the current
// directory, and Pulumi's default compiler options under it. What loads here is what `pulumi up` will load.
// A process that runs no Pulumi program (the CLI wrapper, npm start) registers swc alone instead (registerOwnCode).
// Plain JavaScript because it is what makes TypeScript loadable: the offline tools (tools/launch.js), the posture
// pack's bins and tools/test/loader.test.ts call it before any .ts file can be required.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** One registration per process: a second ts-node hook would compile every file twice (each wraps the other). */
const REGISTERED = Symbol.for('secure-ml.ts-loader.registered');
/** registerOwnCode's mark: its swc hook is installed once per process too. */
const OWN_CODE = Symbol.for('secure-ml.ts-loader.own-code');

/**
 * @param {{ typeCheck?: boolean, swc?: boolean, project?: string }} [options] The CLI type-checks through ts-node
 * unless the tsconfig sets `noCheck`; here it is off by default because every project's `typecheck` target runs
 * `tsc` over the same tsconfig.json, and type-checking the AWS types again in each loader run costs about 7 s a
 * layer. `swc` transpiles with @swc/core instead of TypeScript's own transpiler (ts-node's `swc` option, which
 * the Pulumi CLI also honours from a tsconfig's "ts-node" section): about half the CPU time of loading a layer
 * program, and the transpiler the tests already run every program through (jest.preset.js). `project`: the
 * tsconfig.json to read (default: the current directory's, as the CLI does).
 *
 * The first registration of a process holds for every later call: every tsconfig.json of this repository extends
 * tsconfig.base.json and differs only in `types` and `include`, which transpiling does not read, so a layer
 * program loaded by a tool that registered from tools/tsconfig.json compiles as under its own.
 */
function registerLikePulumi(options = {}) {
  if (process[REGISTERED]) return;
  const tsconfig = options.project ?? 'tsconfig.json';
  const tsNode = require('ts-node');
  const ts = require('typescript');
  // The file's own compilerOptions, as the CLI lays them over its defaults (its `extends` ts-node resolves).
  const { config } = ts.readConfigFile(tsconfig, ts.sys.readFile);
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
      ...(config?.compilerOptions ?? {}),
    },
  });
  process[REGISTERED] = true;
}

/**
 * The SDK wraps every promise it makes with the stack where it was made (`debuggablePromise`, printed only when a
 * program leaves a promise unresolved at exit), and ts-node's source-map support maps each such stack back to
 * TypeScript: about a third of the CPU time of an offline plan. Stacks captured there are formatted as V8 does
 * without the mapping; every other stack (an error of ours, the SDK's resource positions) is mapped as before.
 */
function skipMappingForPromiseStacks() {
  const mapped = Error.prepareStackTrace;
  if (typeof mapped !== 'function') return;
  const debuggable = path.join('@pulumi', 'pulumi', 'runtime', 'debuggable.js');
  Error.prepareStackTrace = function prepareStackTrace(error, frames) {
    const file = frames[0] && frames[0].getFileName();
    if (file && file.endsWith(debuggable)) return [String(error), ...frames].join('\n    at ');
    return mapped(error, frames);
  };
}

/** The offline tools' loader (plan, report, preflight, tools/): as the CLI, transpiled by swc. */
function registerForOfflineTools(project) {
  const first = !process[REGISTERED];
  registerLikePulumi({ swc: true, project });
  if (first) skipMappingForPromiseStacks();
}

/**
 * How swc transpiles our TypeScript where no Pulumi program runs: the tests (jest.preset.js, @swc/jest) and the
 * tools that only run our own code (`registerOwnCode`). Types are stripped, nothing is checked (`typecheck` does).
 */
const SWC_OPTIONS = Object.freeze({
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
});

/**
 * TypeScript for a process that runs only our own code (the CLI wrapper, npm start, bench): each .ts file is
 * transpiled by swc directly, with the options the tests run the same files under. ts-node is left out because it
 * loads TypeScript's compiler (9 MB) to read tsconfig.json even when swc transpiles: about 0.5 s of the 0.8 s a
 * wrapper command took to start. Stack traces point into the .ts files (inline source maps, Node's own mapping).
 * Where a loader is registered already it is kept; where a layer program is loaded later, registerLikePulumi still
 * puts ts-node in front, as the CLI would load it.
 */
function registerOwnCode() {
  if (process[REGISTERED] || process[OWN_CODE]) return;
  const swc = require('@swc/core');
  process.setSourceMapsEnabled(true);
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename, sourceMaps: 'inline' });
    module._compile(code, filename);
  };
  process[OWN_CODE] = true;
}

module.exports = { registerLikePulumi, registerForOfflineTools, registerOwnCode, SWC_OPTIONS };
