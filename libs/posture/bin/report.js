#!/usr/bin/env node
// `nx run posture:report` (npm start runs it after the plans): loads the TypeScript sources through ts-node,
// as tools/pulumi/plan.js does, and runs the posture report. Exit code 1: a mandatory control failed.
'use strict';
const path = require('node:path');

process.chdir(path.join(__dirname, '..'));
require('@secure-ml/shared/ts-loader').registerForOfflineTools();
const { runReport, REPO_ROOT } = require('../src/report/main.ts');
const { runExamples } = require('../src/report/examples.ts');

// Both run, so that one report shows every failure: the environments, then the examples of examples/. Named
// environments (`report.js stage`) are reported alone, without the examples.
const named = process.argv.slice(2);
process.exitCode = named.length
  ? runReport(REPO_ROOT, named)
  : Math.max(runReport(REPO_ROOT), runExamples(REPO_ROOT));
