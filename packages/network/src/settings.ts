import { setting, type Parsed, type Setting } from '@secure-ml/shared';
import { CidrError, isPrivate, parseCidr } from './cidr';
import {
  DEFAULT_ENDPOINTS,
  endpointListProblems,
  ENDPOINT_NAMES,
  isEndpointName,
  REQUIRED_ENDPOINTS,
  type EndpointName,
} from '@secure-ml/shared/catalogue';
import { MAX_AZ_COUNT, VPC_PREFIX_RANGE } from './subnet-plan';

const bad = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

function parseJsonList(raw: string): string[] | undefined {
  try {
    const value = JSON.parse(raw) as unknown;
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The VPC range: a private IPv4 network address of /16 to /24. */
const vpcCidr: Setting<string> = {
  allowed: `a private IPv4 network (10/8, 172.16/12, 192.168/16 or 100.64/10) from /${VPC_PREFIX_RANGE.largest} to /${VPC_PREFIX_RANGE.smallest}`,
  example: '10.20.0.0/16',
  default: '10.20.0.0/16',
  type: 'string',
  description: 'IPv4 range of the VPC; the subnets are cut from it in fixed places.',
  onChange: 'replaces the VPC and everything in it (subnets, endpoints, security groups, notebooks)',
  parse: (raw) => {
    try {
      const cidr = parseCidr(raw);
      if (cidr.prefix < VPC_PREFIX_RANGE.largest || cidr.prefix > VPC_PREFIX_RANGE.smallest)
        return bad(`/${cidr.prefix} is outside /${VPC_PREFIX_RANGE.largest}../${VPC_PREFIX_RANGE.smallest}`);
      if (!isPrivate(cidr)) return bad('publicly routable range');
      return { ok: true, value: raw.trim() };
    } catch (error) {
      return bad(error instanceof CidrError ? error.message : String(error));
    }
  },
};

const interfaceEndpoints: Setting<EndpointName[]> = {
  allowed: `a list of interface endpoint services from ${ENDPOINT_NAMES.join(', ')}, including ${DEFAULT_ENDPOINTS.join(', ')}`,
  example: JSON.stringify(DEFAULT_ENDPOINTS),
  default: [...DEFAULT_ENDPOINTS],
  type: 'list',
  description: 'Interface VPC endpoints (private DNS on) through which notebooks reach AWS APIs.',
  onChange: 'adds or removes endpoints; the others are untouched',
  parse: (raw) => {
    const names = parseJsonList(raw);
    if (!names) return bad('not a list of names');
    const problems = endpointListProblems(names);
    return problems.length ? bad(problems.join('; ')) : { ok: true, value: names as EndpointName[] };
  },
  // The user's list kept: its known services once each, in their order, then the required ones it lacked.
  repair: (raw) => {
    const names = parseJsonList(raw);
    if (!names) return undefined;
    const kept = [...new Set(names.filter(isEndpointName))];
    return JSON.stringify([...kept, ...REQUIRED_ENDPOINTS.filter((n) => !kept.includes(n))]);
  },
};

/** Internet destinations notebooks may reach on 443 through NAT. Anything broader than a /8 defeats NET-4. */
const egressAllowedCidrs: Setting<string[]> = {
  allowed: 'a list of IPv4 networks of /8 or narrower (never 0.0.0.0/0), used only with egress: nat',
  example: '["151.101.0.0/16"]',
  default: [],
  type: 'list',
  description: 'With egress: nat, the internet networks notebooks may reach on 443 through NAT.',
  onChange: 'updates the notebook security group rules in place',
  parse: (raw) => {
    const cidrs = parseJsonList(raw);
    if (!cidrs) return bad('not a list of CIDRs');
    const problems = cidrs.flatMap((text) => {
      try {
        return parseCidr(text).prefix < 8 ? [`${text} is broader than a /8`] : [];
      } catch (error) {
        return [error instanceof CidrError ? error.message : String(error)];
      }
    });
    return problems.length ? bad(problems.join('; ')) : { ok: true, value: cidrs.map((c) => c.trim()) };
  },
};

/**
 * Networks whose browsers open Jupyter through the `notebook` endpoint (a VPN, Direct Connect or a peered VPC):
 * private IPv4 ranges only, /8 or narrower.
 */
const notebookClientCidrs: Setting<string[]> = {
  allowed: 'a list of private IPv4 networks (10/8, 172.16/12, 192.168/16 or 100.64/10) of /8 or narrower',
  example: '["10.0.0.0/16"]',
  default: [],
  type: 'list',
  description:
    'Private client networks (a VPN, Direct Connect, a peered VPC) admitted on 443 to the opt-in notebook endpoint, through a security group of its own; required with that endpoint, refused without it.',
  onChange: "adds or removes ingress rules of the notebook endpoint's security group in place",
  parse: (raw) => {
    const cidrs = parseJsonList(raw);
    if (!cidrs) return bad('not a list of CIDRs');
    const problems = cidrs.flatMap((text) => {
      try {
        const cidr = parseCidr(text);
        if (cidr.prefix < 8) return [`${text} is broader than a /8`];
        return isPrivate(cidr) ? [] : [`${text} is publicly routable`];
      } catch (error) {
        return [error instanceof CidrError ? error.message : String(error)];
      }
    });
    return problems.length ? bad(problems.join('; ')) : { ok: true, value: cidrs.map((c) => c.trim()) };
  },
};

/** Settings of the `secure-ml-network:` namespace. */
export const networkSettings = {
  /** IPv4 range of the VPC, /16 to /24. IMPORTANT: changing it replaces the VPC and everything in it. */
  vpcCidr,
  /**
   * Availability zones of the private subnets. @default 2. 1 is accepted only in the dev stack (with a
   * warning): a notebook survives an AZ outage only when another AZ has a subnet to start it in.
   */
  availabilityZones: setting.integer({
    min: 1,
    max: MAX_AZ_COUNT,
    default: 2,
    description: 'Availability zones with a private subnet (1 only in dev, with a warning).',
    onChange: 'adds or removes the subnets of the added or removed AZs; existing subnets keep their place',
  }),
  /**
   * How the VPC reaches the internet. @default none: no internet gateway, no NAT (control NET-3). `nat` adds
   * public subnets, an internet gateway and NAT gateways, and is reported as an exception to NET-3.
   */
  egress: setting.oneOf(['none', 'nat'] as const, {
    default: 'none',
    description:
      'How the VPC reaches the internet: none (no gateway, NET-3), or nat (public subnets, internet and NAT gateways, a reported exception).',
    onChange: 'adds or removes the public subnets, internet gateway, NAT gateways and their routes',
  }),
  /** With egress: nat, one NAT gateway per AZ (`perAz`, the default) or one for all (`single`, cheaper, one AZ). */
  natGateways: setting.optional(
    setting.oneOf(['perAz', 'single'] as const, {
      description: 'With egress: nat, one NAT gateway per AZ (perAz, when unset) or one for all (single).',
      onChange: 'adds or removes NAT gateways and replaces the default routes of the private subnets',
    }),
  ),
  /** With egress: nat, where notebooks may go on 443 through NAT. @default none: NAT serves other workloads only. */
  egressAllowedCidrs,
  /**
   * Interface endpoints, with private DNS. @default sagemaker.api, sagemaker.runtime, sts, logs, monitoring,
   * kms. Opt-in: notebook (Jupyter from inside the network; needs notebookClientCidrs), ecr.api, ecr.dkr, ssm,
   * codeartifact.api, codeartifact.repositories. Adding or removing one creates or deletes that endpoint only.
   */
  interfaceEndpoints,
  /**
   * Client networks admitted on 443 to the `notebook` endpoint, which must be in interfaceEndpoints. @default
   * none. Changing it adds or removes ingress rules of the notebook endpoint's own security group.
   */
  notebookClientCidrs,
  /**
   * Puts every interface endpoint in the first AZ only, which divides their hourly cost by the AZ count; other
   * AZs reach them across zones. @default false. Meant for dev: an outage of that AZ cuts every notebook off AWS.
   */
  endpointsSingleAz: setting.boolean({
    default: false,
    description:
      'Puts every interface endpoint in the first AZ only (cheaper; an outage of that AZ cuts notebooks off AWS).',
    onChange:
      'updates the subnets of every interface endpoint in place (their other-AZ network interfaces go)',
  }),
  /**
   * The network ground of SageMaker training and processing jobs (issue 15): the job security group (ingress only
   * from itself, egress 443 to the endpoints and S3), which the notebook layer's `jobs` pins every job to. Needs
   * the ecr.api and ecr.dkr endpoints (jobs pull their images from ECR). @default false: no job group.
   */
  jobs: setting.boolean({
    default: false,
    description:
      'Creates the job security group (ingress from itself only, egress 443 to the endpoints and S3) for SageMaker training and processing jobs; needs the ecr.api and ecr.dkr endpoints. Turn on with secure-ml-logging:jobs and secure-ml-notebook:jobs.',
    onChange: 'adds or removes the job security group and its rules; nothing else changes',
  }),
} as const;
