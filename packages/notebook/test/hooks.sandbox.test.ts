import { devSettings, Sandbox, waitFor } from './sandbox';

/** The generated on-start and on-create hooks, run as SageMaker runs them, inside a sandbox root. */
describe('on-start hook (sandboxed)', () => {
  let box: Sandbox;
  afterEach(() => box.remove());

  it('installs the auto-stop as a systemd timer where systemd runs, with the settings it reads', async () => {
    box = new Sandbox({ systemd: true });
    const result = await box.runHook('on-start', devSettings());
    expect(result.code).toBe(0);
    expect(box.read('etc/systemd/system/secure-ml-auto-stop.service')).toContain(
      `ExecStart=${box.path('opt/secure-ml/auto-stop.sh')}`,
    );
    expect(box.read('etc/systemd/system/secure-ml-auto-stop.timer')).toMatch(/OnUnitActiveSec=5min/);
    expect(box.calls('systemctl')).toEqual(['daemon-reload', 'enable --now secure-ml-auto-stop.timer']);
    expect(box.calls('crontab')).toEqual([]);
    expect(box.read('etc/secure-ml/settings.env')).toContain(`SECURE_ML_IDLE_MINUTES='30'`);
    expect(box.read('var/log/jupyter.log')).toMatch(/secure-ml on-start: auto-stop scheduled every 5min/);
  });

  it('installs it as a root cron job where systemd does not run', async () => {
    box = new Sandbox({ systemd: false });
    expect((await box.runHook('on-start', devSettings())).code).toBe(0);
    expect(box.crontab()).toBe(`*/5 * * * * ${box.path('opt/secure-ml/auto-stop.sh')}\n`);
    expect(box.calls('systemctl')).toEqual([]);
  });

  it('writes the environment of notebook users: data bucket, data key, region, regional STS', async () => {
    box = new Sandbox({ systemd: true });
    await box.runHook('on-start', devSettings());
    const env = box.read('etc/secure-ml/notebook.env');
    expect(env).toContain('SECURE_ML_DATA_BUCKET=sml-dev-data-123456789012-eu-west-1');
    expect(env).toContain('SECURE_ML_DATA_PREFIX=notebooks/alice/');
    expect(env).toContain('SECURE_ML_DATA_KEY_ARN=arn:aws:kms:eu-west-1:123456789012:key/0000');
    expect(env).toContain('AWS_DEFAULT_REGION=eu-west-1');
    expect(env).toContain('AWS_STS_REGIONAL_ENDPOINTS=regional');
    expect(box.read('etc/profile.d/secure-ml.sh')).toContain('. /etc/secure-ml/notebook.env');
    // The SDK defaults to the data bucket and the notebook's prefix; with jobs off, no job defaults
    // (sdk-config.sandbox.test.ts checks both forms against the SDK's schema).
    expect(box.read('etc/xdg/sagemaker/config.yaml')).toBe(
      [
        "SchemaVersion: '1.0'",
        'SageMaker:',
        '  PythonSDK:',
        '    Modules:',
        '      Session:',
        '        DefaultS3Bucket: sml-dev-data-123456789012-eu-west-1',
        '        DefaultS3ObjectKeyPrefix: notebooks/alice',
        '',
      ].join('\n'),
    );
  });

  describe('the AWS CLI the installed scripts call', () => {
    it.each([
      ['system', '/usr/bin/aws'],
      ['conda', '/home/ec2-user/anaconda3/envs/JupyterSystemEnv/bin/aws'],
    ] as const)('is resolved at on-start and recorded in the settings: the %s one', async (where, path) => {
      box = new Sandbox({ systemd: true, conda: true, awsCli: where });
      expect((await box.runHook('on-start', devSettings())).code).toBe(0);
      expect(box.read('etc/secure-ml/settings.env')).toContain(`SECURE_ML_AWS_CLI='${box.path(path)}'`);
      expect(box.read('var/log/jupyter.log')).toContain(`secure-ml on-start: AWS CLI: ${box.path(path)}`);
    });

    it('is missing: the notebook still starts, and the log says loudly that it cannot stop itself', async () => {
      box = new Sandbox({ systemd: true, awsCli: 'none' });
      expect((await box.runHook('on-start', devSettings())).code).toBe(0);
      expect(box.read('etc/secure-ml/settings.env')).toContain(`SECURE_ML_AWS_CLI=''`);
      expect(box.read('var/log/jupyter.log')).toMatch(
        /secure-ml on-start: ERROR: no AWS CLI found \(system or conda\): the idle auto-stop cannot stop this instance/,
      );
    });
  });

  describe('package mirror', () => {
    it('writes no pip or conda configuration when no mirror is configured, and calls nothing', async () => {
      box = new Sandbox({ systemd: true, conda: true });
      await box.runHook('on-start', devSettings());
      expect(box.exists('etc/pip.conf')).toBe(false);
      expect(box.exists('etc/conda/condarc')).toBe(false);
      expect(box.calls('aws')).toEqual([]);
      expect(box.read('var/log/jupyter.log')).toMatch(/no package mirror configured/);
    });

    it('points pip at a private index URL', async () => {
      box = new Sandbox({ systemd: true });
      await box.runHook(
        'on-start',
        devSettings({ SECURE_ML_PIP_INDEX_URL: 'https://pypi.example.internal/simple/' }),
      );
      await waitFor(() => box.exists('etc/pip.conf'), 'pip.conf');
      expect(box.read('etc/pip.conf')).toBe(
        '[global]\nindex-url = https://pypi.example.internal/simple/\ndisable-pip-version-check = true\n',
      );
      expect(box.calls('aws')).toEqual([]);
    });

    it('points pip at CodeArtifact with a 12-hour token, refreshed every 6 hours, and keeps the token out of the log', async () => {
      box = new Sandbox({ systemd: false });
      const settings = devSettings({
        SECURE_ML_CODEARTIFACT_DOMAIN: 'ml-packages',
        SECURE_ML_CODEARTIFACT_REPOSITORY: 'pypi-store',
        SECURE_ML_CODEARTIFACT_OWNER: '123456789012',
      });
      await box.runHook('on-start', settings);
      await waitFor(() => box.exists('etc/pip.conf'), 'pip.conf');
      expect(box.read('etc/pip.conf')).toContain(
        'index-url = https://aws:stub-token@ml-packages-123456789012.d.codeartifact.eu-west-1.amazonaws.com/pypi/pypi-store/simple/',
      );
      expect(box.calls('aws')).toEqual([
        'codeartifact get-authorization-token --region eu-west-1 --domain ml-packages --domain-owner 123456789012 --duration-seconds 43200 --query authorizationToken --output text',
      ]);
      expect(box.crontab()).toContain(`0 */6 * * * ${box.path('opt/secure-ml/mirror.sh')}`);
      await waitFor(() => box.read('var/log/jupyter.log').includes('pip uses'), 'mirror log line');
      expect(box.read('var/log/jupyter.log')).not.toContain('stub-token');
    });

    it('configures conda only where the instance has conda', async () => {
      const settings = devSettings({ SECURE_ML_CONDA_CHANNEL_URL: 'https://conda.example.internal/main' });
      box = new Sandbox({ systemd: true, conda: true });
      await box.runHook('on-start', settings);
      await waitFor(() => box.exists('etc/conda/condarc'), 'condarc');
      expect(box.read('etc/conda/condarc')).toContain('  - https://conda.example.internal/main');
      box.remove();

      box = new Sandbox({ systemd: true, conda: false });
      await box.runHook('on-start', settings);
      await waitFor(() => box.read('var/log/jupyter.log').includes('no pip mirror configured'), 'mirror run');
      expect(box.exists('etc/conda/condarc')).toBe(false);
    });

    it('runs in the background: the hook returns while the CodeArtifact call has not answered', async () => {
      box = new Sandbox({ systemd: true });
      const settings = devSettings({
        SECURE_ML_CODEARTIFACT_DOMAIN: 'ml-packages',
        SECURE_ML_CODEARTIFACT_REPOSITORY: 'pypi-store',
        SECURE_ML_CODEARTIFACT_OWNER: '123456789012',
      });
      // The token call does not answer until released: a hook that waited for it would never return.
      box.holdToken();
      const result = await box.runHook('on-start', settings);
      expect(result.code).toBe(0);
      expect(box.exists('etc/pip.conf')).toBe(false);
      await waitFor(() => box.tokenRequested(), 'the background CodeArtifact call');
      expect(box.exists('etc/pip.conf')).toBe(false);
      box.releaseToken();
      await waitFor(() => box.exists('etc/pip.conf'), 'pip.conf after the call answers');
    });
  });

  describe('a second run changes nothing', () => {
    it.each([
      ['systemd', true],
      ['cron', false],
    ])('with %s', async (_name, systemd) => {
      box = new Sandbox({ systemd, conda: true });
      const settings = devSettings({
        SECURE_ML_PIP_INDEX_URL: 'https://pypi.example.internal/simple/',
        SECURE_ML_CONDA_CHANNEL_URL: 'https://conda.example.internal/main',
      });
      const logLines = () =>
        box
          .read('var/log/jupyter.log')
          .split('\n')
          .filter((l) => l.includes('conda uses')).length;
      await box.runHook('on-start', settings);
      await waitFor(() => logLines() === 1, 'first mirror run');
      const before = box.snapshot();
      const crontab = box.crontab();
      const systemctl = box.calls('systemctl');

      await box.runHook('on-start', settings);
      await waitFor(() => logLines() === 2, 'second mirror run');

      const after = box.snapshot();
      delete before['var/log/jupyter.log'];
      delete after['var/log/jupyter.log'];
      expect(after).toEqual(before);
      expect(box.crontab()).toBe(crontab);
      // systemd: no daemon-reload and no enable the second time; the timer is already active.
      expect(box.calls('systemctl').slice(systemctl.length)).toEqual(
        systemd ? ['is-active --quiet secure-ml-auto-stop.timer'] : [],
      );
    });
  });
});

describe('on-create hook (sandboxed)', () => {
  it('writes the guide to the persistent volume once, and a second run changes nothing', async () => {
    const box = new Sandbox();
    try {
      expect((await box.runHook('on-create', devSettings())).code).toBe(0);
      const guide = box.read('home/ec2-user/SageMaker/SECURE-ML.md');
      expect(guide).toContain('s3://sml-dev-data-123456789012-eu-west-1');
      expect(guide).toContain('after 30 minutes');
      const before = box.snapshot();
      await box.runHook('on-create', devSettings());
      const after = box.snapshot();
      delete before['var/log/jupyter.log'];
      delete after['var/log/jupyter.log'];
      expect(after).toEqual(before);
    } finally {
      box.remove();
    }
  });
});

describe('hooks refuse to run outside the generated wrapper', () => {
  it('names the missing variable', async () => {
    const box = new Sandbox();
    try {
      const result = await box.run(`${__dirname}/../lifecycle/on-start.sh`);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('SECURE_ML_PAYLOAD is unset');
    } finally {
      box.remove();
    }
  });
});
