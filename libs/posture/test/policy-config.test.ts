import { join } from 'node:path';
import { protectedStacksIn } from '../src/plans';
import { ACCOUNT_POLICIES, POLICIES } from '../src/policies';
import { REPO_ROOT } from '../src/report/main';

/**
 * The engine gives each policy only its own config section, so every policy that judges documents against the
 * account must receive it from tools/pulumi/run.js: both lists name the same nine policies.
 */
describe('the account in the policy config', () => {
  it('goes to every policy that reads it', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const run = require(join(REPO_ROOT, 'tools', 'pulumi', 'run.js')) as { ACCOUNT_POLICIES: string[] };
    expect([...ACCOUNT_POLICIES].sort()).toEqual([
      'iam-3',
      'iam-6',
      'kms-3',
      'kms-4',
      'kms-5',
      'log-15',
      'log-5',
      'net-7',
      's3-7',
    ]);
    expect([...run.ACCOUNT_POLICIES].sort()).toEqual([
      'iam-3',
      'iam-6',
      'kms-3',
      'kms-4',
      'kms-5',
      'log-15',
      'log-5',
      'net-7',
      's3-7',
    ]);
  });
});

/**
 * The engine gives each policy only its own config section (a policy without a configSchema gets none), so a
 * control that reads which stacks are protected must list the key, and the wrapper must write it for that policy:
 * else the engine judged it by the pack's own default whatever the stack files say.
 */
describe('which stacks are protected, in the policy config', () => {
  const schemaKeys = (name: string) =>
    Object.keys(POLICIES.find((p) => p.name === name)?.configSchema?.properties ?? {});

  it('is a setting of both policies that protect stateful resources (KMS-2 the keys, DUR-1 the rest)', () => {
    expect(schemaKeys('kms-2')).toEqual(['protectedStacks']);
    expect(schemaKeys('dur-1')).toEqual(['protectedStacks']);
  });

  it('has no schema default: without config the pack reads the stack files, never a stack named prod', () => {
    const schema = POLICIES.find((p) => p.name === 'dur-1')?.configSchema?.properties?.['protectedStacks'];
    expect(schema).toEqual({ type: 'array', items: { type: 'string' } });
    // The checked-in stack files: prod protected, dev opted out (secure-ml:protect false).
    expect(protectedStacksIn(REPO_ROOT)).toEqual(['prod']);
    expect(protectedStacksIn(join(REPO_ROOT, 'no-such-repository'))).toBeUndefined();
  });

  it('is written by the real-path wrapper for both, from the layer stack file (prod protected, dev opted out)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const stackFile = require(join(REPO_ROOT, 'tools', 'pulumi', 'stack-file.js')) as {
      policyConfigFor(facts: { layer: string; stack: string; accountId: string }): Record<string, unknown>;
    };
    const prod = stackFile.policyConfigFor({ layer: 'notebook', stack: 'prod', accountId: '123456789012' });
    const dev = stackFile.policyConfigFor({ layer: 'notebook', stack: 'dev', accountId: '123456789012' });
    expect([prod['kms-2'], prod['dur-1']]).toEqual([
      { protectedStacks: ['prod'] },
      { protectedStacks: ['prod'] },
    ]);
    expect([dev['kms-2'], dev['dur-1']]).toEqual([{ protectedStacks: [] }, { protectedStacks: [] }]);
  });
});
