import type * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { defineLayer } from '@secure-ml/shared';
import { NotebookNetwork } from './network';
import { networkSettings } from './settings';
import { assertValid } from './validate';
import { reportExceptions } from './warnings';

export = defineLayer('network', networkSettings, (ctx, settings) => {
  const plan = assertValid(settings, ctx.stack, ctx.tier);
  const network = new NotebookNetwork(
    'network',
    {
      naming: ctx.naming,
      region: ctx.region,
      accountId: ctx.accountId,
      partition: ctx.partition,
      vpcCidr: settings.vpcCidr,
      plan,
      egress: settings.egress,
      natGateways: settings.natGateways ?? 'perAz',
      egressAllowedCidrs: settings.egressAllowedCidrs,
      interfaceEndpoints: settings.interfaceEndpoints,
      notebookClientCidrs: settings.notebookClientCidrs,
      endpointsSingleAz: settings.endpointsSingleAz,
      jobs: settings.jobs,
    },
    { provider: ctx.provider },
  );
  for (const message of reportExceptions(settings, ctx.tier === 'development'))
    void pulumi.log.warn(message, network);
  return {
    vpcId: network.vpc.id,
    vpcCidr: network.vpc.cidrBlock,
    availabilityZones: network.availabilityZones,
    privateSubnetIds: pulumi.all(network.privateSubnets.map((s) => s.id)),
    privateRouteTableIds: pulumi.all(network.privateRouteTables.map((t) => t.id)),
    notebookSecurityGroupId: network.notebookSecurityGroup.id,
    endpointSecurityGroupId: network.endpointSecurityGroup.id,
    // A list of one or none, so that the contract holds whether jobs are on or not (the notebook layer's jobs
    // setting refuses an empty one).
    jobSecurityGroupIds: network.jobSecurityGroup ? pulumi.all([network.jobSecurityGroup.id]) : [],
    s3GatewayEndpointId: network.s3Gateway.id,
    notebookAccessEndpointIds: notebookAccessEndpointIds(
      settings.interfaceEndpoints,
      network.interfaceEndpoints,
    ),
    s3PrefixListId: network.s3Gateway.prefixListId,
    // Published so that the posture report and every consumer see the NET-3 exception, not only this log.
    egressMode: settings.egress,
  };
});

/**
 * The sagemaker.api and notebook endpoints, in that order, when the notebook endpoint is configured: a request to
 * open Jupyter from inside the network comes through both ("Connect to a notebook instance through a VPC interface
 * endpoint", https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-interface-endpoint.html: the presigned URL
 * through the API endpoint, Jupyter through the notebook one). None otherwise: opening then goes over the internet.
 */
function notebookAccessEndpointIds(
  names: readonly string[],
  endpoints: readonly aws.ec2.VpcEndpoint[],
): pulumi.Output<string[]> | string[] {
  const of = (name: string) => endpoints[names.indexOf(name)];
  const api = of('sagemaker.api');
  const notebook = of('notebook');
  return api && notebook ? pulumi.all([api.id, notebook.id]) : [];
}
