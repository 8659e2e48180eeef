// Which README holds which settings table: each layer's README (from the registry, so a new layer needs one) holds
// its own namespace; the root README holds the settings every layer shares. Loads the layers' TypeScript schemas.
import fs from 'node:fs';
import path from 'node:path';
import {
  awsSettings,
  COMMON_NAMESPACE,
  commonSettings,
  LAYER_NAMES,
  LAYERS,
  withSettingsTable,
} from '@secure-ml/shared';
import { ROOT } from '../pulumi/layers';

type Schema = Parameters<typeof withSettingsTable>[2];

export interface ReadmeTarget {
  readonly file: string;
  readonly tables: readonly { readonly namespace: string; readonly schema: Schema }[];
}

/** Every README that carries settings tables, with its tables. */
export function readmeTargets(): ReadmeTarget[] {
  const layers = LAYER_NAMES.map((layer): ReadmeTarget => {
    const source = path.join(ROOT, 'packages', layer, 'src', 'settings.ts');
    const exportName = `${layer}Settings`;
    // A layer is a stack that tools may not import; its schema is read by path, as the docs' source.
    const schema = fs.existsSync(source)
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require(source) as Record<string, Schema | undefined>)[exportName]
      : undefined;
    if (!schema)
      throw new Error(
        `${path.relative(ROOT, source)} must export ${exportName}, the layer's settings schema`,
      );
    return {
      file: path.join(ROOT, 'packages', layer, 'README.md'),
      tables: [{ namespace: LAYERS[layer].project, schema }],
    };
  });
  return [
    {
      file: path.join(ROOT, 'README.md'),
      tables: [
        { namespace: 'aws', schema: awsSettings },
        { namespace: COMMON_NAMESPACE, schema: commonSettings },
      ],
    },
    ...layers,
  ];
}

/** The README's text with every table regenerated. */
export function rendered({ file, tables }: ReadmeTarget): string {
  if (!fs.existsSync(file))
    throw new Error(`${path.relative(ROOT, file)} is missing: every layer has a README`);
  return tables.reduce(
    (text, { namespace, schema }) => withSettingsTable(text, namespace, schema),
    fs.readFileSync(file, 'utf8'),
  );
}
