import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { LIFECYCLE_DIR, renderHook } from '../src/lifecycle/bundle';
import { devSettings } from './sandbox';

const scripts = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith('.sh') ? [join(dir, e.name)] : [],
  );

/** shellcheck must be installed (Debian package `shellcheck`); a missing linter fails here, it never skips. */
function shellcheck(
  files: string[],
  env: NodeJS.ProcessEnv = process.env,
): { status: number | null; output: string } {
  const found = spawnSync('shellcheck', ['--version'], { encoding: 'utf8', env });
  if (found.error || found.status !== 0) {
    throw new Error(
      'shellcheck is not installed, so the lifecycle scripts cannot be checked. Fix: apt-get install -y shellcheck',
    );
  }
  const run = spawnSync(
    'shellcheck',
    ['--external-sources', '--severity', 'style', ...files],
    // From a neutral directory: the scripts' own directives must find what they source.
    { encoding: 'utf8', cwd: tmpdir(), env },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('lifecycle scripts', () => {
  const files = scripts(LIFECYCLE_DIR);

  it('are the hooks and what they install', () => {
    expect(files.map((f) => relative(LIFECYCLE_DIR, f)).sort()).toEqual([
      'lib/auto-stop.sh',
      'lib/common.sh',
      'lib/mirror.sh',
      'on-create.sh',
      'on-start.sh',
    ]);
  });

  it('cannot be skipped: without shellcheck the check fails and says how to install it', () => {
    expect(() => shellcheck(files, { PATH: '/nonexistent' })).toThrow(
      'shellcheck is not installed, so the lifecycle scripts cannot be checked. Fix: apt-get install -y shellcheck',
    );
  });

  it('pass shellcheck, every one of them', () => {
    const result = shellcheck(files);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('pass shellcheck as generated hooks too (settings and embedded files included)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure-ml-hooks-'));
    try {
      const hooks = (['on-create', 'on-start'] as const).map((hook) => {
        const file = join(dir, `${hook}.sh`);
        writeFileSync(
          file,
          renderHook(hook, devSettings({ SECURE_ML_PIP_INDEX_URL: "https://pypi.example.internal/it's" })),
        );
        return file;
      });
      const result = shellcheck(hooks);
      expect(result.output).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(files.map((f) => [relative(LIFECYCLE_DIR, f), f]))(
    '%s: bash shebang, set -euo pipefail (unless sourced only), LF endings, executable-safe',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith('#!/bin/bash\n')).toBe(true);
      expect(text).not.toContain('\r');
      if (!file.endsWith('common.sh')) expect(text).toMatch(/^set -euo pipefail$/m);
      expect(execFileSync('bash', ['-n', file]).toString()).toBe('');
    },
  );

  it('download nothing: no curl or wget to anything but the local Jupyter API, no pip install', () => {
    const all = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(all).not.toMatch(/\bwget\b|pip install|conda install|git clone/);
    const curls = all.split('\n').filter((l) => /\bcurl\b/.test(l) && !l.trim().startsWith('#'));
    expect(curls).toEqual([expect.stringContaining('"$jupyter/api/$1?no_track_activity=1"')]);
  });
});
