import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { Naming } from '@secure-ml/shared';
import { subnetAclRules } from './nacl-rules';
import type { SubnetSpec } from './subnet-plan';

export interface TierArgs {
  readonly naming: Naming;
  readonly vpc: aws.ec2.Vpc;
  readonly vpcCidr: string;
  readonly specs: readonly SubnetSpec[];
  /** The AZ name of an AZ index, known at deploy time. */
  readonly azName: (index: number) => pulumi.Output<string>;
}

/**
 * The subnets of one tier and their network ACL. No subnet maps public IPs (NET-2), public tier included: the
 * only public addresses in this VPC are the NAT gateways' Elastic IPs.
 */
export function createTier(name: string, args: TierArgs, parent: pulumi.Resource) {
  const opts = { parent };
  const subnets = args.specs.map(
    (spec) =>
      new aws.ec2.Subnet(
        `${name}-${spec.tier}-${spec.azIndex + 1}`,
        {
          vpcId: args.vpc.id,
          cidrBlock: spec.cidr,
          availabilityZone: args.azName(spec.azIndex),
          mapPublicIpOnLaunch: false,
          tags: { Name: args.naming.name(`${spec.tier}-${spec.azIndex + 1}`), Tier: spec.tier },
        },
        opts,
      ),
  );
  const tier = args.specs[0]?.tier ?? 'private';
  const rules = subnetAclRules(args.vpcCidr);
  const acl = new aws.ec2.NetworkAcl(
    `${name}-${tier}-acl`,
    {
      vpcId: args.vpc.id,
      subnetIds: subnets.map((s) => s.id),
      ...rules,
      tags: { Name: args.naming.name(`${tier}-acl`) },
    },
    opts,
  );
  return { subnets, acl };
}

/**
 * One route table per private subnet: with egress: nat each AZ routes to its own NAT gateway, and with none
 * they hold only the local route and the S3 gateway endpoint's prefix-list route. Route tables cost nothing.
 */
export function createPrivateRouting(
  name: string,
  args: { naming: Naming; vpc: aws.ec2.Vpc; subnets: aws.ec2.Subnet[] },
  parent: pulumi.Resource,
) {
  return args.subnets.map((subnet, i) => {
    const table = new aws.ec2.RouteTable(
      `${name}-private-${i + 1}`,
      { vpcId: args.vpc.id, tags: { Name: args.naming.name(`private-${i + 1}`) } },
      { parent },
    );
    new aws.ec2.RouteTableAssociation(
      `${name}-private-${i + 1}`,
      { subnetId: subnet.id, routeTableId: table.id },
      { parent },
    );
    return table;
  });
}
