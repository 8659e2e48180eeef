import { blockSize, type Cidr, formatCidr, parseCidr, subBlock } from './cidr';

/** The layout holds at most three availability zones (see planSubnets). */
export const MAX_AZ_COUNT = 3;
/** AWS keeps the first four addresses and the last one of every subnet. */
export const AWS_RESERVED_PER_SUBNET = 5;
/**
 * A private subnet must hold one ENI per interface endpoint of the full catalogue (12) when the endpoints sit in
 * its AZ, plus the notebooks: 59 usable addresses (a /26) leave room for more than 40 notebooks.
 */
export const MIN_PRIVATE_USABLE = 59;
/** AWS does not create subnets smaller than a /28. */
export const MIN_SUBNET_PREFIX = 28;
/** The largest VPC AWS allows, and the smallest our layout fits (/24 gives /26 private and /28 public). */
export const VPC_PREFIX_RANGE = { largest: 16, smallest: 24 } as const;

export interface SubnetSpec {
  readonly tier: 'private' | 'public';
  /** Index of the availability zone, in the order the region lists them. */
  readonly azIndex: number;
  readonly cidr: string;
  /** Addresses left for ENIs once AWS has taken its five. */
  readonly usable: number;
}

export interface SubnetPlan {
  readonly private: readonly SubnetSpec[];
  /** Empty unless public subnets were asked for (egress: nat). */
  readonly public: readonly SubnetSpec[];
}

/** The VPC CIDR (or AZ count) cannot hold the plan; the message says what would. */
export class SubnetPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubnetPlanError';
  }
}

/**
 * Cuts the VPC into a fixed layout:
 * - the VPC is split in quarters; private subnet `i` is quarter `i` (so at most three AZs);
 * - the fourth quarter is split in four; public subnet `i` (egress: nat only) is its part `i`, the last part
 *   stays free.
 * Every subnet has one fixed place whatever the AZ count or egress mode, so turning NAT on or adding an AZ
 * never renumbers an existing subnet (which would replace it, and every notebook in it).
 */
export function planSubnets(
  vpcCidr: string,
  options: { azCount: number; publicSubnets: boolean },
): SubnetPlan {
  const { azCount, publicSubnets } = options;
  if (!Number.isInteger(azCount) || azCount < 1 || azCount > MAX_AZ_COUNT) {
    throw new SubnetPlanError(
      `The subnet plan places 1 to ${MAX_AZ_COUNT} availability zones, not ${azCount}`,
    );
  }
  const vpc = parseCidr(vpcCidr);
  checkCapacity(vpc);
  const reserved = subBlock(vpc, vpc.prefix + 2, 3);
  const spec = (tier: SubnetSpec['tier'], azIndex: number, block: Cidr): SubnetSpec => ({
    tier,
    azIndex,
    cidr: formatCidr(block),
    usable: blockSize(block.prefix) - AWS_RESERVED_PER_SUBNET,
  });
  const azs = Array.from({ length: azCount }, (_, i) => i);
  return {
    private: azs.map((i) => spec('private', i, subBlock(vpc, vpc.prefix + 2, i))),
    public: publicSubnets
      ? azs.map((i) => spec('public', i, subBlock(reserved, reserved.prefix + 2, i)))
      : [],
  };
}

function checkCapacity(vpc: Cidr): void {
  const privatePrefix = vpc.prefix + 2;
  const publicPrefix = vpc.prefix + 4;
  const privateUsable = privatePrefix <= 32 ? blockSize(privatePrefix) - AWS_RESERVED_PER_SUBNET : 0;
  const problems: string[] = [];
  if (vpc.prefix < VPC_PREFIX_RANGE.largest)
    problems.push(`AWS allows VPCs of /${VPC_PREFIX_RANGE.largest} at most`);
  if (privateUsable < MIN_PRIVATE_USABLE) {
    problems.push(
      `private subnets would be /${privatePrefix} with ${Math.max(privateUsable, 0)} usable addresses, fewer than the ${MIN_PRIVATE_USABLE} the endpoints and notebooks need`,
    );
  }
  if (publicPrefix > MIN_SUBNET_PREFIX)
    problems.push(
      `public subnets would be /${publicPrefix}, smaller than the /${MIN_SUBNET_PREFIX} AWS allows`,
    );
  if (problems.length) {
    throw new SubnetPlanError(
      `The VPC CIDR ${formatCidr(vpc)} cannot hold the subnet plan: ${problems.join('; ')}. ` +
        `Use a CIDR from /${VPC_PREFIX_RANGE.largest} to /${VPC_PREFIX_RANGE.smallest} (for example 10.20.0.0/16)`,
    );
  }
}
