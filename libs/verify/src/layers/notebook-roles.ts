import { type DeployedPolicy, validatePolicies } from '../access-analyzer';
import { jobCases, type JobFacts } from '../cases/jobs';
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
  if (ctx.settings.jobs) checks.push(...(await jobChecks(ctx, nb, otherId, subject.notebookBoundary)));
  return checks;
}

/**
 * With jobs on: the notebook's job role under the boundary and the path (IAM-6), and the shared job cases
 * (libs/verify/src/cases/jobs.ts) decided by IAM's simulator: what the notebook's role may start, pass and stop,
 * and what its job role may reach.
 */
async function jobChecks(
  ctx: VerifyContext,
  nb: PublishedNotebook,
  otherId: string,
  notebookBoundary: string,
): Promise<Check[]> {
  const security = outputsOf(ctx, 'security');
  const network = outputsOf(ctx, 'network');
  const jobRoleArn = ctx.naming.jobRoleArn(nb.id, ctx.partition, ctx.account);
  const group = network.jobSecurityGroupIds[0];
  if (!group)
    return [
      expectThat(
        false,
        'NET-2',
        `notebook ${nb.id}: jobs are on (secure-ml-notebook:jobs) and the network publishes a job security group`,
        'jobSecurityGroupIds is empty: set secure-ml-network:jobs true and deploy the network layer',
      ),
    ];
  const role = await getRole(ctx.clients.iam, jobRoleArn);
  const facts: JobFacts = {
    ...caseFacts(ctx, { roleArn: nb.roleArn, id: nb.id, otherId }),
    subnetIds: network.privateSubnetIds,
    jobSecurityGroupId: group,
    vpcId: network.vpcId,
    s3EndpointId: network.s3GatewayEndpointId,
    jobRoleArn,
    otherJobRoleArn: ctx.naming.jobRoleArn(otherId, ctx.partition, ctx.account),
    networkIsolationRequired: ctx.settings.jobs?.networkIsolationRequired ?? true,
  };
  return [
    expectThat(
      role.PermissionsBoundary?.PermissionsBoundaryArn === security.notebookBoundaryArn &&
        role.Path === security.notebookRolePath,
      'IAM-6',
      `the job role of notebook ${nb.id} carries the notebook boundary, under the notebook role path`,
      `PermissionsBoundaryArn ${role.PermissionsBoundary?.PermissionsBoundaryArn ?? 'none'}, Path ${role.Path ?? 'none'}`,
    ),
    ...(await simulateTable(
      ctx.clients.iam,
      jobCases(facts),
      { notebookRoleArn: nb.roleArn, jobRoleArn, notebookBoundary },
      // The job role's case names start with "job".
      (c) => `notebook ${nb.id} ${c.subject === 'job-role' ? '' : 'role '}${c.name}`,
    )),
  ];
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
