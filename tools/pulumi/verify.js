// `node tools/pulumi/run.js verify <layer> <stack> [--active]` (Nx target `verify`): after the wrapper has
// selected the deployed stack (never created it), runs the checks of libs/verify (@secure-ml/verify) against the
// stack's outputs and AWS. Exit 0: every check passed; 1: a check failed; 2: verify could not start.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ROOT } = require('./layers');
const { registerLikePulumi } = require('./ts-loader');

const CANNOT_START = 2;

async function verify({ layer, stack, plan, active }) {
  const pulumi = (args) => {
    const r = spawnSync('pulumi', args, { encoding: 'utf8', env: plan.env });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  };
  // A missing stack is the usual reason verify cannot start: say so before loading anything else.
  const selected = pulumi(plan.select);
  if (selected.status !== 0) {
    console.error(
      `verify: ${layer} (${stack}) is not deployed on ${plan.backend} (${selected.stderr.trim()}). Deploy it first: npx nx run ${layer}:deploy -c ${stack}`,
    );
    return CANNOT_START;
  }
  // The library is TypeScript, loaded as the CLI loads the layer programs (from the library's own tsconfig).
  process.chdir(path.join(ROOT, 'libs', 'verify'));
  registerLikePulumi();
  const { runVerify } = require('@secure-ml/verify');
  return runVerify({ root: ROOT, layer, stack, active, pulumi });
}

module.exports = { verify, CANNOT_START };
