import * as aws from '@pulumi/aws';
import type { LayerContext, SettingsOf } from '@secure-ml/shared';
import type { securitySettings } from './settings';

/**
 * The two customer-managed keys: `data` (notebook volumes, the data bucket) and `logs` (CloudTrail, CloudWatch
 * Logs, the alerts topic). Separate keys so that a principal that reads data cannot read the audit trail.
 */
export function createKeys(ctx: LayerContext<'security'>, settings: SettingsOf<typeof securitySettings>) {
  const make = (purpose: 'data' | 'logs', description: string) => {
    const key = new aws.kms.Key(
      `${purpose}-key`,
      {
        description,
        enableKeyRotation: true,
        deletionWindowInDays: settings.deletionWindowDays,
      },
      { provider: ctx.provider, protect: ctx.protect },
    );
    new aws.kms.Alias(`${purpose}-key-alias`, { name: ctx.naming.keyAlias(purpose), targetKeyId: key.keyId }, { provider: ctx.provider, parent: key });
    return key;
  };
  return {
    data: make('data', `${ctx.naming.stem}: notebook volumes and the data bucket`),
    logs: make('logs', `${ctx.naming.stem}: CloudTrail, CloudWatch Logs and the alerts topic`),
  };
}
