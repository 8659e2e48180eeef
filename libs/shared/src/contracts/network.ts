import { field } from '../schema';

const id = (prefix: string, description: string) =>
  field.matching(description, new RegExp(`^${prefix}-[0-9a-f]+$`), `an ID ${prefix}-...`);
const ids = (prefix: string, description: string, minItems = 1) => ({
  ...field.stringList(description, minItems),
  expected: minItems ? `a list of IDs ${prefix}-...` : `a list of IDs ${prefix}-..., possibly empty`,
  is: (v: unknown): v is string[] =>
    Array.isArray(v) &&
    v.length >= minItems &&
    v.every((x) => typeof x === 'string' && x.startsWith(`${prefix}-`)),
});

/** What packages/network publishes. */
export const networkOutputs = {
  vpcId: id('vpc', 'ID of the isolated VPC'),
  vpcCidr: field.matching(
    'IPv4 CIDR of the VPC',
    /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/,
    'an IPv4 CIDR (10.20.0.0/16)',
  ),
  availabilityZones: field.stringList(
    'Availability zones of the private subnets, in the order of privateSubnetIds',
  ),
  privateSubnetIds: ids('subnet', 'Private subnets, one per availability zone'),
  privateRouteTableIds: ids(
    'rtb',
    'Route tables of the private subnets, one per subnet in the order of privateSubnetIds; the S3 gateway endpoint routes through each',
  ),
  notebookSecurityGroupId: id(
    'sg',
    'Security group of notebook instances (no ingress, egress 443 to endpoints and S3 only)',
  ),
  endpointSecurityGroupId: id(
    'sg',
    'Security group of the interface endpoints (443 from notebooks, and from jobs when they are on, only)',
  ),
  jobSecurityGroupIds: ids(
    'sg',
    'The job security group, one ID when secure-ml-network:jobs is on, none otherwise: ingress from itself only, egress to itself and 443 to the endpoints and S3; every SageMaker job of the environment must run in it',
    0,
  ),
  s3GatewayEndpointId: id('vpce', 'S3 gateway endpoint; the data bucket admits requests only through it'),
  notebookAccessEndpointIds: ids(
    'vpce',
    "The endpoints a person inside the network opens Jupyter through, when the opt-in notebook endpoint is on: the sagemaker.api endpoint (CreatePresignedNotebookInstanceUrl) and the notebook endpoint (Jupyter itself); none otherwise. The notebook layer's owner access policy admits opening through exactly these (aws:SourceVpce)",
    0,
  ),
  s3PrefixListId: id(
    'pl',
    "Managed prefix list of S3 in this region: the destination of the notebook group's only egress rule besides the endpoints",
  ),
  egressMode: field.matching(
    'How the VPC reaches the internet: none (isolated, NET-3) or nat (the declared exception to NET-3)',
    /^(none|nat)$/,
    'none or nat',
  ),
} as const;
