import { ofType, planForTest } from '@secure-ml/shared/testing';
import program = require('../src/index');

describe('network vpc', () => {
  it('creates one VPC with DNS support from the configured CIDR', async () => {
    const plan = await planForTest('network', program, { config: { 'secure-ml-network:vpcCidr': '10.42.0.0/20' } });
    const [vpc, ...others] = ofType(plan, 'aws:ec2/vpc:Vpc');
    expect(others).toHaveLength(0);
    expect(vpc?.inputs).toMatchObject({ cidrBlock: '10.42.0.0/20', enableDnsSupport: true, enableDnsHostnames: true });
    expect(plan.outputs['vpcCidr']).toBe('10.42.0.0/20');
  });
});
