import { type DeployedPolicy, validatePolicies } from '../access-analyzer';
import { notebookRoleCases } from '../cases/notebook-role';
import { type Check, expectThat } from '../check';
import { caseFacts, outputsOf, type VerifyContext } from '../context';
import { simulateTable } from '../simulator';
import { getRole, managedPolicyDocument, rolePolicyDocuments } from './iam-documents';

/** One notebook of the notebook layer's `notebooks` output, with its id. */
export interface PublishedNotebook {
  readonly id: string;
  readonly roleArn: string;
  readonly notebookName: string;
  readonly lifecycleConfigName: string;
}

/**
 * Each notebook's own execution role: under the security layer's notebook role path with its boundary (IAM-6),
 * its policies valid for Access Analyzer, and the shared access cases decided by IAM's simulator with that role,
 * its deployed boundary and another notebook of the environment as the one it must not reach.
 */
export async function notebookRoleChecks(
  ctx: VerifyContext,
  nb: PublishedNotebook,
  otherId: string,
): Promise<Check[]> {
  const security = outputsOf(ctx, 'security');
  const { iam } = ctx.clients;
  const role = await getRole(iam, nb.roleArn);
  const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
  const policies: DeployedPolicy[] = await rolePolicyDocuments(iam, nb.roleArn);
  const checks: Check[] = [
    expectThat(
      boundary === security.notebookBoundaryArn && role.Path === security.notebookRolePath,
      'IAM-6',
      `the role of notebook ${nb.id} carries the notebook boundary, under the notebook role path`,
      `PermissionsBoundaryArn ${boundary ?? 'none'}, Path ${role.Path ?? 'none'}`,
    ),
    ...(await validatePolicies(ctx.clients.accessAnalyzer, 'access-analyzer', policies)),
  ];
  const subject = {
    notebookRoleArn: nb.roleArn,
    notebookBoundary: await managedPolicyDocument(iam, security.notebookBoundaryArn),
  };
  checks.push(
    ...(await simulateTable(
      iam,
      notebookRoleCases(caseFacts(ctx, { roleArn: nb.roleArn, id: nb.id, otherId })),
      subject,
      (c) => `notebook ${nb.id} role ${c.name}`,
    )),
  );
  return checks;
}

/** The published notebooks in id order, each with the id of another one (the case tables' "other notebook"). */
export function publishedNotebooks(ctx: VerifyContext): [PublishedNotebook, string][] {
  const entries = Object.entries(outputsOf(ctx, 'notebook').notebooks).sort(([a], [b]) => a.localeCompare(b));
  return entries.map(([id, e], i) => [
    { id, roleArn: e.roleArn, notebookName: e.notebookName, lifecycleConfigName: e.lifecycleConfigName },
    // With a single notebook, a name no notebook has: its prefix and instance must be out of reach all the same.
    entries.length > 1 ? (entries[(i + 1) % entries.length]?.[0] ?? 'other') : `${id}-other`,
  ]);
}
