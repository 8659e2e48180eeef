/**
 * Settings that must agree with what the upstream layers publish are checked before the notebook layer registers
 * anything, with one message naming the setting and the fix (never an error from inside a serialized Output):
 * - a CodeArtifact pip mirror is read under the security layer's boundary, which admits only the accounts it
 *   publishes as notebookPackageMirrorAccounts;
 * - jobs need the network layer's job security group and the logging layer's job log groups.
 */
import { MOCK_ACCOUNT, planForTest, readPlan, REPO_ROOT } from '@secure-ml/shared/testing';
import program from '../src/index';
import { hookOf } from './plan';

const NS = 'secure-ml-notebook';
const MIRROR = { [`${NS}:codeArtifactDomain`]: 'ml-packages', [`${NS}:codeArtifactRepository`]: 'pypi' };
const SHARED_SERVICES = '111122223333';

function planWithMirror(config: Record<string, string>, mirrorAccounts?: string[]) {
  const security = readPlan(REPO_ROOT, 'dev', 'security').outputs;
  return planForTest('notebook', program, {
    stack: 'dev',
    config: { ...MIRROR, ...config },
    ...(mirrorAccounts
      ? { upstream: { security: { ...security, notebookPackageMirrorAccounts: mirrorAccounts } } }
      : {}),
  });
}

it('refuses jobs when the network layer publishes no job security group, naming the setting, before any resource', async () => {
  const network = readPlan(REPO_ROOT, 'dev', 'network').outputs;
  const planned = planForTest('notebook', program, {
    stack: 'dev',
    upstream: { network: { ...network, jobSecurityGroupIds: [] } },
  });
  await expect(planned).rejects.toThrow(
    /^secure-ml-notebook:jobs = true, but the network layer publishes no jobSecurityGroupIds: .* Fix: set secure-ml-network:jobs true in packages\/network\/Pulumi\.dev\.yaml and deploy it \(npx nx run network:deploy -c dev\), or set secure-ml-notebook:jobs false$/,
  );
});

it("reads the mirror of this account's domain by default", async () => {
  const hook = hookOf(await planWithMirror({}), 'onStart');
  expect(hook).toContain(`export SECURE_ML_CODEARTIFACT_OWNER='${MOCK_ACCOUNT}'`);
});

it('refuses a domain of an account the boundary does not admit, naming both settings and the order of deploys', async () => {
  await expect(planWithMirror({ [`${NS}:codeArtifactDomainOwner`]: SHARED_SERVICES })).rejects.toThrow(
    `secure-ml-notebook:codeArtifactDomainOwner = "${SHARED_SERVICES}" is not an account the security layer's boundary lets notebooks read packages from (notebookPackageMirrorAccounts: ${MOCK_ACCOUNT}). Fix: add it to secure-ml-security:packageMirrorAccounts in packages/security/Pulumi.dev.yaml and deploy the security layer first (npx nx run security:deploy -c dev), or use a domain of an account listed there`,
  );
});

it('accepts that domain once the security layer admits its account', async () => {
  const plan = await planWithMirror({ [`${NS}:codeArtifactDomainOwner`]: SHARED_SERVICES }, [
    MOCK_ACCOUNT,
    SHARED_SERVICES,
  ]);
  expect(hookOf(plan, 'onStart')).toContain(`export SECURE_ML_CODEARTIFACT_OWNER='${SHARED_SERVICES}'`);
});
