import { SecureMlError } from '@secure-ml/shared';

/**
 * Refuses a CodeArtifact domain owner the security layer's boundary does not admit (`notebookPackageMirrorAccounts`:
 * this account, then secure-ml-security:packageMirrorAccounts): the boundary would deny every read, and the
 * notebook's pip would fail at start. Unset, the owner is this account, which the list always holds.
 */
export function assertPackageMirrorAdmitted(
  configuredOwner: string | undefined,
  admitted: readonly string[],
  stack: string,
): void {
  if (configuredOwner === undefined || admitted.includes(configuredOwner)) return;
  throw new SecureMlError(
    `secure-ml-notebook:codeArtifactDomainOwner = "${configuredOwner}" is not an account the security layer's boundary lets notebooks read packages from (notebookPackageMirrorAccounts: ${admitted.join(', ')}). Fix: add it to secure-ml-security:packageMirrorAccounts in packages/security/Pulumi.${stack}.yaml and deploy the security layer first (npx nx run security:deploy -c ${stack}), or use a domain of an account listed there`,
  );
}
