// Regenerates the settings tables of the READMEs from the setting schemas:
// `node tools/docs/settings-tables.js`. tools/test/settings-docs.test.ts fails when a table is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../pulumi/layers';
import { readmeTargets, rendered } from './readmes';

export function main(): number {
  for (const target of readmeTargets()) {
    const before = fs.readFileSync(target.file, 'utf8');
    const after = rendered(target);
    if (after !== before) fs.writeFileSync(target.file, after);
    console.log(`${after === before ? 'unchanged' : 'updated  '} ${path.relative(ROOT, target.file)}`);
  }
  return 0;
}
