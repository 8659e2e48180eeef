import { alwaysHolds, coversRequest, UNFORESEEN, type Candidates, type RequestKind } from '../conditions';
import type { Env } from '../model';
import type { Statement } from '../policy-document';
import { ofType, str, strings, T } from '../resources';
import { jobPinValuesOf, missingJobPins, refusedCompliantJobs } from './job-pins';
import { namedInOpeningDenies } from './opening-networks';

/**
 * IAM-7, judged by meaning with the pack's condition evaluator: for each way around the guardrail, a request
 * that is compliant in every other respect, on a notebook (or lifecycle configuration) of a name nobody
 * foresaw, must be refused by a deny that holds whatever else the sender chooses; and a fully compliant create
 * and update must not be refused (a guardrail that denies everything is one nobody can keep attached).
 * A narrowed Resource, an extra condition that a sender can fail, the wrong set operator or a value of another
 * environment all leave some bypass allowed, and the report names it.
 */
export const CREATE = 'sagemaker:CreateNotebookInstance';
export const UPDATE = 'sagemaker:UpdateNotebookInstance';
export const LIFECYCLE_CONFIG_ACTIONS = [
  'sagemaker:CreateNotebookInstanceLifecycleConfig',
  'sagemaker:UpdateNotebookInstanceLifecycleConfig',
  'sagemaker:DeleteNotebookInstanceLifecycleConfig',
];

/** The environment's own values, over the whole environment; under the engine, what the policy names. */
export interface PinValues {
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly lifecycleConfigArns: readonly string[];
  readonly dataKeyArn: string;
  readonly instanceType: string;
  /**
   * Every notebook of the environment, each with its own instance type and lifecycle configuration: a compliant
   * create and update of each must get through (over the environment; under the engine, the values above).
   */
  readonly notebooks: readonly { readonly instanceType: string; readonly lifecycleConfigArn: string }[];
  /**
   * The networks owners open from: secure-ml-notebook:ownerSourceCidrs and the network layer's
   * notebookAccessEndpointIds over the environment; under the engine, those the opening deny names.
   */
  readonly sourceCidrs: readonly string[];
  readonly sourceVpceIds: readonly string[];
}

const K = {
  internet: 'sagemaker:directinternetaccess',
  root: 'sagemaker:rootaccess',
  subnets: 'sagemaker:vpcsubnets',
  groups: 'sagemaker:vpcsecuritygroupids',
  lifecycle: 'sagemaker:notebookinstancelifecycleconfigarns',
  imds: 'sagemaker:minimuminstancemetadataserviceversion',
  key: 'sagemaker:volumekmskeyarn',
  types: 'sagemaker:instancetypes',
  principal: 'aws:principalarn',
} as const;
type Context = Partial<Record<(typeof K)[keyof typeof K], readonly string[] | undefined>>;

const compliantCreate = (v: PinValues): Context => ({
  [K.internet]: ['Disabled'],
  [K.root]: ['Disabled'],
  [K.subnets]: v.subnetIds.slice(0, 1),
  [K.groups]: v.securityGroupIds.slice(0, 1),
  [K.lifecycle]: v.lifecycleConfigArns.slice(0, 1),
  [K.imds]: ['2'],
  [K.key]: [v.dataKeyArn],
  [K.types]: [v.instanceType],
});
const compliantUpdate = (v: PinValues): Context => ({
  [K.root]: ['Disabled'],
  [K.lifecycle]: v.lifecycleConfigArns.slice(0, 1),
  [K.imds]: ['2'],
  [K.types]: [v.instanceType],
});

/** What an attacker brings instead: values nobody foresaw, and the values a policy names that are not ours. */
export interface Foreign {
  readonly subnets: readonly string[];
  readonly groups: readonly string[];
  readonly lifecycles: readonly string[];
  readonly keys: readonly string[];
  readonly types: readonly string[];
}

export interface Pin {
  /** How the report names it: `CreateNotebookInstance in a foreign subnet`. */
  readonly what: string;
  readonly action: string;
  /** How to write the deny, for the fix. */
  readonly form: string;
  /** The requests that must each be denied: the compliant request with one thing changed. */
  readonly bypasses: (v: PinValues, f: Foreign) => Context[];
}

const onCreate = (change: (v: PinValues, f: Foreign) => Context[]) => (v: PinValues, f: Foreign) =>
  change(v, f).map((c) => ({ ...compliantCreate(v), ...c }));
const onUpdate = (change: (v: PinValues, f: Foreign) => Context[]) => (v: PinValues, f: Foreign) =>
  change(v, f).map((c) => ({ ...compliantUpdate(v), ...c }));
const short = (action: string) => action.split(':')[1] ?? action;

export const PINS: readonly Pin[] = [
  {
    what: 'CreateNotebookInstance with direct internet access',
    action: CREATE,
    form: 'StringNotEquals sagemaker:DirectInternetAccess "Disabled"',
    bypasses: onCreate(() => [{ [K.internet]: ['Enabled'] }, { [K.internet]: undefined }]),
  },
  {
    what: 'CreateNotebookInstance with root access',
    action: CREATE,
    form: 'StringNotEquals sagemaker:RootAccess "Disabled"',
    bypasses: onCreate(() => [{ [K.root]: ['Enabled'] }, { [K.root]: undefined }]),
  },
  {
    what: 'UpdateNotebookInstance enabling root access',
    action: UPDATE,
    form: 'StringNotEquals sagemaker:RootAccess "Disabled" (with Null "false")',
    bypasses: onUpdate(() => [{ [K.root]: ['Enabled'] }]),
  },
  {
    what: 'CreateNotebookInstance in a foreign subnet',
    action: CREATE,
    form: "ForAnyValue:StringNotEquals sagemaker:VpcSubnets = the network layer's private subnets",
    bypasses: onCreate((v, f) =>
      f.subnets.flatMap((s) => [{ [K.subnets]: [s] }, { [K.subnets]: [...v.subnetIds, s] }]),
    ),
  },
  {
    what: 'CreateNotebookInstance without a subnet',
    action: CREATE,
    form: 'Null sagemaker:VpcSubnets "true"',
    bypasses: onCreate(() => [{ [K.subnets]: undefined }]),
  },
  {
    what: 'CreateNotebookInstance with a foreign security group',
    action: CREATE,
    form: "ForAnyValue:StringNotEquals sagemaker:VpcSecurityGroupIds = the network layer's notebook group",
    bypasses: onCreate((v, f) =>
      f.groups.flatMap((g) => [{ [K.groups]: [g] }, { [K.groups]: [...v.securityGroupIds, g] }]),
    ),
  },
  {
    what: 'CreateNotebookInstance without a security group',
    action: CREATE,
    form: 'Null sagemaker:VpcSecurityGroupIds "true"',
    bypasses: onCreate(() => [{ [K.groups]: undefined }]),
  },
  ...[CREATE, UPDATE].map((action): Pin => ({
    what: `${short(action)} with another lifecycle configuration`,
    action,
    form: "ForAnyValue:ArnNotLike sagemaker:NotebookInstanceLifecycleConfigArns = the notebook layer's lifecycle configuration name pattern (naming.lifecycleConfigArnPattern)",
    bypasses: (action === CREATE ? onCreate : onUpdate)((_v, f) =>
      f.lifecycles.map((l) => ({ [K.lifecycle]: [l] })),
    ),
  })),
  {
    what: 'CreateNotebookInstance without a lifecycle configuration',
    action: CREATE,
    form: 'Null sagemaker:NotebookInstanceLifecycleConfigArns "true"',
    bypasses: onCreate(() => [{ [K.lifecycle]: undefined }]),
  },
  {
    what: 'CreateNotebookInstance allowing IMDSv1',
    action: CREATE,
    form: 'StringNotEquals sagemaker:MinimumInstanceMetadataServiceVersion "2"',
    bypasses: onCreate(() => [{ [K.imds]: ['1'] }, { [K.imds]: undefined }]),
  },
  {
    what: 'UpdateNotebookInstance allowing IMDSv1',
    action: UPDATE,
    form: 'StringNotEquals sagemaker:MinimumInstanceMetadataServiceVersion "2" (with Null "false")',
    bypasses: onUpdate(() => [{ [K.imds]: ['1'] }]),
  },
  {
    what: 'CreateNotebookInstance with another volume key',
    action: CREATE,
    form: "ArnNotEquals sagemaker:VolumeKmsKeyArn = the security layer's data key",
    bypasses: onCreate((_v, f) => [...f.keys.map((k) => ({ [K.key]: [k] })), { [K.key]: undefined }]),
  },
  ...[CREATE, UPDATE].map((action): Pin => ({
    what: `${short(action)} with an instance type outside the list`,
    action,
    form: 'ForAnyValue:StringNotEquals sagemaker:InstanceTypes = the allowed types',
    bypasses: (action === CREATE ? onCreate : onUpdate)((_v, f) => f.types.map((t) => ({ [K.types]: [t] }))),
  })),
  ...LIFECYCLE_CONFIG_ACTIONS.map((action): Pin => ({
    what: `${short(action)} (its scripts run as root)`,
    action,
    form: 'an unconditional Deny',
    bypasses: () => [{}],
  })),
];

const notebookResource = (name: string) =>
  `arn:aws:sagemaker:eu-west-1:000000000000:notebook-instance/${name}`;
const lifecycleResource = (name: string) =>
  `arn:aws:sagemaker:eu-west-1:000000000000:notebook-instance-lifecycle-config/${name}`;
/** A principal nobody exempts: what "every principal but the deployment roles" is judged with. */
export const ORDINARY_PRINCIPAL = `arn:aws:iam::000000000000:role/${UNFORESEEN}`;

/**
 * The request as the evaluator sees it: every pinned key fixed (absent ones too), and the principal left to the
 * sender (any principal, the exempt ones included) unless `principal` fixes it: an ordinary principal where the
 * deny may spare the deployment roles (the SCP's deployment-only denies), or a deployment role.
 */
function kindOf(context: Context, principal: string | undefined): RequestKind {
  const kind: Record<string, Candidates> = {};
  for (const key of Object.values(K)) if (key !== K.principal) kind[key] = [context[key]];
  if (principal) kind[K.principal] = [[principal]];
  return kind;
}

/** Whether a deny of `statements` refuses the request whatever else its sender chooses. */
export const refuses = (
  statements: readonly Statement[],
  action: string,
  context: Context,
  principal: string | undefined,
) => {
  const resource = LIFECYCLE_CONFIG_ACTIONS.includes(action)
    ? lifecycleResource(UNFORESEEN)
    : notebookResource(UNFORESEEN);
  const kind = kindOf(context, principal);
  return statements.some(
    (s) =>
      s.effect === 'Deny' &&
      coversRequest(s, { principal: principal ?? ORDINARY_PRINCIPAL, action, resource }) &&
      alwaysHolds(s.conditions, kind),
  );
};

/** Every pin some bypass of which the statements let through: what the report names. */
export function missingPins(
  statements: readonly Statement[],
  values: PinValues,
  opts: { deploymentExemptFromLifecycleDeny: boolean } = { deploymentExemptFromLifecycleDeny: false },
): Pin[] {
  const foreign = foreignValues(statements, values);
  return PINS.filter((pin) => {
    const ordinary = opts.deploymentExemptFromLifecycleDeny && LIFECYCLE_CONFIG_ACTIONS.includes(pin.action);
    const judged = pinsBeneathPeopleRule(statements, pin.action, values);
    return !pin
      .bypasses(values, foreign)
      .every((c) => refuses(judged, pin.action, c, ordinary ? ORDINARY_PRINCIPAL : undefined));
  });
}

/**
 * The statements a pin of `action` is judged by: without the denies that refuse even a compliant request of it
 * (the rule that no person writes notebooks, guardrail-people.ts, which the IAM form applies to everyone it is
 * attached to). The pins must hold on their own, for whoever that rule spares: the deployment roles, in the SCP.
 */
function pinsBeneathPeopleRule(statements: readonly Statement[], action: string, values: PinValues) {
  const compliant =
    action === CREATE ? compliantCreate(values) : action === UPDATE ? compliantUpdate(values) : undefined;
  return compliant ? statements.filter((s) => !refuses([s], action, compliant, undefined)) : statements;
}

/** The fully compliant create and update of each notebook, as `principal` would send them. */
export const compliantWrites = (values: PinValues) =>
  [
    ['CreateNotebookInstance', CREATE, compliantCreate] as const,
    ['UpdateNotebookInstance', UPDATE, compliantUpdate] as const,
  ].map(([name, action, compliant]) => ({
    name,
    action,
    contexts: [
      values,
      ...values.notebooks.map((nb) => ({
        ...values,
        instanceType: nb.instanceType,
        lifecycleConfigArns: [nb.lifecycleConfigArn],
      })),
    ].map(compliant),
  }));

/**
 * The compliant create and update the statements refuse to `principal` (a deployment role the SCP exempts): a
 * guardrail the deployment could not work under.
 */
export function refusedCompliant(
  statements: readonly Statement[],
  values: PinValues,
  principal: string,
): string[] {
  return compliantWrites(values)
    .filter(({ action, contexts }) => contexts.some((c) => refuses(statements, action, c, principal)))
    .map(({ name }) => name);
}

/** Values the statements name for a key with a negated operator: what they treat as allowed. */
const named = (statements: readonly Statement[], key: string): string[] =>
  statements
    .filter((s) => s.effect === 'Deny')
    .flatMap((s) =>
      Object.entries(s.conditions).flatMap(([op, keys]) =>
        /Not/.test(op)
          ? Object.entries(keys)
              .filter(([k]) => k.toLowerCase() === key)
              .flatMap(([, v]) => v)
          : [],
      ),
    );

/** A concrete value a name pattern admits (`...:lifecycle-config/sml-dev-lifecycle-*` -> `...-lifecycle-x`). */
const instanceOf = (pattern: string) => pattern.replace(/[*?]/g, 'x');
const isPattern = (value: string) => /[*?]/.test(value);

function foreignValues(statements: readonly Statement[], v: PinValues): Foreign {
  // What a policy names with a wildcard is a pattern of its own values, not a foreign value to try.
  const others = (key: string, own: readonly string[], unforeseen: string) => [
    unforeseen,
    ...new Set(named(statements, key).filter((x) => !own.includes(x) && !isPattern(x))),
  ];
  // Another lifecycle configuration in the environment's own account and region (a name outside the pattern).
  const ownAccountForeign = v.lifecycleConfigArns
    .slice(0, 1)
    .map((arn) => arn.replace(/lifecycle-config\/.*$/, `lifecycle-config/${UNFORESEEN}`));
  return {
    subnets: others(K.subnets, v.subnetIds, 'subnet-unforeseen'),
    groups: others(K.groups, v.securityGroupIds, 'sg-unforeseen'),
    lifecycles: [
      ...others(K.lifecycle, v.lifecycleConfigArns, lifecycleResource(UNFORESEEN)),
      ...ownAccountForeign,
    ],
    keys: others(K.key, [v.dataKeyArn], `arn:aws:kms:eu-west-1:000000000000:key/${UNFORESEEN}`),
    types: ['ml.unforeseen.48xlarge'],
  };
}

/**
 * The environment's own values: over the whole environment, the network layer's subnets and notebook group, the
 * security layer's data key, the notebook layer's lifecycle configuration and instance type; under the engine,
 * which sees the guardrail stack alone, the values its policy names (so the check is then of form, not values).
 */
export function pinValuesOf(env: Env, statements: readonly Statement[]): PinValues {
  // Under the engine a pattern stands for the names it admits: one of them is what a compliant request carries.
  const fromPolicy = (key: string) =>
    named(statements, key)
      .map((x) => (key === K.lifecycle && isPattern(x) ? instanceOf(x) : x))
      .filter((x) => !isPattern(x));
  const whole = env.scope === 'environment';
  const network = whole ? (env.outputs.network ?? {}) : {};
  const security = whole ? (env.outputs.security ?? {}) : {};
  const instances = whole ? ofType(env, T.notebook) : [];
  const subnets = strings(network['privateSubnetIds']);
  const group = str(network['notebookSecurityGroupId']);
  const dataKeyArn = str(security['dataKeyArn']) ?? fromPolicy(K.key)[0] ?? '';
  // The lifecycle configurations' ARNs, in the environment's partition, region and account (the data key's).
  const [, partition, region, account] = /^arn:([^:]+):kms:([^:]+):(\d{12}):/.exec(dataKeyArn) ?? [];
  const lifecycleArn = (name: string) =>
    partition && region && account
      ? `arn:${partition}:sagemaker:${region}:${account}:notebook-instance-lifecycle-config/${name}`
      : lifecycleResource(name);
  const notebooks = instances.flatMap((nb) => {
    const type = str(nb.inputs['instanceType']);
    const lifecycle = str(nb.inputs['lifecycleConfigName']);
    return type && lifecycle ? [{ instanceType: type, lifecycleConfigArn: lifecycleArn(lifecycle) }] : [];
  });
  return {
    subnetIds: subnets.length ? subnets : fromPolicy(K.subnets),
    securityGroupIds: group ? [group] : fromPolicy(K.groups),
    lifecycleConfigArns: notebooks.length
      ? notebooks.map((n) => n.lifecycleConfigArn)
      : fromPolicy(K.lifecycle),
    dataKeyArn,
    instanceType: notebooks[0]?.instanceType ?? fromPolicy(K.types)[0] ?? 'ml.t3.medium',
    notebooks,
    sourceCidrs: whole
      ? (env.settings.ownerSourceCidrs ?? [])
      : namedInOpeningDenies(statements, 'aws:sourceip'),
    sourceVpceIds: whole
      ? strings(network['notebookAccessEndpointIds'])
      : namedInOpeningDenies(statements, 'aws:sourcevpce'),
  };
}

/**
 * The job pins (issue 15) the guardrail's statements leave open, judged as JOB-4 judges a notebook role's
 * job-start policy (job-pins.ts) for a principal nobody exempts: the same six keys with their Null denies.
 */
export const missingGuardrailJobPins = (env: Env, statements: readonly Statement[]) =>
  missingJobPins(statements, jobPinValuesOf(env, statements), ORDINARY_PRINCIPAL);

/**
 * The job-start actions the guardrail refuses even a fully compliant job of: only where the network layer
 * publishes a job group (offline). With none, jobs are off and the guardrail denies every job start on purpose.
 * The SCP binds the notebook roles too, so a refusal here would stop every notebook's jobs.
 */
export function guardrailRefusesCompliantJobs(env: Env, statements: readonly Statement[]): string[] {
  const groups = strings(env.outputs.network?.['jobSecurityGroupIds']);
  if (env.scope !== 'environment' || groups.length === 0) return [];
  return refusedCompliantJobs(statements, jobPinValuesOf(env, statements), ORDINARY_PRINCIPAL);
}

/** The stack outputs of the guardrail's SCP documents, one per part (packages/guardrail/src/policies/documents.ts). */
export const SCP_OUTPUTS = ['guardrailScp', 'guardrailScpPeople', 'guardrailScpJobs'] as const;
