import {
  DescribeInternetGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import { validatePolicies } from '../access-analyzer';
import { type Check, expectThat, pass } from '../check';
import { outputsOf, type VerifyContext } from '../context';

export async function verifyNetwork(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'network');
  const { ec2 } = ctx.clients;
  const inVpc = [{ Name: 'vpc-id', Values: [out.vpcId] }];

  const { InternetGateways = [] } = await ec2.send(
    new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [out.vpcId] }] }),
  );
  const gateways = `${InternetGateways.length} internet gateway(s) attached`;
  const isolation = ctx.settings.egressDeclared
    ? pass(
        'NET-3',
        'the VPC reaches the internet only through the declared NAT egress',
        `${gateways}; egress: nat is declared`,
      )
    : expectThat(
        InternetGateways.length === 0,
        'NET-3',
        'no internet gateway is attached to the VPC',
        gateways,
      );

  const { SecurityGroups = [] } = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [...inVpc, { Name: 'group-name', Values: ['default'] }] }),
  );
  const rules = SecurityGroups.flatMap((g) => [...(g.IpPermissions ?? []), ...(g.IpPermissionsEgress ?? [])]);
  const defaultGroup = expectThat(
    SecurityGroups.length === 1 && rules.length === 0,
    'NET-1',
    'the default security group has no rules',
    `${SecurityGroups.length} default group(s), ${rules.length} rule(s)`,
  );

  const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: inVpc }));
  const endpointChecks = VpcEndpoints.map((e) => {
    const dns = e.VpcEndpointType === 'Interface' ? `, private DNS ${e.PrivateDnsEnabled}` : '';
    return expectThat(
      e.State?.toLowerCase() === 'available' &&
        (e.VpcEndpointType !== 'Interface' || e.PrivateDnsEnabled === true),
      'NET-6',
      `endpoint ${e.ServiceName} is available${dns ? ' with private DNS' : ''}`,
      `${e.VpcEndpointId} ${e.State}${dns}`,
    );
  });
  const gatewayFound = expectThat(
    VpcEndpoints.some((e) => e.VpcEndpointId === out.s3GatewayEndpointId),
    'NET-6',
    'the S3 gateway endpoint the data bucket trusts exists in the VPC',
    `${out.s3GatewayEndpointId} among ${VpcEndpoints.length} endpoint(s)`,
  );
  const policies = await validatePolicies(
    ctx.clients.accessAnalyzer,
    'access-analyzer',
    VpcEndpoints.filter((e) => e.PolicyDocument).map((e) => ({
      label: `endpoint policy of ${e.ServiceName}`,
      document: e.PolicyDocument ?? '',
      type: 'RESOURCE_POLICY' as const,
    })),
  );
  return [isolation, defaultGroup, gatewayFound, ...endpointChecks, ...policies];
}
