import type * as pulumi from '@pulumi/pulumi';
import { SecureMlError, type LayerContext, type UpstreamOutputs } from '@secure-ml/shared';
import type { GuardrailPins } from './policies/rules';
import type { GuardrailSettings } from './settings';

/**
 * The value of an upstream output. A reference's outputs are values the reference has already read and checked
 * against the upstream contract (during preview too), so they are always known: resolving them here lets the
 * program build and check its documents before it registers anything.
 */
const valueOf = <T>(output: pulumi.Output<T>): Promise<T> =>
  new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });

/** `arn:<partition>:kms:<region>:<account>:key/<id>` -> partition and account. */
const ARN = /^arn:([a-z-]+):[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/;

/**
 * What the guardrail pins a notebook and a job to (IAM-7's pins), from the security and network layers' outputs (the
 * notebook role path and the job group among them) and the notebook layer's lifecycle configuration name pattern (naming.ts: the notebook layer
 * deploys after this one). The partition and account
 * are the data key's, the environment's own (one environment per account).
 */
export async function pinsOf(
  ctx: LayerContext<'guardrail'>,
  security: UpstreamOutputs<'security'>,
  network: UpstreamOutputs<'network'>,
  settings: Pick<GuardrailSettings, 'instanceTypes' | 'jobNetworkIsolation' | 'ownerSourceCidrs'>,
): Promise<GuardrailPins> {
  const [dataKeyArn, notebookRolePath, subnetIds, securityGroupId, jobSecurityGroupIds, sourceVpceIds] =
    await Promise.all([
      valueOf(security.dataKeyArn),
      valueOf(security.notebookRolePath),
      valueOf(network.privateSubnetIds),
      valueOf(network.notebookSecurityGroupId),
      valueOf(network.jobSecurityGroupIds),
      valueOf(network.notebookAccessEndpointIds),
    ]);
  const [, partition, accountId] = ARN.exec(dataKeyArn) ?? [];
  if (!partition || !accountId)
    throw new SecureMlError(
      `The security layer publishes dataKeyArn = ${dataKeyArn}, not a key ARN with a partition and an account. Redeploy it: npx nx run security:deploy -c ${ctx.stack}`,
    );
  return {
    subnetIds,
    securityGroupIds: [securityGroupId],
    // Every notebook has its own lifecycle configuration and role, named from its id in a later layer: the pins
    // are the patterns only the notebook layer's names match (libs/shared naming). The pattern cannot tell one
    // notebook's configuration from another's, nor the path one owner's role from another's: that is why only the
    // deployment may write notebooks and lifecycle configurations at all and pass roles that are not its caller's
    // own (policies/people.ts), and the security layer's delegation lets it create roles under the path alone.
    lifecycleConfigArns: [ctx.naming.lifecycleConfigArnPattern(partition, ctx.region, accountId)],
    dataKeyArn,
    instanceTypes: settings.instanceTypes,
    // The network layer's job group, none while its jobs are off: then every job start is denied (policies/jobs.ts).
    jobSecurityGroupIds,
    jobNetworkIsolation: settings.jobNetworkIsolation,
    notebookRoleArns: `arn:${partition}:iam::${accountId}:role${notebookRolePath}*`,
    notebookExecutionRoleArns: `arn:${partition}:iam::${accountId}:role${notebookRolePath}${ctx.naming.notebookRoleName('*')}`,
    notebookArns: `arn:${partition}:sagemaker:*:${accountId}:notebook-instance/*`,
    // AWS's reserved role path, and IAM Identity Center's roles on it ("Using service-linked roles for IAM Identity
    // Center": roles "on the path /aws-reserved/sso.amazonaws.com/"), in the environment's partition and account.
    reservedRoleArns: `arn:${partition}:iam::${accountId}:role/aws-reserved/*`,
    identityCenterRoleArns: `arn:${partition}:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/*`,
    ownerRoleArns: ctx.naming.ownerRoleArnPattern(partition, accountId),
    sourceCidrs: settings.ownerSourceCidrs,
    sourceVpceIds,
  };
}
