#!/usr/bin/env node
// `npm start`: the offline plan of every layer in every environment (in dependency order, under the mock
// engine), then the posture report over those plans. Exits 1 when a plan fails or a mandatory control fails in
// any environment (Nx itself may exit 130 for a failed task, which shells read as "interrupted").
'use strict';
const { nx } = require('./nx');

/** 0 stays 0; any failure is 1. */
const asExitCode = (status) => (status === 0 ? 0 : 1);

function main() {
  const status = nx(['run-many', '-t', 'plan', '--outputStyle=static']);
  if (status !== 0) return asExitCode(status);
  return asExitCode(nx(['run', 'posture:report', '--outputStyle=static']));
}

process.exitCode = main();
