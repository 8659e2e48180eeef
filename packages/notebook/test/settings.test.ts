import { ConfigError } from '@secure-ml/shared';
import { NOTEBOOK_INSTANCE_TYPES } from '@secure-ml/shared/catalogue';
import { coversEveryAddress } from '@secure-ml/shared';
import { crossSettingProblems } from '../src/settings';
import { hookOf, planNotebook } from './plan';
import { REPO_ROOT, environmentsIn } from '@secure-ml/shared/testing';

const NS = 'secure-ml-notebook';
const planWith = (config: Record<string, string>) => planNotebook('dev', config);

describe('notebook config validation', () => {
  it.each([
    ['instanceType', 'ml.t3.huge', 'an instance type AWS offers for notebook instances'],
    ['instanceType', 't3.medium', 'an instance type AWS offers for notebook instances'],
    ['volumeSizeGb', '4', 'an integer from 5 to 16384'],
    ['volumeSizeGb', '16385', 'an integer from 5 to 16384'],
    ['idleMinutes', '9', 'an integer from 10 to 1440'],
    ['idleMinutes', '1441', 'an integer from 10 to 1440'],
    ['pipIndexUrl', 'http://pypi.example.internal/simple/', 'an https:// URL'],
    ['pipIndexUrl', 'https://user:secret@pypi.example.internal/simple/', 'without credentials'],
    ['pipIndexUrl', "https://pypi.example.internal/'; rm -rf /", 'without credentials or quotes'],
    ['condaChannelUrl', 'ftp://conda.example.internal/', 'an https:// URL'],
    ['breakGlassRoleArn', 'arn:aws:iam::123456789012:user/admin', 'an IAM role ARN'],
    ['breakGlassRoleArn', 'secure-ml-break-glass', 'an IAM role ARN'],
    ['codeArtifactDomainOwner', '1234', 'a 12-digit AWS account ID'],
  ])('%s = %j is refused, naming the key, the value and what is allowed', async (key, value, allowed) => {
    const run = planWith({ [`${NS}:${key}`]: value });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(`${NS}:${key} = ${JSON.stringify(value)}`);
    await expect(run).rejects.toThrow(allowed);
    await expect(run).rejects.toThrow(`Fix: pulumi config set ${NS}:${key}`);
  });

  it.each([
    // Every address: no restriction at all on where owners open Jupyter from.
    '["0.0.0.0/0"]',
    '["203.0.113.0/33"]',
    '["203.0.113.256/24"]',
    '["203.0.113.7"]',
    '["203.0.113.0/24", "0.0.0.0/0"]',
    // Review 5 (R5-6): two /1 networks are every address; no egress range is wider than a /8.
    '["0.0.0.0/1", "128.0.0.0/1"]',
    '["10.0.0.0/7"]',
    '["203.0.113.0/24", "128.0.0.0/1"]',
  ])('ownerSourceCidrs = %s is refused, naming the value, what is allowed and the fix', async (value) => {
    const run = planWith({ [`${NS}:ownerSourceCidrs`]: value });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(`${NS}:ownerSourceCidrs = ${JSON.stringify(value)}`);
    await expect(run).rejects.toThrow(
      'IPv4 CIDRs of /8 to /32 (public egress addresses; never 0.0.0.0/0 nor a set that covers every address)',
    );
    await expect(run).rejects.toThrow(`Fix: write ${NS}:ownerSourceCidrs: ["203.0.113.0/24"]`);
  });

  it('accepts a /8 and a /32 as owner networks', async () => {
    const plan = await planWith({ [`${NS}:ownerSourceCidrs`]: '["10.0.0.0/8", "198.51.100.7/32"]' });
    expect(plan.resources.some((r) => r.name === 'owner-access')).toBe(true);
  });

  it.each<[string[], boolean]>([
    [['0.0.0.0/1', '128.0.0.0/1'], true],
    [['128.0.0.0/1', '0.0.0.0/2', '64.0.0.0/2'], true],
    [Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`), true],
    [Array.from({ length: 255 }, (_, i) => `${i}.0.0.0/8`), false],
    [['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3'], false],
    [['203.0.113.0/24'], false],
    [[], false],
  ])('coversEveryAddress(%j) is %s', (cidrs, expected) => {
    expect(coversEveryAddress(cidrs)).toBe(expected);
  });

  it('refuses a set of owner networks that covers every address, naming the setting, the value and the fix', () => {
    const all = Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`);
    expect(crossSettingProblems({ ownerSourceCidrs: all }, 'dev')).toEqual([
      `${NS}:ownerSourceCidrs = ${JSON.stringify(all)} covers every IPv4 address together: owners could open Jupyter from anywhere. Allowed: IPv4 CIDRs of /8 to /32 (public egress addresses; never 0.0.0.0/0 nor a set that covers every address). Fix: write ${NS}:ownerSourceCidrs: ["203.0.113.0/24"] (your offices' and VPN's egress ranges) in packages/notebook/Pulumi.dev.yaml`,
    ]);
    expect(crossSettingProblems({ ownerSourceCidrs: all.slice(1) }, 'dev')).toEqual([]);
  });

  it('lists every problem at once', async () => {
    const run = planWith({ [`${NS}:idleMinutes`]: '5', [`${NS}:volumeSizeGb`]: '0', [`${NS}:typo`]: 'x' });
    await expect(run).rejects.toThrow(/3 problems/);
    await expect(run).rejects.toThrow(`${NS}:typo is not a known setting`);
  });

  it.each([['ml.t3.medium'], ['ml.g5.2xlarge']])(
    'accepts %s and the bounds 5 / 16384 GB and 10 / 1440 minutes',
    async (type) => {
      for (const [volume, idle] of [
        ['5', '10'],
        ['16384', '1440'],
      ] as const) {
        const plan = await planWith({
          [`${NS}:instanceType`]: type,
          [`${NS}:volumeSizeGb`]: volume,
          [`${NS}:idleMinutes`]: idle,
        });
        expect(hookOf(plan, 'onStart')).toContain(`export SECURE_ML_IDLE_MINUTES='${idle}'`);
      }
    },
  );

  it('allows only ml.* instance types', () => {
    expect(NOTEBOOK_INSTANCE_TYPES.every((t) => /^ml\.[a-z0-9-]+\.[a-z0-9]+$/.test(t))).toBe(true);
  });

  it('refuses an allowed list with a type AWS does not offer, naming the value and the fix', async () => {
    const run = planWith({ [`${NS}:allowedInstanceTypes`]: '["t3.medium"]' });
    await expect(run).rejects.toThrow(
      `${NS}:allowedInstanceTypes = "[\\"t3.medium\\"]" (invalid item(s) ["t3.medium"])`,
    );
    await expect(run).rejects.toThrow('expected a list of instance types AWS offers for notebook instances');
    await expect(run).rejects.toThrow(
      `Fix: write ${NS}:allowedInstanceTypes: ["ml.t3.medium","ml.m5.xlarge"]`,
    );
  });

  it('refuses a type AWS offers but the platform team has not allowed, naming the fix', async () => {
    const run = planWith({ [`${NS}:instanceType`]: 'ml.p4d.24xlarge' });
    await expect(run).rejects.toThrow(
      'secure-ml-notebook:instanceType = "ml.p4d.24xlarge" is not in secure-ml-notebook:allowedInstanceTypes',
    );
    await expect(run).rejects.toThrow('or add it to secure-ml-notebook:allowedInstanceTypes');
  });

  it('accepts that type once the platform team allows it', async () => {
    const plan = await planWith({
      [`${NS}:instanceType`]: 'ml.p4d.24xlarge',
      [`${NS}:allowedInstanceTypes`]: '["ml.t3.medium","ml.p4d.24xlarge"]',
    });
    expect(plan.resources.filter((r) => r.inputs['instanceType'] === 'ml.p4d.24xlarge')).toHaveLength(2);
  });

  it("a notebook's own type must be allowed too", async () => {
    const run = planWith({
      [`${NS}:notebooks`]: JSON.stringify({
        alice: { owner: 'alice@example.com', instanceType: 'ml.p5.48xlarge' },
      }),
    });
    await expect(run).rejects.toThrow(
      `secure-ml-notebook:notebooks.alice.instanceType = "ml.p5.48xlarge" is not in secure-ml-notebook:allowedInstanceTypes`,
    );
    await expect(run).rejects.toThrow(
      "Fix: pulumi config set --path 'secure-ml-notebook:notebooks.alice.instanceType' ml.t3.medium --stack dev --cwd packages/notebook",
    );
  });

  describe('the notebooks map', () => {
    const withMap = (map: unknown) => planWith({ [`${NS}:notebooks`]: JSON.stringify(map) });

    it('is required', async () => {
      await expect(planNotebook('dev', { [`${NS}:notebooks`]: undefined })).rejects.toThrow(
        `${NS}:notebooks is required: expected a map of notebook id`,
      );
    });

    it('lists every problem of every entry in one error, each with its value, and the fix', async () => {
      const run = withMap({
        Alice: { owner: 'alice@example.com' },
        bob: { owner: 'b', instanceType: 'ml.t3.huge', volumeSizeGb: 4, idleMinutes: 5, colour: 'red' },
        '-carol': 'carol@example.com',
      });
      const message = await run.then(
        () => '',
        (e: unknown) => (e as Error).message,
      );
      for (const part of [
        'notebooks.Alice: the id "Alice" must be 1-32 lowercase letters, digits or hyphens',
        'notebooks.bob.colour is not a notebook field (a typo?): the fields are owner, instanceType, volumeSizeGb, idleMinutes',
        'notebooks.bob.owner = "b": expected the owner\'s user name in lowercase (2-64 lowercase letters',
        'notebooks.bob.instanceType = "ml.t3.huge": expected an instance type AWS offers for notebook instances',
        'notebooks.bob.volumeSizeGb = 4: expected an integer from 5 to 16384',
        'notebooks.bob.idleMinutes = 5: expected an integer from 10 to 1440',
        'notebooks.-carol: the id "-carol" must be',
        'notebooks.-carol = "carol@example.com": expected a map with owner',
        `Fix: write ${NS}:notebooks: {"alice":{"owner":"alice@example.com"}} in packages/notebook/Pulumi.dev.yaml`,
      ])
        expect(message).toContain(part);
      expect(message).toMatch(/^Invalid configuration in packages\/notebook\/Pulumi.dev.yaml \(1 problem\)/);
    });

    it.each([
      ['an empty map', {}, 'no notebook: the map needs at least one entry'],
      ['a list', ['alice'], 'not a map of notebook ids'],
      ['an id of 33 characters', { ['a'.repeat(33)]: { owner: 'alice@example.com' } }, 'must be 1-32'],
      ['an entry without owner', { alice: { idleMinutes: 30 } }, 'notebooks.alice.owner = null'],
    ])('refuses %s', async (_what, map, message) => {
      await expect(withMap(map)).rejects.toThrow(message);
    });

    it('refuses an owner with capitals: the owner match is case-sensitive, so the contract is lowercase', async () => {
      await expect(withMap({ alice: { owner: 'Alice@example.com' } })).rejects.toThrow(
        `notebooks.alice.owner = "Alice@example.com": expected the owner's user name in lowercase`,
      );
    });

    it('accepts an id of 32 characters, one character, and digits and hyphens inside', async () => {
      const plan = await withMap({
        ['a'.repeat(32)]: { owner: 'a@example.com' },
        x: { owner: 'x.y@example.com' },
        'team-2-nb': { owner: 'svc_team+2=ok,@example.com' },
      });
      expect(
        plan.resources
          .filter((r) => r.type === 'aws:sagemaker/notebookInstance:NotebookInstance')
          .map((r) => r.inputs['name']),
      ).toEqual([`sml-dev-notebook-${'a'.repeat(32)}`, 'sml-dev-notebook-team-2-nb', 'sml-dev-notebook-x']);
    });
  });

  describe('settings that go together', () => {
    it.each([
      [{ codeArtifactDomain: 'ml-packages' }, 'secure-ml-notebook:codeArtifactRepository is unset'],
      [{ codeArtifactRepository: 'pypi-store' }, 'secure-ml-notebook:codeArtifactDomain is unset'],
      [{ codeArtifactDomainOwner: '123456789012' }, 'set without secure-ml-notebook:codeArtifactDomain'],
      [
        { codeArtifactDomain: 'd1', codeArtifactRepository: 'r1', pipIndexUrl: 'https://p.example/simple/' },
        "both configure pip's index",
      ],
    ])('%j is refused', async (settings, message) => {
      expect(crossSettingProblems(settings, 'dev').join('\n')).toContain(message);
      const config = Object.fromEntries(Object.entries(settings).map(([k, v]) => [`${NS}:${k}`, v]));
      await expect(planWith(config)).rejects.toThrow(message);
    });

    it('accepts a complete CodeArtifact mirror, or a pip index alone, or none', () => {
      expect(
        crossSettingProblems(
          { codeArtifactDomain: 'd1', codeArtifactRepository: 'r1', codeArtifactDomainOwner: '123456789012' },
          'dev',
        ),
      ).toEqual([]);
      expect(crossSettingProblems({ pipIndexUrl: 'https://p.example/simple/' }, 'dev')).toEqual([]);
      expect(crossSettingProblems({}, 'dev')).toEqual([]);
    });
  });

  // One plan per test: three plans in one test ran past Jest's per-test timeout on a loaded machine.
  it('puts a configured mirror into the on-start hook', async () => {
    const withMirror = await planWith({ [`${NS}:pipIndexUrl`]: 'https://pypi.example.internal/simple/' });
    expect(hookOf(withMirror, 'onStart')).toContain(
      "export SECURE_ML_PIP_INDEX_URL='https://pypi.example.internal/simple/'",
    );
  });

  it.each(environmentsIn(REPO_ROOT))(
    'puts no mirror into the on-start hook of %s by default',
    async (stack) => {
      const hook = hookOf(await planNotebook(stack), 'onStart');
      expect(hook).toContain("export SECURE_ML_PIP_INDEX_URL=''");
      expect(hook).toContain("export SECURE_ML_CODEARTIFACT_DOMAIN=''");
    },
  );
});
