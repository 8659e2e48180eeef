// Layer names and folders for the plain-JS tools (which run where no TypeScript loader is registered, and in
// sandboxes that copy only tools/ and the stack files); tools/test/nx-graph.test.ts holds this list equal to the
// registry in libs/shared/src/layers.ts, in its deploy order.
'use strict';
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const STACK_PATTERN = /^[a-z][a-z0-9]{1,7}$/;

const LAYERS = ['security', 'network', 'logging', 'guardrail', 'notebook'];

/** Exits with a usage message unless `layer` and `stack` are valid. */
function parseArgs(argv, usage) {
  const [layer, stack] = argv;
  if (!LAYERS.includes(layer ?? '') || !STACK_PATTERN.test(stack ?? '')) {
    console.error(
      `usage: ${usage}\n  layer: one of ${LAYERS.join(', ')}\n  stack: an environment name such as dev or prod`,
    );
    process.exit(2);
  }
  return { layer, stack, projectDir: path.join(ROOT, 'packages', layer) };
}

module.exports = { ROOT, LAYERS, parseArgs };
