import type { MockCallArgs } from '@pulumi/pulumi/runtime';
import { MOCK_ACCOUNT, MOCK_AZ_SUFFIXES, MOCK_PARTITION } from './fixed';

/** Short zone IDs per region are account-specific in AWS; these are stable stand-ins for the plan. */
const zoneId = (region: string, i: number) => `${region.replace(/-/g, '').slice(0, 6)}-az${i + 1}`;

type Answer = (inputs: Record<string, unknown>, region: string) => Record<string, unknown>;

/**
 * The data sources our programs call, answered with the fixed mock world. An invoke that is not listed here
 * throws: a program that starts depending on a new data source must say what it should answer.
 */
export const MOCK_INVOKES: Readonly<Record<string, Answer>> = {
  'aws:index/getCallerIdentity:getCallerIdentity': () => ({
    accountId: MOCK_ACCOUNT,
    arn: `arn:${MOCK_PARTITION}:iam::${MOCK_ACCOUNT}:user/offline-plan`,
    userId: 'AIDAOFFLINEPLAN',
    id: MOCK_ACCOUNT,
  }),
  'aws:index/getPartition:getPartition': () => ({
    partition: MOCK_PARTITION,
    dnsSuffix: 'amazonaws.com',
    reverseDnsPrefix: 'com.amazonaws',
    id: MOCK_PARTITION,
  }),
  'aws:index/getRegion:getRegion': (_inputs, region) => ({
    name: region,
    region,
    endpoint: `ec2.${region}.amazonaws.com`,
    description: region,
    id: region,
  }),
  'aws:index/getAvailabilityZones:getAvailabilityZones': (_inputs, region) => ({
    names: MOCK_AZ_SUFFIXES.map((s) => `${region}${s}`),
    zoneIds: MOCK_AZ_SUFFIXES.map((_s, i) => zoneId(region, i)),
    groupNames: [region],
    id: region,
  }),
};

export function answerInvoke(args: MockCallArgs, region: string): Record<string, unknown> {
  const answer = MOCK_INVOKES[args.token];
  if (!answer) {
    const message = `The mock engine does not know the data source ${args.token}; add its fixed answer to libs/shared/src/mock/invokes.ts`;
    // The SDK reports a failed invoke by the error's gRPC `details`, so the message goes there too.
    throw Object.assign(new Error(message), { details: message });
  }
  return answer(args.inputs as Record<string, unknown>, region);
}
