import { assertNoConfigProblems, type SettingsOf } from '@secure-ml/shared';
import type { networkSettings } from './settings';
import { JOB_ENDPOINTS } from './job-security-group';
import { planSubnets, type SubnetPlan, SubnetPlanError } from './subnet-plan';

export type NetworkSettings = SettingsOf<typeof networkSettings>;

const NS = 'secure-ml-network';
/** The stack allowed to trade availability for cost (one AZ). */

/**
 * Checks what no single setting can check alone (settings against each other and against the stack) and
 * computes the subnet plan. Returns the problems, each naming key, value, what is allowed and the fix; and the
 * plan when there is none.
 */
export function crossCheck(
  settings: NetworkSettings,
  stack: string,
  tier: 'production' | 'development' = 'production',
): { problems: string[]; plan?: SubnetPlan } {
  const problems: string[] = [];
  const set = (key: string, value: string) =>
    `pulumi config set ${NS}:${key} ${value} --stack ${stack} --cwd packages/network`;
  const rm = (key: string) => `pulumi config rm ${NS}:${key} --stack ${stack} --cwd packages/network`;
  if (settings.availabilityZones === 1 && tier !== 'development') {
    problems.push(
      `${NS}:availabilityZones = 1 is allowed only in a development environment (secure-ml:tier: development), not in ${stack} (tier ${tier}): one AZ leaves notebooks nowhere to start during an AZ outage. Fix: ${set('availabilityZones', '2')}`,
    );
  }
  if (settings.egress === 'none' && settings.natGateways !== undefined) {
    problems.push(
      `${NS}:natGateways = "${settings.natGateways}" has no effect with egress none: expected it unset. Fix: ${rm('natGateways')} (or ${set('egress', 'nat')})`,
    );
  }
  if (settings.egress === 'none' && settings.egressAllowedCidrs.length) {
    problems.push(
      `${NS}:egressAllowedCidrs = ${JSON.stringify(settings.egressAllowedCidrs)} has no effect with egress none: expected it unset. Fix: ${rm('egressAllowedCidrs')} (or ${set('egress', 'nat')})`,
    );
  }
  const notebookEndpoint = settings.interfaceEndpoints.includes('notebook');
  if (notebookEndpoint && settings.notebookClientCidrs.length === 0) {
    problems.push(
      `${NS}:interfaceEndpoints includes "notebook" but ${NS}:notebookClientCidrs is empty: the endpoint would admit nobody and cost an endpoint-hour per AZ. Fix: ${set('notebookClientCidrs', '\'["10.0.0.0/16"]\'')} (your VPN or office range), or remove "notebook" from interfaceEndpoints`,
    );
  }
  if (!notebookEndpoint && settings.notebookClientCidrs.length) {
    problems.push(
      `${NS}:notebookClientCidrs = ${JSON.stringify(settings.notebookClientCidrs)} has no effect without the "notebook" interface endpoint. Fix: add "notebook" to ${NS}:interfaceEndpoints, or ${rm('notebookClientCidrs')}`,
    );
  }
  // Jobs pull AWS's training and processing images from ECR (train-vpc.html: "SageMaker AI automatically pulls
  // the training container image from Amazon ECR"): without both endpoints a job in this VPC cannot start.
  const missingEcr = JOB_ENDPOINTS.filter((name) => !settings.interfaceEndpoints.includes(name));
  if (settings.jobs && missingEcr.length) {
    problems.push(
      `${NS}:jobs = true needs the interface endpoints ${missingEcr.join(' and ')} in ${NS}:interfaceEndpoints (received ${JSON.stringify(settings.interfaceEndpoints)}): training and processing jobs pull their images from ECR. Fix: add ${missingEcr.map((n) => `"${n}"`).join(' and ')} to ${NS}:interfaceEndpoints in packages/network/Pulumi.${stack}.yaml, or set ${NS}:jobs false`,
    );
  }
  let plan: SubnetPlan | undefined;
  try {
    plan = planSubnets(settings.vpcCidr, {
      azCount: settings.availabilityZones,
      publicSubnets: settings.egress === 'nat',
    });
  } catch (error) {
    if (!(error instanceof SubnetPlanError)) throw error;
    problems.push(
      `${NS}:vpcCidr = "${settings.vpcCidr}": ${error.message}. Fix: ${set('vpcCidr', '10.20.0.0/16')}`,
    );
  }
  return plan && !problems.length ? { problems, plan } : { problems };
}

/** Throws one ConfigError listing every problem, in the same shape as the per-setting errors. */
export function assertValid(
  settings: NetworkSettings,
  stack: string,
  tier: 'production' | 'development' = 'production',
): SubnetPlan {
  const { problems, plan } = crossCheck(settings, stack, tier);
  assertNoConfigProblems(`packages/network/Pulumi.${stack}.yaml`, problems);
  // crossCheck gives no plan only together with the problem that prevented it.
  if (!plan) throw new Error('unreachable: no subnet plan and no problem reported');
  return plan;
}
