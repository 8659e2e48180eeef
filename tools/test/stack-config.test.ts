import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMON_NAMESPACE, LAYER_NAMES, LAYERS, type Schema } from '@secure-ml/shared';
import { environmentsIn, readStackConfig, REPO_ROOT } from '@secure-ml/shared/testing';
import { projectTargets } from './support/nx';

/** The environments the stack files define, read from them; the literal list guards that both examples exist. */
const ENVIRONMENTS = environmentsIn(REPO_ROOT);
it('the repository defines the dev and prod environments', () => {
  expect(ENVIRONMENTS).toEqual(['dev', 'prod']);
});
/** Settings every layer must agree on: a layer in another region or with another prefix would miss its grants. */
const isShared = (key: string) => key === 'aws:region' || key.startsWith(`${COMMON_NAMESPACE}:`);

describe.each(ENVIRONMENTS)('the %s environment', (stack) => {
  const configs = LAYER_NAMES.map((layer) => ({
    layer,
    config: readStackConfig(join(REPO_ROOT, 'packages', layer), stack),
  }));

  it('has a Pulumi.<env>.yaml in every layer, with a region', () => {
    for (const { config } of configs) expect(config['aws:region']).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
  });

  it('gives every layer the same region, prefix, protection, org and tags', () => {
    const [first, ...rest] = configs.map(({ layer, config }) => ({
      layer,
      shared: Object.fromEntries(Object.entries(config).filter(([k]) => isShared(k))),
    }));
    for (const other of rest)
      expect({ layer: first?.layer, shared: other.shared }).toEqual({
        layer: first?.layer,
        shared: first?.shared,
      });
  });

  it(`${stack === 'prod' ? 'protects' : 'opts out of protecting'} stateful resources explicitly`, () => {
    for (const { config } of configs)
      expect(config[`${COMMON_NAMESPACE}:protect`]).toBe(String(stack === 'prod'));
  });
});

describe('the plan target', () => {
  const targets = projectTargets();
  const environmentsOf = (layer: string) =>
    readdirSync(join(REPO_ROOT, 'packages', layer))
      .map((f) => /^Pulumi\.(\w+)\.yaml$/.exec(f)?.[1])
      .filter((e): e is string => e !== undefined);

  it('caches the plan of every environment that a layer has a Pulumi.<env>.yaml for, and the examples', () => {
    // Nx 23.2.1 restored nothing for a glob output (dist/plan/*/...), so the plugin lists each environment.
    for (const layer of LAYER_NAMES)
      expect(targets[layer]?.['plan']?.outputs).toEqual(
        expect.arrayContaining([
          ...environmentsOf(layer).map((env) => `{workspaceRoot}/dist/plan/${env}/${layer}.json`),
          `{workspaceRoot}/dist/plan/examples/${layer}`,
        ]),
      );
  });

  it('caches the documents a layer plan also writes (planFile in its contract), beside its plan', () => {
    for (const layer of LAYER_NAMES) {
      const files = Object.values(LAYERS[layer].outputs as Schema).flatMap((f) =>
        f.planFile ? [f.planFile] : [],
      );
      expect({ layer, outputs: [...(targets[layer]?.['plan']?.outputs ?? [])].sort() }).toEqual({
        layer,
        outputs: [
          ...environmentsOf(layer).flatMap((env) => [
            `{workspaceRoot}/dist/plan/${env}/${layer}.json`,
            ...files.map((f) => `{workspaceRoot}/dist/plan/${env}/${f}`),
          ]),
          `{workspaceRoot}/dist/plan/examples/${layer}`,
        ].sort(),
      });
    }
  });

  it('the guardrail caches its SCP document beside its plans (written out: the contract field with a planFile)', () => {
    expect(targets['guardrail']?.['plan']?.outputs).toEqual(
      expect.arrayContaining([
        '{workspaceRoot}/dist/plan/dev/guardrail-scp.json',
        '{workspaceRoot}/dist/plan/prod/guardrail-scp.json',
      ]),
    );
  });
});
