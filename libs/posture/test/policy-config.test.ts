import { join } from 'node:path';
import type { Layer } from '../src/model';
import { protectedStacksIn, readPlans, settingsFor } from '../src/plans';
import { POLICIES } from '../src/policies';
import { ACCOUNT_POLICIES, policyPackConfig, policyPackConfigOfStack } from '../src/policy-config';
import type { StackConfigOf } from '../src/stack-settings';
import { REPO_ROOT } from '../src/report/main';
import { environmentsIn } from '@secure-ml/shared/testing';

/** The real-path wrapper's policy config of a stack (tools/src/pulumi/stack-file.ts), as it writes it. */
const wrapperConfigOf = (stack: string): Record<string, Record<string, unknown>> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackFile = require(join(REPO_ROOT, 'tools', 'src', 'pulumi', 'stack-file.ts')) as {
    policyConfigFor(facts: { stack: string; accountId: string }): Record<string, Record<string, unknown>>;
  };
  return stackFile.policyConfigFor({ stack, accountId: '123456789012' });
};

/** A stack's files as given, every other layer's absent. */
const files =
  (byLayer: Partial<Record<Layer, Record<string, string>>>): StackConfigOf =>
  (layer) =>
    byLayer[layer] ?? {};

/**
 * The engine gives each policy only its own config section, so every policy that judges documents against the
 * account must receive it: these eleven (NB-12 and JOB-1 ask as the role's ARN, which a bucket policy may name).
 */
describe('the account in the policy config', () => {
  it('goes to every policy that reads it', () => {
    expect([...ACCOUNT_POLICIES].sort()).toEqual([
      'iam-3',
      'iam-6',
      'job-1',
      'kms-3',
      'kms-4',
      'kms-5',
      'log-15',
      'log-5',
      'nb-12',
      'net-7',
      's3-7',
    ]);
    const written = wrapperConfigOf('prod');
    for (const policy of ACCOUNT_POLICIES)
      expect(written[policy]).toEqual({
        accountId: '123456789012',
        ...(policy === 'job-1' ? { jobsEnabled: true } : {}),
      });
  });
});

/**
 * The wrapper and the offline report read the stack files with one function (stack-settings.ts). These are the
 * readings that the two once made differently, each a lockout or a weakening on the real path.
 */
describe('the policy config read from the stack files', () => {
  it('adds configured interface endpoints to the ones the notebook needs, never replaces them (NET-6)', () => {
    const config = policyPackConfigOfStack(
      'stage',
      files({ network: { 'secure-ml-network:interfaceEndpoints': '["ecr.api"]' } }),
      '123456789012',
    );
    expect(config['net-6']).toEqual({
      endpointServices: ['sagemaker.api', 'sagemaker.runtime', 'sts', 'logs', 'monitoring', 'kms', 'ecr.api'],
    });
  });

  it("gives the job controls and the guardrail's pins the notebook's isolation opt-out", () => {
    const off = policyPackConfigOfStack(
      'stage',
      files({
        notebook: { 'secure-ml-notebook:jobs': 'true', 'secure-ml-notebook:jobNetworkIsolation': 'false' },
      }),
      '123456789012',
    );
    expect([off['job-4'], off['iam-7'], off['job-1']]).toEqual([
      { jobsEnabled: true, jobNetworkIsolation: false },
      { jobNetworkIsolation: false },
      { jobsEnabled: true, accountId: '123456789012' },
    ]);
    const unset = policyPackConfigOfStack(
      'stage',
      files({ notebook: { 'secure-ml:prefix': 'sml' } }),
      '1'.repeat(12),
    );
    expect([unset['job-4'], unset['iam-7']]).toEqual([
      { jobsEnabled: false, jobNetworkIsolation: true },
      { jobNetworkIsolation: true },
    ]);
  });

  it("gives NB-10 and NB-11 the configured owner networks, and none when the notebook's file sets none", () => {
    const set = policyPackConfigOfStack(
      'stage',
      files({ notebook: { 'secure-ml-notebook:ownerSourceCidrs': '["198.51.100.0/24"]' } }),
      '123456789012',
    );
    expect([set['nb-10'], set['nb-11']]).toEqual([
      { ownerSourceCidrs: ['198.51.100.0/24'] },
      { ownerSourceCidrs: ['198.51.100.0/24'] },
    ]);
    const none = policyPackConfigOfStack(
      'stage',
      files({ notebook: { 'secure-ml:prefix': 'sml' } }),
      '1'.repeat(12),
    );
    expect(none['nb-11']).toEqual({ ownerSourceCidrs: [] });
  });

  it("keeps an environment protected when one layer's stack file alone opts out", () => {
    const protect = (byLayer: Partial<Record<Layer, Record<string, string>>>) =>
      policyPackConfigOfStack('stage', files(byLayer), '123456789012')['dur-1'];
    expect(
      protect({ notebook: { 'secure-ml:protect': 'false' }, security: { 'secure-ml:prefix': 'sml' } }),
    ).toEqual({ protectedStacks: ['stage'] });
    expect(
      protect({ notebook: { 'secure-ml:protect': 'false' }, security: { 'secure-ml:protect': 'false' } }),
    ).toEqual({ protectedStacks: [] });
    expect(protect({})).toEqual({ protectedStacks: ['stage'] });
  });

  it.each(environmentsIn(REPO_ROOT))(
    'is, as the wrapper writes it for %s, what the offline report judged by (same stack files, same facts)',
    (stack) => {
      const plans = readPlans(REPO_ROOT, stack);
      expect(wrapperConfigOf(stack)).toEqual(policyPackConfig(settingsFor(REPO_ROOT, stack, plans)));
    },
  );
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
    const stackFile = require(join(REPO_ROOT, 'tools', 'src', 'pulumi', 'stack-file.ts')) as {
      policyConfigFor(facts: { stack: string; accountId: string }): Record<string, unknown>;
    };
    const prod = stackFile.policyConfigFor({ stack: 'prod', accountId: '123456789012' });
    const dev = stackFile.policyConfigFor({ stack: 'dev', accountId: '123456789012' });
    expect([prod['kms-2'], prod['dur-1']]).toEqual([
      { protectedStacks: ['prod'] },
      { protectedStacks: ['prod'] },
    ]);
    expect([dev['kms-2'], dev['dur-1']]).toEqual([{ protectedStacks: [] }, { protectedStacks: [] }]);
  });
});
