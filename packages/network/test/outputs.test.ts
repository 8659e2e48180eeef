import { findSchemaProblems, LAYERS } from '@secure-ml/shared';
import { environmentsIn, type LayerPlan, ofType, REPO_ROOT } from '@secure-ml/shared/testing';
import { pickZones } from '../src/network';
import { planNetwork, T } from './support/plan';

describe.each(environmentsIn(REPO_ROOT))('network outputs (%s)', (stack) => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planNetwork({}, stack);
  });

  it('publishes every key of the contract, each well-formed', () => {
    expect(Object.keys(plan.outputs).sort()).toEqual(Object.keys(LAYERS.network.outputs).sort());
    expect(findSchemaProblems(LAYERS.network.outputs, plan.outputs)).toBeUndefined();
  });

  it('lists subnets, route tables and AZs in the same order, one per AZ', () => {
    const subnets = ofType(plan, T.subnet);
    expect(plan.outputs['availabilityZones']).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(plan.outputs['privateSubnetIds']).toEqual(subnets.map((s) => s.id));
    expect(subnets.map((s) => s.inputs['availabilityZone'])).toEqual(plan.outputs['availabilityZones']);
    expect(plan.outputs['privateRouteTableIds']).toEqual(ofType(plan, T.routeTable).map((t) => t.id));
  });
});

it('spreads three AZs when asked', async () => {
  const plan = await planNetwork({ availabilityZones: '3' }, 'prod');
  expect(plan.outputs['availabilityZones']).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  expect(plan.outputs['privateSubnetIds']).toHaveLength(3);
});

describe('availability zones known at deploy time', () => {
  it('takes the first zones of the region', () => {
    expect(pickZones(['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], 2, 'eu-west-1')).toEqual([
      'eu-west-1a',
      'eu-west-1b',
    ]);
  });

  it('fails, naming the setting and the fix, when the region has fewer zones than configured', () => {
    expect(() => pickZones(['us-west-1a', 'us-west-1c'], 3, 'us-west-1')).toThrow(
      'secure-ml-network:availabilityZones = 3, but us-west-1 offers 2 availability zone(s) (us-west-1a, us-west-1c). Fix: pulumi config set secure-ml-network:availabilityZones 2 --stack <env> --cwd packages/network',
    );
  });
});
