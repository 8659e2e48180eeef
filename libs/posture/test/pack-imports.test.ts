/**
 * The policy pack loads at every `pulumi preview` and `pulumi up` of every layer (CrossGuard starts it in a process
 * of its own): it must not load the Pulumi AWS SDK, which none of its policies needs and which more than doubles
 * its start. A structural check, not a timed one: it asks which modules loading the pack pulled in.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const POSTURE = join(__dirname, '..');

it('loads the pack without @pulumi/aws (the package index of @secure-ml/shared would bring it)', () => {
  const probe = `
    require(${JSON.stringify(join(POSTURE, '..', 'shared', 'src', 'plan', 'ts-loader.js'))}).registerForOfflineTools();
    require(${JSON.stringify(join(POSTURE, 'src', 'pack.ts'))});
    const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/]@pulumi[\\\\/]aws[\\\\/]/.test(f));
    console.log(JSON.stringify(loaded.slice(0, 3)));
    process.exit(0);`;
  const result = spawnSync(process.execPath, ['-e', probe], { cwd: POSTURE, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout.trim().split('\n').pop() ?? 'null')).toEqual([]);
});
