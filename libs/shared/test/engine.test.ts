import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { MOCK_ACCOUNT, runLayerProgram } from '../src/testing';

/** A small program touching what the engine must record: parents, providers, options, IDs, ARNs, invokes. */
function program() {
  const provider = new aws.Provider('aws', { region: 'eu-west-1' });
  const identity = aws.getCallerIdentityOutput({}, { provider });
  const key = new aws.kms.Key('key', { enableKeyRotation: true }, { provider, protect: true });
  new aws.kms.Alias('alias', { name: 'alias/k', targetKeyId: key.keyId }, { provider, parent: key });
  const vpc = new aws.ec2.Vpc(
    'vpc',
    { cidrBlock: '10.0.0.0/16' },
    { provider, retainOnDelete: true, dependsOn: [key] },
  );
  return { keyArn: key.arn, vpcId: vpc.id, account: identity.accountId };
}

const run = () =>
  runLayerProgram({ layer: 'security', stack: 'dev', config: { 'aws:region': 'eu-west-1' }, program });

describe('the mock engine', () => {
  it('is deterministic: two runs give identical plans', async () => {
    const first = await run();
    const second = await run();
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('records type, parent, provider, inputs and the options protect, retainOnDelete and dependsOn', async () => {
    const plan = await run();
    const byName = Object.fromEntries(plan.resources.map((r) => [r.name, r]));
    expect(plan.resources.map((r) => r.type).sort()).toEqual([
      'aws:ec2/vpc:Vpc',
      'aws:kms/alias:Alias',
      'aws:kms/key:Key',
      'pulumi:providers:aws',
      'pulumi:pulumi:Stack',
    ]);
    expect(byName['key']?.options).toEqual({ protect: true, retainOnDelete: false, dependsOn: [] });
    expect(byName['key']?.provider).toMatch(/\$pulumi:providers:aws::aws::/);
    expect(byName['alias']?.parent).toBe(byName['key']?.urn);
    expect(byName['vpc']?.options).toEqual({
      protect: false,
      retainOnDelete: true,
      dependsOn: [byName['key']?.urn],
    });
    expect(byName['vpc']?.inputs).toEqual({ cidrBlock: '10.0.0.0/16' });
  });

  it('answers IDs, ARNs and data sources from the fixed mock world', async () => {
    const { outputs } = await run();
    expect(outputs['account']).toBe(MOCK_ACCOUNT);
    expect(outputs['keyArn']).toMatch(
      new RegExp(`^arn:aws:kms:eu-west-1:${MOCK_ACCOUNT}:key/[0-9a-f-]{36}$`),
    );
    expect(outputs['vpcId']).toMatch(/^vpc-[0-9a-f]{17}$/);
  });

  it('throws on a data source it does not know, naming it and where to add it', async () => {
    const error = await runLayerProgram({
      layer: 'security',
      stack: 'dev',
      config: { 'aws:region': 'eu-west-1' },
      program: async () => ({ ami: (await aws.ec2.getAmi({ owners: ['amazon'], mostRecent: true })).id }),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'The mock engine does not know the data source aws:ec2/getAmi:getAmi; add its fixed answer to libs/shared/src/mock/invokes.ts',
    );
  });

  it('registers nothing when the program fails before creating resources', async () => {
    const error = await runLayerProgram({
      layer: 'security',
      stack: 'dev',
      config: {},
      program: () => {
        throw new pulumi.RunError('bad config');
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('bad config');
  });
});
