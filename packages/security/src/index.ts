import * as pulumi from '@pulumi/pulumi';
import { defineLayer } from '@secure-ml/shared';
import { createKeys } from './keys';
import {
  createNotebookBoundary,
  createNotebookCallerPolicy,
  createNotebookRoleDelegation,
  createServiceRoles,
  packageMirrorAccountsOf,
} from './roles';
import { RECOMMENDED_DELETION_WINDOW_DAYS, securitySettings } from './settings';

export = defineLayer('security', securitySettings, (ctx, settings) => {
  if (settings.deletionWindowDays !== RECOMMENDED_DELETION_WINDOW_DAYS) {
    // Allowed for throw-away environments, but it fails KMS-2 of the posture report: say so now.
    void pulumi.log.warn(
      `secure-ml-security:deletionWindowDays = ${settings.deletionWindowDays}: keys scheduled for deletion are destroyed after ${settings.deletionWindowDays} days instead of ${RECOMMENDED_DELETION_WINDOW_DAYS}; control KMS-2 will fail. Fix: pulumi config rm secure-ml-security:deletionWindowDays --stack ${ctx.stack} --cwd packages/security`,
    );
  }
  // The notebook roles are the notebook layer's (one per notebook, under notebookRolePath and this boundary); this
  // layer caps them. The guardrail for notebook creators lives in its own layer (packages/guardrail), which pins
  // PassRole to the same path.
  const boundary = createNotebookBoundary(ctx, settings);
  const delegation = createNotebookRoleDelegation(ctx, boundary);
  const keys = createKeys(ctx, settings);
  createNotebookCallerPolicy(ctx, keys.data);
  const services = createServiceRoles(ctx);
  return {
    dataKeyArn: keys.data.arn,
    dataKeyId: keys.data.keyId,
    logsKeyArn: keys.logs.arn,
    logsKeyId: keys.logs.keyId,
    notebookRolePath: ctx.naming.notebookRolePath,
    notebookBoundaryArn: boundary.arn,
    notebookRoleDelegationPolicyArn: delegation.arn,
    notebookRoleDelegation: delegation.policy,
    notebookEcrRepositoryArns: settings.ecrPullRepositoryArns ?? [],
    notebookPackageMirrorAccounts: ctx.accountId.apply((account) =>
      packageMirrorAccountsOf(account, settings),
    ),
    trailDeliveryRoleArn: services.trailDelivery.arn,
    flowLogsRoleArn: services.flowLogs.arn,
  };
});
