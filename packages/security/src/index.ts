import * as pulumi from '@pulumi/pulumi';
import { defineLayer } from '@secure-ml/shared';
import { createKeys } from './keys';
import {
  createNotebookCallerPolicy,
  createNotebookRole,
  createServiceRoles,
  grantNotebookAccess,
} from './roles';
import { RECOMMENDED_DELETION_WINDOW_DAYS, securitySettings } from './settings';

export = defineLayer('security', securitySettings, (ctx, settings) => {
  if (settings.deletionWindowDays !== RECOMMENDED_DELETION_WINDOW_DAYS) {
    // Allowed for throw-away environments, but it fails KMS-2 of the posture report: say so now.
    void pulumi.log.warn(
      `secure-ml-security:deletionWindowDays = ${settings.deletionWindowDays}: keys scheduled for deletion are destroyed after ${settings.deletionWindowDays} days instead of ${RECOMMENDED_DELETION_WINDOW_DAYS}; control KMS-2 will fail. Fix: pulumi config rm secure-ml-security:deletionWindowDays --stack ${ctx.stack} --cwd packages/security`,
    );
  }
  // Order matters: the boundary and the role first (the data key's policy names the role), then the keys, then the
  // role's own policy, which names the key. The guardrail for notebook creators lives in its own layer
  // (packages/guardrail), which pins it to this layer's key and role and to the network layer's subnets.
  const notebook = createNotebookRole(ctx, settings);
  const keys = createKeys(ctx, settings, notebook.role);
  grantNotebookAccess(ctx, settings, notebook.role, keys.data);
  createNotebookCallerPolicy(ctx, keys.data);
  const services = createServiceRoles(ctx);
  return {
    dataKeyArn: keys.data.arn,
    dataKeyId: keys.data.keyId,
    logsKeyArn: keys.logs.arn,
    logsKeyId: keys.logs.keyId,
    notebookRoleArn: notebook.role.arn,
    notebookRoleName: notebook.role.name,
    notebookBoundaryArn: notebook.boundary.arn,
    trailDeliveryRoleArn: services.trailDelivery.arn,
    flowLogsRoleArn: services.flowLogs.arn,
  };
});
