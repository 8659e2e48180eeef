import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dependentsOf, LAYER_NAMES, LAYERS, type LayerName } from '@secure-ml/shared/layers';
import { REPO_ROOT } from './support/repo-root';
import { nxJson } from './support/nx';
import * as tools from '../src/pulumi/layers';

type TaskGraph = {
  tasks: Record<string, { target: { project: string; configuration?: string } }>;
  dependencies: Record<string, string[]>;
};

describe('the Nx graph follows the layer registry', () => {
  const graph = nxJson(['graph'], '--file') as {
    graph: { dependencies: Record<string, { target: string }[]> };
  };

  it.each(LAYER_NAMES)('%s depends on exactly its registry upstream layers (and the shared lib)', (layer) => {
    const targets = graph.graph.dependencies[layer]?.map((d) => d.target) ?? [];
    expect(targets.filter((t) => (LAYER_NAMES as string[]).includes(t)).sort()).toEqual(
      [...LAYERS[layer].upstream].sort(),
    );
    expect(targets).toContain('shared');
  });

  it('the registry the tools act on holds every Pulumi project folder, and no other', () => {
    const pulumiProjects = readdirSync(join(REPO_ROOT, 'packages'))
      .filter((dir) => existsSync(join(REPO_ROOT, 'packages', dir, 'Pulumi.yaml')))
      .sort();
    expect([...tools.LAYERS].sort()).toEqual(pulumiProjects);
  });

  // Pulumi targets run in the default configuration (dev) here; `-c prod` passes down the same edges. The plan
  // has no configuration: one task plans every environment of its layer.
  // One Nx start for the four targets: Nx builds each task's dependencies from its own target's dependsOn, so the
  // tasks of one target in `run-many -t deploy plan preview destroy`, with their dependencies, are exactly the
  // graph of `run-many -t <target>` (a task another target pulled in would be a dependency of one of them).
  const TARGETS = ['deploy', 'plan', 'preview', 'destroy'];
  const taskGraphs = (nxJson(['run-many', '-t', ...TARGETS], '--graph') as { tasks: TaskGraph }).tasks;
  const ofTarget = <T>(byTask: Record<string, T>, target: string) =>
    Object.fromEntries(Object.entries(byTask).filter(([task]) => task.split(':')[1] === target));
  const taskGraph = (target: string): TaskGraph => ({
    tasks: ofTarget(taskGraphs.tasks, target),
    dependencies: ofTarget(taskGraphs.dependencies, target),
  });
  const depsOf = (graph: TaskGraph, layer: LayerName, target: string) => {
    const id = Object.keys(graph.dependencies).find((task) => task.startsWith(`${layer}:${target}`)) ?? '';
    return (graph.dependencies[id] ?? [])
      .filter((t) => t.split(':')[1] === target)
      .map((t) => t.split(':')[0])
      .sort();
  };

  it('deploy and plan run every upstream layer first', () => {
    for (const target of ['deploy', 'plan']) {
      const graph = taskGraph(target);
      for (const layer of LAYER_NAMES)
        expect(depsOf(graph, layer, target)).toEqual([...LAYERS[layer].upstream].sort());
    }
  });

  it('preview never deploys anything first: it only shows what would change', () => {
    const graph = taskGraph('preview');
    expect(Object.keys(graph.dependencies)).toHaveLength(LAYER_NAMES.length);
    expect(Object.values(graph.dependencies).flat()).toEqual([]);
  });

  it('destroy runs every dependent layer first', () => {
    const graph = taskGraph('destroy');
    for (const layer of LAYER_NAMES)
      expect(depsOf(graph, layer, 'destroy')).toEqual(dependentsOf(layer).sort());
  });
});

describe('the layers and environments are written once (the registry and the stack files)', () => {
  const read = (...path: string[]): Record<string, unknown> =>
    JSON.parse(readFileSync(join(REPO_ROOT, ...path), 'utf8')) as Record<string, unknown>;

  it('no layer package.json names targets or dependencies: the local plugin infers them', () => {
    for (const layer of LAYER_NAMES) {
      const nx = read('packages', layer, 'package.json').nx as Record<string, unknown>;
      expect([layer, Object.keys(nx).sort()]).toEqual([layer, ['name', 'tags']]);
    }
  });

  it('nx.json configures no Pulumi target and loads the plugin', () => {
    const nx = read('nx.json') as { plugins: string[]; targetDefaults: Record<string, unknown> };
    expect(nx.plugins).toEqual(['./tools/nx-plugin/index.ts']);
    for (const target of ['plan', 'preview', 'deploy', 'refresh', 'drift', 'destroy', 'verify'])
      expect(nx.targetDefaults[target]).toBeUndefined();
  });
});
