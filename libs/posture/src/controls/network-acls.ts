import { stackControl } from '../define';
import type { Env, Finding, Res } from '../model';
import { finding, list, ofType, owns, rec, show, str, T } from '../resources';

/**
 * NET-8: network ACLs, the stateless bound under the security groups. Nothing outside the VPC may reach an
 * administration port (SSH 22, RDP 3389: Security Hub EC2.21, CIS 5.1), and nothing may leave the VPC except
 * HTTPS (tcp 443): to S3 through the gateway endpoint, or to the internet through NAT when egress is enabled
 * (docs/DESIGN.md, the subnets' ACL). Return traffic comes in on ephemeral ports, which the design admits.
 * AWS: EC2 API reference, "NetworkAclEntry" (entries are processed by rule number in ascending order; protocol
 * -1 means every protocol) https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html ;
 * the AWS Config rule behind Security Hub EC2.21, "nacl-no-unrestricted-ssh-rdp" (an inbound entry admitting
 * tcp or udp 22 or 3389 from anywhere is non-compliant)
 * https://docs.aws.amazon.com/config/latest/developerguide/nacl-no-unrestricted-ssh-rdp.html
 */
export const ADMIN_PORTS = [22, 3389];
const ALLOWED_EGRESS = { protocol: 'tcp', fromPort: 443, toPort: 443 };

interface AclRule {
  readonly where: string;
  readonly egress: boolean;
  readonly allow: boolean;
  readonly protocol: string;
  readonly cidr: string;
  readonly fromPort: number;
  readonly toPort: number;
}

/** `tcp`, `6` -> `tcp`; `-1`, `all` -> `-1`. */
const protocolName = (p: unknown): string => {
  const v = show(p).toLowerCase();
  return ({ '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' } as Record<string, string>)[v] ?? v;
};

function rulesOf(r: Res): AclRule[] {
  const one = (raw: unknown, egress: boolean, where: string): AclRule => {
    const x = rec(raw);
    return {
      where,
      egress,
      allow: (str(x['action']) ?? str(x['ruleAction']) ?? '').toLowerCase() === 'allow',
      protocol: protocolName(x['protocol']),
      cidr: str(x['cidrBlock']) ?? str(x['ipv6CidrBlock']) ?? '',
      fromPort: Number(x['fromPort'] ?? 0),
      toPort: Number(x['toPort'] ?? 0),
    };
  };
  if (r.type === T.naclRule)
    return [one(r.inputs, r.inputs['egress'] === true, `rule ${show(r.inputs['ruleNumber'])}`)];
  return (['ingress', 'egress'] as const).flatMap((dir) =>
    list(r.inputs[dir]).map((x, i) =>
      one(x, dir === 'egress', `${dir}[${i}] (rule ${show(rec(x)['ruleNo'])})`),
    ),
  );
}

function ipv4(addr: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(addr);
  return m ? m.slice(1).reduce((acc, n) => acc * 256 + Number(n), 0) : undefined;
}

/** Whether `inner` lies within `outer` (IPv4 CIDRs); an IPv6 block is never within an IPv4 VPC range. */
export function cidrWithin(inner: string, outer: string): boolean {
  const [ia = '', ib = '32'] = inner.split('/');
  const [oa = '', ob = '32'] = outer.split('/');
  const a = ipv4(ia);
  const b = ipv4(oa);
  if (a === undefined || b === undefined || Number(ib) < Number(ob)) return false;
  const size = 2 ** (32 - Number(ob));
  return Math.floor(a / size) === Math.floor(b / size);
}

const allPorts = (r: AclRule) => r.protocol === '-1';
const reaches = (r: AclRule, port: number) => allPorts(r) || (r.fromPort <= port && port <= r.toPort);

function problemsOf(r: AclRule, vpcCidrs: readonly string[]): string | undefined {
  if (!r.allow) return undefined;
  if (vpcCidrs.some((c) => cidrWithin(r.cidr, c))) return undefined;
  if (!r.egress) {
    const admin = ADMIN_PORTS.filter((p) => ['-1', 'tcp', 'udp'].includes(r.protocol) && reaches(r, p));
    return admin.length
      ? `${r.where} admits ${r.protocol === '-1' ? 'every protocol and port' : `${r.protocol} ${r.fromPort}-${r.toPort}`} from ${r.cidr}, including administration port(s) ${admin.join(', ')}`
      : undefined;
  }
  const https =
    r.protocol === ALLOWED_EGRESS.protocol &&
    r.fromPort === ALLOWED_EGRESS.fromPort &&
    r.toPort === ALLOWED_EGRESS.toPort;
  return https
    ? undefined
    : `${r.where} lets ${allPorts(r) ? 'every protocol and port' : `${r.protocol} ${r.fromPort}-${r.toPort}`} out to ${r.cidr}, beyond the HTTPS (tcp 443) the design allows`;
}

export const networkAclControl = stackControl({
  id: 'NET-8',
  standards: ['EC2.21', 'CIS 5.1', 'isolation'],
  check:
    "no network ACL admits traffic from outside the VPC to an administration port (22, 3389), no ACL lets anything but tcp 443 leave the VPC, and every VPC's default ACL is adopted with no rules, inline or as separate NetworkAclRule resources",
  examines: [T.nacl, T.defaultNacl, T.naclRule, T.vpc],
  evaluate(env: Env) {
    const vpcCidrs = ofType(env, T.vpc)
      .map((v) => str(v.inputs['cidrBlock']))
      .filter((c): c is string => !!c);
    const found: Finding[] = [];
    for (const acl of ofType(env, T.nacl, T.defaultNacl, T.naclRule)) {
      const problems = rulesOf(acl)
        .map((r) => problemsOf(r, vpcCidrs))
        .filter((p): p is string => !!p);
      if (problems.length)
        found.push(
          finding(
            acl,
            problems.join('; '),
            'admit from outside the VPC only the ephemeral return ports (1024-65535 without 3389), and let out only tcp 443',
          ),
        );
      if (acl.type === T.defaultNacl && rulesOf(acl).length > 0)
        found.push(
          finding(
            acl,
            `the default ACL has ${rulesOf(acl).length} rule(s)`,
            'declare the DefaultNetworkAcl with ingress: [] and egress: []',
          ),
        );
    }
    // A NetworkAclRule on the default ACL adds to it as surely as an inline rule (AWS keeps one rule list per
    // ACL): the ACL it names is the default ACL's ID, or the VPC's default ACL ID the resource adopts.
    const defaultAclIds = new Set(
      ofType(env, T.defaultNacl)
        .flatMap((d) => [d.id, str(d.inputs['defaultNetworkAclId'])])
        .filter((id): id is string => !!id),
    );
    for (const rule of ofType(env, T.naclRule)) {
      const acl = str(rule.inputs['networkAclId']);
      if (acl && defaultAclIds.has(acl))
        found.push(
          finding(
            rule,
            `adds a rule to the default network ACL ${acl}`,
            'remove the rule: the default ACL stays without rules, and subnets use the private ACL',
          ),
        );
    }
    // The engine sees the VPC's default ACL ID only after deploy, so adoption is counted: one per VPC.
    const vpcs = ofType(env, T.vpc);
    if (owns(env, 'network') && ofType(env, T.defaultNacl).length < vpcs.length)
      for (const vpc of vpcs)
        found.push(
          finding(
            vpc,
            "default network ACL is not adopted, so a subnet left off our ACL keeps AWS's allow-all rules",
            'declare aws.ec2.DefaultNetworkAcl for the VPC (defaultNetworkAclId: vpc.defaultNetworkAclId) with no rules',
          ),
        );
    return found;
  },
});
