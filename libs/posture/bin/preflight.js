#!/usr/bin/env node
// `nx run posture:preflight` (npm start runs it after the plans): holds every environment's offline plan to
// AWS's documented acceptance rules, the Service Authorization Reference and AWS's value limits. Exit code 1:
// AWS would reject (or ignore) something.
'use strict';
const path = require('node:path');

process.chdir(path.join(__dirname, '..'));
require('@secure-ml/shared/ts-loader').registerForOfflineTools();
const { runPreflightReport } = require('../src/preflight/main.ts');
const { REPO_ROOT } = require('../src/report/main.ts');

process.exitCode = runPreflightReport(REPO_ROOT);
