import { join } from 'node:path';
import { ACCOUNT_POLICIES } from '../src/policies';
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
