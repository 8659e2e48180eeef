import type * as pulumi from '@pulumi/pulumi';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as aws from '@pulumi/aws';
import {
  ConfigError,
  ContractError,
  defineLayer,
  knownValuesOf,
  LAYERS,
  publishOutputs,
  referenceLayer,
  setting,
  type LayerContext,
  type UpstreamOutputs,
} from '../src';
import { runLayerProgram, type PlannedResource } from '../src/testing';

/**
 * Compile-time half of the contract: these lines are type-checked by the `typecheck` target, and each
 * @ts-expect-error fails the build the day the line it guards starts to compile.
 */
export function compileTimeContract(
  security: UpstreamOutputs<'security'>,
  logging: LayerContext<'logging'>,
): void {
  const keyArn: pulumi.Output<string> = security.dataKeyArn;
  // @ts-expect-error the security layer publishes no vpcId: a consumer cannot read what its upstream does not publish
  void security.vpcId;
  // @ts-expect-error outputs are typed per key, never Output<any>
  const wrong: pulumi.Output<number> = security.logsKeyId;
  // @ts-expect-error logging may reference only its upstream layers (security, network), never notebook
  void logging.reference('notebook');
  // @ts-expect-error a producer must publish every key of its contract (network publishes far more than vpcId)
  publishOutputs('network', { vpcId: 'vpc-0123' });
  void keyArn;
  void wrong;
}

/** A well-formed value of each output, written out where the shape is not an ARN or a plain string. */
const SHAPED: Record<string, unknown> = {
  notebookRolePath: '/secure-ml/sml-dev/notebooks/',
  notebookRoleDelegation: '{"Version":"2012-10-17","Statement":[]}',
  notebookEcrRepositoryArns: [],
  notebookPackageMirrorAccounts: ['123456789012'],
};
const validSecurity = Object.fromEntries(
  Object.entries(LAYERS.security.outputs).map(([key, spec]) => [
    key,
    key in SHAPED
      ? SHAPED[key]
      : spec.expected.startsWith('an ARN of iam')
        ? `arn:aws:iam::123456789012:role/${key}`
        : spec.expected.startsWith('an ARN of kms')
          ? `arn:aws:kms:eu-west-1:123456789012:key/${key}`
          : key,
  ]),
);

/** A consumer that reads the security layer and exports one value. */
const consumer = async () => {
  const security = await referenceLayer('security', { org: 'organization', stack: 'dev' });
  return { dataKeyArn: security.dataKeyArn };
};

const run = (upstream: Record<string, unknown>) =>
  runLayerProgram({
    layer: 'logging',
    stack: 'dev',
    config: { 'aws:region': 'eu-west-1' },
    upstream: { security: upstream },
    program: consumer,
  });

describe('typed references at run time', () => {
  it('hands the consumer the values of a well-formed upstream', async () => {
    const plan = await run(validSecurity);
    expect(plan.outputs).toEqual({ dataKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/dataKeyArn' });
  });

  it('gives the plain values behind the outputs for checks before anything is registered, and only for references', async () => {
    const plan = await runLayerProgram({
      layer: 'logging',
      stack: 'dev',
      config: { 'aws:region': 'eu-west-1' },
      upstream: { security: validSecurity },
      program: async () => {
        const security = await referenceLayer('security', { org: 'organization', stack: 'dev' });
        return { accounts: knownValuesOf(security).notebookPackageMirrorAccounts.join(',') };
      },
    });
    expect(plan.outputs).toEqual({ accounts: '123456789012' });
    expect(() => knownValuesOf({} as UpstreamOutputs<'security'>)).toThrow(
      'knownValuesOf takes the outputs ctx.reference returned',
    );
  });

  it('fails with one message naming the stack, every missing and malformed key and the deploy command', async () => {
    const { notebookRolePath: _dropped, flowLogsRoleArn: _alsoDropped, ...rest } = validSecurity;
    const error = await run({ ...rest, dataKeyArn: 'not-an-arn' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as Error).message).toBe(
      [
        'Stack organization/secure-ml-security/dev does not publish the outputs the security contract promises:',
        '  - missing: notebookRolePath, flowLogsRoleArn',
        '  - malformed: dataKeyArn = "not-an-arn" (expected an ARN of kms (arn:aws:kms:...))',
        'Deploy (or update) the security layer first: npx nx run security:deploy -c dev',
      ].join('\n'),
    );
  });

  it('treats a stack that was never deployed as missing every output', async () => {
    const error = await runLayerProgram({
      layer: 'logging',
      stack: 'prod',
      config: { 'aws:region': 'eu-west-1' },
      program: async () => ({
        arn: (await referenceLayer('security', { org: 'acme', stack: 'prod' })).dataKeyArn,
      }),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('Stack acme/secure-ml-security/prod does not publish');
    expect((error as Error).message).toContain(`missing: ${Object.keys(LAYERS.security.outputs).join(', ')}`);
  });
});

describe('publishOutputs', () => {
  const publish = (which: 'valid' | 'secret' | 'malformed') =>
    spawnSync(
      process.execPath,
      [
        '-r',
        join(__dirname, 'fixtures', 'offline-loader.js'),
        join(__dirname, 'fixtures', 'publish.ts'),
        which,
      ],
      {
        cwd: join(__dirname, '..'),
        encoding: 'utf8',
      },
    );

  it('publishes values that satisfy the contract', () => {
    const { status, stdout } = publish('valid');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      notebooks: {
        alice: { notebookName: 'sml-dev-notebook-alice', lifecycleConfigName: 'sml-dev-lifecycle-alice' },
      },
    });
  });

  it('refuses a secret: no secret travels through stack outputs', () => {
    const { status, stderr } = publish('secret');
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(
      'Layer notebook tried to publish the secret output dataBucketName; stack outputs must not carry secrets',
    );
  });

  it('refuses a value that breaks the contract once it is known', () => {
    const { status, stderr } = publish('malformed');
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(
      'Layer notebook would publish outputs that break its contract:\n  - notebooks = {"alice":{"notebookName":"sml-dev-notebook-alice","notebookArn":"arn:aws:sage...: expected a non-empty map of id to { notebookName, notebookArn, notebookConsoleUrl, owner, roleArn, roleName, lifecycleConfigName, dataPrefix }',
    );
  });
});

describe('defineLayer', () => {
  const program = defineLayer(
    'network',
    {
      vpcCidr: setting.text({
        pattern: /^10\./,
        allowed: 'a 10.x CIDR',
        example: '10.20.0.0/16',
        description: 'a test setting',
        onChange: 'updates in place',
      }),
    },
    (ctx) => {
      new aws.ec2.Vpc('vpc', { cidrBlock: '10.0.0.0/16' }, { provider: ctx.provider });
      throw new Error('unreachable in these tests');
    },
  );

  it('validates every setting before registering any resource, the provider included', async () => {
    const record: PlannedResource[] = [];
    const error = await runLayerProgram({
      layer: 'network',
      stack: 'dev',
      config: {
        'aws:region': 'mars-1',
        'secure-ml:prefix': 'ML',
        'secure-ml-network:vpcCidr': '192.168.0.0/16',
      },
      program,
      record,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `secure-ml:prefix = "ML": expected 2 to 8 lowercase letters or digits, starting with a letter. Fix: pulumi config set secure-ml:prefix 'sml' --stack dev --cwd packages/network. What changing it does: replaces nearly every resource (names change)`,
      `secure-ml:accountId is required: expected a 12-digit AWS account ID (aws sts get-caller-identity --query Account --output text). Fix: pulumi config set secure-ml:accountId '123456789012' --stack dev --cwd packages/network. What changing it does: nothing is replaced; a different account is a different environment (its resources are not moved)`,
      `aws:region = "mars-1": expected an AWS region code such as eu-west-1. Fix: pulumi config set aws:region 'eu-west-1' --stack dev --cwd packages/network. What changing it does: replaces every resource (they are created in the new region, the old ones destroyed)`,
      `secure-ml-network:vpcCidr = "192.168.0.0/16": expected a 10.x CIDR. Fix: pulumi config set secure-ml-network:vpcCidr '10.20.0.0/16' --stack dev --cwd packages/network. What changing it does: updates in place`,
    ]);
    expect(record.map((r) => r.type)).toEqual(['pulumi:pulumi:Stack']);
  });

  it('refuses a stack name that cannot be an environment name', async () => {
    const error = await runLayerProgram({
      layer: 'network',
      stack: 'Production_EU',
      config: { 'aws:region': 'eu-west-1' },
      program,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'Stack name "Production_EU" cannot be used as an environment name',
    );
  });
});
