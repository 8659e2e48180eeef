// Runs the workspace's own Nx (never a global one) and stops the calling script on failure.
'use strict';
const { spawnSync } = require('node:child_process');
const { ROOT } = require('./pulumi/layers');

/** Runs `nx <args>` in the repo root with inherited output; returns the exit status. */
function nx(args, env = process.env) {
  const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx.js'), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
  return result.status ?? 1;
}

module.exports = { nx };
