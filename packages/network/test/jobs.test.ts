import { environmentsIn, type LayerPlan, ofType, REPO_ROOT } from '@secure-ml/shared/testing';
import { failureOf, parsedPolicy, planNetwork, T } from './support/plan';

const SIX = ['sagemaker.api', 'sagemaker.runtime', 'sts', 'logs', 'monitoring', 'kms'];

describe.each(environmentsIn(REPO_ROOT))('the job security group (%s, jobs on in the example)', (stack) => {
  let plan: LayerPlan;
  let jobs: string;
  beforeAll(async () => {
    plan = await planNetwork({}, stack);
    const published = plan.outputs['jobSecurityGroupIds'] as string[];
    expect(published).toHaveLength(1);
    jobs = published[0] as string;
  });

  it('is a group of its own, neither the notebook nor the endpoint group', () => {
    expect(jobs).toMatch(/^sg-/);
    expect(jobs).not.toBe(plan.outputs['notebookSecurityGroupId']);
    expect(jobs).not.toBe(plan.outputs['endpointSecurityGroupId']);
    const group = ofType(plan, T.sg).find((g) => g.inputs['namePrefix'] === `sml-${stack}-jobs-`);
    expect(group?.inputs['description']).toMatch(/in from this group only/);
  });

  it('admits traffic only from itself (distributed training), from no CIDR and no other group', () => {
    const into = ofType(plan, T.ingress).filter((r) => r.inputs['securityGroupId'] === jobs);
    expect(into.map((r) => ({ ...r.inputs, description: undefined }))).toEqual([
      { securityGroupId: jobs, referencedSecurityGroupId: jobs, ipProtocol: '-1', description: undefined },
    ]);
  });

  it('lets out only itself, HTTPS to the endpoint group and HTTPS to the S3 prefix list', () => {
    const out = ofType(plan, T.egress).filter((r) => r.inputs['securityGroupId'] === jobs);
    expect(out.map((r) => ({ ...r.inputs, description: undefined }))).toEqual([
      { securityGroupId: jobs, referencedSecurityGroupId: jobs, ipProtocol: '-1', description: undefined },
      {
        securityGroupId: jobs,
        referencedSecurityGroupId: plan.outputs['endpointSecurityGroupId'],
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        description: undefined,
      },
      {
        securityGroupId: jobs,
        prefixListId: plan.outputs['s3PrefixListId'],
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        description: undefined,
      },
    ]);
  });

  it('is admitted by the endpoint group on 443, and the notebook group has no rule towards it', () => {
    const endpoints = plan.outputs['endpointSecurityGroupId'];
    const into = ofType(plan, T.ingress).filter((r) => r.inputs['securityGroupId'] === endpoints);
    expect(into.map((r) => r.inputs['referencedSecurityGroupId'])).toEqual([
      plan.outputs['notebookSecurityGroupId'],
      jobs,
    ]);
    for (const r of into) expect(r.inputs).toMatchObject({ ipProtocol: 'tcp', fromPort: 443, toPort: 443 });
    const notebook = plan.outputs['notebookSecurityGroupId'];
    const notebookRules = [...ofType(plan, T.ingress), ...ofType(plan, T.egress)].filter(
      (r) => r.inputs['securityGroupId'] === notebook,
    );
    expect(notebookRules.map((r) => r.inputs['referencedSecurityGroupId'])).not.toContain(jobs);
  });

  it('has the ECR endpoints, and the gateway policy admits the ECR layer bucket read-only', () => {
    const services = ofType(plan, T.endpoint).map((e) => String(e.inputs['serviceName']));
    expect(services).toEqual(
      expect.arrayContaining(['com.amazonaws.eu-west-1.ecr.api', 'com.amazonaws.eu-west-1.ecr.dkr']),
    );
    const gateway = ofType(plan, T.endpoint).find((e) => e.inputs['vpcEndpointType'] === 'Gateway');
    const layers = parsedPolicy(gateway!).Statement.find((s) => s['Sid'] === 'EcrImageLayers');
    expect(layers).toEqual({
      Sid: 'EcrImageLayers',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*'],
    });
  });
});

describe('jobs off', () => {
  it('creates no job group, publishes an empty list, and keeps the endpoint group for notebooks only', async () => {
    const plan = await planNetwork({ jobs: 'false' });
    expect(plan.outputs['jobSecurityGroupIds']).toEqual([]);
    expect(ofType(plan, T.sg).map((g) => g.inputs['namePrefix'])).not.toContain('sml-dev-jobs-');
    const endpoints = plan.outputs['endpointSecurityGroupId'];
    const into = ofType(plan, T.ingress).filter((r) => r.inputs['securityGroupId'] === endpoints);
    expect(into.map((r) => r.inputs['referencedSecurityGroupId'])).toEqual([
      plan.outputs['notebookSecurityGroupId'],
    ]);
  });

  it('refuses jobs without the ECR endpoints, naming the setting, the value and the fix', async () => {
    const message = await failureOf({ jobs: 'true', interfaceEndpoints: JSON.stringify(SIX) });
    expect(message).toContain(
      'secure-ml-network:jobs = true needs the interface endpoints ecr.api and ecr.dkr',
    );
    expect(message).toContain(`received ${JSON.stringify(SIX)}`);
    expect(message).toContain('Fix: add "ecr.api" and "ecr.dkr" to secure-ml-network:interfaceEndpoints');
  });

  it('refuses jobs with ecr.api alone (the layers come through ecr.dkr and its S3 bucket)', async () => {
    const message = await failureOf({
      jobs: 'true',
      interfaceEndpoints: JSON.stringify([...SIX, 'ecr.api']),
    });
    expect(message).toContain('needs the interface endpoints ecr.dkr in');
  });
});
