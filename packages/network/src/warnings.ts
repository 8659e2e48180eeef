import type { NetworkSettings } from './validate';

/**
 * Soft problems and declared exceptions, as warnings (STYLE 6): valid choices that trade posture or
 * availability for something else, and must never pass silently. Pure, so that tests can read every message.
 */
export function reportExceptions(settings: NetworkSettings, development: boolean): string[] {
  const warnings: string[] = [];
  if (settings.egress === 'nat') {
    const nats = settings.natGateways === 'single' ? 'one NAT gateway' : 'one NAT gateway per AZ';
    const reach = settings.egressAllowedCidrs.length
      ? `notebooks may reach ${settings.egressAllowedCidrs.join(', ')} on 443`
      : 'notebooks still reach no internet address (egressAllowedCidrs is empty): the NAT serves other workloads only';
    warnings.push(
      `Exception to control NET-3: secure-ml-network:egress = nat adds an internet gateway and ${nats}; ${reach}. The stack output egressMode reports "nat".`,
    );
  }
  if (settings.availabilityZones === 1) {
    warnings.push(
      'secure-ml-network:availabilityZones = 1: notebooks cannot be started elsewhere during an outage of that zone (allowed in a development environment only, secure-ml:tier: development).',
    );
  }
  if (settings.endpointsSingleAz && !development) {
    warnings.push(
      'secure-ml-network:endpointsSingleAz = true outside a development environment (secure-ml:tier): an outage of the first AZ cuts every notebook off the AWS APIs. Fix: pulumi config set secure-ml-network:endpointsSingleAz false --stack <env> --cwd packages/network (or remove the line from packages/network/Pulumi.<env>.yaml)',
    );
  }
  return warnings;
}
