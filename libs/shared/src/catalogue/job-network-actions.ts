/**
 * The EC2 reads a SageMaker job in a VPC needs of its execution role, to find its subnets and security groups and
 * the network interfaces it creates ("Give SageMaker AI Training Jobs Access to Resources in Your Amazon VPC",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html). None has a resource type in the Service
 * Authorization Reference, so they go on `*`. One list, for the job role's policy (packages/notebook) and the
 * boundary's cap on it (packages/security), so the cap never falls behind the grant.
 */
export const JOB_NETWORK_DESCRIBE_ACTIONS = [
  'ec2:DescribeDhcpOptions',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVpcs',
] as const;
