import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  appendFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { LAYER_NAMES, LAYERS, type LayerName } from '@secure-ml/shared/layers';
import { REPO_ROOT } from './support/repo-root';

/**
 * Independent updates, proved on a real git history: a copy of the workspace in a temporary repository (the
 * files git would see in the workspace: tracked, and untracked but not ignored, so work in progress counts too),
 * one commit per change, and `nx show projects --affected --base=<parent> --head=<commit>` as the pull-request
 * workflow runs it. The workspace's own git state is never touched.
 */
const GIT_IDENTITY = [
  '-c',
  'user.name=affected-test',
  '-c',
  'user.email=affected-test@example.invalid',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'core.hooksPath=/dev/null',
];
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', [...GIT_IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();

/** The layers `layer` reads, directly or through another layer. */
const upstreamOf = (layer: LayerName): LayerName[] => {
  const direct = LAYERS[layer].upstream as readonly LayerName[];
  return LAYER_NAMES.filter(
    (name) => direct.includes(name) || direct.some((up) => upstreamOf(up).includes(name)),
  );
};
/** The layers that read `layer`, directly or through another layer. */
const downstreamOf = (layer: LayerName): LayerName[] =>
  LAYER_NAMES.filter((name) => upstreamOf(name).includes(layer));

/** Appends a line to `file` and commits it; returns the commit. One commit per change keeps the history linear. */
function commitChange(repo: string, file: string): string {
  appendFileSync(join(repo, file), '\n// a one-line change made by tools/test/affected.test.ts\n');
  git(repo, 'commit', '-q', '-a', '-m', `change ${file}`);
  return git(repo, 'rev-parse', 'HEAD');
}

const nx = promisify(execFile);
/** The projects `nx affected` selects between two commits, through the workspace's own Nx. */
async function affectedBetween(repo: string, base: string, head: string): Promise<string[]> {
  const { stdout } = await nx(
    process.execPath,
    [
      require.resolve('nx/bin/nx.js'),
      'show',
      'projects',
      '--affected',
      `--base=${base}`,
      `--head=${head}`,
      '--json',
    ],
    {
      cwd: repo,
      // The cache inside the temporary repository, so that removing it leaves nothing behind.
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_TUI: 'false',
        NX_NO_CLOUD: 'true',
        NX_CACHE_DIRECTORY: join(repo, '.nx', 'cache'),
      },
    },
  );
  return (JSON.parse(stdout) as string[]).sort();
}

describe('nx affected selects a changed layer and what is downstream of it, never what is upstream', () => {
  let repo = '';
  const selected = new Map<string, string[]>();
  const changes: Record<string, string> = {
    ...Object.fromEntries(LAYER_NAMES.map((layer) => [layer, `packages/${layer}/src/index.ts`])),
    shared: 'libs/shared/src/index.ts',
    // Adding a notebook is an edit of the notebook layer's stack file alone (issue 14).
    'notebook stack file': 'packages/notebook/Pulumi.dev.yaml',
  };

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'secure-ml-affected-'));
    const files = git(REPO_ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0');
    for (const file of files.filter((f) => f && existsSync(join(REPO_ROOT, f)))) {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      copyFileSync(join(REPO_ROOT, file), join(repo, file));
    }
    // Nx loads its plugins from node_modules; a link is enough (and kept out of the commits below).
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
    git(repo, 'init', '-q', '-b', 'main');
    appendFileSync(join(repo, '.git', 'info', 'exclude'), 'node_modules\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    const ranges: [string, string, string][] = [];
    let parent = git(repo, 'rev-parse', 'HEAD');
    for (const [name, file] of Object.entries(changes)) {
      const head = commitChange(repo, file);
      ranges.push([name, parent, head]);
      parent = head;
    }
    // Independent queries: Nx serialises its project-graph construction with a lock, so they may run together.
    const results = await Promise.all(ranges.map(([, from, to]) => affectedBetween(repo, from, to)));
    ranges.forEach(([name], i) => selected.set(name, results[i] ?? []));
  });

  afterAll(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  const affected = (name: string): string[] => selected.get(name) ?? [];

  it.each(LAYER_NAMES)('a change in %s selects it and its downstream layers only', (layer) => {
    const layers = affected(layer).filter((p) => (LAYER_NAMES as string[]).includes(p));
    expect(layers).toEqual([layer, ...downstreamOf(layer)].sort());
    for (const up of upstreamOf(layer)) expect(layers).not.toContain(up);
  });

  it('a change in the last layer selects that layer alone, no library and no tool', () => {
    expect(affected('notebook')).toEqual(['notebook']);
  });

  it('adding a notebook (an edit of packages/notebook/Pulumi.dev.yaml) selects the notebook layer alone among the layers', () => {
    // No other layer: the security layer's boundary, delegation and the guardrail's pins cover every notebook by
    // path and name pattern. The tools' tests (which hold every stack file to the shared settings) and the posture
    // (which grades every plan) re-run too: they read the stack files, and should.
    expect(affected('notebook stack file')).toEqual(['notebook', 'posture', 'tools']);
  });

  it('the registry has layers on both sides of each rule above (the test cannot pass vacuously)', () => {
    expect(upstreamOf('notebook').length).toBeGreaterThan(0);
    expect(downstreamOf('security').length).toBeGreaterThan(0);
  });

  it('a change in libs/shared selects every layer, and the libraries and tools that use it', () => {
    expect(affected('shared')).toEqual(expect.arrayContaining([...LAYER_NAMES, 'shared', 'tools']));
  });
});
