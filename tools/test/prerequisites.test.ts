import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/repo-root';

const SCRIPT = join(REPO_ROOT, 'tools', 'prerequisites.js');

/** Runs the check with a PATH that holds node and, optionally, a stub shellcheck: a fresh machine, or not. */
function check(withShellcheck: boolean): { status: number | null; stderr: string } {
  const bin = mkdtempSync(join(tmpdir(), 'prereq-'));
  try {
    symlinkSync(process.execPath, join(bin, 'node'));
    if (withShellcheck) {
      writeFileSync(join(bin, 'shellcheck'), '#!/bin/sh\necho "version: 0.9.0"\n');
      chmodSync(join(bin, 'shellcheck'), 0o755);
    }
    const run = spawnSync(join(bin, 'node'), [SCRIPT], { env: { PATH: bin }, encoding: 'utf8' });
    return { status: run.status, stderr: run.stderr };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('npm test checks its prerequisites first', () => {
  it('runs the check before the suite (pretest)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['pretest']).toBe('node tools/prerequisites.js');
  });

  it('stops on a machine without shellcheck, with one message naming the install command', () => {
    const { status, stderr } = check(false);
    expect(status).toBe(1);
    expect(stderr).toBe(
      [
        'npm test needs tools that npm does not install, and these are missing:',
        '  - shellcheck: lints the notebook lifecycle scripts (packages/notebook/lifecycle). Install it: sudo apt-get install -y shellcheck (Debian, Ubuntu), brew install shellcheck (macOS)',
        'Install them, then run npm test again (README.md, "Quick start").',
        '',
      ].join('\n'),
    );
  });

  it('passes silently where shellcheck is installed', () => {
    expect(check(true)).toEqual({ status: 0, stderr: '' });
  });

  it('is stated in the README', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('`sudo apt-get install -y shellcheck`');
    expect(readme).toContain('`brew install shellcheck`');
  });
});

describe('a clone where npm ci has not run', () => {
  // A copy of the scripts a newcomer runs first, outside the repository: no node_modules above it.
  function run(script: string): { status: number | null; stderr: string } {
    const root = mkdtempSync(join(tmpdir(), 'uninstalled-'));
    try {
      mkdirSync(join(root, 'tools'));
      for (const file of ['launch.js', 'prerequisites.js', 'start.js'])
        cpSync(join(REPO_ROOT, 'tools', file), join(root, 'tools', file));
      const loader = join('libs', 'shared', 'src', 'plan', 'ts-loader.js');
      cpSync(join(REPO_ROOT, loader), join(root, loader));
      const result = spawnSync(process.execPath, [join(root, 'tools', script)], {
        env: { PATH: process.env['PATH'] ?? '', HOME: root },
        encoding: 'utf8',
      });
      return { status: result.status, stderr: result.stderr.replaceAll(root, '<clone>') };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  it.each([
    ['prerequisites.js', 'npm test'],
    ['start.js', 'node tools/start.js'],
  ])('%s stops with one line that says to run npm ci', (script, command) => {
    expect(run(script)).toEqual({
      status: 1,
      stderr: `${command} needs the workspace's packages, which are not installed: run npm ci in <clone> first (README.md, "Quick start").\n`,
    });
  });
});
