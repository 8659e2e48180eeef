/**
 * IPv4 addresses for the owner cases' `aws:SourceIp`, from the configured CIDRs (secure-ml-notebook:ownerSourceCidrs
 * takes IPv4 CIDRs only): one inside the first of them, and one inside none. The candidates outside are the
 * documentation ranges (RFC 5737) and the shared address space (RFC 6598), which no office egresses from.
 */
const OUTSIDE_CANDIDATES = ['198.51.100.7', '192.0.2.7', '203.0.113.7', '100.64.0.7'];

const toNumber = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
const toAddress = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

/** The first and last address of a CIDR, as numbers. */
function rangeOf(cidr: string): [number, number] {
  const [ip = '', bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const first = Math.floor(toNumber(ip) / size) * size;
  return [first, first + size - 1];
}

const within = (ip: string, cidr: string) => {
  const [first, last] = rangeOf(cidr);
  const n = toNumber(ip);
  return n >= first && n <= last;
};

/** An address of the first CIDR: its tenth host, or its last address in a smaller block. */
export function insideAddress(cidrs: readonly string[]): string {
  const [first, last] = rangeOf(cidrs[0] ?? '');
  return toAddress(Math.min(first + 10, last));
}

/** An address in none of the CIDRs. */
export function outsideAddress(cidrs: readonly string[]): string {
  const found = OUTSIDE_CANDIDATES.find((ip) => !cidrs.some((cidr) => within(ip, cidr)));
  if (!found)
    throw new Error(
      `secure-ml-notebook:ownerSourceCidrs (${cidrs.join(', ')}) covers every documentation range: no address outside it to try`,
    );
  return found;
}
