import { ConfigError, loadSettings, setting } from '../src';

const doc = { description: 'a test setting', onChange: 'updates in place' };
const schema = {
  vpcCidr: setting.text({
    pattern: /^10\.\d+\.0\.0\/16$/,
    allowed: 'a 10.x.0.0/16 CIDR',
    example: '10.20.0.0/16',
    ...doc,
  }),
  azCount: setting.integer({ min: 1, max: 3, default: 2, ...doc }),
  egress: setting.oneOf(['none', 'nat'] as const, { default: 'none', ...doc }),
} as const;

const load = (values: Record<string, string>) =>
  loadSettings({ stack: 'dev', file: 'packages/network/Pulumi.dev.yaml', values }, [
    { namespace: 'net', schema },
  ] as const);

describe('loadSettings', () => {
  it('returns typed values and defaults when every setting is valid', () => {
    const [net] = load({ 'net:vpcCidr': '10.20.0.0/16', 'net:egress': 'nat' });
    expect(net).toEqual({ vpcCidr: '10.20.0.0/16', azCount: 2, egress: 'nat' });
  });

  it('collects every problem into one error naming key, value, what is allowed and the fix', () => {
    let error: unknown;
    try {
      load({ 'net:azCount': '7', 'net:egress': 'internet', 'net:vpcCidrr': '10.0.0.0/16' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems } = error as ConfigError;
    expect(problems).toHaveLength(4);
    expect(message).toContain('Invalid configuration in packages/network/Pulumi.dev.yaml (4 problems)');
    expect(message).toContain(
      "net:vpcCidr is required: expected a 10.x.0.0/16 CIDR. Fix: pulumi config set net:vpcCidr '10.20.0.0/16' --stack dev --cwd packages/network. What changing it does: updates in place",
    );
    expect(message).toContain('net:azCount = "7": expected an integer from 1 to 3.');
    expect(message).toContain('net:egress = "internet": expected one of none, nat.');
    expect(message).toContain('net:vpcCidrr is not a known setting (a typo?)');
  });

  it("repairs the user's own value when the setting can, and writes a list into the stack file itself", () => {
    const listSchema = {
      names: {
        type: 'list',
        allowed: 'a list including "a"',
        example: '["a"]',
        ...doc,
        parse: (raw: string) =>
          (JSON.parse(raw) as string[]).includes('a')
            ? { ok: true as const, value: JSON.parse(raw) as string[] }
            : { ok: false as const },
        repair: (raw: string) => JSON.stringify([...(JSON.parse(raw) as string[]), 'a']),
      },
    };
    const error = (() => {
      try {
        loadSettings(
          { stack: 'prod', file: 'packages/network/Pulumi.prod.yaml', values: { 'net:names': '["b"]' } },
          [{ namespace: 'net', schema: listSchema }] as const,
        );
      } catch (e) {
        return e as ConfigError;
      }
      return undefined;
    })();
    expect(error?.problems).toEqual([
      'net:names = "[\\"b\\"]": expected a list including "a". Fix: write net:names: ["b","a"] in packages/network/Pulumi.prod.yaml. What changing it does: updates in place',
    ]);
  });
});
