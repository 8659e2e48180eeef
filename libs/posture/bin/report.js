#!/usr/bin/env node
// `nx run posture:report` (npm start runs it after the plans): loads the TypeScript sources through ts-node,
// as tools/pulumi/plan.js does, and runs the posture report. Exit code 1: a mandatory control failed.
'use strict';
const path = require('node:path');

process.chdir(path.join(__dirname, '..'));
require('../../../tools/pulumi/ts-loader').registerLikePulumi();
const { runReport, REPO_ROOT } = require('../src/report/main.ts');

process.exitCode = runReport(REPO_ROOT);
