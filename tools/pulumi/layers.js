// Layer names and folders for the plain-JS tools, read from the layers' own package.json files (an Nx project
// tagged `type:stack`, whose `implicitDependencies` are its upstream layers), so that a layer added to the
// registry in libs/shared/src/layers.ts reaches these tools without another list to edit.
// tools/test/nx-graph.test.ts holds both equal to the registry.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const STACK_PATTERN = /^[a-z][a-z0-9]{1,7}$/;

/** Every layer with its upstream layers, from packages/<layer>/package.json. */
function readLayers(root = ROOT) {
  const dir = path.join(root, 'packages');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name, 'package.json'))
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')).nx ?? {})
    .filter((nx) => (nx.tags ?? []).includes('type:stack'))
    .map((nx) => ({ name: nx.name, upstream: nx.implicitDependencies ?? [] }));
}

/** Layer names in deploy order: each after all of its upstream layers. */
function deployOrder(layers) {
  const placed = [];
  while (placed.length < layers.length) {
    const next = layers.find((l) => !placed.includes(l.name) && l.upstream.every((u) => placed.includes(u)));
    if (!next)
      throw new Error(`The layers in packages/ have a dependency cycle or an unknown upstream layer`);
    placed.push(next.name);
  }
  return placed;
}

const LAYERS = deployOrder(readLayers());

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
