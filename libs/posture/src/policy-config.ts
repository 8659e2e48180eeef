import { policyName } from './controls';
import type { PostureSettings } from './model';
import { DEFAULT_SETTINGS } from './model';
import type { StackConfigOf } from './stack-settings';
import { settingsOfStackFiles } from './stack-settings';

/**
 * The policy config (`pulumi preview --policy-pack-config`): what the engine, which runs the pack on one stack,
 * cannot read from that stack. The engine gives each policy only the keys its own configSchema lists
 * ("Configuring policy packs", https://www.pulumi.com/docs/iac/crossguard/configuration/), so each control that
 * reads a setting names it here, and the wrapper writes it for that control's policy.
 */
export const CONFIG_SCHEMA = {
  properties: {
    // No schema default (the engine would fill it in): without config the pack takes the repository's stack files
    // (policies.ts, settingsOf), and with none at hand protects every stack (model.ts, isProtectedStack).
    protectedStacks: { type: 'array', items: { type: 'string' } },
    egressEnabled: { type: 'boolean', default: DEFAULT_SETTINGS.egressEnabled },
    endpointServices: {
      type: 'array',
      items: { type: 'string' },
      default: [...DEFAULT_SETTINGS.endpointServices],
    },
    alertAddressConfigured: { type: 'boolean', default: DEFAULT_SETTINGS.alertAddressConfigured },
    allowedCidrs: { type: 'array', items: { type: 'string' }, default: [] },
    accountId: { type: 'string', pattern: '^\\d{12}$' },
    // No default: without it NB-10 and NB-11 judge the owner policy against a network nobody configured.
    ownerSourceCidrs: { type: 'array', items: { type: 'string' } },
    // No defaults: without them the JOB controls apply when the stack holds any of the job ground, and every job
    // must be network-isolated (model.ts).
    jobsEnabled: { type: 'boolean' },
    jobNetworkIsolation: { type: 'boolean' },
  },
} as const;

export type ConfigKey = keyof typeof CONFIG_SCHEMA.properties;

/** Which controls read which settings. */
export const CONFIGURED: Readonly<Record<string, readonly ConfigKey[]>> = {
  'KMS-2': ['protectedStacks'],
  'DUR-1': ['protectedStacks'],
  'NB-10': ['ownerSourceCidrs'],
  'NB-11': ['ownerSourceCidrs'],
  'NET-3': ['egressEnabled'],
  'NET-4': ['allowedCidrs'],
  'NET-6': ['endpointServices'],
  'LOG-9': ['alertAddressConfigured'],
  // The jobs' ground and pins (job-ground.ts, job-pins.ts): whether jobs are on, and whether isolation is required.
  'JOB-1': ['jobsEnabled', 'accountId'],
  'JOB-2': ['jobsEnabled'],
  'JOB-3': ['jobsEnabled'],
  'JOB-4': ['jobsEnabled', 'jobNetworkIsolation'],
  'IAM-7': ['jobNetworkIsolation'],
  // The controls that judge policy documents against the environment's account (scoping.ts).
  // NB-12 and JOB-1 ask as the role's own ARN, which a bucket policy may name (role-reach.ts).
  'NB-12': ['accountId'],
  'IAM-3': ['accountId'],
  'IAM-6': ['accountId'],
  'KMS-3': ['accountId'],
  'KMS-4': ['accountId'],
  'KMS-5': ['accountId'],
  'NET-7': ['accountId'],
  'LOG-5': ['accountId'],
  'LOG-15': ['accountId'],
  'S3-7': ['accountId'],
};

/** The policies that take the account from the policy config. */
export const ACCOUNT_POLICIES: readonly string[] = Object.entries(CONFIGURED)
  .filter(([, keys]) => keys.includes('accountId'))
  .map(([id]) => policyName(id));

/** Each configured policy's section of the policy config, from the environment's settings (unset keys left out). */
export function policyPackConfig(settings: PostureSettings): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(CONFIGURED).map(([id, keys]) => [
      policyName(id),
      Object.fromEntries(keys.flatMap((k) => (settings[k] === undefined ? [] : [[k, settings[k]]]))),
    ]),
  );
}

/**
 * The policy config of one stack on the real path (tools/src/pulumi/stack-file.ts): the same reading of the same stack
 * files as the offline report (stack-settings.ts), with the account the stack files pin.
 */
export function policyPackConfigOfStack(
  stack: string,
  config: StackConfigOf,
  accountId: string,
): Record<string, Record<string, unknown>> {
  return policyPackConfig(settingsOfStackFiles(stack, config, { accountId }));
}
