#!/usr/bin/env node
// `npm test` runs this first (the `pretest` script): what the suite needs beyond Node and npm, checked before
// anything else runs, with one message that names every missing tool and the command that installs it. Today
// that is shellcheck, which lints the notebook lifecycle scripts; no npm package ships a working binary offline.
'use strict';
const { spawnSync } = require('node:child_process');

/** Every tool the suite needs that npm does not install, and how to install it. */
const PREREQUISITES = [
  {
    command: 'shellcheck',
    args: ['--version'],
    why: 'lints the notebook lifecycle scripts (packages/notebook/lifecycle)',
    install: 'sudo apt-get install -y shellcheck (Debian, Ubuntu), brew install shellcheck (macOS)',
  },
];

/** The missing prerequisites under `env` (PATH decides), each as one line of the message. */
function missing(env = process.env) {
  return PREREQUISITES.filter((p) => {
    const run = spawnSync(p.command, p.args, { env, encoding: 'utf8' });
    return run.error !== undefined || run.status !== 0;
  }).map((p) => `  - ${p.command}: ${p.why}. Install it: ${p.install}`);
}

function main() {
  // Before anything else: the suite runs the workspace's own Nx, which `npm ci` installs.
  const uninstalled = require('./launch').notInstalled('npm test');
  if (uninstalled) {
    console.error(uninstalled);
    return 1;
  }
  const lines = missing();
  if (!lines.length) return 0;
  console.error(
    `npm test needs tools that npm does not install, and these are missing:\n${lines.join('\n')}\n` +
      'Install them, then run npm test again (README.md, "Quick start").',
  );
  return 1;
}

module.exports = { PREREQUISITES, missing };
if (require.main === module) process.exitCode = main();
