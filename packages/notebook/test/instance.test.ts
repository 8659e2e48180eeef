import { ofType, readPlan, REPO_ROOT, resource } from '@secure-ml/shared/testing';
import { planNotebook, T } from './plan';

describe.each(['dev', 'prod'])('notebook instance in %s', (stack) => {
  it('is locked down: no direct internet, no root, IMDSv2, AL2023, the private subnet, the notebook SG, the data key and role', async () => {
    const plan = await planNotebook(stack);
    const security = readPlan(REPO_ROOT, stack, 'security').outputs;
    const network = readPlan(REPO_ROOT, stack, 'network').outputs;
    const notebook = resource(plan, T.notebook, 'notebook');
    expect(notebook.inputs).toMatchObject({
      name: `sml-${stack}-notebook`,
      directInternetAccess: 'Disabled',
      rootAccess: 'Disabled',
      instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
      platformIdentifier: 'notebook-al2023-v1',
      subnetId: (network['privateSubnetIds'] as string[])[0],
      securityGroups: [network['notebookSecurityGroupId']],
      kmsKeyId: security['dataKeyArn'],
      roleArn: security['notebookRoleArn'],
      lifecycleConfigName: `sml-${stack}-lifecycle`,
    });
    expect(String(notebook.inputs['kmsKeyId'])).toMatch(/^arn:aws:kms:eu-west-1:\d{12}:key\//);
    expect(notebook.inputs).not.toHaveProperty('defaultCodeRepository');
    expect(notebook.options.protect).toBe(stack === 'prod');
    expect(notebook.provider).toMatch(/pulumi:providers:aws::notebook-aws::/);
  });

  it('waits for the bucket and the role grants, which its first start needs', async () => {
    const plan = await planNotebook(stack);
    const notebook = resource(plan, T.notebook, 'notebook');
    const urn = (type: string, name: string) => resource(plan, type, name).urn;
    expect(notebook.options.dependsOn).toEqual(
      // A component in dependsOn stands for its children: the bucket policy, applied last, among them.
      expect.arrayContaining([
        urn(T.bucketPolicy, 'data-policy'),
        urn(T.rolePolicy, 'data-bucket-access'),
        urn(T.rolePolicy, 'notebook-runtime'),
      ]),
    );
  });

  it('publishes every output of the contract, the console link included', async () => {
    const plan = await planNotebook(stack);
    expect(plan.outputs).toEqual({
      notebookName: `sml-${stack}-notebook`,
      notebookArn: `arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/sml-${stack}-notebook`,
      notebookConsoleUrl: `https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/notebook-instances/sml-${stack}-notebook`,
      dataBucketName: `sml-${stack}-data-123456789012-eu-west-1`,
      dataBucketArn: `arn:aws:s3:::sml-${stack}-data-123456789012-eu-west-1`,
      lifecycleConfigName: `sml-${stack}-lifecycle`,
    });
  });

  it('has one lifecycle configuration with both hooks, through the layer provider', async () => {
    const plan = await planNotebook(stack);
    const [lifecycle] = ofType(plan, T.lifecycle);
    expect(ofType(plan, T.lifecycle)).toHaveLength(1);
    expect(lifecycle?.inputs['name']).toBe(`sml-${stack}-lifecycle`);
    expect(String(lifecycle?.inputs['onCreate']).length).toBeGreaterThan(0);
    expect(String(lifecycle?.inputs['onStart']).length).toBeLessThanOrEqual(16384);
  });
});

describe('notebook instance settings', () => {
  it('takes the instance type, volume size and default code repository from config', async () => {
    const plan = await planNotebook('dev', {
      'secure-ml-notebook:instanceType': 'ml.g5.xlarge',
      'secure-ml-notebook:volumeSizeGb': '16384',
      'secure-ml-notebook:defaultCodeRepository': 'ml-notebooks',
    });
    expect(resource(plan, T.notebook, 'notebook').inputs).toMatchObject({
      instanceType: 'ml.g5.xlarge',
      volumeSize: 16384,
      defaultCodeRepository: 'ml-notebooks',
    });
  });

  it('uses the examples: a small instance and short idle time in dev, a larger one in prod', async () => {
    const [dev, prod] = await Promise.all([planNotebook('dev'), planNotebook('prod')]);
    expect(resource(dev, T.notebook, 'notebook').inputs).toMatchObject({
      instanceType: 'ml.t3.medium',
      volumeSize: 10,
    });
    expect(resource(prod, T.notebook, 'notebook').inputs).toMatchObject({
      instanceType: 'ml.m5.xlarge',
      volumeSize: 50,
    });
  });
});
