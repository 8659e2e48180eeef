import { SecureMlError } from '@secure-ml/shared';

/**
 * The job security group, once the network and logging layers have published their job ground; otherwise an
 * error naming the setting that turns it on (the notebook layer deploys after both).
 */
export function jobGround(groups: readonly string[], logGroups: readonly string[], stack: string): string {
  const missing = [
    ...(groups.length ? [] : [['network', 'jobSecurityGroupIds']]),
    ...(logGroups.length ? [] : [['logging', 'jobLogGroupArns']]),
  ];
  if (missing.length)
    throw new SecureMlError(
      `secure-ml-notebook:jobs = true, but ${missing.map(([layer, key]) => `the ${layer} layer publishes no ${key}`).join(' and ')}: jobs need the job security group and the encrypted job log groups first. Fix: ${missing.map(([layer]) => `set secure-ml-${layer}:jobs true in packages/${layer}/Pulumi.${stack}.yaml and deploy it (npx nx run ${layer}:deploy -c ${stack})`).join('; ')}, or set secure-ml-notebook:jobs false`,
    );
  return groups[0] as string;
}
