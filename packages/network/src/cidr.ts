/**
 * IPv4 CIDR arithmetic for the subnet plan. Addresses are plain numbers from 0 to 2^32 - 1 (not 32-bit ints:
 * JavaScript's bitwise operators are signed, so we multiply and divide instead of shifting).
 */
export interface Cidr {
  /** The network address as a number. */
  readonly base: number;
  readonly prefix: number;
}

/** A CIDR that cannot be used, with a message that says why and what would be valid. */
export class CidrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CidrError';
  }
}

const CIDR_SYNTAX = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Number of addresses in a block of this prefix length. */
export const blockSize = (prefix: number): number => 2 ** (32 - prefix);

/** Parses `10.20.0.0/16`; rejects bad syntax, octets above 255, prefixes above 32 and host bits set. */
export function parseCidr(text: string): Cidr {
  const match = CIDR_SYNTAX.exec(text.trim());
  if (!match) throw new CidrError(`${JSON.stringify(text)} is not an IPv4 CIDR such as 10.20.0.0/16`);
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255)) throw new CidrError(`${text} has an octet above 255`);
  if (prefix > 32) throw new CidrError(`${text} has a prefix length above 32`);
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const base = address - (address % blockSize(prefix));
  if (base !== address) {
    // AWS would silently accept a different network than the one written; say which one was meant.
    throw new CidrError(`${text} has host bits set: its network address is ${formatCidr({ base, prefix })}`);
  }
  return { base, prefix };
}

export function formatCidr(cidr: Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(cidr.base / 2 ** shift) % 256);
  return `${octets.join('.')}/${cidr.prefix}`;
}

/** The `index`-th block of length `prefix` inside `parent` (index 0 starts at the parent's base). */
export function subBlock(parent: Cidr, prefix: number, index: number): Cidr {
  if (prefix < parent.prefix || prefix > 32)
    throw new CidrError(`/${prefix} does not fit inside ${formatCidr(parent)}`);
  const count = blockSize(parent.prefix) / blockSize(prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new CidrError(
      `${formatCidr(parent)} holds ${count} blocks of /${prefix}; block ${index} does not exist`,
    );
  }
  return { base: parent.base + index * blockSize(prefix), prefix };
}

/** Whether `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.base >= outer.base && inner.base + blockSize(inner.prefix) <= outer.base + blockSize(outer.prefix)
  );
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + blockSize(b.prefix) && b.base < a.base + blockSize(a.prefix);
}

/**
 * Ranges AWS recommends for VPCs: RFC 1918 private space and RFC 6598 shared space (100.64.0.0/10). A VPC in
 * public space would shadow real internet addresses for everything inside it.
 */
export const PRIVATE_RANGES: readonly Cidr[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
].map(parseCidr);

export const isPrivate = (cidr: Cidr): boolean => PRIVATE_RANGES.some((range) => contains(range, cidr));
