import { AWS_CLI_PATHS, devSettings, JupyterFixture, minutesAgo, Sandbox } from './sandbox';

/**
 * The idle auto-stop as installed by the real on-start hook, run against a fixture of Jupyter's local API:
 * it stops after the idle time and not before, never while a kernel is busy, and only once.
 */
describe('idle auto-stop (sandboxed)', () => {
  const jupyter = new JupyterFixture();
  let url = '';
  let box: Sandbox;
  const tick = () => box.run(box.path('opt/secure-ml/auto-stop.sh'), { SECURE_ML_JUPYTER_URL: url });
  const stops = () => box.calls('aws').filter((c) => c.startsWith('sagemaker stop-notebook-instance'));

  beforeAll(async () => {
    url = await jupyter.start();
  });
  afterAll(() => jupyter.stop());
  beforeEach(async () => {
    box = new Sandbox({ systemd: true });
    jupyter.started = minutesAgo(120);
    jupyter.kernels = [];
    jupyter.terminals = [];
    // GIVEN the on-start hook installed the auto-stop with a 30-minute idle time
    const hook = await box.runHook('on-start', devSettings());
    expect(hook.code).toBe(0);
  });
  afterEach(() => box.remove());

  it('does not stop before the idle time: kernel active 29 minutes ago', async () => {
    jupyter.kernels = [{ execution_state: 'idle', last_activity: minutesAgo(29) }];
    expect((await tick()).code).toBe(0);
    expect(stops()).toEqual([]);
    expect(box.read('var/log/jupyter.log')).toMatch(/secure-ml auto-stop: idle for 29 of 30 minutes/);
  });

  it('stops after the idle time: every kernel and terminal quiet for 31 minutes or more', async () => {
    jupyter.kernels = [
      { execution_state: 'idle', last_activity: minutesAgo(31) },
      { execution_state: 'idle', last_activity: minutesAgo(90) },
    ];
    jupyter.terminals = [{ name: '1', last_activity: minutesAgo(45) }];
    expect((await tick()).code).toBe(0);
    expect(stops()).toEqual([
      'sagemaker stop-notebook-instance --region eu-west-1 --notebook-instance-name sml-dev-notebook-alice',
    ]);
    expect(box.read('var/log/jupyter.log')).toMatch(
      /idle for 31 minutes \(limit 30\): stopping sml-dev-notebook-alice/,
    );
  });

  it('does not stop while a kernel is busy, however long ago its last message', async () => {
    jupyter.kernels = [{ execution_state: 'busy', last_activity: minutesAgo(600) }];
    expect((await tick()).code).toBe(0);
    expect(stops()).toEqual([]);
    expect(box.read('var/log/jupyter.log')).toMatch(/a kernel is busy/);
  });

  it('counts terminal activity: a terminal used 5 minutes ago keeps the instance up', async () => {
    jupyter.kernels = [{ execution_state: 'idle', last_activity: minutesAgo(300) }];
    jupyter.terminals = [{ name: '1', last_activity: minutesAgo(5) }];
    await tick();
    expect(stops()).toEqual([]);
  });

  it('measures from the server start when nothing was ever opened', async () => {
    jupyter.started = minutesAgo(10);
    await tick();
    expect(stops()).toEqual([]);
    jupyter.started = minutesAgo(35);
    await tick();
    expect(stops()).toHaveLength(1);
  });

  it('asks for the stop once, and never counts its own polling as activity', async () => {
    jupyter.started = minutesAgo(60);
    await tick();
    await tick();
    expect(stops()).toHaveLength(1);
    expect(
      jupyter.requests.filter((r) => r.startsWith('/api/')).every((r) => r.endsWith('?no_track_activity=1')),
    ).toBe(true);
  });

  it('does not stop when the Jupyter API does not answer, and says so', async () => {
    const result = await box.run(box.path('opt/secure-ml/auto-stop.sh'), {
      SECURE_ML_JUPYTER_URL: 'http://127.0.0.1:9',
    });
    expect(result.code).toBe(1);
    expect(stops()).toEqual([]);
    expect(box.read('var/log/jupyter.log')).toMatch(/did not answer; not stopping/);
  });

  it('refuses a Jupyter URL that is not loopback (its certificate is not verified)', async () => {
    const result = await box.run(box.path('opt/secure-ml/auto-stop.sh'), {
      SECURE_ML_JUPYTER_URL: 'https://example.com:8443',
    });
    expect(result.code).toBe(2);
    expect(box.read('var/log/jupyter.log')).toMatch(/must be on loopback/);
  });

  describe("run by systemd: the unit's ExecStart under exactly the unit's environment", () => {
    const idle = () => {
      jupyter.kernels = [{ execution_state: 'idle', last_activity: minutesAgo(45) }];
    };

    it.each(['system', 'conda'] as const)(
      'stops through the %s AWS CLI recorded at on-start, with PATH=/usr/local/bin:/usr/bin:/bin only',
      async (where) => {
        box.remove();
        box = new Sandbox({ systemd: true, conda: true, awsCli: where });
        // GIVEN on-start recorded the Jupyter URL and the CLI, and the unit declares only PATH
        expect((await box.runHook('on-start', devSettings({ SECURE_ML_JUPYTER_URL: url }))).code).toBe(0);
        expect(box.read('etc/systemd/system/secure-ml-auto-stop.service')).toMatch(
          /^Environment=PATH=\/usr\/local\/bin:\/usr\/bin:\/bin$/m,
        );
        idle();
        // WHEN systemd runs the unit
        const result = await box.runUnit('secure-ml-auto-stop.service');
        // THEN it stopped the instance through the recorded CLI
        expect(result.code).toBe(0);
        expect(stops()).toEqual([
          'sagemaker stop-notebook-instance --region eu-west-1 --notebook-instance-name sml-dev-notebook-alice',
        ]);
        expect(box.exists(AWS_CLI_PATHS[where])).toBe(true);
      },
    );

    it('fails loudly in the log when no CLI was found', async () => {
      box.remove();
      box = new Sandbox({ systemd: true, awsCli: 'none' });
      expect((await box.runHook('on-start', devSettings({ SECURE_ML_JUPYTER_URL: url }))).code).toBe(0);
      idle();
      const result = await box.runUnit('secure-ml-auto-stop.service');
      expect(result.code).not.toBe(0);
      expect(box.read('var/log/jupyter.log')).toMatch(
        /secure-ml auto-stop: ERROR: no AWS CLI recorded in .*settings\.env \(SECURE_ML_AWS_CLI=''\): cannot call AWS/,
      );
      expect(box.exists('var/lib/secure-ml/stop-requested')).toBe(false);
    });
  });
});
