import { environmentsIn, type LayerPlan, ofType, REPO_ROOT, resource } from '@secure-ml/shared/testing';
import { planNetwork, T } from './support/plan';

/** Every CIDR a security group rule names, whichever resource style carries it. */
function ruleCidrs(plan: LayerPlan): string[] {
  const inline = [...ofType(plan, T.sg), ...ofType(plan, T.defaultSg)].flatMap((g) =>
    ['ingress', 'egress'].flatMap((side) => (g.inputs[side] as Record<string, unknown>[] | undefined) ?? []),
  );
  const separate = [...ofType(plan, T.ingress), ...ofType(plan, T.egress), ...ofType(plan, T.sgRule)].map(
    (r) => r.inputs,
  );
  return [...inline, ...separate].flatMap((rule) =>
    ['cidrIpv4', 'cidrIpv6', 'cidrBlocks', 'ipv6CidrBlocks'].flatMap(
      (key) => [rule[key] ?? []].flat() as string[],
    ),
  );
}

describe.each(environmentsIn(REPO_ROOT))('isolation by default (%s)', (stack) => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planNetwork({}, stack);
  });

  it('has no internet gateway, NAT gateway, Elastic IP or route to the internet (NET-3)', () => {
    for (const type of [T.igw, T.nat, T.eip, T.egressOnlyIgw, T.route])
      expect(ofType(plan, type)).toHaveLength(0);
    expect(ofType(plan, T.subnet).map((s) => s.inputs['tags'])).not.toContainEqual(
      expect.objectContaining({ Tier: 'public' }),
    );
    expect(plan.outputs['egressMode']).toBe('none');
  });

  it('lets no security group rule admit 0.0.0.0/0 or ::/0, in or out (NET-4)', () => {
    expect(ofType(plan, T.egress).length + ofType(plan, T.ingress).length).toBeGreaterThan(0);
    expect(ruleCidrs(plan)).not.toContain('0.0.0.0/0');
    expect(ruleCidrs(plan)).not.toContain('::/0');
    expect(ofType(plan, T.sgRule)).toHaveLength(0);
  });

  it('maps no public IP on any subnet (NET-2), and says so explicitly', () => {
    const subnets = ofType(plan, T.subnet);
    expect(subnets).toHaveLength(2);
    for (const subnet of subnets) expect(subnet.inputs['mapPublicIpOnLaunch']).toBe(false);
  });

  it('takes over the default security group with no rule at all (NET-1)', () => {
    const [group, ...others] = ofType(plan, T.defaultSg);
    expect(others).toHaveLength(0);
    expect(group?.inputs).toMatchObject({ ingress: [], egress: [], vpcId: plan.outputs['vpcId'] });
  });

  it('takes over the default network ACL with no entry, and moves every subnet to its own ACL', () => {
    expect(resource(plan, T.defaultAcl, 'network-default-acl').inputs).toMatchObject({
      ingress: [],
      egress: [],
    });
    const acls = ofType(plan, T.acl);
    expect(acls.flatMap((a) => a.inputs['subnetIds'] as string[]).sort()).toEqual(
      [...(plan.outputs['privateSubnetIds'] as string[])].sort(),
    );
  });

  it('opens no ACL port 22 or 3389 to the internet (EC2.21) and lets in only replies from outside the VPC', () => {
    for (const acl of ofType(plan, T.acl)) {
      const fromOutside = (acl.inputs['ingress'] as Record<string, unknown>[]).filter(
        (e) => e['cidrBlock'] !== plan.outputs['vpcCidr'],
      );
      expect(fromOutside.length).toBeGreaterThan(0);
      for (const entry of fromOutside) {
        expect(entry['protocol']).toBe('tcp');
        for (const port of [22, 3389])
          expect(port >= Number(entry['fromPort']) && port <= Number(entry['toPort'])).toBe(false);
        expect(Number(entry['fromPort'])).toBeGreaterThanOrEqual(1024);
      }
    }
  });

  it('describes every security group and rule (NET-5)', () => {
    const described = [...ofType(plan, T.sg), ...ofType(plan, T.ingress), ...ofType(plan, T.egress)];
    // notebook and endpoint groups with 3 rules; the job group (jobs on in both examples) with 5.
    expect(described).toHaveLength(11);
    for (const r of described) expect(r.inputs['description']).toEqual(expect.stringMatching(/\w+ \w+/));
  });

  it('gives notebooks no inbound rule, and HTTPS out only to the endpoint group and the S3 prefix list', () => {
    const notebook = plan.outputs['notebookSecurityGroupId'];
    const endpoints = plan.outputs['endpointSecurityGroupId'];
    expect(ofType(plan, T.ingress).filter((r) => r.inputs['securityGroupId'] === notebook)).toHaveLength(0);
    const out = ofType(plan, T.egress).filter((r) => r.inputs['securityGroupId'] === notebook);
    expect(out.map((r) => ({ ...r.inputs, description: undefined, tags: undefined }))).toEqual([
      expect.objectContaining({
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: endpoints,
      }),
      expect.objectContaining({
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        prefixListId: plan.outputs['s3PrefixListId'],
      }),
    ]);
  });

  it('admits HTTPS into the endpoint group from the notebook and job groups only, and lets nothing out of it', () => {
    const endpoints = plan.outputs['endpointSecurityGroupId'];
    const into = ofType(plan, T.ingress).filter((r) => r.inputs['securityGroupId'] === endpoints);
    expect(into.map((r) => r.inputs)).toEqual([
      expect.objectContaining({
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: plan.outputs['notebookSecurityGroupId'],
      }),
      expect.objectContaining({
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: (plan.outputs['jobSecurityGroupIds'] as string[])[0],
      }),
    ]);
    expect(ofType(plan, T.egress).filter((r) => r.inputs['securityGroupId'] === endpoints)).toHaveLength(0);
    for (const group of ofType(plan, T.sg)) {
      expect(group.inputs['ingress'] ?? []).toEqual([]);
      expect(group.inputs['egress'] ?? []).toEqual([]);
    }
  });

  it('creates every AWS resource through the layer provider, under the NotebookNetwork component', () => {
    const component = resource(plan, 'secure-ml:network:NotebookNetwork', 'network');
    const aws = plan.resources.filter((r) => r.type.startsWith('aws:'));
    for (const r of aws) {
      expect(r.provider).toMatch(/::network-aws::/);
      expect(r.parent).toBe(component.urn);
    }
  });

  it('builds a VPC with DNS support and hostnames, which private DNS of the endpoints needs', () => {
    expect(ofType(plan, T.vpc).map((v) => v.inputs)).toEqual([
      expect.objectContaining({
        cidrBlock: stack === 'dev' ? '10.20.0.0/16' : '10.30.0.0/16',
        enableDnsSupport: true,
        enableDnsHostnames: true,
      }),
    ]);
  });
});
