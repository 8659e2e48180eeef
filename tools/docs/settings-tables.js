#!/usr/bin/env node
// Regenerates the settings tables of the READMEs from the setting schemas:
// `node tools/docs/settings-tables.js`. tools/test/settings-docs.test.ts fails when a table is out of date.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('../pulumi/layers');
const { registerLikePulumi } = require('../pulumi/ts-loader');

process.chdir(ROOT);
registerLikePulumi();
const { readmeTargets, rendered } = require('./readmes');

for (const target of readmeTargets()) {
  const before = fs.readFileSync(target.file, 'utf8');
  const after = rendered(target);
  if (after !== before) fs.writeFileSync(target.file, after);
  console.log(`${after === before ? 'unchanged' : 'updated  '} ${path.relative(ROOT, target.file)}`);
}
