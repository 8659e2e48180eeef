import { regionOf } from '../cost';
import type { Env } from '../model';
import { str } from '../resources';

/** The partition, region and account of the environment, from its providers and the security layer's ARNs. */
export function whereOf(env: Env): { partition: string; region: string; account: string } {
  const arn = Object.values(env.outputs.security ?? {})
    .map((v) => str(v))
    .find((v) => v?.startsWith('arn:'));
  return {
    partition: arn?.split(':')[1] ?? 'aws',
    region: regionOf(env) ?? 'eu-west-1',
    account: env.settings.accountId ?? '123456789012',
  };
}

export const trailArnOf = (env: Env, name: string): string => {
  const w = whereOf(env);
  return `arn:${w.partition}:cloudtrail:${w.region}:${w.account}:trail/${name}`;
};
