import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@secure-ml/shared/testing';

/** Runs the workspace's Nx with `<fileFlag>=<tmp>.json` (graph --file, run-many --graph) and returns that JSON. */
export function nxJson(
  args: string[],
  fileFlag: '--file' | '--graph',
  cwd = REPO_ROOT,
): Record<string, unknown> {
  const file = join(mkdtempSync(join(tmpdir(), 'nx-graph-')), 'graph.json');
  execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), ...args, `${fileFlag}=${file}`], {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export interface Target {
  readonly executor?: string;
  readonly cache?: boolean;
  readonly dependsOn?: unknown[];
  readonly outputs?: string[];
  readonly options?: Record<string, unknown>;
  readonly configurations?: Record<string, Record<string, unknown>>;
  readonly defaultConfiguration?: string;
}

/** Every project's targets as Nx resolves them (package.json, nx.json and the local plugin together). */
export function projectTargets(cwd = REPO_ROOT): Record<string, Record<string, Target>> {
  const graph = nxJson(['graph'], '--file', cwd) as {
    graph: { nodes: Record<string, { data: { targets?: Record<string, Target> } }> };
  };
  return Object.fromEntries(
    Object.entries(graph.graph.nodes).map(([name, node]) => [name, node.data.targets ?? {}]),
  );
}
