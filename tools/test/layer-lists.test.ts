import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployOrder, LAYER_NAMES, LAYERS } from '@secure-ml/shared/layers';
import { DEFAULT_ENDPOINTS } from '@secure-ml/shared/catalogue';
import { REPO_ROOT } from './support/repo-root';

describe('the README diagram follows the layer registry', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const diagram = /```mermaid\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

  it('draws every layer once', () => {
    const nodes = [...diagram.matchAll(/^\s+([a-z]+)\["/gm)].map((m) => m[1]);
    expect(nodes.sort()).toEqual([...LAYER_NAMES].sort());
  });

  it('draws exactly the registry edges: an arrow from each upstream layer to the layer that reads it', () => {
    const arrows = [...diagram.matchAll(/^\s+([a-z]+) --> ([a-z]+)$/gm)].map((m) => `${m[1]} -> ${m[2]}`);
    const edges = LAYER_NAMES.flatMap((layer) =>
      LAYERS[layer].upstream.map((up: string) => `${up} -> ${layer}`),
    );
    expect(arrows.sort()).toEqual(edges.sort());
  });
});

describe('the promotion workflow offers every layer of the registry', () => {
  it('lists all, then each layer in deploy order', () => {
    const workflow = readFileSync(join(REPO_ROOT, '.github', 'workflows', 'promote-prod.yml'), 'utf8');
    const options = /^\s+options: \[(.*)\]$/m.exec(workflow)?.[1]?.split(/,\s*/);
    expect(options).toEqual(['all', ...deployOrder()]);
  });
});

describe("DESIGN.md's data-flow picture", () => {
  const design = readFileSync(join(REPO_ROOT, 'docs', 'DESIGN.md'), 'utf8');
  const picture = /## Who reaches what[\s\S]*?```mermaid\n([\s\S]*?)```/.exec(design)?.[1] ?? '';

  it('names exactly the default interface endpoints of the catalogue', () => {
    const listed = /Interface endpoints \(default\): ([^<]+)</.exec(picture)?.[1]?.split(/,\s*/);
    // Written out: the catalogue's default set (libs/shared/src/catalogue/endpoints.ts), as NET-6 requires it.
    expect(listed).toEqual(['sagemaker.api', 'sagemaker.runtime', 'sts', 'logs', 'monitoring', 'kms']);
    expect(listed).toEqual([...DEFAULT_ENDPOINTS]);
  });
});
