import { planForTest, type LayerPlan, type PlannedResource } from '@secure-ml/shared/testing';
// The program is `export =` (what the Pulumi CLI loads), which only this import form reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import program = require('../../src/index');

export const T = {
  vpc: 'aws:ec2/vpc:Vpc',
  subnet: 'aws:ec2/subnet:Subnet',
  routeTable: 'aws:ec2/routeTable:RouteTable',
  route: 'aws:ec2/route:Route',
  igw: 'aws:ec2/internetGateway:InternetGateway',
  nat: 'aws:ec2/natGateway:NatGateway',
  eip: 'aws:ec2/eip:Eip',
  egressOnlyIgw: 'aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway',
  sg: 'aws:ec2/securityGroup:SecurityGroup',
  defaultSg: 'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup',
  sgRule: 'aws:ec2/securityGroupRule:SecurityGroupRule',
  ingress: 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
  egress: 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule',
  acl: 'aws:ec2/networkAcl:NetworkAcl',
  defaultAcl: 'aws:ec2/defaultNetworkAcl:DefaultNetworkAcl',
  endpoint: 'aws:ec2/vpcEndpoint:VpcEndpoint',
} as const;

const NS = 'secure-ml-network';

/** Plans the network layer with its Pulumi.<stack>.yaml plus `settings` (keys without the namespace). */
export function planNetwork(
  settings: Record<string, string | undefined> = {},
  stack = 'dev',
): Promise<LayerPlan> {
  const config = Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [key.includes(':') ? key : `${NS}:${key}`, value]),
  );
  return planForTest('network', program, { stack, config });
}

/** The message a plan fails with (the test fails if it does not fail). */
export async function failureOf(
  settings: Record<string, string | undefined>,
  stack = 'dev',
): Promise<string> {
  try {
    await planNetwork(settings, stack);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(
    `Planning with ${JSON.stringify(settings)} in ${stack} succeeded; expected a configuration error`,
  );
}

export const inputs = (r: PlannedResource | undefined): Record<string, unknown> => r?.inputs ?? {};
export const parsedPolicy = (r: PlannedResource): { Statement: Record<string, unknown>[] } =>
  JSON.parse(String(r.inputs['policy'])) as { Statement: Record<string, unknown>[] };
