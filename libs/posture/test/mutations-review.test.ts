import type { Env } from '../src/model';
import { T } from '../src/resources';
import {
  addResource,
  addStatement,
  byName,
  bySid,
  describeMutations,
  set,
  statements,
  type Mutation,
  type Raw,
} from './mutate';

/**
 * The adversarial review's weakenings of the real layer sources, as edits of the real dev and prod plans: each
 * one got through `npm start` before its control was fixed (the review's number in brackets), and each must now
 * make exactly the controls listed fail, naming the resource.
 */
const PARTNER_ROOT = 'arn:aws:iam::444455556666:root';
const everyKeyOf = (arn: unknown) => String(arn).replace(/key\/.*$/, 'key/*');
const idOf = (env: Env, name: string) => String(byName(env, name).id);
const NETWORK = 'secure-ml-network';
const vpcCidrOf = (env: Env) => String(byName(env, 'network-vpc').inputs['cidrBlock']);

const REVIEW: Mutation[] = [
  [
    ['IAM-6'],
    '[4] the notebook role bounded by AdministratorAccess instead of the boundary policy',
    set('notebook-role', { permissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
    'notebook-role (Role)',
  ],
  [
    ['IAM-4'],
    '[5] PowerUserAccess attached to the notebook role',
    set('notebook-role', { managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] }),
    'notebook-role (Role)',
  ],
  [
    ['KMS-4'],
    "[6] the notebook's data-key grant widened to every key of the account (key/*)",
    statements(
      'notebook-access',
      bySid('UseDataKey', (s) => ({ ...s, Resource: everyKeyOf(s['Resource']) })),
    ),
    'notebook-access (RolePolicy)',
  ],
  [
    ['KMS-3'],
    "[7] the data key's policy admits another account's root",
    addStatement('data-key', {
      Sid: 'PartnerAccount',
      Effect: 'Allow',
      Principal: { AWS: PARTNER_ROOT },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
    }),
    'data-key (Key)',
  ],
  [
    ['IAM-3'],
    "[24] the notebook role's trust adds another account's root",
    statements(
      'notebook-role',
      (all: Raw[]) => [
        ...all,
        {
          Sid: 'PartnerAssumes',
          Effect: 'Allow',
          Principal: { AWS: PARTNER_ROOT },
          Action: 'sts:AssumeRole',
        },
      ],
      'assumeRolePolicy',
    ),
    'notebook-role (Role)',
  ],
  [
    ['NET-4'],
    '[9] the notebook security group open to 0.0.0.0/1 and 128.0.0.0/1 (the internet in two halves)',
    (env) =>
      ['0.0.0.0/1', '128.0.0.0/1'].reduce(
        (e, cidr, i) =>
          addResource(T.egressRule, `network-notebook-half-${i}`, NETWORK, {
            description: 'HTTPS to half of the internet',
            fromPort: 443,
            toPort: 443,
            ipProtocol: 'tcp',
            cidrIpv4: cidr,
            securityGroupId: idOf(env, 'network-notebook'),
          })(e),
        env,
      ),
    'network-notebook-half-0 (SecurityGroupEgressRule)',
  ],
  [
    ['NET-3'],
    '[10] the private route table sends 0.0.0.0/0 to a transit gateway',
    (env) =>
      addResource('aws:ec2/route:Route', 'network-private-1-tgw', NETWORK, {
        destinationCidrBlock: '0.0.0.0/0',
        transitGatewayId: 'tgw-0123456789abcdef0',
        routeTableId: idOf(env, 'RouteTable:network-private-1'),
      })(env),
    'network-private-1-tgw (Route)',
  ],
  [
    ['NET-7'],
    "[12] the S3 gateway endpoint's policy opened to every bucket (Resource *)",
    statements(
      'network-vpce-s3',
      bySid('EnvironmentDataBuckets', (s) => ({ ...s, Resource: '*' })),
    ),
    'network-vpce-s3 (VpcEndpoint)',
  ],
  [
    ['NET-1'],
    '[31] a rule attached to the default security group as a separate resource',
    (env) =>
      addResource(T.ingressRule, 'network-default-sg-ssh', NETWORK, {
        description: 'SSH from the VPC',
        fromPort: 22,
        toPort: 22,
        ipProtocol: 'tcp',
        cidrIpv4: vpcCidrOf(env),
        securityGroupId: idOf(env, 'network-default-sg'),
      })(env),
    'network-default-sg-ssh (SecurityGroupIngressRule)',
  ],
  [
    ['NET-8'],
    '[31] a rule attached to the default network ACL as a separate resource',
    (env) =>
      addResource(T.naclRule, 'network-default-acl-all', NETWORK, {
        networkAclId: String(byName(env, 'network-default-acl').inputs['defaultNetworkAclId']),
        ruleNumber: 100,
        egress: false,
        protocol: '-1',
        ruleAction: 'allow',
        cidrBlock: vpcCidrOf(env),
        fromPort: 0,
        toPort: 0,
      })(env),
    'network-default-acl-all (NetworkAclRule)',
  ],
];

describe('the review table', () => {
  it('has every weakening the review found, by number', () => {
    expect(REVIEW).toHaveLength(10);
  });
});

describeMutations(REVIEW);
