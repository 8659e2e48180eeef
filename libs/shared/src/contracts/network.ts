import { field } from '../schema';

/** What packages/network publishes. */
export const networkOutputs = {
  vpcId: field.matching('ID of the isolated VPC', /^vpc-[0-9a-f]+$/, 'a VPC ID (vpc-...)'),
  vpcCidr: field.matching('IPv4 CIDR of the VPC', /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'an IPv4 CIDR (10.20.0.0/16)'),
} as const;
