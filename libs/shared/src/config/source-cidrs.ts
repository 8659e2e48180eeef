import { setting } from './settings';

/**
 * The public networks owners open Jupyter from (`aws:SourceIp`), one rule for every layer that names them: the
 * notebook layer's owner access policy (secure-ml-notebook:ownerSourceCidrs) and the guardrail
 * (secure-ml-guardrail:ownerSourceCidrs), which IAM-7 holds equal.
 *
 * An IPv4 CIDR of /8 to /32: an office's or a VPN's egress range, never a slice of the internet. /0 is every
 * address, and two /1 networks (0.0.0.0/1, 128.0.0.0/1) are too; no provider's egress range is wider than a /8.
 */
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
export const SOURCE_CIDR = new RegExp(`^${OCTET}(\\.${OCTET}){3}/([89]|[12]\\d|3[0-2])$`);
export const SOURCE_CIDRS_ALLOWED =
  'IPv4 CIDRs of /8 to /32 (public egress addresses; never 0.0.0.0/0 nor a set that covers every address)';
/** At most this many: 50 CIDRs keep the owner access policy and the guardrail's SCP part within their limits. */
export const SOURCE_CIDRS_MAX = 50;

/** `a.b.c.d/n` -> the first and last address, as numbers. */
const rangeOf = (cidr: string): [number, number] => {
  const [address = '', bits = '32'] = cidr.split('/');
  const start = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  const first = start - (start % size);
  return [first, first + size - 1];
};

/** Whether the CIDRs together are every IPv4 address (0.0.0.0/1 and 128.0.0.0/1, or 256 /8 networks). */
export function coversEveryAddress(cidrs: readonly string[]): boolean {
  let next = 0;
  for (const [first, last] of cidrs.map(rangeOf).sort((a, b) => a[0] - b[0])) {
    if (first > next) return false;
    next = Math.max(next, last + 1);
  }
  return next > 0xffffffff;
}

/**
 * The problem of a list that passes each CIDR's pattern but together covers every address, or none: `name` is the
 * setting (`secure-ml-notebook:ownerSourceCidrs`), `file` the stack file to write the fix in.
 */
export function sourceCidrsProblem(
  name: string,
  cidrs: readonly string[] | undefined,
  file: string,
): string | undefined {
  if (!cidrs || !coversEveryAddress(cidrs)) return undefined;
  return `${name} = ${JSON.stringify(cidrs)} covers every IPv4 address together: owners could open Jupyter from anywhere. Allowed: ${SOURCE_CIDRS_ALLOWED}. Fix: write ${name}: ["203.0.113.0/24"] (your offices' and VPN's egress ranges) in ${file}`;
}

/**
 * The setting itself (secure-ml-notebook:ownerSourceCidrs, secure-ml-guardrail:ownerSourceCidrs): the same
 * pattern, limit and default in both layers; each says what the list does there and what changing it changes.
 */
export const sourceCidrsSetting = (description: string, onChange: string) =>
  setting.list(
    { pattern: SOURCE_CIDR, allowed: SOURCE_CIDRS_ALLOWED },
    { example: '["203.0.113.0/24"]', default: [], maxItems: SOURCE_CIDRS_MAX, description, onChange },
  );
