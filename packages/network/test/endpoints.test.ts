import { MOCK_ACCOUNT, ofType, resource, type LayerPlan } from '@secure-ml/shared/testing';
import {
  DEFAULT_ENDPOINTS,
  endpointListProblems,
  endpointServiceName,
  ENDPOINT_NAMES,
  REQUIRED_ENDPOINTS,
} from '@secure-ml/shared/catalogue';
import { inputs, parsedPolicy, planNetwork, T } from './support/plan';

const interfaceEndpoints = (plan: LayerPlan) =>
  ofType(plan, T.endpoint).filter((e) => e.inputs['vpcEndpointType'] === 'Interface');

describe('endpoint catalogue', () => {
  it('requires exactly what NET-6 names and defaults to exactly that (the notebook endpoint is opt-in)', () => {
    expect([...REQUIRED_ENDPOINTS].sort()).toEqual([
      'kms',
      'logs',
      'monitoring',
      'sagemaker.api',
      'sagemaker.runtime',
      'sts',
    ]);
    expect([...DEFAULT_ENDPOINTS].sort()).toEqual([...REQUIRED_ENDPOINTS].sort());
    expect(ENDPOINT_NAMES.filter((n) => !DEFAULT_ENDPOINTS.includes(n))).toEqual([
      'notebook',
      'ecr.api',
      'ecr.dkr',
      'ssm',
      'codeartifact.api',
      'codeartifact.repositories',
    ]);
  });

  it.each([
    ['sagemaker.api', 'com.amazonaws.eu-west-1.sagemaker.api'],
    ['notebook', 'aws.sagemaker.eu-west-1.notebook'],
    ['codeartifact.repositories', 'com.amazonaws.eu-west-1.codeartifact.repositories'],
  ] as const)('names the PrivateLink service of %s %s', (name, service) => {
    expect(endpointServiceName(name, 'eu-west-1')).toBe(service);
  });

  it.each([
    [
      ['sagemaker.api', 'bogus'],
      'unknown service(s) ["bogus"]; known services are sagemaker.api, sagemaker.runtime, notebook, sts, logs, monitoring, kms, ecr.api, ecr.dkr, ssm, codeartifact.api, codeartifact.repositories',
    ],
    [[...DEFAULT_ENDPOINTS, 'kms'], 'listed more than once: ["kms"]'],
    [
      ['notebook'],
      'missing ["sagemaker.api","sagemaker.runtime","sts","logs","monitoring","kms"], which control NET-6 requires',
    ],
  ])('rejects %j', (names, problem) => {
    expect(endpointListProblems(names)).toContain(problem);
  });
});

describe('endpoints in the dev plan (single-AZ endpoints)', () => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planNetwork();
  });

  it('creates one interface endpoint per default service and the two ECR ones jobs need, with private DNS, in the endpoint group', () => {
    const endpoints = interfaceEndpoints(plan);
    expect(endpoints.map((e) => e.inputs['serviceName']).sort()).toEqual(
      [...DEFAULT_ENDPOINTS, 'ecr.api' as const, 'ecr.dkr' as const]
        .map((n) => endpointServiceName(n, 'eu-west-1'))
        .sort(),
    );
    for (const e of endpoints) {
      expect(e.inputs).toMatchObject({
        privateDnsEnabled: true,
        vpcId: plan.outputs['vpcId'],
        securityGroupIds: [plan.outputs['endpointSecurityGroupId']],
      });
    }
  });

  it('puts interface endpoints in the first AZ only when endpointsSingleAz is on', () => {
    const [first] = plan.outputs['privateSubnetIds'] as string[];
    for (const e of interfaceEndpoints(plan)) expect(e.inputs['subnetIds']).toEqual([first]);
  });

  it('restricts every interface endpoint to principals of the environment account (NET-7)', () => {
    for (const e of interfaceEndpoints(plan)) {
      expect(parsedPolicy(e).Statement).toEqual([
        {
          Sid: 'OnlyPrincipalsOfThisAccount',
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalAccount': MOCK_ACCOUNT } },
        },
      ]);
    }
  });

  it('routes S3 through a gateway endpoint on every private route table and publishes its prefix list', () => {
    const gateway = resource(plan, T.endpoint, 'network-vpce-s3');
    expect(gateway.inputs).toMatchObject({
      vpcEndpointType: 'Gateway',
      serviceName: 'com.amazonaws.eu-west-1.s3',
      routeTableIds: plan.outputs['privateRouteTableIds'],
    });
    expect(plan.outputs['s3GatewayEndpointId']).toBe(gateway.id);
    expect(plan.outputs['s3PrefixListId']).toMatch(/^pl-/);
  });

  it('lets the S3 gateway reach the environment data buckets for this account, and AL2023 repositories and ECR layers read-only', () => {
    const statements = parsedPolicy(resource(plan, T.endpoint, 'network-vpce-s3')).Statement;
    expect(statements.map((s) => s['Sid'])).toEqual([
      'EnvironmentDataBuckets',
      'AmazonLinux2023Repositories',
      'EcrImageLayers',
    ]);
    expect(statements[0]).toMatchObject({
      Resource: ['arn:aws:s3:::sml-dev-data-*', 'arn:aws:s3:::sml-dev-data-*/*'],
      Condition: {
        StringEquals: { 'aws:PrincipalAccount': MOCK_ACCOUNT, 'aws:ResourceAccount': MOCK_ACCOUNT },
      },
    });
    expect(statements[1]).toMatchObject({
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*'],
    });
    expect(JSON.stringify(statements)).not.toMatch(/"s3:\*"|"Resource":"\*"|arn:aws:s3:::\*/);
  });
});

describe('endpoint options', () => {
  it('spreads interface endpoints over every private subnet when endpointsSingleAz is off (the prod example)', async () => {
    const plan = await planNetwork({}, 'prod');
    for (const e of interfaceEndpoints(plan))
      expect(e.inputs['subnetIds']).toEqual(plan.outputs['privateSubnetIds']);
  });

  it('adds opt-in endpoints, and the ECR layer bucket to the S3 gateway only with ecr.dkr', async () => {
    const plan = await planNetwork({
      interfaceEndpoints: JSON.stringify([
        ...DEFAULT_ENDPOINTS,
        'ecr.api',
        'ecr.dkr',
        'ssm',
        'codeartifact.api',
        'codeartifact.repositories',
      ]),
    });
    expect(interfaceEndpoints(plan)).toHaveLength(11);
    expect(inputs(resource(plan, T.endpoint, 'network-vpce-codeartifact-repositories'))).toMatchObject({
      privateDnsEnabled: true,
    });
    const statements = parsedPolicy(resource(plan, T.endpoint, 'network-vpce-s3')).Statement;
    expect(statements.find((s) => s['Sid'] === 'EcrImageLayers')).toMatchObject({
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*'],
    });
  });

  it('creates no notebook endpoint by default: notebooks never use it', async () => {
    const plan = await planNetwork({ jobs: 'false', interfaceEndpoints: undefined });
    expect(interfaceEndpoints(plan).map((e) => e.inputs['serviceName'])).not.toContain(
      'aws.sagemaker.eu-west-1.notebook',
    );
    expect(interfaceEndpoints(plan)).toHaveLength(6);
    expect(ofType(plan, 'aws:ec2/securityGroup:SecurityGroup')).toHaveLength(2);
  });

  it('puts the opt-in notebook endpoint in its own group that admits the client networks only', async () => {
    const plan = await planNetwork({
      jobs: 'false',
      interfaceEndpoints: JSON.stringify([...DEFAULT_ENDPOINTS, 'notebook']),
      notebookClientCidrs: JSON.stringify(['10.0.0.0/16', '192.168.10.0/24']),
    });
    const ui = resource(plan, 'aws:ec2/securityGroup:SecurityGroup', 'network-notebook-ui');
    const notebookEndpoint = resource(plan, T.endpoint, 'network-vpce-notebook');
    expect(notebookEndpoint.inputs['serviceName']).toBe('aws.sagemaker.eu-west-1.notebook');
    expect(notebookEndpoint.inputs['securityGroupIds']).toEqual([ui.id]);
    const apiGroup = plan.outputs['endpointSecurityGroupId'];
    for (const e of interfaceEndpoints(plan).filter((e) => e.name !== 'network-vpce-notebook'))
      expect(e.inputs['securityGroupIds']).toEqual([apiGroup]);
    const ingress = ofType(plan, 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule').filter(
      (r) => r.inputs['securityGroupId'] === ui.id,
    );
    expect(ingress.map((r) => [r.inputs['cidrIpv4'], r.inputs['fromPort'], r.inputs['toPort']])).toEqual([
      ['10.0.0.0/16', 443, 443],
      ['192.168.10.0/24', 443, 443],
    ]);
    // Client networks reach the Jupyter endpoint only, never the AWS API endpoints.
    const toApi = ofType(plan, 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule').filter(
      (r) => r.inputs['securityGroupId'] === apiGroup && r.inputs['cidrIpv4'] !== undefined,
    );
    expect(toApi).toEqual([]);
    expect(
      ofType(plan, 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule').filter(
        (r) => r.inputs['securityGroupId'] === ui.id,
      ),
    ).toEqual([]);
  });
});
