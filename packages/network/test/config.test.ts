import { ConfigError, loadSettings, preview } from '@secure-ml/shared';
import { networkSettings } from '../src/settings';
import { assertValid, crossCheck, type NetworkSettings } from '../src/validate';
import { failureOf } from './support/plan';

const NS = 'secure-ml-network';

/** Parses raw values (keys without namespace) the way the layer does; returns the settings or the error text. */
function load(values: Record<string, string>, stack = 'dev'): NetworkSettings | string {
  try {
    const source = {
      stack,
      file: `packages/network/Pulumi.${stack}.yaml`,
      values: Object.fromEntries(Object.entries(values).map(([k, v]) => [`${NS}:${k}`, v])),
    };
    return loadSettings(source, [{ namespace: NS, schema: networkSettings }] as const)[0];
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

describe('network settings: defaults', () => {
  it('are secure without any configuration', () => {
    expect(load({})).toEqual({
      vpcCidr: '10.20.0.0/16',
      availabilityZones: 2,
      egress: 'none',
      natGateways: undefined,
      egressAllowedCidrs: [],
      interfaceEndpoints: ['sagemaker.api', 'sagemaker.runtime', 'sts', 'logs', 'monitoring', 'kms'],
      notebookClientCidrs: [],
      endpointsSingleAz: false,
      jobs: false,
    });
  });

  it.each([
    ['["8.8.8.0/24"]', '8.8.8.0/24 is publicly routable'],
    ['["10.0.0.0/7"]', '10.0.0.0/7 is broader than a /8'],
    ['"10.0.0.0/16"', 'not a list of CIDRs'],
  ])('rejects notebookClientCidrs = %s', (value, message) => {
    expect(load({ notebookClientCidrs: value })).toContain(`${NS}:notebookClientCidrs`);
    expect(load({ notebookClientCidrs: value })).toContain(message);
  });
});

describe('network settings: every error names the key, the value, what is allowed and the fix', () => {
  it.each([
    ['vpcCidr', '10.20.0.0', '"10.20.0.0" is not an IPv4 CIDR such as 10.20.0.0/16'],
    ['vpcCidr', '10.20.1.0/16', 'has host bits set: its network address is 10.20.0.0/16'],
    ['vpcCidr', '10.256.0.0/16', 'has an octet above 255'],
    ['vpcCidr', '10.0.0.0/25', '/25 is outside /16../24'],
    ['vpcCidr', '10.0.0.0/8', '/8 is outside /16../24'],
    ['vpcCidr', '8.8.0.0/16', 'publicly routable range'],
    ['availabilityZones', '0', 'expected an integer from 1 to 3'],
    ['availabilityZones', '4', 'expected an integer from 1 to 3'],
    ['availabilityZones', 'two', 'expected an integer from 1 to 3'],
    ['egress', 'internet', 'expected one of none, nat'],
    ['natGateways', 'one', 'expected one of perAz, single, or unset'],
    ['egressAllowedCidrs', '["0.0.0.0/0"]', '0.0.0.0/0 is broader than a /8'],
    ['egressAllowedCidrs', '["151.101.0.0"]', 'is not an IPv4 CIDR'],
    ['egressAllowedCidrs', '"151.101.0.0/16"', 'not a list of CIDRs'],
    [
      'interfaceEndpoints',
      '["sagemaker.api","sagemaker.runtime","sts","logs","monitoring","kms","s3"]',
      'unknown service(s) ["s3"]; known services are sagemaker.api, sagemaker.runtime, notebook, sts, logs, monitoring, kms, ecr.api, ecr.dkr, ssm, codeartifact.api, codeartifact.repositories',
    ],
    [
      'interfaceEndpoints',
      '["sagemaker.api","sagemaker.runtime","sts","logs","monitoring"]',
      'missing ["kms"], which control NET-6 requires',
    ],
    [
      'interfaceEndpoints',
      '["sagemaker.api","sagemaker.runtime","sts","logs","monitoring","kms","kms"]',
      'listed more than once: ["kms"]',
    ],
    ['interfaceEndpoints', 'kms', 'not a list of names'],
    ['endpointsSingleAz', 'yes', 'expected true or false'],
  ])('%s = %s', (key, value, detail) => {
    const message = load({ [key]: value });
    expect(message).toContain(`${NS}:${key} = ${preview(value)}`);
    expect(message).toContain(detail);
    // Lists are written into the stack file (pulumi config set stores a top-level value as a string).
    const LISTS = ['egressAllowedCidrs', 'interfaceEndpoints', 'notebookClientCidrs'];
    if (LISTS.includes(key))
      expect(message).toMatch(
        new RegExp(
          `Fix: write ${NS}:${key}: \\[.*\\] in packages/network/Pulumi\\.dev\\.yaml\\. What changing it does: `,
        ),
      );
    else
      expect(message).toMatch(
        new RegExp(
          `Fix: pulumi config set ${NS}:${key} '[^']+' --stack dev --cwd packages/network\\. What changing it does: `,
        ),
      );
  });

  it('repairs the endpoint list the user wrote: their services kept once each, in their order, the missing required ones added, unknown ones dropped', () => {
    const message = load({ interfaceEndpoints: '["ecr.api","sts","sts","sagemaker.api","s3-interface"]' });
    expect(message).toContain(
      `Fix: write ${NS}:interfaceEndpoints: ["ecr.api","sts","sagemaker.api","sagemaker.runtime","logs","monitoring","kms"] in packages/network/Pulumi.dev.yaml. What changing it does: adds or removes endpoints; the others are untouched`,
    );
  });

  it('rejects a misspelt key, listing the known ones', () => {
    expect(load({ vpcCIDR: '10.0.0.0/16' })).toContain(
      `${NS}:vpcCIDR is not a known setting (a typo?): known settings of ${NS} are vpcCidr, availabilityZones, egress, natGateways, egressAllowedCidrs, interfaceEndpoints, notebookClientCidrs, endpointsSingleAz, jobs`,
    );
  });

  it('collects every problem into one error', () => {
    const message = load({ vpcCidr: 'x', egress: 'open', endpointsSingleAz: 'no' });
    expect(message).toContain('Invalid configuration in packages/network/Pulumi.dev.yaml (3 problems)');
  });
});

const REQUIRED = ['sagemaker.api', 'sagemaker.runtime', 'sts', 'logs', 'monitoring', 'kms'] as const;

describe('cross-setting checks', () => {
  const settings = (over: Partial<NetworkSettings>): NetworkSettings => ({
    ...(load({}) as NetworkSettings),
    ...over,
  });

  it.each([
    [
      { availabilityZones: 1 },
      'prod',
      `${NS}:availabilityZones = 1 is allowed only in a development environment (secure-ml:tier: development), not in prod (tier production): one AZ leaves notebooks nowhere to start during an AZ outage. Fix: pulumi config set ${NS}:availabilityZones 2 --stack prod --cwd packages/network`,
    ],
    [
      { natGateways: 'single' as const },
      'dev',
      `${NS}:natGateways = "single" has no effect with egress none: expected it unset. Fix: pulumi config rm ${NS}:natGateways --stack dev --cwd packages/network (or pulumi config set ${NS}:egress nat --stack dev --cwd packages/network)`,
    ],
    [
      { egressAllowedCidrs: ['151.101.0.0/16'] },
      'dev',
      `${NS}:egressAllowedCidrs = ["151.101.0.0/16"] has no effect with egress none: expected it unset. Fix: pulumi config rm ${NS}:egressAllowedCidrs --stack dev --cwd packages/network`,
    ],
    [
      { interfaceEndpoints: [...REQUIRED, 'notebook' as const] },
      'dev',
      `${NS}:interfaceEndpoints includes "notebook" but ${NS}:notebookClientCidrs is empty: the endpoint would admit nobody`,
    ],
    [
      { notebookClientCidrs: ['10.0.0.0/16'] },
      'dev',
      `${NS}:notebookClientCidrs = ["10.0.0.0/16"] has no effect without the "notebook" interface endpoint`,
    ],
    [
      { vpcCidr: '10.0.0.0/26' },
      'dev',
      `${NS}:vpcCidr = "10.0.0.0/26": The VPC CIDR 10.0.0.0/26 cannot hold the subnet plan`,
    ],
  ])('%j in %s', (over, stack, message) => {
    expect(crossCheck(settings(over), stack).problems.join('\n')).toContain(message);
    expect(() => assertValid(settings(over), stack)).toThrow(ConfigError);
  });

  it('decides one AZ by the tier its stack files declare, never by the stack name', () => {
    // A stack named dev that does not say it is for development is production: one zone is refused.
    expect(crossCheck(settings({ availabilityZones: 1 }), 'dev').problems).toEqual([
      expect.stringContaining('availabilityZones = 1 is allowed only in a development environment'),
    ]);
    expect(crossCheck(settings({ availabilityZones: 1 }), 'sandbox', 'development').problems).toEqual([]);
  });

  it('accepts one AZ in a development environment, NAT options with egress nat, and returns the plan', () => {
    expect(crossCheck(settings({ availabilityZones: 1 }), 'dev', 'development')).toEqual({
      problems: [],
      plan: expect.objectContaining({ public: [] }),
    });
    const nat = crossCheck(
      settings({ egress: 'nat', natGateways: 'single', egressAllowedCidrs: ['151.101.0.0/16'] }),
      'prod',
    );
    expect(nat.problems).toEqual([]);
    expect(nat.plan?.public).toHaveLength(2);
  });
});

describe('the layer program refuses invalid configuration before deploying anything', () => {
  it('fails with every per-setting problem of the stack file', async () => {
    const message = await failureOf({ vpcCidr: '10.20.0.0/28', interfaceEndpoints: '["kms"]' });
    expect(message).toContain('Invalid configuration in packages/network/Pulumi.dev.yaml (2 problems)');
    expect(message).toContain(`${NS}:vpcCidr = "10.20.0.0/28"`);
    expect(message).toContain(`${NS}:interfaceEndpoints = "[\\"kms\\"]"`);
  });

  it('fails with the cross-setting problems', async () => {
    const message = await failureOf({ availabilityZones: '1', natGateways: 'perAz' }, 'prod');
    expect(message).toContain('Invalid configuration in packages/network/Pulumi.prod.yaml (2 problems)');
    expect(message).toContain('availabilityZones = 1 is allowed only in a development environment');
    expect(message).toContain('natGateways = "perAz" has no effect with egress none');
  });
});
