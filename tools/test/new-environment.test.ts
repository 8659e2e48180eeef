/**
 * An environment is added by adding its stack files, and nothing else: a scratch copy of the repository with a
 * `Pulumi.stage.yaml` beside every layer's `Pulumi.dev.yaml` (written by `nx g @secure-ml/tools:environment`) gets the Nx targets, the offline plan
 * and the posture report of `stage` with no other edit.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYER_NAMES } from '@secure-ml/shared/layers';
import { REPO_ROOT } from './support/repo-root';
import { projectTargets } from './support/nx';

/** Folders the copy leaves out: installed packages (linked instead), build output, caches, state, history. */
const LEFT_OUT = /^\/(node_modules|dist|\.nx|\.git|\.pulumi-state|coverage)(\/|$)/;

let copy: string;
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'sml-stage-'));
  cpSync(REPO_ROOT, copy, { recursive: true, filter: (src) => !LEFT_OUT.test(src.slice(REPO_ROOT.length)) });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'));
  // The generator users run: every layer's Pulumi.stage.yaml from its Pulumi.dev.yaml.
  execFileSync(
    process.execPath,
    [
      require.resolve('nx/bin/nx.js'),
      'g',
      '@secure-ml/tools:environment',
      'stage',
      '--from=dev',
      '--no-interactive',
    ],
    { cwd: copy, stdio: 'pipe', env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' } },
  );
});

// The copy is the size of the repository with its plans; nothing of it is needed after the tests.
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('a third environment, from its stack files alone', () => {
  it('is a configuration of every Pulumi target of every layer, and its plan is an output', () => {
    const targets = projectTargets(copy);
    for (const layer of LAYER_NAMES) {
      for (const target of ['preview', 'deploy', 'refresh', 'drift', 'destroy', 'verify'])
        expect([layer, target, Object.keys(targets[layer]?.[target]?.configurations ?? {})]).toEqual([
          layer,
          target,
          ['dev', 'prod', 'stage'],
        ]);
      expect(targets[layer]?.['deploy']?.options?.['command']).toBe(
        `node tools/pulumi/run.js up ${layer} {args.stack}`,
      );
      expect(targets[layer]?.['plan']?.outputs).toContain(`{workspaceRoot}/dist/plan/stage/${layer}.json`);
    }
  });

  it('is planned and reported by npm start, and passes every mandatory control of the posture', () => {
    // npm start as users run it, in the copy: Nx plans every layer of every environment it finds there (the plan
    // batch, in dependency order), then runs the preflight and the posture report over them.
    execFileSync(process.execPath, [join(copy, 'tools', 'start.js')], {
      cwd: copy,
      stdio: 'pipe',
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
    });
    for (const layer of LAYER_NAMES)
      expect(existsSync(join(copy, 'dist', 'plan', 'stage', `${layer}.json`))).toBe(true);
    // The preflight's findings for stage: what AWS would reject in it.
    expect(JSON.parse(readFileSync(join(copy, 'dist', 'plan', 'stage', 'preflight.json'), 'utf8'))).toEqual(
      [],
    );
    const report = JSON.parse(readFileSync(join(copy, 'dist', 'plan', 'stage', 'posture.json'), 'utf8')) as {
      environment: string;
      totals: { controls: number; mandatoryFailures: number };
    };
    expect(report.environment).toBe('stage');
    expect(report.totals.mandatoryFailures).toBe(0);
    expect(report.totals.controls).toBeGreaterThan(40);
  });
});
