// The one test file Jest runs for a project (jest.preset.js, `oneRegistry`): it collects every `*.test.ts` of the
// project, each inside a describe named by its path, so that the files share one module registry. Jest gives each
// test file a registry of its own, and every file of a layer loads @pulumi/pulumi, @pulumi/aws and the layer
// program again (about a second of CPU per file); here they load once per project. The test files are unchanged
// and run in the same order of files as their names sort. A file's top-level hooks stay its own (they are inside
// its describe). `jest.setTimeout` in a file would now hold for the files after it; the timeout is restored after
// each file to the configured one (a longer wait never fails a passing test). Plain JavaScript: it is loaded
// before any transform is configured to read it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const TIMEOUT = Symbol.for('TEST_TIMEOUT_SYMBOL');
const root = globalThis.SECURE_ML_TEST_ROOT;
if (typeof root !== 'string')
  throw new Error('tools/jest/suite.js runs only from jest.preset.js (oneRegistry)');

const ignored = /(^|\/)(node_modules|dist)(\/|$)/;
const files = fs
  .readdirSync(root, { recursive: true })
  .map((entry) => entry.split(path.sep).join('/'))
  .filter((entry) => entry.endsWith('.test.ts') && !ignored.test(entry))
  .sort();

for (const file of files) {
  describe(file, () => {
    const before = globalThis[TIMEOUT];
    require(path.join(root, file));
    if (before === undefined) delete globalThis[TIMEOUT];
    else globalThis[TIMEOUT] = before;
  });
}
