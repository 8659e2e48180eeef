import { setting } from '@secure-ml/shared';

/** Settings of the `secure-ml-network:` namespace. */
export const networkSettings = {
  /** IPv4 range of the VPC, /16 to /24. IMPORTANT: changing it replaces the VPC and everything in it. */
  vpcCidr: setting.text({
    pattern: /^(10|172|192)\.\d{1,3}\.\d{1,3}\.\d{1,3}\/(1[6-9]|2[0-4])$/,
    allowed: 'a private IPv4 CIDR from /16 to /24 (for example 10.20.0.0/16)',
    example: '10.20.0.0/16',
    default: '10.20.0.0/16',
  }),
} as const;
