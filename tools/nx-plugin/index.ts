/**
 * The local Nx plugin: the Pulumi targets of every layer, inferred from the files the Pulumi CLI itself reads, and
 * the edges between layers, from the layer registry. Nothing about layers or environments is written by hand in
 * nx.json or a package.json: a layer is a folder with a `Pulumi.yaml`, an environment is a `Pulumi.<env>.yaml` in
 * it, and which layer reads which is `libs/shared/src/layers.ts`.
 *
 * Nx loads this file as TypeScript without a build step (its plugin loader registers ts-node when the runtime
 * cannot strip types itself), the way `@nx/jest/plugin` infers `test` from a jest config ("Extending the Project
 * Graph", https://nx.dev/docs/extending-nx/project-graph-plugins).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DependencyType,
  type CreateDependencies,
  type CreateNodesV2,
  type RawProjectGraphDependency,
  type TargetConfiguration,
} from '@nx/devkit';
import { dependentsOf, LAYER_NAMES, LAYERS, type LayerName } from '@secure-ml/shared/layers';
import { environmentsOfProject } from '@secure-ml/shared/stack-files';

/** The environments of a layer: one per `Pulumi.<env>.yaml` beside its `Pulumi.yaml` (libs/shared/src/stack-files.ts). */
export const environmentsOf = environmentsOfProject;

/** The layer a Pulumi project folder holds: its package.json's Nx name, which the registry must know. */
function layerOf(projectDir: string): LayerName | undefined {
  const manifest = join(projectDir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { nx?: { name?: string } }).nx?.name;
  return (LAYER_NAMES as readonly string[]).includes(name ?? '') ? (name as LayerName) : undefined;
}

/** The files a layer's plan writes: its plan per environment, any output a contract field writes beside it. */
function planOutputs(layer: LayerName, environments: readonly string[]): string[] {
  const fields = Object.values(LAYERS[layer].outputs) as { planFile?: string }[];
  const files = [`${layer}.json`, ...fields.flatMap((f) => (f.planFile ? [f.planFile] : []))];
  return [
    ...environments.flatMap((env) => files.map((file) => `{workspaceRoot}/dist/plan/${env}/${file}`)),
    `{workspaceRoot}/dist/plan/examples/${layer}`,
  ];
}

/** A target that runs the real-path wrapper for one environment, chosen by `-c <env>`. */
function wrapperTarget(
  verb: string,
  environments: readonly string[],
  extra: Partial<TargetConfiguration> = {},
): TargetConfiguration {
  const fallback = environments.includes('dev') ? 'dev' : environments[0];
  return {
    executor: 'nx:run-commands',
    cache: false,
    options: { command: `node tools/pulumi/run.js ${verb} {projectName} {args.stack}`, stack: fallback },
    configurations: Object.fromEntries(environments.map((env) => [env, { stack: env }])),
    ...(fallback ? { defaultConfiguration: fallback } : {}),
    ...extra,
  };
}

/** Every target of one layer. */
export function layerTargets(
  layer: LayerName,
  environments: readonly string[],
): Record<string, TargetConfiguration> {
  const dependents = dependentsOf(layer);
  return {
    // ESLint through the local executor: the lint tasks of one Nx run share one TypeScript program
    // (tools/nx-plugin/lint/executor.js). The libraries and the tools name the same executor in their package.json.
    lint: { executor: '@secure-ml/tools:lint' },
    // TypeScript 7 through the local executor: the typecheck tasks of one Nx run with equal compiler options share
    // one program (tools/nx-plugin/typecheck/executor.js), as the libraries' and the tools' package.json say too.
    typecheck: { executor: '@secure-ml/tools:typecheck' },
    // `node tools/pulumi/plan.js <layer>` in the executor's process; the plans of one Nx run share a process
    // (tools/nx-plugin/plan/executor.js).
    plan: {
      executor: '@secure-ml/tools:plan',
      cache: true,
      dependsOn: ['^plan'],
      inputs: ['default', '^default', 'pulumiTooling', '{workspaceRoot}/examples/**/*'],
      outputs: planOutputs(layer, environments),
    },
    // A preview only shows what would change: it deploys nothing first.
    preview: wrapperTarget('preview', environments),
    deploy: wrapperTarget('up', environments, { dependsOn: ['^deploy'] }),
    refresh: wrapperTarget('refresh', environments),
    drift: wrapperTarget('drift', environments),
    // A layer is destroyed after every layer that reads it, so that nothing outlives what it reads.
    destroy: wrapperTarget(
      'destroy',
      environments,
      dependents.length ? { dependsOn: [{ projects: dependents, target: 'destroy' }] } : {},
    ),
    // No dependsOn: the daily drift run verifies with a read-only role and must never start a deploy.
    verify: wrapperTarget('verify', environments),
  };
}

export const createNodesV2: CreateNodesV2 = [
  'packages/*/Pulumi.yaml',
  (files) =>
    files.flatMap((file) => {
      const root = dirname(file);
      const layer = layerOf(root);
      if (!layer) return [];
      return [
        [file, { projects: { [root]: { targets: layerTargets(layer, environmentsOf(root)) } } }] as const,
      ];
    }),
];

/** Each layer depends on the layers it reads, as the registry says. */
export const createDependencies: CreateDependencies = (_options, context) => {
  const edges: RawProjectGraphDependency[] = [];
  for (const layer of LAYER_NAMES) {
    if (!context.projects[layer]) continue;
    for (const upstream of LAYERS[layer].upstream as readonly LayerName[])
      edges.push({ source: layer, target: upstream, type: DependencyType.implicit });
  }
  return edges;
};
