import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root';

/**
 * Where one Jest run keeps the answers Nx gave about this repository (set by ./nx-answers-setup.ts): several test
 * files ask Nx the same question (`nx graph`), and the repository does not change while its tests run, so each
 * question costs one Nx start per run instead of one per file. Scratch copies are always asked afresh.
 */
const ANSWERS = 'SECURE_ML_NX_ANSWERS';

/** Runs the workspace's Nx with `<fileFlag>=<tmp>.json` (graph --file, run-many --graph) and returns that JSON. */
export function nxJson(
  args: string[],
  fileFlag: '--file' | '--graph',
  cwd = REPO_ROOT,
): Record<string, unknown> {
  const answers = cwd === REPO_ROOT ? process.env[ANSWERS] : undefined;
  const kept = answers
    ? join(
        answers,
        `${createHash('sha256')
          .update(JSON.stringify([args, fileFlag]))
          .digest('hex')}.json`,
      )
    : undefined;
  if (kept && existsSync(kept)) return JSON.parse(readFileSync(kept, 'utf8')) as Record<string, unknown>;
  const dir = mkdtempSync(join(tmpdir(), 'nx-graph-'));
  const file = join(dir, 'graph.json');
  try {
    execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), ...args, `${fileFlag}=${file}`], {
      cwd,
      stdio: 'pipe',
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
    });
    const answer = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // Renamed into place whole, so that another worker never reads half an answer.
    if (kept) renameSync(file, kept);
    return answer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
