import { AWS_OWNED_BUCKETS } from '@secure-ml/shared/catalogue';
import { canHold, foreignAccountFor, globMatch, UNFORESEEN } from '../conditions';
import { resourceControl, stackControl } from '../define';
import type { Control, Env, Finding, Res } from '../model';
import { isWildcardPrincipal, statementsOf, type Statement } from '../policy-document';
import { bucketName, finding, list, missing, ofType, owns, rec, str, strings, T } from '../resources';
import { dataBuckets } from './s3';
import { admitsAnotherAccount, whyUnscoped } from '../scoping';
import { cidrWithin, networkAclControl } from './network-acls';

const OPEN = ['0.0.0.0/0', '::/0'];
const SG_TYPES = [T.sg, T.defaultSg, T.sgRule, T.ingressRule, T.egressRule];
/** The description Pulumi fills in when none is given: as good as none. */
const DEFAULT_DESCRIPTION = 'Managed by Pulumi';

/** Inline rules of a security group, and the rule resources themselves, as { where, cidrs, description }. */
function rulesOf(r: Res): { where: string; cidrs: string[]; description?: string }[] {
  if (r.type === T.sg || r.type === T.defaultSg) {
    return (['ingress', 'egress'] as const).flatMap((dir) =>
      list(r.inputs[dir]).map((raw, i) => {
        const rule = rec(raw);
        const description = str(rule['description']);
        return {
          where: `${dir}[${i}]`,
          cidrs: [...strings(rule['cidrBlocks']), ...strings(rule['ipv6CidrBlocks'])],
          ...(description ? { description } : {}),
        };
      }),
    );
  }
  const cidrs = [
    ...strings(r.inputs['cidrBlocks']),
    ...strings(r.inputs['ipv6CidrBlocks']),
    ...strings(r.inputs['cidrIpv4']),
    ...strings(r.inputs['cidrIpv6']),
  ];
  const description = str(r.inputs['description']);
  return [{ where: 'rule', cidrs, ...(description ? { description } : {}) }];
}

/** `com.amazonaws.eu-west-1.sagemaker.api` -> `sagemaker.api`. */
export const serviceOfEndpoint = (serviceName: string): string =>
  serviceName.replace(/^(com\.amazonaws|aws\.sagemaker)\.[a-z0-9-]+\./, '');

/**
 * The AWS-owned buckets of the catalogue (libs/shared/src/catalogue/aws-owned-buckets.ts, which the network
 * layer builds its S3 endpoint policy from): dnf reads the Amazon Linux repositories unsigned and ECR hands out
 * pre-signed layer URLs, so those requests carry no principal to restrict. Only s3:GetObject on exactly those
 * object ARNs (in the endpoint's region, any partition) may name Principal "*" alone.
 */
function isAwsOwnedBucketRead(s: Statement, region: string | undefined): boolean {
  if (!region) return false;
  const owned = (arn: string) => {
    const partition = /^arn:([a-z-]+):s3:::/.exec(arn)?.[1];
    return !!partition && AWS_OWNED_BUCKETS.some((b) => b.objects(partition, region).includes(arn));
  };
  return (
    s.actions.length > 0 &&
    s.actions.every((a) => a === 's3:GetObject') &&
    s.resources.length > 0 &&
    s.resources.every(owned)
  );
}

/** A bucket no policy names, in another account: what an exfiltrating request writes to. */
const FOREIGN_BUCKET = `arn:aws:s3:::${UNFORESEEN}`;

/**
 * NET-7's resource perimeter for the S3 gateway endpoint: an Allow (other than the AWS-owned buckets' reads)
 * must not reach a bucket outside the environment, or the endpoint carries data to anyone's bucket with our
 * credentials. A resource must never match one of the environment's other buckets (the trail and access-log
 * buckets, this account's: no account pin excuses them). Beyond that it passes when it matches no bucket nobody
 * names and names its buckets exactly, or when the statement holds only for this account's buckets
 * (s3:ResourceAccount, aws:ResourceAccount). A wildcard in a bucket name (the data-bucket pattern
 * `<stem>-data-*`) also matches a bucket anyone may create under that name in another account (bucket names are
 * global), so a pattern needs the account pin.
 * AWS: "Control access to VPC endpoints using endpoint policies" (PrivateLink guide)
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html ; "Gateway endpoints for
 * Amazon S3", endpoint policies https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html
 */
function bucketsBeyondPerimeter(s: Statement, env: Env): string[] {
  const other = foreignAccountFor(env.settings.accountId);
  const ownAccountOnly = !canHold(s.conditions, {
    's3:resourceaccount': [undefined, [other]],
    'aws:resourceaccount': [undefined, [other]],
  });
  if (s.notResources.length > 0) return [`NotResource ${s.notResources.join(', ')}`];
  const objects = (b: string) => [b, `${b}/any-object`];
  const data = new Set(dataBuckets(env).map(bucketName));
  // The environment's other buckets (trail, access logs) are this account's: the account pin does not excuse them.
  const ownOthers = ofType(env, T.bucket)
    .map(bucketName)
    .filter((b) => !data.has(b))
    .flatMap((b) => objects(`arn:aws:s3:::${b}`));
  const foreign = objects(FOREIGN_BUCKET);
  const squattable = (p: string) => /^arn:[^:]*:s3:::[^/]*[*?]/.test(p);
  return s.resources.filter(
    (p) =>
      ownOthers.some((arn) => globMatch(p, arn)) ||
      (!ownAccountOnly && (squattable(p) || foreign.some((arn) => globMatch(p, arn)))),
  );
}

/** `com.amazonaws.eu-west-1.s3` -> `eu-west-1`. */
const regionOfService = (serviceName: string | undefined) =>
  /^(?:com\.amazonaws|aws\.sagemaker)\.([a-z0-9-]+)\./.exec(serviceName ?? '')?.[1];

/** Where a route may send traffic, by the Route input that names it (the AWS CreateRoute targets). */
const ROUTE_TARGETS = [
  'gatewayId',
  'natGatewayId',
  'transitGatewayId',
  'vpcPeeringConnectionId',
  'networkInterfaceId',
  'egressOnlyGatewayId',
  'carrierGatewayId',
  'localGatewayId',
  'coreNetworkArn',
  'vpcEndpointId',
] as const;

/** The routes of the environment: Route resources and the inline routes of route tables. */
function routesOf(env: Env): { owner: Res; where: string; route: Record<string, unknown> }[] {
  return [
    ...ofType(env, T.route).map((r) => ({ owner: r, where: 'the route', route: r.inputs })),
    ...ofType(env, T.routeTable).flatMap((t) =>
      list(t.inputs['routes']).map((x, i) => ({ owner: t, where: `routes[${i}]`, route: rec(x) })),
    ),
  ];
}

/**
 * NET-3: every route whose target is not the VPC itself (`local`) is a way out that the config must declare.
 * Egress (secure-ml-network:egress: nat) declares exactly the NAT path: private routes to a NAT gateway and the
 * public route to the internet gateway. A transit gateway, a peering, a virtual private gateway or an interface
 * is never declared: it reaches networks the design does not know.
 * AWS: EC2 API reference, "CreateRoute" (the route targets)
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html
 */
function undeclaredRoutes(env: Env): Finding[] {
  return routesOf(env).flatMap(({ owner, where, route }) => {
    const target = ROUTE_TARGETS.find((k) => str(route[k]));
    if (!target) return [];
    const value = str(route[target]) ?? '';
    if (target === 'gatewayId' && value === 'local') return [];
    const natPath = target === 'natGatewayId' || (target === 'gatewayId' && value.startsWith('igw-'));
    if (env.settings.egressEnabled && natPath) return [];
    const to =
      str(route['destinationCidrBlock']) ??
      str(route['destinationIpv6CidrBlock']) ??
      str(route['destinationPrefixListId']) ??
      '?';
    return [
      finding(
        owner,
        `${where} sends ${to} to ${target} ${value}, a way out of the VPC ${env.settings.egressEnabled ? 'beyond the NAT path that egress declares' : 'while egress is not enabled'}`,
        'remove the route; only secure-ml-network:egress: nat adds routes, to the NAT gateway',
      ),
    ];
  });
}

export const networkControls: Control[] = [
  stackControl({
    id: 'NET-1',
    standards: ['EC2.2', 'CKV2_AWS_12'],
    check:
      "every VPC's default security group is adopted (DefaultSecurityGroup) with no ingress and no egress rules, inline or as separate rule resources",
    examines: [T.vpc, T.defaultSg, T.sgRule, T.ingressRule, T.egressRule],
    evaluate(env) {
      const found: Finding[] = [];
      const defaults = ofType(env, T.defaultSg);
      for (const sg of defaults) {
        const rules = list(sg.inputs['ingress']).length + list(sg.inputs['egress']).length;
        if (rules > 0)
          found.push(
            finding(
              sg,
              `has ${rules} rule(s)`,
              'declare the DefaultSecurityGroup with ingress: [] and egress: []',
            ),
          );
      }
      // A rule resource (SecurityGroupRule, SecurityGroupIngressRule/EgressRule) adds to the default group as
      // surely as an inline rule: AWS keeps one rule set per group, whoever declares it.
      const defaultIds = new Set(defaults.map((d) => d.id).filter((id): id is string => !!id));
      // Before the first deploy no group has an ID yet: there is nothing a rule could name (and reading the
      // rules' unknown group IDs would defer the whole control).
      for (const rule of defaultIds.size ? ofType(env, T.sgRule, T.ingressRule, T.egressRule) : []) {
        const group = str(rule.inputs['securityGroupId']);
        if (group && defaultIds.has(group))
          found.push(
            finding(
              rule,
              `adds a rule to the default security group ${group}`,
              'remove the rule: nothing may use the default group, which must stay without rules',
            ),
          );
      }
      for (const vpc of ofType(env, T.vpc)) {
        const adopted = defaults.some((d) => !vpc.id || d.inputs['vpcId'] === vpc.id);
        if (!adopted)
          found.push(
            finding(
              vpc,
              "default security group is not adopted, so it keeps AWS's allow-all egress and self-ingress rules",
              'declare aws.ec2.DefaultSecurityGroup for the VPC with no rules',
            ),
          );
      }
      return found;
    },
  }),
  resourceControl({
    id: 'NET-2',
    standards: ['CKV_AWS_130'],
    check: 'no subnet maps public IPs on launch',
    examines: [T.subnet],
    inspect: (r) =>
      r.inputs['mapPublicIpOnLaunch'] === true
        ? finding(r, 'maps public IPs on launch', 'set mapPublicIpOnLaunch: false (private subnets only)')
        : undefined,
  }),
  stackControl({
    id: 'NET-3',
    standards: ['isolation'],
    check:
      "no internet gateway, egress-only gateway or NAT gateway, and no route to anything but the VPC itself (a transit gateway, a peering, a virtual private gateway, an interface...), unless the environment's config explicitly enables egress, and then only the NAT path (routes to the NAT and internet gateways)",
    examines: [T.vpc, T.igw, T.eigw, T.nat, T.routeTable, T.route],
    evaluate: (env) => [
      ...(env.settings.egressEnabled
        ? []
        : ofType(env, T.igw, T.eigw, T.nat).map((r) =>
            finding(
              r,
              'gives the VPC a way to the internet while egress is not enabled',
              'remove it, or enable egress explicitly in the network config (secure-ml-network:egress: nat)',
            ),
          )),
      ...undeclaredRoutes(env),
    ],
    notes: (env) => {
      const gateways = ofType(env, T.igw, T.eigw, T.nat).length;
      return env.settings.egressEnabled && gateways > 0
        ? [
            `exception: egress is enabled by the environment's config, so its ${gateways} gateway(s) are allowed`,
          ]
        : [];
    },
  }),
  resourceControl({
    id: 'NET-4',
    standards: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_382'],
    check:
      "no security group rule names a CIDR outside the VPC and the network config's allowed lists (egressAllowedCidrs with egress: nat, notebookClientCidrs), in or out: not 0.0.0.0/0, ::/0, nor the internet in pieces (0.0.0.0/1 + 128.0.0.0/1)",
    perLayer: 'the allowed lists come from the policy config (allowedCidrs); without it, only the VPC',
    examines: SG_TYPES,
    inspect(r, env) {
      const vpcs = ofType(env, T.vpc)
        .map((v) => str(v.inputs['cidrBlock']))
        .filter((c): c is string => !!c);
      const inside = (cidr: string) =>
        [...vpcs, ...(env.settings.allowedCidrs ?? [])].some((ok) => cidrWithin(cidr, ok));
      return rulesOf(r)
        .filter((rule) => rule.cidrs.some((c) => !inside(c)))
        .map((rule) =>
          finding(
            r,
            `${rule.where} is open to ${rule.cidrs.filter((c) => !inside(c)).join(', ')}, outside the VPC and the allowed lists`,
            OPEN.some((o) => rule.cidrs.includes(o))
              ? 'reference a security group or a prefix list (the S3 gateway endpoint) instead of the whole internet'
              : 'reference a security group or a prefix list, or add the network to secure-ml-network:egressAllowedCidrs (egress: nat) or notebookClientCidrs',
          ),
        );
    },
  }),
  resourceControl({
    id: 'NET-5',
    standards: ['CKV_AWS_23'],
    check: 'every security group and every rule has a description',
    examines: [T.sg, T.sgRule, T.ingressRule, T.egressRule],
    inspect(r) {
      const found: Finding[] = [];
      const own = str(r.inputs['description']);
      if (r.type === T.sg && (!own || own === DEFAULT_DESCRIPTION))
        found.push(finding(r, 'has no description of its own', 'describe what the group admits and why'));
      for (const rule of r.type === T.sg
        ? rulesOf(r)
        : rulesOf(r).map((x) => ({ ...x, where: 'the rule' }))) {
        if (!rule.description)
          found.push(
            finding(
              r,
              `${rule.where} has no description`,
              'set description on the rule: what it lets through and why',
            ),
          );
      }
      return found;
    },
  }),
  stackControl({
    id: 'NET-6',
    standards: ['EC2.55', 'EC2.56', 'EC2.57'],
    check:
      'an interface endpoint with private DNS exists for every service the notebook needs (at least sagemaker.api, sagemaker.runtime, sts, logs, monitoring, kms), and an S3 gateway endpoint',
    examines: [T.endpoint],
    evaluate(env) {
      if (!owns(env, 'network')) return [];
      const endpoints = ofType(env, T.endpoint);
      const found: Finding[] = [];
      for (const service of env.settings.endpointServices) {
        const match = endpoints.filter(
          (e) =>
            serviceOfEndpoint(str(e.inputs['serviceName']) ?? '') === service &&
            (e.inputs['vpcEndpointType'] ?? 'Gateway') === 'Interface',
        );
        if (match.length === 0)
          found.push(
            missing(
              'network layer',
              `no interface endpoint for ${service}`,
              `add an Interface VpcEndpoint for com.amazonaws.<region>.${service} with privateDnsEnabled: true`,
            ),
          );
        for (const e of match)
          if (e.inputs['privateDnsEnabled'] !== true)
            found.push(
              finding(
                e,
                'has private DNS off, so SDKs still resolve the public endpoint',
                'set privateDnsEnabled: true',
              ),
            );
      }
      const s3 = endpoints.some(
        (e) =>
          serviceOfEndpoint(str(e.inputs['serviceName']) ?? '') === 's3' &&
          (e.inputs['vpcEndpointType'] ?? 'Gateway') === 'Gateway',
      );
      if (!s3)
        found.push(
          missing(
            'network layer',
            'no S3 gateway endpoint',
            'add a Gateway VpcEndpoint for com.amazonaws.<region>.s3 on the private route tables',
          ),
        );
      return found;
    },
  }),
  resourceControl({
    id: 'NET-7',
    standards: ['data perimeter'],
    check:
      "every endpoint policy restricts principals to the environment's account (no default full-access policy, no bare */*/*); only s3:GetObject on the AWS-owned buckets of the catalogue (Amazon Linux repositories, ECR layers), which carry no principal of ours, may name Principal \"*\" alone; and the S3 gateway endpoint reaches no bucket beyond the environment's data buckets and those AWS-owned buckets: a bucket-name pattern (the data buckets' `<stem>-data-*`), which also matches buckets of other accounts, only with aws:ResourceAccount or s3:ResourceAccount pinning this account, and never the environment's trail or access-log buckets",
    examines: [T.endpoint],
    inspect(r, env) {
      if (r.inputs['policy'] === undefined)
        return finding(
          r,
          'has no policy, so AWS applies full access for any principal of any account',
          'set a policy that allows the needed actions with Condition aws:PrincipalAccount = the account ID',
        );
      const account = env.settings.accountId;
      const s3 = serviceOfEndpoint(str(r.inputs['serviceName']) ?? '') === 's3';
      return statementsOf(r.inputs['policy'])
        .filter(
          (s) =>
            s.effect === 'Allow' && !isAwsOwnedBucketRead(s, regionOfService(str(r.inputs['serviceName']))),
        )
        .flatMap((s) => {
          const beyond = s3 ? bucketsBeyondPerimeter(s, env) : [];
          if (beyond.length)
            return [
              finding(
                r,
                `statement ${s.sid ?? '(no Sid)'} lets the VPC reach buckets that are not this environment's: ${beyond.join(', ')}`,
                'name only the data buckets (arn:aws:s3:::<stem>-data-*) and add Condition StringEquals aws:ResourceAccount = the account ID (a name pattern matches buckets of any account)',
              ),
            ];
          const principals = s.principal === '*' ? ['*'] : (s.principal?.['AWS'] ?? []);
          if (isWildcardPrincipal(s) && admitsAnotherAccount(s, account))
            return [
              finding(
                r,
                `statement ${s.sid ?? '(no Sid)'} allows principals of any account: ${whyUnscoped(s, account)}`,
                'add Condition StringEquals aws:PrincipalAccount = the account ID',
              ),
            ];
          const foreign = account
            ? principals.filter((v) => v !== '*' && /\d{12}/.test(v) && !v.includes(account))
            : [];
          return foreign.length
            ? [
                finding(
                  r,
                  `statement ${s.sid ?? '(no Sid)'} admits another account (${foreign.join(', ')})`,
                  `restrict it to account ${account ?? ''}`,
                ),
              ]
            : [];
        });
    },
  }),
  networkAclControl,
];
