import { type IAMClient, ListRolesCommand, type Role } from '@aws-sdk/client-iam';
import { type Check, expectThat } from '../check';
import { outputsOf, type VerifyContext } from '../context';
import { trustPolicyOf } from './iam-documents';

/**
 * Every role IAM holds under a path, page by page. ListRoles returns each role's trust policy but not its
 * boundary or tags ("IAM resource-listing operations return a subset of the available attributes ... does not
 * return PermissionsBoundary, RoleLastUsed, Tags", ListRoles,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html); the published roles' boundaries are read
 * with GetRole (notebook-roles.ts).
 */
async function rolesUnder(iam: IAMClient, pathPrefix: string): Promise<Role[]> {
  const roles: Role[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListRolesCommand({ PathPrefix: pathPrefix, Marker: marker }));
    roles.push(...(page.Roles ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return roles;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\//;

/**
 * Every role ARN the notebook layer publishes for its notebooks (each notebook's role, and any other it names),
 * and with jobs on each published notebook's job role, named from its id (libs/shared naming `jobRoleArn`).
 */
function publishedRoleArns(ctx: VerifyContext): Set<string> {
  const notebooks = outputsOf(ctx, 'notebook').notebooks;
  const entries = Object.values(notebooks) as object[];
  const jobRoles = ctx.settings.jobs
    ? Object.keys(notebooks).map((id) => ctx.naming.jobRoleArn(id, ctx.partition, ctx.account))
    : [];
  return new Set([
    ...entries.flatMap((entry) =>
      Object.values(entry).filter((v): v is string => typeof v === 'string' && ROLE_ARN.test(v)),
    ),
    ...jobRoles,
  ]);
}

interface TrustStatement {
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
}

/** What in a trust lets anything but SageMaker assume the role: empty when only SageMaker may. */
export function foreignTrust(document: string): string[] {
  const parsed = JSON.parse(document) as { Statement?: TrustStatement | TrustStatement[] };
  const problems: string[] = [];
  for (const s of [parsed.Statement ?? []].flat()) {
    if (s.Effect !== 'Allow') continue;
    if (s.NotPrincipal !== undefined) problems.push('an Allow with NotPrincipal');
    const principal = s.Principal as { Service?: unknown } | string | null | undefined;
    const map = typeof principal === 'object' && principal !== null ? principal : undefined;
    const services = [map?.Service ?? []].flat();
    const onlySageMaker =
      map !== undefined &&
      Object.keys(map).join() === 'Service' &&
      services.length > 0 &&
      services.every((service) => service === 'sagemaker.amazonaws.com');
    if (!onlySageMaker) problems.push(`an Allow to ${JSON.stringify(principal ?? null)}`);
    const actions = [s.Action ?? []].flat();
    if (!actions.every((action) => action === 'sts:AssumeRole'))
      problems.push(`actions ${actions.join(' ') || 'none'} (only sts:AssumeRole)`);
  }
  return problems;
}

/**
 * The notebook role path holds only the roles the notebook layer publishes, each assumable by SageMaker alone.
 *
 * Why it is asked of AWS: the notebook team's delegation lets it create roles under this path with the boundary,
 * and no IAM condition key reads the trust policy of a CreateRole request (its keys are aws:RequestTag, aws:TagKeys,
 * iam:PermissionsBoundary, iam:RoleTemplateARN: "Actions, resources, and condition keys for AWS Identity and Access
 * Management",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html). So a
 * role made outside the deployment (the CLI, another tool) could trust a person or another account, and the
 * offline IAM-3 never sees it. This check lists the path and fails on any such role.
 */
export async function notebookPathChecks(ctx: VerifyContext): Promise<Check[]> {
  const path = outputsOf(ctx, 'security').notebookRolePath;
  const published = publishedRoleArns(ctx);
  const roles = await rolesUnder(ctx.clients.iam, path);
  const strangers = roles.filter((r) => !published.has(r.Arn ?? ''));
  const checks: Check[] = [
    expectThat(
      strangers.length === 0,
      'IAM-6',
      `the notebook role path ${path} holds only the roles the notebook layer publishes`,
      strangers.length
        ? `not published: ${strangers.map((r) => r.Arn).join(' ')}`
        : `${roles.length} roles, all published`,
    ),
  ];
  for (const role of roles) {
    const problems = foreignTrust(trustPolicyOf(role));
    checks.push(
      expectThat(
        problems.length === 0,
        'IAM-3',
        `${role.RoleName} may be assumed by SageMaker only`,
        problems.length ? problems.join('; ') : 'one Allow of sts:AssumeRole to sagemaker.amazonaws.com',
      ),
    );
  }
  return checks;
}
