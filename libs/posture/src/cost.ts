import type { Env } from './model';
import { notebookJobsOn } from './controls/job-ground';
import { list, ofType, str, T } from './resources';

/**
 * A fixed monthly estimate: what the environment costs standing still, before any data is processed. List prices
 * in USD, on-demand, without free tier, taken from the AWS pricing pages on the date below; change the table
 * (and the date) when AWS changes them. Per-GB charges (endpoint data processing, NAT data, log ingestion, S3
 * storage) depend on use and are left out on purpose.
 */
export const PRICES = {
  date: '2026-11-01',
  source:
    'aws.amazon.com/privatelink/pricing, /vpc/pricing, /kms/pricing, /cloudwatch/pricing, /sagemaker/pricing (on-demand, notebook instances)',
  hoursPerMonth: 730,
  /**
   * The working-hours assumption behind "the notebook at its idle stop": it runs while people work and then
   * until the auto-stop sees it idle. An assumption, not a measurement: pass your own to estimateCost.
   */
  workingHours: { hoursPerDay: 8, daysPerMonth: 21 },
  /** The auto-stop checks every 5 minutes, so a notebook runs up to this long past its idle limit. */
  autoStopPollMinutes: 5,
  regions: {
    'eu-west-1': {
      interfaceEndpointAzHour: 0.011,
      natGatewayHour: 0.048,
      kmsKeyMonth: 1.0,
      alarmMonth: 0.1,
      notebookHour: {
        'ml.t3.medium': 0.055,
        'ml.t3.large': 0.11,
        'ml.t3.xlarge': 0.22,
        'ml.m5.large': 0.138,
        'ml.m5.xlarge': 0.276,
      } as Record<string, number>,
    },
    'us-east-1': {
      interfaceEndpointAzHour: 0.01,
      natGatewayHour: 0.045,
      kmsKeyMonth: 1.0,
      alarmMonth: 0.1,
      notebookHour: {
        'ml.t3.medium': 0.05,
        'ml.t3.large': 0.1,
        'ml.t3.xlarge': 0.2,
        'ml.m5.large': 0.115,
        'ml.m5.xlarge': 0.23,
      } as Record<string, number>,
    },
  },
} as const;

export type PriceRegion = keyof typeof PRICES.regions;

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number;
  readonly monthly: number;
}

export interface CostEstimate {
  readonly region: string;
  readonly lines: readonly CostLine[];
  readonly total: number;
  readonly assumptions: readonly string[];
  /** What the table has no price for (an unknown region or instance type): not in the total. */
  readonly unpriced: readonly string[];
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** The region of the environment: the `region` input of the AWS provider every resource goes through. */
export function regionOf(env: Env): string | undefined {
  return env.resources
    .map((r) => (r.type === 'pulumi:providers:aws' ? str(r.inputs['region']) : undefined))
    .find(Boolean);
}

export interface WorkingHours {
  readonly hoursPerDay: number;
  readonly daysPerMonth: number;
}

/** The idle limit the notebook's on-start hook enforces, read from the hook itself (SECURE_ML_IDLE_MINUTES). */
export function idleMinutesOf(onStartBase64: unknown): number | undefined {
  const text = str(onStartBase64);
  if (!text) return undefined;
  const m = /^export SECURE_ML_IDLE_MINUTES='(\d+)'$/m.exec(Buffer.from(text, 'base64').toString('utf8'));
  return m?.[1] ? Number(m[1]) : undefined;
}

/**
 * Hours a month a notebook runs at its idle stop: each working day, the working hours plus the idle limit and
 * one auto-stop poll before it stops.
 */
export const scheduledHours = (idleMinutes: number, working: WorkingHours = PRICES.workingHours): number =>
  working.daysPerMonth * (working.hoursPerDay + (idleMinutes + PRICES.autoStopPollMinutes) / 60);

export function estimateCost(
  env: Env,
  region: string = regionOf(env) ?? 'eu-west-1',
  working: WorkingHours = PRICES.workingHours,
): CostEstimate {
  const prices = (PRICES.regions as Record<string, (typeof PRICES.regions)[PriceRegion] | undefined>)[region];
  const hours = PRICES.hoursPerMonth;
  const interfaces = ofType(env, T.endpoint).filter((e) => e.inputs['vpcEndpointType'] === 'Interface');
  const azHours = interfaces.reduce((n, e) => n + Math.max(list(e.inputs['subnetIds']).length, 1), 0);
  const nats = ofType(env, T.nat).length;
  const keys = ofType(env, T.key).length;
  const alarms = ofType(env, T.alarm).length;
  // Each notebook with its own type and its own idle limit (from its own lifecycle configuration's hook).
  const hooks = ofType(env, T.lifecycle);
  const notebooks = ofType(env, T.notebook).map((n) => {
    const lifecycle = str(n.inputs['lifecycleConfigName']);
    const hook = hooks.find((h) => str(h.inputs['name']) === lifecycle) ?? hooks[0];
    return {
      name: str(n.inputs['name']) ?? n.name,
      type: str(n.inputs['instanceType']) ?? 'unset',
      idle: idleMinutesOf(hook?.inputs['onStart']),
    };
  });
  const unpriced: string[] = [];
  if (!prices) {
    unpriced.push(`region ${region}: no prices in the table (libs/posture/src/cost.ts PRICES.regions)`);
    return { region, lines: [], total: 0, assumptions: assumptions(region), unpriced };
  }
  const lines: CostLine[] = [
    {
      item: 'Interface endpoints',
      quantity: azHours * hours,
      unit: 'endpoint AZ-hours',
      unitPrice: prices.interfaceEndpointAzHour,
      monthly: 0,
    },
    {
      item: 'NAT gateways',
      quantity: nats * hours,
      unit: 'gateway-hours',
      unitPrice: prices.natGatewayHour,
      monthly: 0,
    },
    { item: 'KMS keys', quantity: keys, unit: 'key-months', unitPrice: prices.kmsKeyMonth, monthly: 0 },
    {
      item: 'CloudWatch alarms',
      quantity: alarms,
      unit: 'alarm-months',
      unitPrice: prices.alarmMonth,
      monthly: 0,
    },
  ];
  const idleByItem = new Map<string, number | undefined>();
  for (const nb of notebooks) {
    const price = prices.notebookHour[nb.type];
    if (price === undefined)
      unpriced.push(
        `notebook instance type ${nb.type} in ${region}: add it to PRICES.regions['${region}'].notebookHour`,
      );
    else {
      const item = `Notebook instance ${nb.name} (${nb.type})`;
      idleByItem.set(item, nb.idle);
      lines.push({ item, quantity: hours, unit: 'instance-hours', unitPrice: price, monthly: 0 });
    }
  }
  const priced = lines.map((l) => ({ ...l, monthly: cents(l.quantity * l.unitPrice) }));
  const zones = list(env.outputs.network?.['availabilityZones']).length;
  const skipped = interfaces.length * zones - azHours;
  // Endpoints kept in fewer zones than the subnets (secure-ml-network:endpointsSingleAz) trade availability for
  // money: say how much, so that the choice is visible in the report.
  const saving =
    zones > 1 && skipped > 0
      ? [
          `Interface endpoints sit in fewer zones than the ${zones} private subnets: this saves $${cents(skipped * hours * prices.interfaceEndpointAzHour).toFixed(2)} a month against one endpoint per zone, and endpoints stop answering if their zone fails.`,
        ]
      : [];
  const total = cents(priced.reduce((s, l) => s + l.monthly, 0));
  return {
    region,
    lines: priced,
    total,
    assumptions: [
      ...assumptions(region),
      ...saving,
      ...atIdleStop(priced, total, idleByItem, working),
      ...(notebookJobsOn(env) ? [JOBS_BILLED_PER_USE] : []),
    ],
    unpriced,
  };
}

/**
 * The notebook lines priced at the idle-stop schedule instead of always on, and the total that follows: what a
 * team working the assumed hours pays. Shown beside the fixed (always-on) total, never instead of it.
 */
function atIdleStop(
  lines: readonly CostLine[],
  total: number,
  idleByItem: ReadonlyMap<string, number | undefined>,
  working: WorkingHours,
): string[] {
  const notebooks = lines.filter((l) => idleByItem.has(l.item));
  const idles = notebooks.map((l) => idleByItem.get(l.item));
  if (!notebooks.length || idles.some((i) => i === undefined)) return [];
  const always = notebooks.reduce((s, l) => s + l.monthly, 0);
  const each = notebooks.map((l) => {
    const idle = idleByItem.get(l.item) as number;
    const hours = cents(scheduledHours(idle, working));
    return { l, idle, hours, cost: (l.quantity / PRICES.hoursPerMonth) * hours * l.unitPrice };
  });
  const scheduled = cents(each.reduce((s, e) => s + e.cost, 0));
  const per = each.map(
    (e) =>
      `${e.l.item.replace('Notebook instance ', '')} ${e.hours} h a month (idle limit ${e.idle} minutes)`,
  );
  return [
    `At its idle stop: working ${working.hoursPerDay} h a day, ${working.daysPerMonth} days a month, then up to its idle limit and one ${PRICES.autoStopPollMinutes}-minute auto-stop poll, each notebook runs: ${per.join('; ')}. That is $${scheduled.toFixed(2)} instead of $${cents(always).toFixed(2)} always on, so the monthly total is $${cents(total - always + scheduled).toFixed(2)} instead of $${total.toFixed(2)}.`,
  ];
}

/**
 * With jobs on (secure-ml-notebook:jobs), what the notebooks start is billed only while it runs, so it has no place
 * in a fixed monthly total. SageMaker bills a training job's wall-clock seconds times its instance count
 * ("DescribeTrainingJob", BillableTimeInSeconds: "Multiply BillableTimeInSeconds by the number of instances
 * (InstanceCount) in your training cluster to get the total compute time SageMaker bills you",
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html); the per-instance-hour
 * rates are on https://aws.amazon.com/sagemaker-ai/pricing/ (Training, Processing).
 */
export const JOBS_BILLED_PER_USE =
  "Training, processing and tuning jobs the notebooks start are billed per use: each job's instance-seconds (its wall-clock run time times its instance count, at the instance type's per-hour rate) and its ML storage volume, from start to stop. They are not in the fixed monthly total; a job's bill is BillableTimeInSeconds x InstanceCount (aws sagemaker describe-training-job), priced on aws.amazon.com/sagemaker-ai/pricing.";

function assumptions(region: string): string[] {
  return [
    `List prices of ${PRICES.date} for ${region}, USD, on-demand, no free tier, no taxes (${PRICES.source}).`,
    `A month is ${PRICES.hoursPerMonth} hours; every resource runs the whole month. Each notebook counts as always on: its idle stop only lowers this.`,
    'Interface endpoints are billed per subnet (availability zone) they are placed in; the S3 gateway endpoint is free.',
    'Left out because they depend on use: data processed by endpoints and NAT, log ingestion and storage, CloudTrail data events, S3 storage and requests, KMS requests, the notebook ML storage volume.',
  ];
}
