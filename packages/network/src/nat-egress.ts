import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { Naming } from '@secure-ml/shared';

export interface NatEgressArgs {
  readonly naming: Naming;
  readonly vpc: aws.ec2.Vpc;
  readonly publicSubnets: readonly aws.ec2.Subnet[];
  readonly privateRouteTables: readonly aws.ec2.RouteTable[];
  /** `perAz`: each AZ keeps its egress when another AZ fails. `single`: one NAT (one hourly charge) for all. */
  readonly natGateways: 'perAz' | 'single';
}

/**
 * egress: nat, the exception to NET-3: an internet gateway, a public route table, NAT gateways with Elastic
 * IPs, and a default route from every private route table to a NAT gateway (its own AZ's when perAz). Only
 * the NAT gateways face the internet; nothing inbound can reach the private subnets through them.
 */
export function createNatEgress(name: string, args: NatEgressArgs, parent: pulumi.Resource) {
  const opts = { parent };
  const internetGateway = new aws.ec2.InternetGateway(
    `${name}-igw`,
    { vpcId: args.vpc.id, tags: { Name: args.naming.name('igw') } },
    opts,
  );
  const publicTable = new aws.ec2.RouteTable(
    `${name}-public`,
    { vpcId: args.vpc.id, tags: { Name: args.naming.name('public') } },
    opts,
  );
  new aws.ec2.Route(
    `${name}-public-internet`,
    { routeTableId: publicTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: internetGateway.id },
    opts,
  );
  args.publicSubnets.forEach((subnet, i) => {
    new aws.ec2.RouteTableAssociation(
      `${name}-public-${i + 1}`,
      { subnetId: subnet.id, routeTableId: publicTable.id },
      opts,
    );
  });
  const natSubnets = args.natGateways === 'single' ? args.publicSubnets.slice(0, 1) : args.publicSubnets;
  const natGateways = natSubnets.map((subnet, i) => {
    const eip = new aws.ec2.Eip(
      `${name}-nat-${i + 1}`,
      { domain: 'vpc', tags: { Name: args.naming.name(`nat-${i + 1}`) } },
      opts,
    );
    return new aws.ec2.NatGateway(
      `${name}-nat-${i + 1}`,
      {
        allocationId: eip.id,
        subnetId: subnet.id,
        connectivityType: 'public',
        tags: { Name: args.naming.name(`nat-${i + 1}`) },
      },
      // A NAT gateway in a subnet without an internet route fails its first connections.
      { parent, dependsOn: [internetGateway] },
    );
  });
  args.privateRouteTables.forEach((table, i) => {
    const nat = natGateways[Math.min(i, natGateways.length - 1)];
    new aws.ec2.Route(
      `${name}-private-${i + 1}-nat`,
      { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat?.id },
      opts,
    );
  });
  return { internetGateway, natGateways };
}
