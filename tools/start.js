#!/usr/bin/env node
// `npm start`: the offline plan of every layer for dev and prod (in dependency order, under the mock engine),
// then the posture report over those plans. Exits non-zero when a plan fails or a mandatory control fails.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { nx } = require('./nx');
const { ROOT } = require('./pulumi/layers');

const ENVIRONMENTS = ['dev', 'prod'];

function main() {
  for (const stack of ENVIRONMENTS) {
    const status = nx(['run-many', '-t', 'plan', '-c', stack, '--outputStyle=static']);
    if (status !== 0) return status;
  }
  if (!fs.existsSync(path.join(ROOT, 'libs', 'posture', 'package.json'))) return 0;
  return nx(['run', 'posture:report', '--outputStyle=static']);
}

process.exitCode = main();
