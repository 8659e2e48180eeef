import { estimateCost, idleMinutesOf, PRICES, scheduledHours } from '../src/cost';
import { T } from '../src/resources';
import { compliantEnv, res } from './fixtures';

/** A plan with a known bill: 3 interface endpoints in 2 AZs, 1 NAT gateway, 2 keys, 4 alarms, 1 ml.t3.medium. */
function handBuilt(region = 'eu-west-1') {
  const endpoint = (s: string) =>
    res('network', T.endpoint, s, {
      vpcEndpointType: 'Interface',
      serviceName: `com.amazonaws.${region}.${s}`,
      subnetIds: ['subnet-a', 'subnet-b'],
    });
  return {
    ...compliantEnv(),
    resources: [
      res('network', 'pulumi:providers:aws', 'default', { region }),
      endpoint('sts'),
      endpoint('logs'),
      endpoint('kms'),
      res('network', T.endpoint, 's3', {
        vpcEndpointType: 'Gateway',
        serviceName: `com.amazonaws.${region}.s3`,
      }),
      res('network', T.nat, 'nat', {}),
      res('security', T.key, 'a', {}),
      res('security', T.key, 'b', {}),
      ...[1, 2, 3, 4].map((i) => res('logging', T.alarm, `alarm-${i}`, {})),
      res('notebook', T.notebook, 'nb', { instanceType: 'ml.t3.medium' }),
    ],
  };
}

describe('fixed monthly cost estimate', () => {
  it('prices a hand-built eu-west-1 plan as the arithmetic says', () => {
    const estimate = estimateCost(handBuilt());
    // 3 endpoints x 2 AZs x 730 h x $0.011 = $48.18; NAT 730 h x $0.048 = $35.04; keys 2 x $1; alarms 4 x $0.10;
    // ml.t3.medium 730 h x $0.055 = $40.15. The S3 gateway endpoint is free.
    const expected = 3 * 2 * 730 * 0.011 + 730 * 0.048 + 2 * 1 + 4 * 0.1 + 730 * 0.055;
    expect(estimate.total).toBeCloseTo(expected, 2);
    expect(estimate.total).toBe(125.77);
    expect(estimate.lines.find((l) => l.item === 'Interface endpoints')).toMatchObject({
      quantity: 4380,
      monthly: 48.18,
    });
    expect(estimate.lines.find((l) => l.item === 'NAT gateways')).toMatchObject({
      quantity: 730,
      monthly: 35.04,
    });
    expect(estimate.unpriced).toEqual([]);
  });

  it('prints its assumptions and the date of its prices', () => {
    const { assumptions } = estimateCost(handBuilt());
    expect(assumptions.join('\n')).toContain(PRICES.date);
    expect(assumptions.join('\n')).toMatch(/730 hours/);
  });

  it('shows what keeping the endpoints in one of two zones saves, and only then', () => {
    const env = handBuilt();
    const twoZones = {
      ...env,
      outputs: {
        ...env.outputs,
        network: { ...env.outputs.network, availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
      },
    };
    expect(estimateCost(twoZones).assumptions.join('\n')).not.toMatch(/saves/);
    const oneZone = {
      ...twoZones,
      resources: twoZones.resources.map((r) =>
        r.type === T.endpoint && r.inputs['vpcEndpointType'] === 'Interface'
          ? { ...r, inputs: { ...r.inputs, subnetIds: ['subnet-a'] } }
          : r,
      ),
    };
    // 3 endpoints x 1 skipped zone x 730 h x $0.011 = $24.09.
    expect(estimateCost(oneZone).assumptions.join('\n')).toContain(
      'this saves $24.09 a month against one endpoint per zone',
    );
  });

  it('says what it cannot price instead of guessing', () => {
    const env = handBuilt();
    const gpu = {
      ...env,
      resources: env.resources.map((r) =>
        r.type === T.notebook ? { ...r, inputs: { instanceType: 'ml.p5.48xlarge' } } : r,
      ),
    };
    expect(estimateCost(gpu).unpriced.join()).toContain('ml.p5.48xlarge');
    expect(estimateCost(handBuilt('ap-south-2')).unpriced.join()).toContain('ap-south-2');
    expect(estimateCost(handBuilt('ap-south-2')).total).toBe(0);
  });
});

describe('the notebook at its idle-stop schedule (issue 11 item 12)', () => {
  const hook = (idle: string) =>
    Buffer.from(`#!/bin/bash\nexport SECURE_ML_IDLE_MINUTES='${idle}'\n`).toString('base64');

  it('reads the idle limit from the on-start hook the plan registers', () => {
    expect(idleMinutesOf(hook('60'))).toBe(60);
    expect(idleMinutesOf(Buffer.from('#!/bin/bash\n').toString('base64'))).toBeUndefined();
  });

  it('runs the working hours plus the idle limit and one poll each working day', () => {
    // 21 days x (8 h + (60 + 5) min) = 21 x 9.0833 h = 190.75 h.
    expect(scheduledHours(60)).toBeCloseTo(190.75, 2);
    // A configurable assumption: 10 h a day, 22 days, 30 idle minutes = 22 x 10.5833 h = 232.83 h.
    expect(scheduledHours(30, { hoursPerDay: 10, daysPerMonth: 22 })).toBeCloseTo(232.83, 2);
  });

  it('prices the notebook at that schedule beside the always-on total', () => {
    const env = handBuilt();
    const withHook = {
      ...env,
      resources: [...env.resources, res('notebook', T.lifecycle, 'lifecycle', { onStart: hook('60') })],
    };
    const text = estimateCost(withHook).assumptions.join('\n');
    // 190.75 h x $0.055 = $10.49 instead of 730 h x $0.055 = $40.15: total $125.77 - 40.15 + 10.49 = $96.11.
    expect(text).toContain(
      'At its idle stop: working 8 h a day, 21 days a month, then up to its idle limit and one 5-minute auto-stop poll, each notebook runs: nb (ml.t3.medium) 190.75 h a month (idle limit 60 minutes). That is $10.49 instead of $40.15 always on, so the monthly total is $96.11 instead of $125.77.',
    );
    const tenHours = estimateCost(withHook, 'eu-west-1', {
      hoursPerDay: 10,
      daysPerMonth: 22,
    }).assumptions.join('\n');
    // 22 x (10 + 65/60) = 243.83 h x $0.055 = $13.41.
    expect(tenHours).toContain(
      '(ml.t3.medium) 243.83 h a month (idle limit 60 minutes). That is $13.41 instead of $40.15',
    );
  });

  it('lists each notebook on its own line, at its own idle limit', () => {
    const env = handBuilt();
    const bob = env.resources.find((r) => r.type === T.notebook)!;
    const withTwo = {
      ...env,
      resources: [
        ...env.resources.map((r) =>
          r.type === T.notebook
            ? {
                ...r,
                inputs: { ...r.inputs, name: 'sml-dev-notebook-alice', lifecycleConfigName: 'lc-alice' },
              }
            : r,
        ),
        {
          ...bob,
          name: 'bob',
          inputs: {
            ...bob.inputs,
            name: 'sml-dev-notebook-bob',
            instanceType: 'ml.m5.xlarge',
            lifecycleConfigName: 'lc-bob',
          },
        },
        res('notebook', T.lifecycle, 'lc-a', { name: 'lc-alice', onStart: hook('60') }),
        res('notebook', T.lifecycle, 'lc-b', { name: 'lc-bob', onStart: hook('120') }),
      ],
    };
    const cost = estimateCost(withTwo);
    expect(cost.lines.filter((l) => l.item.startsWith('Notebook')).map((l) => [l.item, l.monthly])).toEqual([
      ['Notebook instance sml-dev-notebook-alice (ml.t3.medium)', 40.15],
      ['Notebook instance sml-dev-notebook-bob (ml.m5.xlarge)', 201.48],
    ]);
    // alice: 21 x (8 + 65/60) = 190.75 h; bob: 21 x (8 + 125/60) = 211.75 h. $10.49 + 211.75 x $0.276 = $58.44 + $10.49.
    expect(cost.assumptions.join('\n')).toContain(
      'sml-dev-notebook-alice (ml.t3.medium) 190.75 h a month (idle limit 60 minutes); sml-dev-notebook-bob (ml.m5.xlarge) 211.75 h a month (idle limit 120 minutes). That is $68.93 instead of $241.63 always on',
    );
  });

  it('says nothing of a schedule when the plan has no notebook', () => {
    const env = handBuilt();
    const none = { ...env, resources: env.resources.filter((r) => r.type !== T.notebook) };
    expect(estimateCost(none).assumptions.join('\n')).not.toContain('At its idle stop');
  });

  it('states that jobs are billed per use and are not in the fixed total, where notebooks may start jobs', () => {
    const line =
      "Training, processing and tuning jobs the notebooks start are billed per use: each job's instance-seconds (its wall-clock run time times its instance count, at the instance type's per-hour rate) and its ML storage volume, from start to stop. They are not in the fixed monthly total; a job's bill is BillableTimeInSeconds x InstanceCount (aws sagemaker describe-training-job), priced on aws.amazon.com/sagemaker-ai/pricing.";
    const withJobs = estimateCost(compliantEnv());
    expect(withJobs.assumptions).toContain(line);
    expect(withJobs.lines.some((l) => /job/i.test(l.item))).toBe(false);
    const noJobs = estimateCost({
      ...compliantEnv({ jobsEnabled: false }),
      resources: compliantEnv().resources.filter(
        (r) => !['job-role', 'job-start', 'job-data-access'].includes(r.name),
      ),
    });
    expect(noJobs.assumptions).not.toContain(line);
  });
});
