/**
 * The vocabulary of the IAM simulation tests: the dev environment's names and ARNs, fixtures that stand for what
 * other people attach, and shorthands for the shapes of a case. Every policy a case decides with is read from the
 * plan's resource inputs, as AWS would receive it; only the fixtures below are written by hand.
 */
import type { LayerPlan } from '@secure-ml/shared/testing';
import { ACCOUNT, keyPolicy, managedPolicy, planSecurity, REGION, rolePolicy, type Document } from './plan';
import { decide, type Decision, type Policies, type Request } from './simulate';

export const STEM = 'sml-dev';
export const KEY_ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;

export const allow = (Action: string | string[], Resource: string | string[] = '*'): Document => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource }],
});
/** What a careless operator might attach to the notebook role: the boundary must still hold. */
export const ADMINISTRATOR_ACCESS = allow('*');

// Names and ARNs of the dev environment (the offline plan's mock account and region).
export const session = (role: string, account = ACCOUNT) =>
  `arn:aws:sts::${account}:assumed-role/${role}/session`;
export const NOTEBOOK = session(`${STEM}-notebook`);
export const NOTEBOOK_ROLE = `arn:aws:iam::${ACCOUNT}:role/secure-ml/${STEM}-notebook`;
export const DATA_BUCKET = `${STEM}-data-${ACCOUNT}-${REGION}`;
export const object = (bucket: string) => `arn:aws:s3:::${bucket}/projects/train.csv`;
export const notebookArn = (name: string, account = ACCOUNT) =>
  `arn:aws:sagemaker:${REGION}:${account}:notebook-instance/${name}`;
export const logGroup = (name: string, account = ACCOUNT) =>
  `arn:aws:logs:${REGION}:${account}:log-group:${name}`;
export const stream = (group: string, name: string) => `${logGroup(group)}:log-stream:${name}`;
export const trailArn = (name: string, account = ACCOUNT) =>
  `arn:aws:cloudtrail:${REGION}:${account}:trail/${name}`;
export const aliases = (purpose: 'data' | 'logs') => ({
  'kms:ResourceAliases': [`alias/${STEM}-${purpose}`],
});

export interface Case {
  readonly name: string;
  readonly expected: Decision;
  readonly request: (plan: LayerPlan) => Request;
  readonly policies: (plan: LayerPlan) => Policies;
}

/** The notebook role's own policies: its inline policy under its boundary, plus what a case attaches. */
export const notebookPolicies = (
  plan: LayerPlan,
  attached: Document[] = [],
  resource?: Document,
): Policies => ({
  identity: [rolePolicy(plan, 'notebook-access'), ...attached],
  boundary: managedPolicy(plan, 'notebook-boundary'),
  ...(resource ? { resource } : {}),
});
export const dataKey = (plan: LayerPlan) => String(plan.outputs['dataKeyArn']);
export const logsKey = (plan: LayerPlan) => String(plan.outputs['logsKeyArn']);

/** Shorthands for the common shapes of a case. */
export const notebookCase = (
  name: string,
  expected: Decision,
  action: string,
  resource: string | ((plan: LayerPlan) => string),
  extra: {
    context?: Record<string, string | string[]>;
    attached?: Document[];
    keyPolicy?: 'data' | 'logs';
    resourcePolicy?: Document;
  } = {},
): Case => ({
  name,
  expected,
  request: (plan) => ({
    principal: NOTEBOOK,
    action,
    resource: typeof resource === 'string' ? resource : resource(plan),
    ...(extra.context ? { context: extra.context } : {}),
  }),
  policies: (plan) =>
    notebookPolicies(
      plan,
      extra.attached,
      extra.keyPolicy ? keyPolicy(plan, extra.keyPolicy) : extra.resourcePolicy,
    ),
});

/** A service principal (or another account) against a key policy alone. */
export const keyCase = (
  name: string,
  expected: Decision,
  purpose: 'data' | 'logs',
  principal: string,
  action: string,
  context: Record<string, string> = {},
  identity: Document[] = [],
): Case => ({
  name,
  expected,
  request: (plan) => ({
    principal,
    action,
    resource: purpose === 'data' ? dataKey(plan) : logsKey(plan),
    context,
  }),
  policies: (plan) => ({ identity, resource: keyPolicy(plan, purpose) }),
});
export const run = (cases: Case[], plan: () => LayerPlan) =>
  it.each(cases.map((c) => [c.name, c.expected, c] as const))('%s: %s', async (_name, expected, c) => {
    expect(await decide(c.request(plan()), c.policies(plan()))).toBe(expected);
  });

/** Runs each case as one test against the dev plan (or the plan `config` gives), named "<case>: <expected>". */
export function simulate(
  title: string,
  groups: [string, Case[]][],
  config: Record<string, string> = {},
): void {
  describe(title, () => {
    let plan: LayerPlan;
    beforeAll(async () => {
      plan = await planSecurity('dev', config);
    });
    for (const [name, cases] of groups) describe(name, () => run(cases, () => plan));
  });
}
export type { Decision } from './simulate';
