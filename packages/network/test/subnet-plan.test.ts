import fc from 'fast-check';
import { blockSize, contains, formatCidr, overlaps, parseCidr } from '../src/cidr';
import {
  MAX_AZ_COUNT,
  MIN_PRIVATE_USABLE,
  MIN_SUBNET_PREFIX,
  planSubnets,
  SubnetPlanError,
} from '../src/subnet-plan';

const all = (plan: ReturnType<typeof planSubnets>) => [...plan.private, ...plan.public];

describe('subnet plan: table', () => {
  it.each([
    ['10.20.0.0/16', 2, false, ['10.20.0.0/18', '10.20.64.0/18'], []],
    [
      '10.20.0.0/16',
      3,
      true,
      ['10.20.0.0/18', '10.20.64.0/18', '10.20.128.0/18'],
      ['10.20.192.0/20', '10.20.208.0/20', '10.20.224.0/20'],
    ],
    [
      '192.168.10.0/24',
      2,
      true,
      ['192.168.10.0/26', '192.168.10.64/26'],
      ['192.168.10.192/28', '192.168.10.208/28'],
    ],
    ['172.16.0.0/20', 1, false, ['172.16.0.0/22'], []],
  ])('%s, %i AZ, public %s', (vpc, azCount, publicSubnets, privateCidrs, publicCidrs) => {
    const plan = planSubnets(vpc, { azCount, publicSubnets });
    expect(plan.private.map((s) => s.cidr)).toEqual(privateCidrs);
    expect(plan.public.map((s) => s.cidr)).toEqual(publicCidrs);
    expect(all(plan).map((s) => s.azIndex)).toEqual([
      ...privateCidrs.map((_, i) => i),
      ...publicCidrs.map((_, i) => i),
    ]);
  });

  it('counts the addresses AWS leaves usable', () => {
    const plan = planSubnets('192.168.10.0/24', { azCount: 1, publicSubnets: true });
    expect(plan.private[0]?.usable).toBe(59);
    expect(plan.public[0]?.usable).toBe(11);
  });

  it.each([
    ['10.0.0.0/25', 'private subnets would be /27 with 27 usable addresses, fewer than the 59'],
    ['10.0.0.0/25', 'public subnets would be /29, smaller than the /28 AWS allows'],
    ['10.0.0.0/28', 'private subnets would be /30 with 0 usable addresses'],
    ['10.0.0.0/15', 'AWS allows VPCs of /16 at most'],
  ])('%s cannot hold the plan: %s', (vpc, message) => {
    expect(() => planSubnets(vpc, { azCount: 2, publicSubnets: false })).toThrow(SubnetPlanError);
    expect(() => planSubnets(vpc, { azCount: 2, publicSubnets: false })).toThrow(message);
    expect(() => planSubnets(vpc, { azCount: 2, publicSubnets: false })).toThrow(
      'Use a CIDR from /16 to /24 (for example 10.20.0.0/16)',
    );
  });

  it.each([0, 4, 1.5])('refuses %p availability zones', (azCount) => {
    expect(() => planSubnets('10.20.0.0/16', { azCount, publicSubnets: false })).toThrow(
      `places 1 to 3 availability zones, not ${azCount}`,
    );
  });
});

/** Any /16../24 network in 10.0.0.0/8, as text. */
const vpcCidr = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 24 - 1 }), fc.integer({ min: 16, max: 24 }))
  .map(([offset, prefix]) => {
    const address = 10 * 2 ** 24 + offset;
    return formatCidr({ base: address - (address % blockSize(prefix)), prefix });
  });
const options = fc.record({
  azCount: fc.integer({ min: 1, max: MAX_AZ_COUNT }),
  publicSubnets: fc.boolean(),
});

describe('subnet plan: properties', () => {
  it('never overlaps, always inside the VPC', () => {
    fc.assert(
      fc.property(vpcCidr, options, (vpc, opts) => {
        const subnets = all(planSubnets(vpc, opts)).map((s) => parseCidr(s.cidr));
        subnets.forEach((s, i) => {
          expect(contains(parseCidr(vpc), s)).toBe(true);
          subnets.slice(i + 1).forEach((other) => expect(overlaps(s, other)).toBe(false));
        });
      }),
    );
  });

  it('gives the promised sizes: one private and (with NAT) one public subnet per AZ, large enough', () => {
    fc.assert(
      fc.property(vpcCidr, options, (vpc, opts) => {
        const plan = planSubnets(vpc, opts);
        const prefix = parseCidr(vpc).prefix;
        expect(plan.private).toHaveLength(opts.azCount);
        expect(plan.public).toHaveLength(opts.publicSubnets ? opts.azCount : 0);
        plan.private.forEach((s) => {
          expect(parseCidr(s.cidr).prefix).toBe(prefix + 2);
          expect(s.usable).toBeGreaterThanOrEqual(MIN_PRIVATE_USABLE);
        });
        plan.public.forEach((s) => expect(parseCidr(s.cidr).prefix).toBeLessThanOrEqual(MIN_SUBNET_PREFIX));
      }),
    );
  });

  it('never renumbers a subnet when NAT is turned on or an AZ is added', () => {
    fc.assert(
      fc.property(vpcCidr, options, (vpc, opts) => {
        const small = planSubnets(vpc, opts);
        const large = planSubnets(vpc, { azCount: MAX_AZ_COUNT, publicSubnets: true });
        small.private.forEach((s, i) => expect(large.private[i]?.cidr).toBe(s.cidr));
        small.public.forEach((s, i) => expect(large.public[i]?.cidr).toBe(s.cidr));
      }),
    );
  });

  it('rejects every VPC smaller than a /24 with the same clear error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 25, max: 32 }), options, (prefix, opts) => {
        expect(() => planSubnets(`10.0.0.0/${prefix}`, opts)).toThrow(
          `The VPC CIDR 10.0.0.0/${prefix} cannot hold the subnet plan`,
        );
      }),
    );
  });
});
