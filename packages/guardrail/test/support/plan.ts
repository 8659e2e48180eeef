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
export const REGION = 'eu-west-1';
export const STACKS = environmentsIn(REPO_ROOT);

/** Config key of this layer's namespace. */
export const key = (name: string) => `secure-ml-guardrail:${name}`;

/** The layer's plan for a stack, with config overrides on top of the checked-in Pulumi.<stack>.yaml. */
export function planGuardrail(
  stack = 'dev',
  config: Record<string, string | undefined> = {},
): Promise<LayerPlan> {
  return planForTest('guardrail', program, { stack, config });
}

/** Warnings the program logged, kept out of the test output; a test that expects one reads it. */
export const warnings: string[] = [];
jest.spyOn(console, 'warn').mockImplementation((message: unknown) => {
  warnings.push(String(message));
});

/** A statement as AWS receives it (JSON), loosely typed: the tests check what is there. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}
export interface Document {
  readonly Version: string;
  readonly Statement: Statement[];
}

/** The IAM guardrail as the plan registered it. */
export function guardrailDocument(plan: LayerPlan): Document {
  const raw = resource(plan, 'aws:iam/policy:Policy', 'notebook-guardrail').inputs['policy'];
  if (typeof raw !== 'string')
    throw new Error(`notebook-guardrail has no policy string: ${JSON.stringify(raw)}`);
  return JSON.parse(raw) as Document;
}

/** The job guardrail policy as the plan registered it (the job-start pins). */
export function jobGuardrailDocument(plan: LayerPlan): Document {
  const raw = resource(plan, 'aws:iam/policy:Policy', 'job-guardrail').inputs['policy'];
  if (typeof raw !== 'string') throw new Error(`job-guardrail has no policy string: ${JSON.stringify(raw)}`);
  return JSON.parse(raw) as Document;
}

/** One SCP document as the plan published it. */
export function scpOutput(plan: LayerPlan, output: string): Document {
  const raw = plan.outputs[output];
  if (typeof raw !== 'string') throw new Error(`the plan publishes no ${output}: ${JSON.stringify(raw)}`);
  return JSON.parse(raw) as Document;
}

/**
 * The notebook and people SCP documents (guardrailScp, guardrailScpPeople) as one: the same statements as the
 * guardrail policy, in its order. Deny-only documents attached side by side deny what any of them denies.
 */
export function scpDocument(plan: LayerPlan): Document {
  const [notebooks, people] = [scpOutput(plan, 'guardrailScp'), scpOutput(plan, 'guardrailScpPeople')];
  return { Version: notebooks.Version, Statement: [...notebooks.Statement, ...people.Statement] };
}

/**
 * Everything a person under the guardrail holds: both managed policies (the job guardrail's part also holds the
 * session and opening denies, packages/guardrail/src/policies/documents.ts), as one deny-only document.
 */
export function peopleGuardrailDocument(plan: LayerPlan): Document {
  const [notebooks, jobs] = [guardrailDocument(plan), jobGuardrailDocument(plan)];
  return { Version: notebooks.Version, Statement: [...notebooks.Statement, ...jobs.Statement] };
}

/** Every SCP document the guardrail publishes, as one: what the management account attaches side by side. */
export function allScpDocuments(plan: LayerPlan): Document {
  const docs = ['guardrailScp', 'guardrailScpPeople', 'guardrailScpJobs'].map((o) => scpOutput(plan, o));
  return { Version: '2012-10-17', Statement: docs.flatMap((d) => d.Statement) };
}

/** The job SCP document (guardrailScpJobs). */
export const scpJobsDocument = (plan: LayerPlan): Document => scpOutput(plan, 'guardrailScpJobs');

/** The outputs of the upstream plans (Nx plans security and network before these tests). */
export { readPlan, REPO_ROOT } from '@secure-ml/shared/testing';

/**
 * How long a hook that plans may take: planning runs the program under the mock engine, which on a loaded
 * machine takes longer than Jest's 5 s default. A limit against hangs, not an assertion about speed.
 */
export const PLAN_TIMEOUT_MS = 120_000;
