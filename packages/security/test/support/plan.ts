import {
  environmentsIn,
  type LayerPlan,
  MOCK_ACCOUNT,
  planForTest,
  REPO_ROOT,
  resource,
} from '@secure-ml/shared/testing';
// The program is `export =` (what the Pulumi CLI loads), which only this import form reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import program = require('../../src/index');

export const ACCOUNT = MOCK_ACCOUNT;
/** An account that is not ours, for cross-account and confused-deputy cases. */
export const OTHER_ACCOUNT = '210987654321';
export const REGION = 'eu-west-1';
export const STACKS = environmentsIn(REPO_ROOT);

/** Config key of this layer's namespace. */
export const key = (name: string) => `secure-ml-security:${name}`;

/** The layer's plan for a stack, with config overrides on top of the checked-in Pulumi.<stack>.yaml. */
export function planSecurity(
  stack = 'dev',
  config: Record<string, string | undefined> = {},
): Promise<LayerPlan> {
  return planForTest('security', program, { stack, config });
}

/**
 * Warnings the program logged (`pulumi.log.warn` prints to console.warn under the mocks), kept out of the test
 * output; a test that expects one reads it.
 */
export const warnings: string[] = [];
jest.spyOn(console, 'warn').mockImplementation((message: unknown) => {
  warnings.push(String(message));
});

/** A statement as AWS receives it (JSON), loosely typed: the tests check what is there. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Record<string, string | string[]>;
  readonly NotPrincipal?: unknown;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}
export interface Document {
  readonly Version: string;
  readonly Statement: Statement[];
}

/** A policy element that may be one string or a list, as a list. */
export const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The JSON policy a resource of the plan registered, parsed. */
export function documentOf(plan: LayerPlan, type: string, name: string, field = 'policy'): Document {
  const raw = resource(plan, type, name).inputs[field];
  if (typeof raw !== 'string')
    throw new Error(`${type} ${name} has no ${field} string: ${JSON.stringify(raw)}`);
  return JSON.parse(raw) as Document;
}

export const keyPolicy = (plan: LayerPlan, purpose: 'data' | 'logs') =>
  documentOf(plan, 'aws:kms/key:Key', `${purpose}-key`);
export const trustPolicy = (plan: LayerPlan, role: string) =>
  documentOf(plan, 'aws:iam/role:Role', role, 'assumeRolePolicy');
export const rolePolicy = (plan: LayerPlan, name: string) =>
  documentOf(plan, 'aws:iam/rolePolicy:RolePolicy', name);
export const managedPolicy = (plan: LayerPlan, name: string) =>
  documentOf(plan, 'aws:iam/policy:Policy', name);

/** The statement with this Sid; throws with the Sids present otherwise. */
export function statement(document: Document, sid: string): Statement {
  const found = document.Statement.find((s) => s.Sid === sid);
  if (!found)
    throw new Error(`No statement ${sid}; present: ${document.Statement.map((s) => s.Sid).join(', ')}`);
  return found;
}

export type PolicyKind = 'key' | 'trust' | 'identity';
export interface RegisteredPolicy {
  readonly resource: string;
  readonly kind: PolicyKind;
  readonly document: Document;
}

/** Where each kind of policy document lives in the registered inputs. */
const POLICY_FIELDS: Readonly<Record<string, { kind: PolicyKind; field: string }>> = {
  'aws:kms/key:Key': { kind: 'key', field: 'policy' },
  'aws:iam/role:Role': { kind: 'trust', field: 'assumeRolePolicy' },
  'aws:iam/policy:Policy': { kind: 'identity', field: 'policy' },
  'aws:iam/rolePolicy:RolePolicy': { kind: 'identity', field: 'policy' },
};

/** Every policy document the plan registers, by kind: what the hygiene checks and the simulations read. */
export function registeredPolicies(plan: LayerPlan): RegisteredPolicy[] {
  return plan.resources.flatMap((r) => {
    const where = POLICY_FIELDS[r.type];
    if (!where) return [];
    return [
      {
        resource: `${r.type} ${r.name}`,
        kind: where.kind,
        document: documentOf(plan, r.type, r.name, where.field),
      },
    ];
  });
}
