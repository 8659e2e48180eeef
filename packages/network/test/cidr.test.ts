import fc from 'fast-check';
import { CidrError, contains, formatCidr, isPrivate, overlaps, parseCidr, subBlock } from '../src/cidr';

describe('parseCidr', () => {
  it.each([
    ['10.20.0.0/16', 10 * 2 ** 24 + 20 * 2 ** 16, 16],
    ['192.168.7.0/24', 192 * 2 ** 24 + 168 * 2 ** 16 + 7 * 256, 24],
    ['0.0.0.0/0', 0, 0],
    ['255.255.255.255/32', 2 ** 32 - 1, 32],
  ])('reads %s', (text, base, prefix) => {
    expect(parseCidr(text)).toEqual({ base, prefix });
  });

  it.each([
    ['10.20.0.0', 'is not an IPv4 CIDR such as 10.20.0.0/16'],
    ['10.20.0/16', 'is not an IPv4 CIDR'],
    ['10.300.0.0/16', 'has an octet above 255'],
    ['10.0.0.0/33', 'has a prefix length above 32'],
    ['10.20.1.0/16', 'has host bits set: its network address is 10.20.0.0/16'],
  ])('rejects %s, saying why', (text, message) => {
    expect(() => parseCidr(text)).toThrow(CidrError);
    expect(() => parseCidr(text)).toThrow(message);
  });

  it('formats what it parses (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 32 }),
        (address, prefix) => {
          const size = 2 ** (32 - prefix);
          const cidr = { base: address - (address % size), prefix };
          expect(parseCidr(formatCidr(cidr))).toEqual(cidr);
        },
      ),
    );
  });
});

describe('block arithmetic', () => {
  const vpc = parseCidr('10.20.0.0/16');

  it.each([
    [18, 0, '10.20.0.0/18'],
    [18, 3, '10.20.192.0/18'],
    [20, 13, '10.20.208.0/20'],
  ])('block /%i number %i of 10.20.0.0/16 is %s', (prefix, index, expected) => {
    expect(formatCidr(subBlock(vpc, prefix, index))).toBe(expected);
  });

  it('refuses blocks that do not exist', () => {
    expect(() => subBlock(vpc, 18, 4)).toThrow('holds 4 blocks of /18; block 4 does not exist');
    expect(() => subBlock(vpc, 15, 0)).toThrow('/15 does not fit inside 10.20.0.0/16');
  });

  it('knows containment and overlap', () => {
    expect(contains(vpc, parseCidr('10.20.255.0/24'))).toBe(true);
    expect(contains(vpc, parseCidr('10.21.0.0/24'))).toBe(false);
    expect(overlaps(parseCidr('10.20.0.0/17'), parseCidr('10.20.127.0/24'))).toBe(true);
    expect(overlaps(parseCidr('10.20.0.0/17'), parseCidr('10.20.128.0/24'))).toBe(false);
  });

  it.each([
    ['10.0.0.0/16', true],
    ['172.31.0.0/16', true],
    ['192.168.0.0/24', true],
    ['100.64.0.0/16', true],
    ['172.32.0.0/16', false],
    ['8.8.0.0/16', false],
  ])('%s is private: %s', (text, expected) => {
    expect(isPrivate(parseCidr(text))).toBe(expected);
  });
});
