/** The `verify` target: read-only checks of a deployed layer, through the same wrapper as every Pulumi target. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYER_NAMES } from '@secure-ml/shared/layers';
import { REPO_ROOT } from './support/repo-root';
import { projectTargets } from './support/nx';
import { prepare as decide, type Facts, type Plan } from '../src/pulumi/run';

/** What the wrapper decided, with every field of a plan and of a refusal readable. */
const prepare = (facts: Facts) => decide(facts) as Partial<Plan> & { error?: string; skip?: string };

const base = {
  layer: 'network',
  stack: 'dev',
  projectDir: join(REPO_ROOT, 'packages', 'network'),
  cliFound: true,
  env: { PULUMI_CONFIG_PASSPHRASE: 'x' },
};

describe('the verify target', () => {
  it('selects the deployed stack and never creates one, and runs no Pulumi command nor policy pack', () => {
    const plan = prepare({ ...base, verb: 'verify', backend: 'https://api.pulumi.com', stackExists: true });
    expect(plan.error).toBeUndefined();
    expect(plan.select).toEqual(['stack', 'select', 'dev', '--non-interactive', '--cwd', base.projectDir]);
    expect(plan.command).toBeUndefined();
    expect(plan.policyConfig).toBeUndefined();
    expect(prepare({ ...base, verb: 'verify', backend: 'file:///state', stackExists: false }).error).toMatch(
      /^network \(dev\) has no stack in file:\/\/\/state: verify never creates one\. Deploy it first/,
    );
  });

  it('exits 2, naming the deploy command, when the stack is not deployed', () => {
    const bin = mkdtempSync(join(tmpdir(), 'fake-pulumi-'));
    const fake = join(bin, 'pulumi');
    // A CLI with no login and no stack: `version` works, `whoami` fails, `stack ls` lists nothing.
    writeFileSync(
      fake,
      [
        '#!/bin/sh',
        'case "$1 $2" in',
        '  version*) exit 0 ;;',
        '  whoami*) exit 1 ;;',
        '  "stack ls") echo "[]"; exit 0 ;;',
        'esac',
        'exit 255',
        '',
      ].join('\n'),
    );
    chmodSync(fake, 0o755);
    const run = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'tools', 'pulumi', 'run.js'), 'verify', 'network', 'dev'],
      {
        encoding: 'utf8',
        env: { PATH: `${bin}:/usr/bin:/bin`, PULUMI_CONFIG_PASSPHRASE: 'x', HOME: bin },
      },
    );
    rmSync(bin, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('network (dev) has no stack in file://');
    expect(run.stderr).toContain(
      'verify never creates one. Deploy it first (npx nx run network:deploy -c dev',
    );
  });

  it('is a target of every layer, in every environment configuration of the Pulumi targets', () => {
    const targets = projectTargets();
    for (const layer of LAYER_NAMES) {
      const verify = targets[layer]?.['verify'];
      expect(verify?.options?.['command']).toBe(`node tools/pulumi/run.js verify ${layer} {args.stack}`);
      expect(verify?.cache).toBe(false);
      expect(Object.keys(verify?.configurations ?? {})).toEqual(
        Object.keys(targets[layer]?.['deploy']?.configurations ?? {}),
      );
      // Never after `deploy` as a dependency: the daily read-only run must not be able to deploy.
      expect(verify?.dependsOn).toBeUndefined();
    }
  });
});
