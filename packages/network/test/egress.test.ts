import * as pulumi from '@pulumi/pulumi';
import { ofType, resource, type LayerPlan } from '@secure-ml/shared/testing';
import { inputs, planNetwork, T } from './support/plan';

const publicSubnets = (plan: LayerPlan) =>
  ofType(plan, T.subnet).filter((s) => (s.inputs['tags'] as Record<string, string>)['Tier'] === 'public');
const privateCidrs = (plan: LayerPlan) =>
  ofType(plan, T.subnet)
    .filter((s) => !publicSubnets(plan).includes(s))
    .map((s) => s.inputs['cidrBlock']);

describe('egress: nat (the declared exception to NET-3)', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(() => Promise.resolve());
  });
  afterEach(() => warn.mockRestore());

  it('adds public subnets, an internet gateway and one NAT gateway with an Elastic IP per AZ, and routes each AZ to its own', async () => {
    const plan = await planNetwork({ egress: 'nat' }, 'prod');
    expect(publicSubnets(plan).map((s) => s.inputs['cidrBlock'])).toEqual([
      '10.30.192.0/20',
      '10.30.208.0/20',
    ]);
    for (const subnet of publicSubnets(plan)) expect(subnet.inputs['mapPublicIpOnLaunch']).toBe(false);
    expect(ofType(plan, T.igw)).toHaveLength(1);
    const nats = ofType(plan, T.nat);
    expect(nats).toHaveLength(2);
    expect(ofType(plan, T.eip)).toHaveLength(2);
    expect(nats.map((n) => n.inputs['subnetId'])).toEqual(publicSubnets(plan).map((s) => s.id));
    const routes = ofType(plan, T.route);
    expect(routes.find((r) => r.inputs['gatewayId'] === ofType(plan, T.igw)[0]?.id)).toMatchObject({
      inputs: { destinationCidrBlock: '0.0.0.0/0' },
    });
    const privateRoutes = routes.filter((r) => r.inputs['natGatewayId']);
    expect(privateRoutes.map((r) => [r.inputs['routeTableId'], r.inputs['natGatewayId']])).toEqual(
      (plan.outputs['privateRouteTableIds'] as string[]).map((table, i) => [table, nats[i]?.id]),
    );
    expect(resource(plan, T.acl, 'network-public-acl').inputs['subnetIds']).toEqual(
      publicSubnets(plan).map((s) => s.id),
    );
    expect(ofType(plan, T.egress).map((r) => r.inputs['cidrIpv4'])).not.toContain('0.0.0.0/0');
    expect(plan.outputs['egressMode']).toBe('nat');
  });

  it('uses a single NAT gateway for every AZ when natGateways is single, and reports the exception (log and egressMode)', async () => {
    const plan = await planNetwork({ egress: 'nat', natGateways: 'single' });
    const [nat, ...others] = ofType(plan, T.nat);
    expect(others).toHaveLength(0);
    expect(ofType(plan, T.eip)).toHaveLength(1);
    expect(
      ofType(plan, T.route)
        .filter((r) => r.inputs['natGatewayId'])
        .map((r) => r.inputs['natGatewayId']),
    ).toEqual([nat?.id, nat?.id]);
    expect(plan.outputs['egressMode']).toBe('nat');
    const messages = warn.mock.calls.map((call) => String(call[0]));
    expect(messages).toContainEqual(
      expect.stringContaining(
        'Exception to control NET-3: secure-ml-network:egress = nat adds an internet gateway and one NAT gateway;',
      ),
    );
    expect(messages).toContainEqual(
      expect.stringContaining('notebooks still reach no internet address (egressAllowedCidrs is empty)'),
    );
  });

  it('lets notebooks reach only the allowed CIDRs on 443, each rule described, never 0.0.0.0/0', async () => {
    const plan = await planNetwork({
      egress: 'nat',
      egressAllowedCidrs: '["151.101.0.0/16","140.82.112.0/20"]',
    });
    const toInternet = ofType(plan, T.egress).filter((r) => r.inputs['cidrIpv4']);
    expect(toInternet.map((r) => inputs(r))).toEqual([
      expect.objectContaining({
        cidrIpv4: '151.101.0.0/16',
        fromPort: 443,
        toPort: 443,
        securityGroupId: plan.outputs['notebookSecurityGroupId'],
        description: expect.stringContaining('exception to NET-3'),
      }),
      expect.objectContaining({ cidrIpv4: '140.82.112.0/20', fromPort: 443, toPort: 443 }),
    ]);
  });

  it('keeps every private subnet where it was, so turning NAT on replaces no notebook subnet', async () => {
    const [isolated, nat] = await Promise.all([planNetwork({}), planNetwork({ egress: 'nat' })]);
    expect(privateCidrs(nat)).toEqual(privateCidrs(isolated));
  });

  it('warns when a development environment runs in one AZ, and when endpoints sit in one AZ outside development', async () => {
    await planNetwork({ availabilityZones: '1' });
    await planNetwork({ endpointsSingleAz: 'true' }, 'prod');
    const messages = warn.mock.calls.map((call) => String(call[0]));
    expect(messages).toContainEqual(
      expect.stringContaining('availabilityZones = 1: notebooks cannot be started elsewhere'),
    );
    expect(messages).toContainEqual(
      expect.stringContaining('endpointsSingleAz = true outside a development environment'),
    );
  });

  it('warns about nothing with the checked-in examples', async () => {
    await planNetwork({}, 'dev');
    await planNetwork({}, 'prod');
    expect(warn).not.toHaveBeenCalled();
  });
});
