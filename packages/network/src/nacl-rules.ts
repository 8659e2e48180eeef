/** A network ACL entry as `aws.ec2.NetworkAcl` takes it inline (control NET-8 bounds what they may admit). */
export interface NaclRule {
  readonly ruleNo: number;
  readonly action: 'allow';
  readonly protocol: 'tcp' | '-1';
  readonly cidrBlock: string;
  readonly fromPort: number;
  readonly toPort: number;
}

const ANYWHERE = '0.0.0.0/0';

/**
 * Return traffic from outside the VPC (S3 through the gateway endpoint, the internet through NAT) arrives on
 * ephemeral ports. NACLs are stateless, so it must be admitted explicitly; the range skips 3389 so that no
 * entry opens RDP to the internet (Security Hub EC2.21). Linux clients pick ports from 32768 up and never
 * need 3389; a NAT flow that lands on it fails once and the client retries on another port.
 */
const ephemeralFromAnywhere = (firstRuleNo: number): NaclRule[] => [
  {
    ruleNo: firstRuleNo,
    action: 'allow',
    protocol: 'tcp',
    cidrBlock: ANYWHERE,
    fromPort: 1024,
    toPort: 3388,
  },
  {
    ruleNo: firstRuleNo + 10,
    action: 'allow',
    protocol: 'tcp',
    cidrBlock: ANYWHERE,
    fromPort: 3390,
    toPort: 65535,
  },
];

/**
 * Entries of the subnets' own ACL (private and public alike): anything within the VPC, HTTPS out to S3 (whose
 * addresses a NACL cannot name by prefix list) or through NAT, and the replies. Security groups do the fine
 * filtering; the ACL bounds what a misconfigured group could ever allow.
 */
export function subnetAclRules(vpcCidr: string): { ingress: NaclRule[]; egress: NaclRule[] } {
  const withinVpc = (ruleNo: number): NaclRule => ({
    ruleNo,
    action: 'allow',
    protocol: '-1',
    cidrBlock: vpcCidr,
    fromPort: 0,
    toPort: 0,
  });
  return {
    ingress: [withinVpc(100), ...ephemeralFromAnywhere(200)],
    egress: [
      withinVpc(100),
      { ruleNo: 200, action: 'allow', protocol: 'tcp', cidrBlock: ANYWHERE, fromPort: 443, toPort: 443 },
    ],
  };
}
