import type { Env } from '../model';
import { conditionKeys, grants, type Statement } from '../policy-document';
import { ofType, str, strings, T } from '../resources';

/**
 * IAM-7: what the guardrail must deny, pin by pin, and how a statement is recognised as that deny. A statement
 * counts only if it denies on `Resource: "*"` (a narrower Resource lets a notebook named outside it through) and
 * carries no condition but the pin's own (an extra condition is ANDed, and one that never holds disables the deny).
 */
export const CREATE = 'sagemaker:CreateNotebookInstance';
export const UPDATE = 'sagemaker:UpdateNotebookInstance';
export const LIFECYCLE_CONFIG_ACTIONS = [
  'sagemaker:CreateNotebookInstanceLifecycleConfig',
  'sagemaker:UpdateNotebookInstanceLifecycleConfig',
  'sagemaker:DeleteNotebookInstanceLifecycleConfig',
];

/** The environment's own values, over the whole environment; absent under the engine, which sees one stack. */
export interface PinValues {
  readonly subnetIds?: readonly string[];
  readonly securityGroupIds?: readonly string[];
  readonly lifecycleConfigNames?: readonly string[];
  readonly dataKeyArn?: string;
}

interface Condition {
  readonly op: string;
  readonly key: string;
  readonly values: string[];
}

export interface Pin {
  /** How the report names it: `CreateNotebookInstance in a foreign subnet`. */
  readonly what: string;
  readonly actions: readonly string[];
  /** The deny's condition, or none for an unconditional deny. */
  readonly main?: { ops: RegExp; key: string; accepts: (values: string[], want: PinValues) => boolean };
  /** The only other condition the statement may carry: `Null false` on an update (deny only what it sets). */
  readonly presentOnly?: string;
  /** How to write it, for the fix. */
  readonly form: string;
}

const NEGATED = /^StringNotEquals(IfExists)?$/;
const ANY_NOT_EQUAL = /^ForAnyValue:StringNotEquals(IfExists)?$/;
const noWildcard = (v: string) => !/[*?]/.test(v);
const exactly = (want: string) => (values: string[]) => values.length === 1 && values[0] === want;
/** Non-empty, written out, of the expected shape, and (over the environment) the environment's own. */
const within =
  (shape: RegExp, own: (w: PinValues) => readonly string[] | undefined) =>
  (values: string[], want: PinValues) =>
    values.length > 0 &&
    values.every((v) => noWildcard(v) && shape.test(v)) &&
    (own(want) === undefined || values.every((v) => own(want)?.includes(v)));

const key = (name: string) => `sagemaker:${name}`.toLowerCase();
const missing = (what: string, name: string): Pin => ({
  what,
  actions: [CREATE],
  main: { ops: /^Null$/, key: key(name), accepts: exactly('true') },
  form: `Null sagemaker:${name} "true"`,
});

export const PINS: readonly Pin[] = [
  {
    what: 'CreateNotebookInstance with direct internet access',
    actions: [CREATE],
    main: { ops: NEGATED, key: key('DirectInternetAccess'), accepts: exactly('Disabled') },
    form: 'StringNotEquals sagemaker:DirectInternetAccess "Disabled"',
  },
  {
    what: 'CreateNotebookInstance with root access',
    actions: [CREATE],
    main: { ops: NEGATED, key: key('RootAccess'), accepts: exactly('Disabled') },
    form: 'StringNotEquals sagemaker:RootAccess "Disabled"',
  },
  {
    what: 'UpdateNotebookInstance enabling root access',
    actions: [UPDATE],
    main: { ops: NEGATED, key: key('RootAccess'), accepts: exactly('Disabled') },
    presentOnly: key('RootAccess'),
    form: 'StringNotEquals sagemaker:RootAccess "Disabled" (with Null "false")',
  },
  {
    what: 'CreateNotebookInstance in a foreign subnet',
    actions: [CREATE],
    main: { ops: ANY_NOT_EQUAL, key: key('VpcSubnets'), accepts: within(/^subnet-/, (w) => w.subnetIds) },
    form: "ForAnyValue:StringNotEquals sagemaker:VpcSubnets = the network layer's private subnets",
  },
  missing('CreateNotebookInstance without a subnet', 'VpcSubnets'),
  {
    what: 'CreateNotebookInstance with a foreign security group',
    actions: [CREATE],
    main: {
      ops: ANY_NOT_EQUAL,
      key: key('VpcSecurityGroupIds'),
      accepts: within(/^sg-/, (w) => w.securityGroupIds),
    },
    form: "ForAnyValue:StringNotEquals sagemaker:VpcSecurityGroupIds = the network layer's notebook group",
  },
  missing('CreateNotebookInstance without a security group', 'VpcSecurityGroupIds'),
  ...[CREATE, UPDATE].map((action): Pin => ({
    what: `${action.split(':')[1] ?? ''} with another lifecycle configuration`,
    actions: [action],
    main: {
      ops: /^ForAnyValue:(ArnNotEquals|ArnNotLike|StringNotEquals)(IfExists)?$/,
      key: key('NotebookInstanceLifecycleConfigArns'),
      accepts: (values, want) =>
        within(/:notebook-instance-lifecycle-config\/[^/]+$/, () => undefined)(values, want) &&
        (want.lifecycleConfigNames === undefined ||
          values.every((v) => want.lifecycleConfigNames?.includes(v.split('/').pop() ?? ''))),
    },
    form: "ForAnyValue:ArnNotEquals sagemaker:NotebookInstanceLifecycleConfigArns = the notebook layer's lifecycle configuration",
  })),
  missing('CreateNotebookInstance without a lifecycle configuration', 'NotebookInstanceLifecycleConfigArns'),
  {
    what: 'CreateNotebookInstance allowing IMDSv1',
    actions: [CREATE],
    main: { ops: NEGATED, key: key('MinimumInstanceMetadataServiceVersion'), accepts: exactly('2') },
    form: 'StringNotEquals sagemaker:MinimumInstanceMetadataServiceVersion "2"',
  },
  {
    what: 'UpdateNotebookInstance allowing IMDSv1',
    actions: [UPDATE],
    main: { ops: NEGATED, key: key('MinimumInstanceMetadataServiceVersion'), accepts: exactly('2') },
    presentOnly: key('MinimumInstanceMetadataServiceVersion'),
    form: 'StringNotEquals sagemaker:MinimumInstanceMetadataServiceVersion "2" (with Null "false")',
  },
  {
    what: 'CreateNotebookInstance with another volume key',
    actions: [CREATE],
    main: {
      ops: /^(ArnNotEquals|ArnNotLike|StringNotEquals)(IfExists)?$/,
      key: key('VolumeKmsKeyArn'),
      accepts: within(/^arn:[^:]+:kms:/, (w) => (w.dataKeyArn ? [w.dataKeyArn] : undefined)),
    },
    form: "ArnNotEquals sagemaker:VolumeKmsKeyArn = the security layer's data key",
  },
  ...[CREATE, UPDATE].map((action): Pin => ({
    what: `${action.split(':')[1] ?? ''} with an instance type outside the list`,
    actions: [action],
    main: {
      ops: ANY_NOT_EQUAL,
      key: key('InstanceTypes'),
      accepts: within(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, () => undefined),
    },
    form: 'ForAnyValue:StringNotEquals sagemaker:InstanceTypes = the allowed types',
  })),
  ...LIFECYCLE_CONFIG_ACTIONS.map((action): Pin => ({
    what: `${action.split(':')[1] ?? ''} (its scripts run as root)`,
    actions: [action],
    form: 'an unconditional Deny',
  })),
];

/** The SCP's one allowed exemption: the deployment roles, by aws:PrincipalArn, from the lifecycle deny only. */
const EXEMPTION = /^Arn(Not)?Like$|^ArnNotEquals$/;
const isExemption = (c: Condition) =>
  c.key === 'aws:principalarn' && EXEMPTION.test(c.op) && c.op.includes('Not') && c.values.every(noWildcard);

/** Whether `s` is the deny `pin` asks for, on `action`. */
export function satisfies(
  s: Statement,
  pin: Pin,
  action: string,
  want: PinValues,
  opts: { exemptionAllowed: boolean },
): boolean {
  if (s.effect !== 'Deny' || !grants(s, action)) return false;
  if (s.resources.length !== 1 || s.resources[0] !== '*') return false;
  const conditions = conditionKeys(s);
  const own = (c: Condition) =>
    (pin.main !== undefined && c.key === pin.main.key && pin.main.ops.test(c.op)) ||
    (pin.presentOnly !== undefined &&
      c.key === pin.presentOnly &&
      c.op === 'Null' &&
      c.values.join() === 'false') ||
    (opts.exemptionAllowed && pin.main === undefined && isExemption(c));
  if (!conditions.every(own)) return false;
  if (!pin.main) return true;
  const main = conditions.filter((c) => c.key === pin.main?.key && pin.main.ops.test(c.op));
  return main.length === 1 && pin.main.accepts(main[0]?.values ?? [], want);
}

/** Every pin (per action) that no statement of `statements` satisfies: what the report names. */
export function missingPins(
  statements: readonly Statement[],
  want: PinValues,
  opts: { exemptionAllowed: boolean } = { exemptionAllowed: false },
): Pin[] {
  return PINS.filter(
    (pin) => !pin.actions.every((a) => statements.some((s) => satisfies(s, pin, a, want, opts))),
  );
}

/** The environment's own values, where the whole environment is in view. */
export function pinValuesOf(env: Env): PinValues {
  if (env.scope !== 'environment') return {};
  const network = env.outputs.network ?? {};
  const security = env.outputs.security ?? {};
  const lifecycles = ofType(env, T.lifecycle)
    .map((r) => str(r.inputs['name']))
    .filter((n): n is string => n !== undefined);
  const subnets = strings(network['privateSubnetIds']);
  const group = str(network['notebookSecurityGroupId']);
  const key = str(security['dataKeyArn']);
  return {
    ...(subnets.length ? { subnetIds: subnets } : {}),
    ...(group ? { securityGroupIds: [group] } : {}),
    ...(lifecycles.length ? { lifecycleConfigNames: lifecycles } : {}),
    ...(key ? { dataKeyArn: key } : {}),
  };
}
