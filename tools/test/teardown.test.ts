import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dependentsOf, deployOrder, LAYER_NAMES } from '@secure-ml/shared/layers';
import { REPO_ROOT } from './support/repo-root';

// The one teardown procedure (docs/runbook.md "Tearing down safely"), held to the layer registry. The order
// itself comes from Nx (each layer's destroy depends on its dependents' destroy, nx-graph.test.ts proves it
// from the registry); this test proves that the procedure uses that order and nothing hand-written.
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const runbook = read('docs/runbook.md');
const section = runbook.slice(runbook.indexOf('## Tearing down safely'));
const position = (text: string) => {
  const at = section.indexOf(text);
  if (at < 0) throw new Error(`the teardown procedure has no ${JSON.stringify(text)}`);
  return at;
};

describe('the teardown procedure', () => {
  it('is the last section of the runbook, and the README only points to it', () => {
    expect(section.slice(3)).not.toMatch(/^## /m);
    expect(read('README.md')).not.toMatch(/:destroy|-t destroy|cloudtrail stop-logging/);
    expect(read('README.md')).toContain('[docs/runbook.md](docs/runbook.md#tearing-down-safely)');
  });

  it('destroys through Nx, which runs every dependent layer first, as the registry says', () => {
    expect(section).toContain('npx nx run-many -t destroy -c "$STACK"');
    // What the Nx order is, for the reader: the registry's deploy order, reversed.
    expect([...deployOrder()].reverse()).toEqual(['notebook', 'guardrail', 'logging', 'network', 'security']);
    expect(dependentsOf('security')).toEqual(['logging', 'guardrail', 'notebook']);
    expect(section).toContain('notebook, then\nguardrail and logging, then security and network');
  });

  it('empties the data bucket, with the notebook stopped, before the destroy that deletes it', () => {
    const stop = position('aws sagemaker stop-notebook-instance');
    const empty = position('empty_versioned_bucket "$DATA"');
    const destroy = position('npx nx run-many -t destroy -c "$STACK"');
    expect(stop).toBeLessThan(empty);
    expect(empty).toBeLessThan(destroy);
  });

  it("warns that one layer's destroy destroys the layers that read it", () => {
    expect(section).toContain('npx nx run security:destroy -c "$STACK"');
    expect(section).toContain('destroys\nevery layer that reads security first');
  });

  it('takes every layer list from the registry, never a hand-written one', () => {
    expect(section).toContain(`LAYERS=$(node -p "require('./tools/pulumi/layers').LAYERS.join(' ')")`);
    const everyLayer = new RegExp(LAYER_NAMES.map((l) => `['"]?${l}['"]?`).join('[ ,]+'));
    expect(section).not.toMatch(everyLayer);
    expect(section).toContain(
      'for layer in $LAYERS; do node tools/pulumi/run.js remove "$layer" "$STACK"; done',
    );
  });

  it('keeps the checked-in stack files when it removes the stacks', () => {
    expect(section).not.toMatch(/pulumi stack rm(?![^\n]*--preserve-config)/);
  });
});
