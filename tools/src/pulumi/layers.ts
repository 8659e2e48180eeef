// The layers the tools act on, from the layer registry (libs/shared/src/layers.ts), and the arguments every
// per-layer tool takes.
import path from 'node:path';
import { isLayerName, LAYER_NAMES, type LayerName } from '@secure-ml/shared/layers';
import { ENVIRONMENT_NAME } from '@secure-ml/shared/stack-files';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const LAYERS: readonly LayerName[] = LAYER_NAMES;

export interface LayerArgs {
  readonly layer: LayerName;
  readonly stack: string;
  readonly projectDir: string;
}

/** The layer and stack of `argv`, or a usage message and exit 2. */
export function parseArgs(argv: readonly (string | undefined)[], usage: string): LayerArgs {
  const [layer = '', stack = ''] = argv;
  if (!isLayerName(layer) || !ENVIRONMENT_NAME.test(stack)) {
    console.error(
      `usage: ${usage}\n  layer: one of ${LAYERS.join(', ')}\n  stack: an environment name such as dev or prod`,
    );
    process.exit(2);
  }
  return { layer, stack, projectDir: path.join(ROOT, 'packages', layer) };
}
