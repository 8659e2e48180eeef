import { Naming } from '@secure-ml/shared/naming';
import { JOB_CREATE_ACTIONS } from '@secure-ml/shared/catalogue';
import type { Env, Res } from '../model';
import { statementsOf, type Statement } from '../policy-document';
import { list, ofType, physicalName, rec, str, strings, T } from '../resources';

/**
 * What the JOB controls look at (issue 15): the job roles, the notebook roles that may start jobs, the job
 * security group and SageMaker's job log groups; and whether jobs are on at all. Jobs are on when the stack files
 * say so (`secure-ml-notebook:jobs`, offline) or when anything of the job ground is in the plan (under the engine,
 * or a job role left behind after jobs were turned off): then every JOB control applies, and what is missing is a
 * finding, never a vacuous pass.
 */
export const JOB_LOG_GROUPS: readonly string[] = Object.values(Naming.SAGEMAKER_JOB_LOG_GROUPS);
const NOTEBOOK_ID_TAG = 'secure-ml:notebook-id';

/** The notebook a role belongs to, by its `secure-ml:notebook-id` tag. */
export const notebookIdOf = (role: Res): string | undefined => str(rec(role.inputs['tags'])[NOTEBOOK_ID_TAG]);

const trustsSageMaker = (role: Res) =>
  statementsOf(role.inputs['assumeRolePolicy']).some(
    (s) =>
      s.effect === 'Allow' &&
      s.principal !== '*' &&
      (s.principal?.['Service'] ?? []).includes('sagemaker.amazonaws.com'),
  );

/** A notebook's job role: trusted by SageMaker, tagged with the notebook, named `<stem>-job-<id>` (naming.ts). */
export const jobRoles = (env: Env): Res[] =>
  ofType(env, T.role).filter((r) => {
    // The name first: in a first preview a role's trust may not be known yet, its name always is.
    if (!/-job-/.test(physicalName(r))) return false;
    const id = notebookIdOf(r);
    return !!id && physicalName(r).endsWith(`-job-${id}`) && trustsSageMaker(r);
  });

/** The statements a role holds: its inline policies (both forms) and the customer-managed policies attached. */
export function roleStatements(env: Env, role: Res): { owner: Res; statements: Statement[] }[] {
  const name = physicalName(role);
  const attached = new Set(
    ofType(env, T.rolePolicyAttachment)
      .filter((a) => a.inputs['role'] === name)
      .map((a) => str(a.inputs['policyArn'])?.split('/').pop()),
  );
  return [
    ...ofType(env, T.rolePolicy).filter((p) => p.inputs['role'] === name),
    ...ofType(env, T.policy).filter((p) => attached.has(physicalName(p))),
  ]
    .map((owner) => ({ owner, statements: statementsOf(owner.inputs['policy']) }))
    .concat(
      list(role.inputs['inlinePolicies']).map((p) => ({
        owner: role,
        statements: statementsOf(rec(p)['policy']),
      })),
    );
}

const allowsJobStart = (s: Statement) =>
  s.effect === 'Allow' &&
  JOB_CREATE_ACTIONS.some((a) =>
    s.actions.some((x) => new RegExp(`^${x.replace(/\*/g, '.*')}$`, 'i').test(a)),
  );

/** Every role some of whose statements allow a job start: a notebook role with the job-start policy. */
export const jobStarters = (env: Env): Res[] =>
  ofType(env, T.role).filter(
    (r) =>
      !jobRoles(env).includes(r) && roleStatements(env, r).some((p) => p.statements.some(allowsJobStart)),
  );

/** The job security groups: the network layer's published IDs offline, its `<...>-jobs` group under the engine. */
export function jobSecurityGroups(env: Env): Res[] {
  const published = strings(env.outputs.network?.['jobSecurityGroupIds']);
  return ofType(env, T.sg).filter((g) =>
    env.scope === 'environment' && env.outputs.network
      ? published.includes(g.id ?? '')
      : /(^|-)jobs$/.test(g.name),
  );
}

export const jobLogGroups = (env: Env): Res[] =>
  ofType(env, T.logGroup).filter((g) => JOB_LOG_GROUPS.includes(physicalName(g)));

/**
 * Whether notebooks may start jobs: by the stack files, or by a job role or a job-start policy in the plan. Under
 * the engine only the notebook stack can hold either (its policies may be unknown in a first preview: the control
 * is then deferred, as the IAM controls are).
 */
export const notebookJobsOn = (env: Env): boolean =>
  env.scope === 'layer'
    ? env.layer === 'notebook' && (jobRoles(env).length > 0 || jobStarters(env).length > 0)
    : env.settings.jobsEnabled === true || jobRoles(env).length > 0 || jobStarters(env).length > 0;

/**
 * Whether the job ground is (or must be) there: notebook jobs on, or a job group or job log group planned. Under
 * the engine, the owner's stack with the group (`owner`: network for JOB-2, logging for JOB-3), read by name only.
 */
export const jobGroundOn =
  (owner: 'network' | 'logging') =>
  (env: Env): boolean =>
    env.scope === 'layer'
      ? env.layer === owner &&
        (owner === 'network' ? jobSecurityGroups(env).length > 0 : jobLogGroups(env).length > 0)
      : notebookJobsOn(env) || jobSecurityGroups(env).length > 0 || jobLogGroups(env).length > 0;
