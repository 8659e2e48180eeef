import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dependentsOf, deployOrder, LAYER_NAMES, LAYERS, type LayerName } from '@secure-ml/shared';
import { REPO_ROOT } from '@secure-ml/shared/testing';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsTools = require('../pulumi/layers') as { LAYERS: string[] };

/** Runs the workspace's Nx with `<fileFlag>=<tmp>.json` (graph --file, run-many --graph) and returns that JSON. */
function nxJson(args: string[], fileFlag: '--file' | '--graph'): Record<string, unknown> {
  const file = join(mkdtempSync(join(tmpdir(), 'nx-graph-')), 'graph.json');
  execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), ...args, `${fileFlag}=${file}`], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

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

  it('the plain-JS tools list the same layers, in deploy order', () => {
    expect(jsTools.LAYERS).toEqual(deployOrder());
  });

  // Pulumi targets run in the default configuration (dev) here; `-c prod` passes down the same edges. The plan
  // has no configuration: one task plans every environment of its layer.
  const taskGraph = (target: string) =>
    (nxJson(['run-many', '-t', target], '--graph') as { tasks: TaskGraph }).tasks;
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
    expect(Object.values(graph.dependencies).flat()).toEqual([]);
  });

  it('destroy runs every dependent layer first', () => {
    const graph = taskGraph('destroy');
    for (const layer of LAYER_NAMES)
      expect(depsOf(graph, layer, 'destroy')).toEqual(dependentsOf(layer).sort());
  });
});
