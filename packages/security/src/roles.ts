import * as aws from '@pulumi/aws';
import type { LayerContext } from '@secure-ml/shared';
import { DELEGATION_POLICY_SUFFIX, notebookRoleDelegationPolicy } from './policies/delegation';
import { notebookBoundaryPolicy, notebookCallerKeyPolicy } from './policies/notebook';
import {
  flowLogsDeliveryPolicy,
  flowLogsTrustPolicy,
  trailDeliveryPolicy,
  trailDeliveryTrustPolicy,
} from './policies/service-roles';
import { renderPolicy } from './render';
import type { SecuritySettings } from './settings';

type Ctx = LayerContext<'security'>;

/**
 * The permissions boundary of every notebook execution role (IAM-6). The roles themselves are the notebook layer's:
 * one per notebook, created under `naming.notebookRolePath` with this boundary attached (the delegation policy,
 * `notebookRoleDelegationPolicy`, lets the notebook team's deployment create nothing else), each with its own
 * inline policies (never an AWS-managed policy, IAM-4). This layer caps; the layer that owns a notebook and its
 * data grants.
 */
export function createNotebookBoundary(ctx: Ctx, settings: SecuritySettings): aws.iam.Policy {
  return new aws.iam.Policy(
    'notebook-boundary',
    {
      name: ctx.naming.name('notebook-boundary'),
      path: ctx.naming.iamPath,
      description: `${ctx.naming.stem}: the most a notebook role can ever do, whatever is attached to it`,
      policy: renderPolicy(ctx, {}, (env) =>
        notebookBoundaryPolicy(env, {
          ecrRepositories: settings.ecrPullRepositoryArns,
          packageMirrorAccounts: packageMirrorAccountsOf(env.accountId, settings),
        }),
      ),
    },
    { provider: ctx.provider },
  );
}

/**
 * What the notebook team's deployment role may do in IAM (policies/delegation.ts), as a managed policy that the
 * account attaches to that role: adding a notebook then needs nothing from the security team.
 */
export function createNotebookRoleDelegation(ctx: Ctx, boundary: aws.iam.Policy): aws.iam.Policy {
  return new aws.iam.Policy(
    DELEGATION_POLICY_SUFFIX,
    {
      name: ctx.naming.name(DELEGATION_POLICY_SUFFIX),
      path: ctx.naming.iamPath,
      description: `${ctx.naming.stem}: the notebook team's deployment creates notebook roles only under ${ctx.naming.notebookRolePath}, only with the notebook boundary`,
      policy: renderPolicy(ctx, { boundaryArn: boundary.arn }, (env, v) =>
        notebookRoleDelegationPolicy(env, { boundaryArn: v.boundaryArn }),
      ),
    },
    { provider: ctx.provider },
  );
}

/**
 * The managed policy for principals that create or start the environment's notebook (the deployer, and later
 * the people the access issue grants): the volume grant on the data key, which the notebook role cannot make.
 */
export function createNotebookCallerPolicy(ctx: Ctx, dataKey: aws.kms.Key): aws.iam.Policy {
  return new aws.iam.Policy(
    'notebook-caller-key',
    {
      name: ctx.naming.name('notebook-caller-key'),
      path: ctx.naming.iamPath,
      description: `${ctx.naming.stem}: the data-key grant SageMaker makes for whoever creates or starts the notebook`,
      policy: renderPolicy(ctx, { dataKeyArn: dataKey.arn }, (env, v) =>
        notebookCallerKeyPolicy(env, { dataKeyArn: v.dataKeyArn }),
      ),
    },
    { provider: ctx.provider },
  );
}

export interface ServiceRoles {
  readonly trailDelivery: aws.iam.Role;
  readonly flowLogs: aws.iam.Role;
}

/** A role a service assumes to deliver into one log group, with its inline delivery policy. */
function deliveryRole(
  ctx: Ctx,
  purpose: string,
  description: string,
  trust: typeof flowLogsTrustPolicy,
  access: typeof trailDeliveryPolicy,
) {
  const role = new aws.iam.Role(
    `${purpose}-role`,
    {
      name: ctx.naming.roleName(purpose),
      path: ctx.naming.iamPath,
      description: `${ctx.naming.stem}: ${description}`,
      assumeRolePolicy: renderPolicy(ctx, {}, trust),
    },
    { provider: ctx.provider },
  );
  new aws.iam.RolePolicy(
    `${purpose}-delivery`,
    { name: ctx.naming.name(`${purpose}-delivery`), role: role.name, policy: renderPolicy(ctx, {}, access) },
    { provider: ctx.provider, parent: role },
  );
  return role;
}

/** CloudTrail to CloudWatch Logs delivery (LOG-4) and VPC flow-log delivery (LOG-12). */
export function createServiceRoles(ctx: Ctx): ServiceRoles {
  return {
    trailDelivery: deliveryRole(
      ctx,
      'trail-delivery',
      'CloudTrail delivery to its CloudWatch Logs group',
      trailDeliveryTrustPolicy,
      trailDeliveryPolicy,
    ),
    flowLogs: deliveryRole(
      ctx,
      'flow-logs',
      'VPC flow-log delivery to its CloudWatch Logs group',
      flowLogsTrustPolicy,
      flowLogsDeliveryPolicy,
    ),
  };
}

/** The accounts whose CodeArtifact repositories notebooks may read: this one, then packageMirrorAccounts. */
export function packageMirrorAccountsOf(accountId: string, settings: SecuritySettings): string[] {
  return [...new Set([accountId, ...settings.packageMirrorAccounts])];
}
