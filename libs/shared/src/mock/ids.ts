import { createHash } from 'node:crypto';
import { MOCK_ACCOUNT, MOCK_PARTITION } from './fixed';

/** A stable hex digest of the resource's identity: same stack, type and name, same ID, on every run. */
function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

/** ID prefixes EC2 uses, so that IDs in plans look like what they stand for and contracts can check them. */
const EC2_PREFIX: Readonly<Record<string, string>> = {
  'aws:ec2/vpc:Vpc': 'vpc',
  'aws:ec2/subnet:Subnet': 'subnet',
  'aws:ec2/securityGroup:SecurityGroup': 'sg',
  'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup': 'sg',
  'aws:ec2/routeTable:RouteTable': 'rtb',
  'aws:ec2/vpcEndpoint:VpcEndpoint': 'vpce',
  'aws:ec2/internetGateway:InternetGateway': 'igw',
  'aws:ec2/natGateway:NatGateway': 'nat',
  'aws:ec2/eip:Eip': 'eipalloc',
  'aws:ec2/defaultNetworkAcl:DefaultNetworkAcl': 'acl',
  'aws:ec2/networkAcl:NetworkAcl': 'acl',
  'aws:ec2/flowLog:FlowLog': 'fl',
  'aws:ec2/securityGroupRule:SecurityGroupRule': 'sgr',
  'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule': 'sgr',
  'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule': 'sgr',
};

/** `aws:kms/key:Key` -> `kms`: the ARN service of a resource type. */
function serviceOf(type: string): string {
  return type.split(':')[1]?.split('/')[0] ?? 'unknown';
}

export interface MockIdentity {
  readonly id: string;
  /** Extra state the provider would compute (arn and the like). */
  readonly state: Record<string, unknown>;
}

/**
 * The ID and computed state the mock engine answers for a new resource. Physical names come from the inputs
 * when the program sets them (bucket, name) and from the logical name otherwise, as Pulumi would auto-name.
 */
export function mockIdentity(
  where: { project: string; stack: string; region: string },
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): MockIdentity {
  const { region } = where;
  const hex = digest(where.project, where.stack, type, name);
  const physical = typeof inputs['name'] === 'string' ? inputs['name'] : name;
  const iamPath = typeof inputs['path'] === 'string' ? inputs['path'] : '/';
  const arnPrefix = `arn:${MOCK_PARTITION}`;
  const regional = (service: string, resource: string) =>
    `${arnPrefix}:${service}:${region}:${MOCK_ACCOUNT}:${resource}`;
  switch (type) {
    case 'aws:kms/key:Key': {
      const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
      return { id: keyId, state: { keyId, arn: regional('kms', `key/${keyId}`) } };
    }
    case 'aws:kms/alias:Alias':
      return { id: physical, state: { arn: regional('kms', physical) } };
    case 'aws:iam/role:Role':
      return {
        id: physical,
        state: {
          arn: `${arnPrefix}:iam::${MOCK_ACCOUNT}:role${iamPath}${physical}`,
          uniqueId: `AROA${hex.slice(0, 17).toUpperCase()}`,
        },
      };
    case 'aws:iam/policy:Policy': {
      const arn = `${arnPrefix}:iam::${MOCK_ACCOUNT}:policy${iamPath}${physical}`;
      return { id: arn, state: { arn, policyId: `ANPA${hex.slice(0, 17).toUpperCase()}` } };
    }
    case 'aws:s3/bucket:Bucket': {
      const bucket = typeof inputs['bucket'] === 'string' ? inputs['bucket'] : name;
      return {
        id: bucket,
        state: {
          bucket,
          arn: `${arnPrefix}:s3:::${bucket}`,
          bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
        },
      };
    }
    case 'aws:cloudwatch/logGroup:LogGroup':
      return { id: physical, state: { arn: regional('logs', `log-group:${physical}`) } };
    case 'aws:cloudtrail/trail:Trail':
      return { id: physical, state: { arn: regional('cloudtrail', `trail/${physical}`) } };
    case 'aws:sns/topic:Topic': {
      const arn = regional('sns', physical);
      return { id: arn, state: { arn } };
    }
    case 'aws:sagemaker/notebookInstance:NotebookInstance':
      return {
        id: physical,
        state: {
          arn: regional('sagemaker', `notebook-instance/${physical}`),
          url: `${physical}.notebook.${region}.sagemaker.aws`,
        },
      };
    case 'aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration':
      return {
        id: physical,
        state: { arn: regional('sagemaker', `notebook-instance-lifecycle-config/${physical}`) },
      };
  }
  const ec2 = EC2_PREFIX[type];
  if (ec2) {
    const id = `${ec2}-${hex.slice(0, 17)}`;
    const state: Record<string, unknown> = { arn: regional('ec2', `${ec2}/${id}`) };
    // A gateway endpoint exposes the managed prefix list of its service, which security groups allow.
    if (type === 'aws:ec2/vpcEndpoint:VpcEndpoint' && inputs['vpcEndpointType'] === 'Gateway')
      state['prefixListId'] = `pl-${hex.slice(17, 25)}`;
    // A VPC comes with a default security group, network ACL and main route table, which programs take over.
    if (type === 'aws:ec2/vpc:Vpc') {
      const sibling = (prefix: string, salt: string) => `${prefix}-${digest(hex, salt).slice(0, 17)}`;
      Object.assign(state, {
        defaultSecurityGroupId: sibling('sg', 'default-sg'),
        defaultNetworkAclId: sibling('acl', 'default-acl'),
        defaultRouteTableId: sibling('rtb', 'main-rtb'),
        mainRouteTableId: sibling('rtb', 'main-rtb'),
      });
    }
    return { id, state };
  }
  const id = `${name}-${hex.slice(0, 8)}`;
  return {
    id,
    state: {
      arn: regional(serviceOf(type), `${type.split(':').pop()?.toLowerCase() ?? 'resource'}/${physical}`),
    },
  };
}
