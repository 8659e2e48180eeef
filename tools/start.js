#!/usr/bin/env node
// `npm start`: the offline plan of every layer in every environment (in dependency order, under the mock
// engine), then the posture report over those plans. Exits non-zero when a plan fails or a mandatory control
// fails in any environment.
'use strict';
const { nx } = require('./nx');

function main() {
  const status = nx(['run-many', '-t', 'plan', '--outputStyle=static']);
  if (status !== 0) return status;
  return nx(['run', 'posture:report', '--outputStyle=static']);
}

process.exitCode = main();
