import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { LayerContext } from '@secure-ml/shared';
import { dataKeyPolicy, logsKeyPolicy } from './policies/key-policies';
import { renderPolicy } from './render';
import type { SecuritySettings } from './settings';

export interface Keys {
  readonly data: aws.kms.Key;
  readonly logs: aws.kms.Key;
}

/**
 * The two customer-managed keys: `data` (notebook volumes, the data bucket) and `logs` (CloudTrail, CloudWatch
 * Logs, the alerts topic). Separate keys so that a principal that reads data cannot read the audit trail.
 * The data key's policy names no notebook role: the roles are the notebook layer's, created later, and use the key
 * through their IAM policies (the account-root statement), capped by the boundary.
 */
export function createKeys(ctx: LayerContext<'security'>, settings: SecuritySettings): Keys {
  const administrators = settings.keyAdministratorArns;
  const make = (purpose: 'data' | 'logs', description: string, policy: pulumi.Output<string>) => {
    const key = new aws.kms.Key(
      `${purpose}-key`,
      {
        description,
        keyUsage: 'ENCRYPT_DECRYPT',
        customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        // KMS-1: a new key material every year; old material still decrypts what it encrypted.
        enableKeyRotation: true,
        // KMS-2: the longest window KMS allows to notice and cancel a deletion.
        deletionWindowInDays: settings.deletionWindowDays,
        policy,
        // Never skip KMS's check that the deploying identity can still manage the key after this policy.
        bypassPolicyLockoutSafetyCheck: false,
      },
      { provider: ctx.provider, protect: ctx.protect },
    );
    new aws.kms.Alias(
      `${purpose}-key-alias`,
      { name: ctx.naming.keyAlias(purpose), targetKeyId: key.keyId },
      { provider: ctx.provider, parent: key },
    );
    return key;
  };
  return {
    data: make(
      'data',
      `${ctx.naming.stem}: notebook volumes and the data bucket`,
      renderPolicy(ctx, {}, (env) => dataKeyPolicy(env, { administrators })),
    ),
    logs: make(
      'logs',
      `${ctx.naming.stem}: CloudTrail, CloudWatch Logs and the alerts topic`,
      renderPolicy(ctx, {}, (env) => logsKeyPolicy(env, { administrators })),
    ),
  };
}
