// Layer names and folders for the plain-JS tools (which run where no TypeScript loader is registered): a layer is
// a folder of packages/ with a Pulumi.yaml, the file the Pulumi CLI itself looks for, so no list is written here;
// tools/test/nx-graph.test.ts holds the set equal to the registry in libs/shared/src/layers.ts.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function layersIn(root) {
  const packages = path.join(root, 'packages');
  if (!fs.existsSync(packages)) return [];
  return fs
    .readdirSync(packages)
    .filter((dir) => fs.existsSync(path.join(packages, dir, 'Pulumi.yaml')))
    .sort();
}
const LAYERS = layersIn(ROOT);

/** Exits with a usage message unless `layer` and `stack` are valid. */
function parseArgs(argv, usage) {
  const [layer, stack] = argv;
  // What an environment may be called: the one definition, which the layers and the offline tools read too.
  const { environmentName } = require('@secure-ml/shared/environment-name.json');
  if (!LAYERS.includes(layer ?? '') || !new RegExp(environmentName).test(stack ?? '')) {
    console.error(
      `usage: ${usage}\n  layer: one of ${LAYERS.join(', ')}\n  stack: an environment name such as dev or prod`,
    );
    process.exit(2);
  }
  return { layer, stack, projectDir: path.join(ROOT, 'packages', layer) };
}

module.exports = { ROOT, LAYERS, parseArgs };
