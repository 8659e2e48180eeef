import { estimateCost, PRICES } from '../src/cost';
import { T } from '../src/resources';
import { compliantEnv, res } from './fixtures';

/** A plan with a known bill: 3 interface endpoints in 2 AZs, 1 NAT gateway, 2 keys, 4 alarms, 1 ml.t3.medium. */
function handBuilt(region = 'eu-west-1') {
  const endpoint = (s: string) =>
    res('network', T.endpoint, s, {
      vpcEndpointType: 'Interface',
      serviceName: `com.amazonaws.${region}.${s}`,
      subnetIds: ['subnet-a', 'subnet-b'],
    });
  return {
    ...compliantEnv(),
    resources: [
      res('network', 'pulumi:providers:aws', 'default', { region }),
      endpoint('sts'),
      endpoint('logs'),
      endpoint('kms'),
      res('network', T.endpoint, 's3', {
        vpcEndpointType: 'Gateway',
        serviceName: `com.amazonaws.${region}.s3`,
      }),
      res('network', T.nat, 'nat', {}),
      res('security', T.key, 'a', {}),
      res('security', T.key, 'b', {}),
      ...[1, 2, 3, 4].map((i) => res('logging', T.alarm, `alarm-${i}`, {})),
      res('notebook', T.notebook, 'nb', { instanceType: 'ml.t3.medium' }),
    ],
  };
}

describe('fixed monthly cost estimate', () => {
  it('prices a hand-built eu-west-1 plan as the arithmetic says', () => {
    const estimate = estimateCost(handBuilt());
    // 3 endpoints x 2 AZs x 730 h x $0.011 = $48.18; NAT 730 h x $0.048 = $35.04; keys 2 x $1; alarms 4 x $0.10;
    // ml.t3.medium 730 h x $0.055 = $40.15. The S3 gateway endpoint is free.
    const expected = 3 * 2 * 730 * 0.011 + 730 * 0.048 + 2 * 1 + 4 * 0.1 + 730 * 0.055;
    expect(estimate.total).toBeCloseTo(expected, 2);
    expect(estimate.total).toBe(125.77);
    expect(estimate.lines.find((l) => l.item === 'Interface endpoints')).toMatchObject({
      quantity: 4380,
      monthly: 48.18,
    });
    expect(estimate.lines.find((l) => l.item === 'NAT gateways')).toMatchObject({
      quantity: 730,
      monthly: 35.04,
    });
    expect(estimate.unpriced).toEqual([]);
  });

  it('prints its assumptions and the date of its prices', () => {
    const { assumptions } = estimateCost(handBuilt());
    expect(assumptions.join('\n')).toContain(PRICES.date);
    expect(assumptions.join('\n')).toMatch(/730 hours/);
  });

  it('shows what keeping the endpoints in one of two zones saves, and only then', () => {
    const env = handBuilt();
    const twoZones = {
      ...env,
      outputs: {
        ...env.outputs,
        network: { ...env.outputs.network, availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
      },
    };
    expect(estimateCost(twoZones).assumptions.join('\n')).not.toMatch(/saves/);
    const oneZone = {
      ...twoZones,
      resources: twoZones.resources.map((r) =>
        r.type === T.endpoint && r.inputs['vpcEndpointType'] === 'Interface'
          ? { ...r, inputs: { ...r.inputs, subnetIds: ['subnet-a'] } }
          : r,
      ),
    };
    // 3 endpoints x 1 skipped zone x 730 h x $0.011 = $24.09.
    expect(estimateCost(oneZone).assumptions.join('\n')).toContain(
      'this saves $24.09 a month against one endpoint per zone',
    );
  });

  it('says what it cannot price instead of guessing', () => {
    const env = handBuilt();
    const gpu = {
      ...env,
      resources: env.resources.map((r) =>
        r.type === T.notebook ? { ...r, inputs: { instanceType: 'ml.p5.48xlarge' } } : r,
      ),
    };
    expect(estimateCost(gpu).unpriced.join()).toContain('ml.p5.48xlarge');
    expect(estimateCost(handBuilt('ap-south-2')).unpriced.join()).toContain('ap-south-2');
    expect(estimateCost(handBuilt('ap-south-2')).total).toBe(0);
  });
});
