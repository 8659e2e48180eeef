// The tools are TypeScript (tools/src/, linted and type-checked like the rest), and Node.js 20 runs no
// TypeScript by itself. Each documented entry point (tools/start.js, tools/pulumi/run.js, ...) stays a file of two
// lines that calls this, so that package scripts, Nx targets, the workflows and the runbook keep their commands.
// Plain JavaScript: it is what registers TypeScript (libs/shared/src/plan/ts-loader.js): for the plan runner, which
// loads the layer programs, as the Pulumi CLI does (ts-node); for every other tool, which runs only our own code,
// swc alone (registerOwnCode), which starts a command about 0.5 s sooner.
'use strict';
const path = require('node:path');

// The loader by its path, not its package name: on a clone where `npm ci` has not run, the workspace's package
// links do not exist yet, and this must still load to say so (the loader needs ts-node only when it registers).
const loader = require('../libs/shared/src/plan/ts-loader.js');

/**
 * What a command says on a clone where `npm ci` has not run: one line with the fix, not a stack trace of a
 * module that cannot be found. Undefined when the workspace is installed.
 */
function notInstalled(command) {
  try {
    require.resolve('ts-node');
    require.resolve('@swc/core');
    require.resolve('nx/package.json');
    return undefined;
  } catch {
    return `${command} needs the workspace's packages, which are not installed: run npm ci in ${path.dirname(__dirname)} first (README.md, "Quick start").`;
  }
}

/** The entries that load a layer program, and so must load TypeScript as `pulumi up` does. */
const LOADS_LAYER_PROGRAMS = new Set(['pulumi/plan']);

/** The module tools/src/<entry>.ts: through ts-node if it loads layer programs, else through swc alone. */
function load(entry) {
  const missing = notInstalled(`node tools/${entry}.js`);
  if (missing) {
    console.error(missing);
    process.exit(1);
  }
  if (LOADS_LAYER_PROGRAMS.has(entry)) loader.registerForOfflineTools(path.join(__dirname, 'tsconfig.json'));
  else loader.registerOwnCode();
  return require(path.join(__dirname, 'src', `${entry}.ts`));
}

/** Runs tools/src/<entry>.ts's `main(argv)` and exits with what it returns (a number, or a promise of one). */
function run(entry) {
  Promise.resolve()
    .then(() => load(entry).main(process.argv.slice(2)))
    .then((code) => {
      process.exitCode = code;
    });
}

module.exports = { load, run, notInstalled };
