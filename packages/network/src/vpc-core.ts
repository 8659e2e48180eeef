import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { Naming } from '@secure-ml/shared';

/**
 * The VPC and the defaults AWS creates with it, taken over and emptied: the default security group keeps no
 * rule (NET-1, EC2.2) and the default network ACL denies everything, so that anything attached to them by
 * mistake (a subnet or ENI created outside this stack) reaches nothing.
 */
export function createVpcCore(name: string, args: { naming: Naming; cidr: string }, parent: pulumi.Resource) {
  const opts = { parent };
  const vpc = new aws.ec2.Vpc(
    `${name}-vpc`,
    // DNS support and hostnames are what private DNS of interface endpoints resolves through.
    {
      cidrBlock: args.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: args.naming.name('vpc') },
    },
    opts,
  );
  const defaultSecurityGroup = new aws.ec2.DefaultSecurityGroup(
    `${name}-default-sg`,
    { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: args.naming.name('default-unused') } },
    opts,
  );
  const defaultNetworkAcl = new aws.ec2.DefaultNetworkAcl(
    `${name}-default-acl`,
    // No entries: only the implicit deny remains. Our subnets are moved to their own ACL at creation.
    {
      defaultNetworkAclId: vpc.defaultNetworkAclId,
      ingress: [],
      egress: [],
      tags: { Name: args.naming.name('default-deny-all') },
    },
    opts,
  );
  return { vpc, defaultSecurityGroup, defaultNetworkAcl };
}
