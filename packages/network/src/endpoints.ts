import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Naming } from '@secure-ml/shared';
import { endpointServiceName, type EndpointName } from '@secure-ml/shared/catalogue';
import { interfaceEndpointPolicy, s3GatewayPolicy } from './policies';

export interface EndpointArgs {
  readonly naming: Naming;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  readonly vpc: aws.ec2.Vpc;
  readonly privateRouteTables: readonly aws.ec2.RouteTable[];
  readonly interfaceEndpoints: readonly EndpointName[];
  /** Where interface endpoints put their ENIs: every private subnet, or only the first (endpointsSingleAz). */
  readonly endpointSubnets: readonly aws.ec2.Subnet[];
}

/** The S3 gateway endpoint: free, on every private route table, policy per policies.ts. */
export function createS3Gateway(
  name: string,
  args: Omit<EndpointArgs, 'endpointSubnets'>,
  parent: pulumi.Resource,
) {
  const policy = pulumi
    .all([args.accountId, args.partition])
    .apply(([accountId, partition]) =>
      JSON.stringify(
        s3GatewayPolicy(
          { accountId, partition, region: args.region, naming: args.naming },
          args.interfaceEndpoints,
        ),
      ),
    );
  return new aws.ec2.VpcEndpoint(
    `${name}-vpce-s3`,
    {
      vpcId: args.vpc.id,
      serviceName: `com.amazonaws.${args.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: args.privateRouteTables.map((t) => t.id),
      policy,
      tags: { Name: args.naming.name('s3') },
    },
    { parent },
  );
}

/**
 * One interface endpoint per configured service, with private DNS so that the SDKs' default hostnames resolve
 * to the endpoint inside the VPC and no code needs an endpoint URL.
 */
export function createInterfaceEndpoints(
  name: string,
  args: EndpointArgs & {
    securityGroup: aws.ec2.SecurityGroup;
    /** The `notebook` endpoint's own group (client networks), when that endpoint is configured. */
    notebookUiSecurityGroup?: aws.ec2.SecurityGroup | undefined;
  },
  parent: pulumi.Resource,
) {
  const policy = pulumi
    .output(args.accountId)
    .apply((accountId) => JSON.stringify(interfaceEndpointPolicy(accountId)));
  return args.interfaceEndpoints.map(
    (service) =>
      new aws.ec2.VpcEndpoint(
        `${name}-vpce-${service.replace(/\./g, '-')}`,
        {
          vpcId: args.vpc.id,
          serviceName: endpointServiceName(service, args.region),
          vpcEndpointType: 'Interface',
          // NET-6: private DNS, so the SDKs' default hostnames resolve to the endpoint.
          privateDnsEnabled: true,
          subnetIds: args.endpointSubnets.map((s) => s.id),
          securityGroupIds: [
            (service === 'notebook' ? args.notebookUiSecurityGroup : undefined)?.id ?? args.securityGroup.id,
          ],
          policy,
          tags: { Name: args.naming.name(`vpce-${service}`) },
        },
        { parent },
      ),
  );
}
