import { AWS_OWNED_BUCKETS } from '@secure-ml/shared/catalogue';
import { resourceControl, stackControl } from '../define';
import type { Control, Finding, Res } from '../model';
import { isWildcardPrincipal, statementsOf, type Statement } from '../policy-document';
import { finding, list, missing, ofType, owns, rec, str, strings, T } from '../resources';
import { admitsAnotherAccount, whyUnscoped } from '../scoping';
import { networkAclControl } from './network-acls';

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

/** `com.amazonaws.eu-west-1.s3` -> `eu-west-1`. */
const regionOfService = (serviceName: string | undefined) =>
  /^(?:com\.amazonaws|aws\.sagemaker)\.([a-z0-9-]+)\./.exec(serviceName ?? '')?.[1];

export const networkControls: Control[] = [
  stackControl({
    id: 'NET-1',
    standards: ['EC2.2', 'CKV2_AWS_12'],
    check:
      "every VPC's default security group is adopted (DefaultSecurityGroup) with no ingress and no egress rules",
    examines: [T.vpc, T.defaultSg],
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
      "no internet gateway, egress-only gateway or NAT gateway unless the environment's config explicitly enables egress",
    examines: [T.vpc, T.igw, T.eigw, T.nat],
    evaluate: (env) =>
      env.settings.egressEnabled
        ? []
        : ofType(env, T.igw, T.eigw, T.nat).map((r) =>
            finding(
              r,
              'gives the VPC a way to the internet while egress is not enabled',
              'remove it, or enable egress explicitly in the network config (secure-ml-network:egress: nat)',
            ),
          ),
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
    check: 'no security group rule admits 0.0.0.0/0 or ::/0, in or out',
    examines: SG_TYPES,
    inspect: (r) =>
      rulesOf(r)
        .filter((rule) => rule.cidrs.some((c) => OPEN.includes(c)))
        .map((rule) =>
          finding(
            r,
            `${rule.where} is open to ${rule.cidrs.filter((c) => OPEN.includes(c)).join(', ')}`,
            'reference a security group or a prefix list (the S3 gateway endpoint) instead of the whole internet',
          ),
        ),
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
      'every endpoint policy restricts principals to the environment\'s account (no default full-access policy, no bare */*/*); only s3:GetObject on the AWS-owned buckets of the catalogue (Amazon Linux repositories, ECR layers), which carry no principal of ours, may name Principal "*" alone',
    examines: [T.endpoint],
    inspect(r, env) {
      if (r.inputs['policy'] === undefined)
        return finding(
          r,
          'has no policy, so AWS applies full access for any principal of any account',
          'set a policy that allows the needed actions with Condition aws:PrincipalAccount = the account ID',
        );
      const account = env.settings.accountId;
      return statementsOf(r.inputs['policy'])
        .filter(
          (s) =>
            s.effect === 'Allow' && !isAwsOwnedBucketRead(s, regionOfService(str(r.inputs['serviceName']))),
        )
        .flatMap((s) => {
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
