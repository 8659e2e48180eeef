// Which README holds which settings table: each layer's README (from the registry, so a new layer needs one) holds
// its own namespace; the root README holds the settings every layer shares. Loads the TypeScript schemas, so the
// caller has registered TypeScript (the generator) or runs under Jest (the drift test).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const shared = require('@secure-ml/shared');
const { ROOT } = require('../pulumi/layers');

/** [{ file, tables: [{ namespace, schema }] }] for every README that carries settings tables. */
function readmeTargets() {
  const layers = shared.LAYER_NAMES.map((layer) => {
    const source = path.join(ROOT, 'packages', layer, 'src', 'settings.ts');
    const exportName = `${layer}Settings`;
    const schema = fs.existsSync(source) ? require(source)[exportName] : undefined;
    if (!schema)
      throw new Error(
        `${path.relative(ROOT, source)} must export ${exportName}, the layer's settings schema`,
      );
    return {
      file: path.join(ROOT, 'packages', layer, 'README.md'),
      tables: [{ namespace: shared.LAYERS[layer].project, schema }],
    };
  });
  return [
    {
      file: path.join(ROOT, 'README.md'),
      tables: [
        { namespace: 'aws', schema: shared.awsSettings },
        { namespace: shared.COMMON_NAMESPACE, schema: shared.commonSettings },
      ],
    },
    ...layers,
  ];
}

/** The README's text with every table regenerated. */
function rendered({ file, tables }) {
  if (!fs.existsSync(file))
    throw new Error(`${path.relative(ROOT, file)} is missing: every layer has a README`);
  return tables.reduce(
    (text, { namespace, schema }) => shared.withSettingsTable(text, namespace, schema),
    fs.readFileSync(file, 'utf8'),
  );
}

module.exports = { readmeTargets, rendered };
