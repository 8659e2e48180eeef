import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type Naming, SecureMlError } from '@secure-ml/shared';
import type { EndpointName } from '@secure-ml/shared/catalogue';
import { createInterfaceEndpoints, createS3Gateway } from './endpoints';
import { createNatEgress } from './nat-egress';
import { createJobSecurityGroup } from './job-security-group';
import { createSecurityGroups } from './security-groups';
import type { SubnetPlan } from './subnet-plan';
import { createPrivateRouting, createTier } from './subnets';
import { createVpcCore } from './vpc-core';

export interface NotebookNetworkArgs {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  /** IMPORTANT: changing it replaces the VPC and everything in it. */
  readonly vpcCidr: string;
  /** The validated subnet plan of `vpcCidr` (subnet-plan.ts); its private subnets set the AZ count. */
  readonly plan: SubnetPlan;
  /** @default 'none'. `nat` needs public subnets in `plan`. */
  readonly egress: 'none' | 'nat';
  /** @default 'perAz'. Used only with egress `nat`. */
  readonly natGateways: 'perAz' | 'single';
  /** @default []. Notebook HTTPS destinations through NAT; used only with egress `nat`. */
  readonly egressAllowedCidrs: readonly string[];
  readonly interfaceEndpoints: readonly EndpointName[];
  /** @default []. Client networks of the `notebook` endpoint (only with that endpoint, validate.ts). */
  readonly notebookClientCidrs: readonly string[];
  /** @default false. Interface endpoints in the first AZ only (cost over availability: dev). */
  readonly endpointsSingleAz: boolean;
  /** @default false. The job security group (job-security-group.ts); validate.ts requires the ECR endpoints. */
  readonly jobs: boolean;
}

/**
 * The isolated network of the notebooks: a VPC with locked defaults, private subnets, the notebook and endpoint
 * security groups, the S3 gateway endpoint and the interface endpoints; and, only with egress `nat`, public
 * subnets and NAT. Configuration is validated before it gets here (validate.ts); what is known only at deploy
 * time (the region's AZs) is validated inside `apply`.
 */
export class NotebookNetwork extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly availabilityZones: pulumi.Output<string[]>;
  readonly privateSubnets: aws.ec2.Subnet[];
  readonly privateRouteTables: aws.ec2.RouteTable[];
  readonly notebookSecurityGroup: aws.ec2.SecurityGroup;
  readonly endpointSecurityGroup: aws.ec2.SecurityGroup;
  /** The group of SageMaker jobs, when `jobs` is on. */
  readonly jobSecurityGroup: aws.ec2.SecurityGroup | undefined;
  readonly s3Gateway: aws.ec2.VpcEndpoint;
  readonly interfaceEndpoints: aws.ec2.VpcEndpoint[];

  constructor(name: string, args: NotebookNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('secure-ml:network:NotebookNetwork', name, {}, opts);
    const azCount = args.plan.private.length;
    const names = availabilityZoneNames(azCount, args.region, this);
    const azName = (i: number) => names.apply((all) => all[i] as string);
    this.availabilityZones = names;

    const { vpc } = createVpcCore(name, { naming: args.naming, cidr: args.vpcCidr }, this);
    this.vpc = vpc;
    const tier = { naming: args.naming, vpc, vpcCidr: args.vpcCidr, azName };
    this.privateSubnets = createTier(name, { ...tier, specs: args.plan.private }, this).subnets;
    this.privateRouteTables = createPrivateRouting(
      name,
      { naming: args.naming, vpc, subnets: this.privateSubnets },
      this,
    );

    if (args.egress === 'nat') {
      const publicSubnets = createTier(name, { ...tier, specs: args.plan.public }, this).subnets;
      createNatEgress(
        name,
        {
          naming: args.naming,
          vpc,
          publicSubnets,
          privateRouteTables: this.privateRouteTables,
          natGateways: args.natGateways,
        },
        this,
      );
    }

    const endpointArgs = {
      naming: args.naming,
      region: args.region,
      accountId: args.accountId,
      partition: args.partition,
      vpc,
      privateRouteTables: this.privateRouteTables,
      interfaceEndpoints: args.interfaceEndpoints,
    };
    this.s3Gateway = createS3Gateway(name, endpointArgs, this);
    const groups = createSecurityGroups(
      name,
      {
        naming: args.naming,
        vpc,
        s3PrefixListId: this.s3Gateway.prefixListId,
        egressAllowedCidrs: args.egress === 'nat' ? args.egressAllowedCidrs : [],
        notebookClientCidrs: args.notebookClientCidrs,
        jobs: args.jobs,
      },
      this,
    );
    this.notebookSecurityGroup = groups.notebook;
    this.endpointSecurityGroup = groups.endpoints;
    this.jobSecurityGroup = args.jobs
      ? createJobSecurityGroup(
          name,
          {
            naming: args.naming,
            vpc,
            endpoints: groups.endpoints,
            s3PrefixListId: this.s3Gateway.prefixListId,
          },
          this,
        )
      : undefined;
    const endpointSubnets = args.endpointsSingleAz ? this.privateSubnets.slice(0, 1) : this.privateSubnets;
    this.interfaceEndpoints = createInterfaceEndpoints(
      name,
      {
        ...endpointArgs,
        endpointSubnets,
        securityGroup: groups.endpoints,
        notebookUiSecurityGroup: groups.notebookUi,
      },
      this,
    );

    this.registerOutputs({ vpcId: vpc.id, availabilityZones: this.availabilityZones });
  }
}

/**
 * The first `count` zones of the region that need no opt-in (Local Zones and Wavelength Zones are left out:
 * not every service has endpoints there). Known only at deploy time, so checked inside `apply`.
 */
function availabilityZoneNames(
  count: number,
  region: string,
  parent: pulumi.Resource,
): pulumi.Output<string[]> {
  const zones = aws.getAvailabilityZonesOutput(
    { state: 'available', filters: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }] },
    { parent },
  );
  return zones.names.apply((names) => pickZones(names, count, region));
}

/** The first `count` of `names`, or an error naming the setting, the zones the region has and the fix. */
export function pickZones(names: readonly string[], count: number, region: string): string[] {
  if (names.length < count) {
    throw new SecureMlError(
      `secure-ml-network:availabilityZones = ${count}, but ${region} offers ${names.length} availability zone(s) (${names.join(', ')}). Fix: pulumi config set secure-ml-network:availabilityZones ${names.length} --stack <env> --cwd packages/network`,
    );
  }
  return names.slice(0, count);
}
