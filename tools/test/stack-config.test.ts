import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMON_NAMESPACE, LAYER_NAMES, LAYERS, type Schema } from '@secure-ml/shared';
import { readStackConfig, REPO_ROOT } from '@secure-ml/shared/testing';

const ENVIRONMENTS = ['dev', 'prod'];
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
  it('caches the plan of every environment that a layer has a Pulumi.<env>.yaml for', () => {
    const nx = JSON.parse(readFileSync(join(REPO_ROOT, 'nx.json'), 'utf8')) as {
      targetDefaults: { plan: { outputs: string[] } };
    };
    const environments = new Set(
      LAYER_NAMES.flatMap((layer) =>
        readdirSync(join(REPO_ROOT, 'packages', layer))
          .map((f) => /^Pulumi\.(\w+)\.yaml$/.exec(f)?.[1])
          .filter((e) => e !== undefined),
      ),
    );
    // Nx 23.2.1 restored nothing for a glob output (dist/plan/*/...), so each environment is listed; a new one goes here.
    // The examples of examples/ are one directory per layer (dist/plan/examples/<layer>/<example>.json).
    expect(nx.targetDefaults.plan.outputs.sort()).toEqual(
      [
        ...[...environments].map((env) => `{workspaceRoot}/dist/plan/${env}/{projectName}.json`),
        '{workspaceRoot}/dist/plan/examples/{projectName}',
      ].sort(),
    );
  });

  it('caches the documents a layer plan also writes (planFile in its contract), beside its plan', () => {
    for (const layer of LAYER_NAMES) {
      const files = Object.values(LAYERS[layer].outputs as Schema).flatMap((f) =>
        f.planFile ? [f.planFile] : [],
      );
      const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', layer, 'package.json'), 'utf8')) as {
        nx: { targets: { plan: { outputs?: string[] } } };
      };
      const outputs = pkg.nx.targets.plan.outputs;
      if (files.length === 0) {
        expect({ layer, outputs }).toEqual({ layer, outputs: undefined });
        continue;
      }
      expect({ layer, outputs: [...(outputs ?? [])].sort() }).toEqual({
        layer,
        outputs: ENVIRONMENTS.flatMap((env) => [
          `{workspaceRoot}/dist/plan/${env}/{projectName}.json`,
          ...files.map((f) => `{workspaceRoot}/dist/plan/${env}/${f}`),
        ]).sort(),
      });
    }
  });
});
