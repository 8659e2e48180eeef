import { JOB_CREATE_ACTIONS, JOB_KINDS } from '@secure-ml/shared/catalogue';
import { alwaysHolds, coversRequest, UNFORESEEN, type Candidates, type RequestKind } from '../conditions';
import type { Env } from '../model';
import type { Statement } from '../policy-document';
import { str, strings } from '../resources';

/**
 * The job-start pins (issue 15), judged by meaning with the pack's condition evaluator, for JOB-4 (a notebook
 * role's job-start policy) and IAM-7 (the guardrail and its SCP documents): for each of the three job-start
 * actions, a request that is compliant in every other respect, on a job of a name nobody foresaw, with one key
 * broken (a foreign or an extra subnet or group, none, another volume or output key or none, inter-container
 * encryption off or unstated, network isolation off or unstated where it is required), must be refused by a deny
 * that holds whatever else the sender chooses. An `IfExists`, a dropped `Null` deny, a narrowed Resource or an
 * extra condition that a sender can fail each leave a bypass, and the report names it.
 */
const K = {
  subnets: 'sagemaker:vpcsubnets',
  groups: 'sagemaker:vpcsecuritygroupids',
  volume: 'sagemaker:volumekmskeyarn',
  output: 'sagemaker:outputkmskeyarn',
  traffic: 'sagemaker:intercontainertrafficencryption',
  isolation: 'sagemaker:networkisolation',
} as const;
type Context = Partial<Record<(typeof K)[keyof typeof K], readonly string[] | undefined>>;

/** The environment's own values a compliant job carries. */
export interface JobPinValues {
  readonly subnetIds: readonly string[];
  readonly jobSecurityGroupIds: readonly string[];
  readonly dataKeyArn: string;
  readonly networkIsolation: boolean;
}

export interface JobPin {
  /** How the report names it: `a job in a foreign subnet`. */
  readonly what: string;
  /** How to write the deny, for the fix. */
  readonly form: string;
  readonly bypasses: (v: JobPinValues, f: Foreign) => Context[];
  /** Only where network isolation is required. */
  readonly whenIsolated?: boolean;
}

const FOREIGN_KEY = `arn:aws:kms:eu-west-1:000000000000:key/${UNFORESEEN}`;

/** What an attacker brings instead: values nobody foresaw, and the values a policy names that are not ours. */
interface Foreign {
  readonly subnets: readonly string[];
  readonly groups: readonly string[];
  readonly keys: readonly string[];
}

export const compliantJob = (v: JobPinValues): Context => ({
  [K.subnets]: v.subnetIds.slice(0, 1),
  [K.groups]: v.jobSecurityGroupIds.slice(0, 1),
  [K.volume]: [v.dataKeyArn],
  [K.output]: [v.dataKeyArn],
  [K.traffic]: ['true'],
  [K.isolation]: ['true'],
});

export const JOB_PINS: readonly JobPin[] = [
  {
    what: 'a job in a foreign subnet',
    form: "ForAnyValue:StringNotEquals sagemaker:VpcSubnets = the network layer's private subnets",
    bypasses: (v, f) =>
      f.subnets.flatMap((x) => [{ [K.subnets]: [x] }, { [K.subnets]: [...v.subnetIds, x] }]),
  },
  {
    what: 'a job without a VPC configuration',
    form: 'Null sagemaker:VpcSubnets "true" and Null sagemaker:VpcSecurityGroupIds "true"',
    bypasses: () => [{ [K.subnets]: undefined, [K.groups]: undefined }],
  },
  {
    what: 'a job with a foreign security group',
    form: "ForAnyValue:StringNotEquals sagemaker:VpcSecurityGroupIds = the network layer's job group",
    bypasses: (v, f) =>
      f.groups.flatMap((x) => [{ [K.groups]: [x] }, { [K.groups]: [...v.jobSecurityGroupIds, x] }]),
  },
  {
    what: 'a job without a security group',
    form: 'Null sagemaker:VpcSecurityGroupIds "true"',
    bypasses: () => [{ [K.groups]: undefined }],
  },
  {
    what: 'a job without a subnet',
    form: 'Null sagemaker:VpcSubnets "true"',
    bypasses: () => [{ [K.subnets]: undefined }],
  },
  {
    what: 'a job with another volume key or none',
    form: "ArnNotEquals sagemaker:VolumeKmsKeyArn = the security layer's data key",
    bypasses: (_v, f) => [...f.keys.map((k) => ({ [K.volume]: [k] })), { [K.volume]: undefined }],
  },
  {
    what: 'a job with another output key or none',
    form: "ArnNotEquals sagemaker:OutputKmsKeyArn = the security layer's data key",
    bypasses: (_v, f) => [...f.keys.map((k) => ({ [K.output]: [k] })), { [K.output]: undefined }],
  },
  {
    what: 'a job with inter-container traffic encryption off',
    form: 'Bool sagemaker:InterContainerTrafficEncryption "false"',
    bypasses: () => [{ [K.traffic]: ['false'] }],
  },
  {
    what: 'a job that does not state inter-container traffic encryption',
    form: 'Null sagemaker:InterContainerTrafficEncryption "true"',
    bypasses: () => [{ [K.traffic]: undefined }],
  },
  {
    what: 'a job without network isolation',
    form: 'Bool sagemaker:NetworkIsolation "false"',
    bypasses: () => [{ [K.isolation]: ['false'] }],
    whenIsolated: true,
  },
  {
    what: 'a job that does not state network isolation',
    form: 'Null sagemaker:NetworkIsolation "true"',
    bypasses: () => [{ [K.isolation]: undefined }],
    whenIsolated: true,
  },
];

/** A job of a name nobody foresaw, of each kind, in the environment's partition, region and account. */
const jobResource = (action: string, v: JobPinValues) => {
  const kind = Object.values(JOB_KINDS).find((k) => k.create === action);
  const [, partition = 'aws', region = 'eu-west-1', account = '000000000000'] =
    /^arn:([^:]+):kms:([^:]+):(\d{12}):/.exec(v.dataKeyArn) ?? [];
  return `arn:${partition}:sagemaker:${region}:${account}:${kind?.resource ?? 'training-job'}/${UNFORESEEN}`;
};

/** The request as the evaluator sees it: every pinned key fixed (absent ones too); the rest is the sender's. */
function kindOf(context: Context): RequestKind {
  const kind: Record<string, Candidates> = {};
  for (const key of Object.values(K)) kind[key] = [context[key]];
  return kind;
}

/** Whether a deny of `statements` refuses the start of `action` with `context`, whatever else its sender chooses. */
export const refusesJob = (
  statements: readonly Statement[],
  action: string,
  context: Context,
  principal: string,
  v: JobPinValues,
) => {
  // One request and one kind for every statement asked: both depend only on the call.
  const request = { principal, action, resource: jobResource(action, v) };
  const kind = kindOf(context);
  return statements.some(
    (s) => s.effect === 'Deny' && coversRequest(s, request) && alwaysHolds(s.conditions, kind),
  );
};

/** Every pin some bypass of which, on some job-start action, the statements let through. */
export function missingJobPins(
  statements: readonly Statement[],
  v: JobPinValues,
  principal: string,
): JobPin[] {
  const others = (key: string, own: readonly string[], unforeseen: string) => [
    unforeseen,
    ...new Set(named(statements, key).filter((x) => !own.includes(x) && !/[*?]/.test(x))),
  ];
  const foreign: Foreign = {
    subnets: others(K.subnets, v.subnetIds, 'subnet-unforeseen'),
    groups: others(K.groups, v.jobSecurityGroupIds, 'sg-unforeseen'),
    keys: [
      ...new Set([
        ...others(K.volume, [v.dataKeyArn], FOREIGN_KEY),
        ...others(K.output, [v.dataKeyArn], FOREIGN_KEY),
      ]),
    ],
  };
  return JOB_PINS.filter((pin) => !pin.whenIsolated || v.networkIsolation).filter((pin) =>
    JOB_CREATE_ACTIONS.some((action) =>
      pin
        .bypasses(v, foreign)
        .some((c) => !refusesJob(statements, action, { ...compliantJob(v), ...c }, principal, v)),
    ),
  );
}

/** The job-start actions a fully compliant job is refused on: a posture nobody could start a job under. */
export const refusedCompliantJobs = (
  statements: readonly Statement[],
  v: JobPinValues,
  principal: string,
): string[] =>
  JOB_CREATE_ACTIONS.filter((action) => refusesJob(statements, action, compliantJob(v), principal, v));

export const jobPinsFix = (gaps: readonly JobPin[]) =>
  `deny ${JOB_CREATE_ACTIONS.join(', ')} on Resource "*" with no other condition: ${gaps.map((g) => g.form).join('; ')} (libs/shared/src/catalogue/job-pins.ts builds them)`;

/** Values the statements name for a key with a negated operator: what they treat as allowed (under the engine). */
const named = (statements: readonly Statement[], key: string): string[] =>
  statements
    .filter((s) => s.effect === 'Deny')
    .flatMap((s) =>
      Object.entries(s.conditions).flatMap(([op, keys]) =>
        /Not/.test(op)
          ? Object.entries(keys)
              .filter(([k]) => k.toLowerCase() === key)
              .flatMap(([, values]) => values)
          : [],
      ),
    );

/**
 * The environment's own values: over the whole environment, the network layer's private subnets and job group,
 * the security layer's data key and the notebook layer's jobNetworkIsolation setting; under the engine, which sees
 * one stack, the values its policy names (so the check is then of form, not values).
 */
export function jobPinValuesOf(env: Env, statements: readonly Statement[]): JobPinValues {
  const whole = env.scope === 'environment';
  const network = whole ? (env.outputs.network ?? {}) : {};
  const security = whole ? (env.outputs.security ?? {}) : {};
  const subnets = strings(network['privateSubnetIds']);
  const groups = strings(network['jobSecurityGroupIds']);
  return {
    subnetIds: subnets.length ? subnets : named(statements, K.subnets),
    jobSecurityGroupIds: groups.length ? groups : named(statements, K.groups),
    dataKeyArn: str(security['dataKeyArn']) ?? named(statements, K.volume)[0] ?? FOREIGN_KEY,
    networkIsolation: env.settings.jobNetworkIsolation ?? true,
  };
}
