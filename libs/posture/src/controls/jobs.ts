import { globMatch, UNFORESEEN } from '../conditions';
import { stackControl } from '../define';
import type { Control, Env, Finding, Res } from '../model';
import type { Statement } from '../policy-document';
import {
  customerKeyProblem,
  finding,
  label,
  layerIndex,
  list,
  missing,
  ofType,
  owns,
  physicalName,
  rec,
  show,
  str,
  T,
} from '../resources';
import { boundaryProblem } from './iam';
import {
  jobGroundOn,
  jobLogGroups,
  JOB_LOG_GROUPS,
  jobRoles,
  jobSecurityGroups,
  jobStarters,
  notebookIdOf,
  notebookJobsOn,
  roleStatements,
} from './job-ground';
import { compliantJob, jobPinsFix, jobPinValuesOf, missingJobPins, refusedCompliantJobs } from './job-pins';
import { accountOf, granted, reachOfRole, roleArn } from './role-reach';

/**
 * JOB-1..4 (issue 15): the SageMaker jobs a notebook starts stay inside the posture. Each applies only when jobs
 * are on (job-ground.ts); then what is missing is a finding.
 */
const MIN_RETENTION_DAYS = 365;
const JOBS_FIX =
  'set secure-ml-notebook:jobs false, or deploy the job ground (README "Using the platform: a training job")';

const jobRoleControl = stackControl({
  id: 'JOB-1',
  standards: ['least privilege', 'delegation'],
  check:
    "each notebook's job role (`<stem>-job-<id>`, trusted by SageMaker) is under the security layer's boundary and the notebook role path, and reaches only its notebook's prefix (read and write; shared/ read), no other bucket, and the data key only through S3 (its volume grant only for an AWS resource), and still reaches its own prefix and shared/ (NB-12's probes, role-reach.ts)",
  perLayer:
    "the engine checks the notebook stack's job roles against the bucket and key their policies name; offline, against the notebook layer's data bucket, the security layer's data key, boundary and notebook role path",
  mayBeNotApplicable: 'jobs are off (secure-ml-notebook:jobs false) and no job role is planned',
  examines: [T.role, T.rolePolicy],
  appliesTo: notebookJobsOn,
  evaluate(env) {
    const roles = jobRoles(env);
    const found: Finding[] = [];
    if (env.scope === 'environment' && env.settings.jobsEnabled)
      for (const nb of ofType(env, T.notebook)) {
        const id = notebookIdOf(nb);
        if (id && !roles.some((r) => notebookIdOf(r) === id))
          found.push(
            finding(nb, `has no job role (<stem>-job-${id}) while secure-ml-notebook:jobs is true`, JOBS_FIX),
          );
      }
    const path = str(env.outputs.security?.['notebookRolePath']);
    for (const role of roles) {
      const boundary = boundaryProblem(env, str(role.inputs['permissionsBoundary']));
      if (boundary)
        found.push(
          finding(
            role,
            `is ${boundary}`,
            "set permissionsBoundary to the security layer's notebookBoundaryArn",
          ),
        );
      if (path && str(role.inputs['path']) !== path)
        found.push(
          finding(
            role,
            `path is ${show(role.inputs['path'])}, not the notebook role path ${path}`,
            `create the job role under ${path} (naming.notebookRolePath)`,
          ),
        );
      const { beyond, lockedOut, grantedBy } = reachOfRole(env, role, notebookIdOf(role) ?? '');
      if (beyond.length)
        found.push(
          finding(
            role,
            `${beyond.join('; ')} (granted by ${grantedBy.join(', ')})`,
            `grant the job role only its notebook's data access (packages/notebook/src/notebooks/policies.ts dataAccessPolicy) and its runtime policy (packages/notebook/src/jobs/policies.ts)`,
          ),
        );
      if (lockedOut.length)
        found.push(
          finding(
            role,
            `cannot ${lockedOut.join('; ')} (a job would fail)`,
            "grant the job role its notebook's data access (packages/notebook/src/notebooks/policies.ts dataAccessPolicy)",
          ),
        );
    }
    return found;
  },
});

interface GroupRule {
  readonly dir: 'ingress' | 'egress';
  /** The rule resource; undefined for an inline rule of the group. */
  readonly rule: Res | undefined;
  readonly r: Readonly<Record<string, unknown>>;
}

/** The rules of a security group, inline or as separate resources, each with its direction. */
function rulesOf(env: Env, group: Res): GroupRule[] {
  const id = group.id ?? '';
  const inline = (['ingress', 'egress'] as const).flatMap((dir) =>
    list(group.inputs[dir]).map((r) => ({ dir, rule: undefined, r: rec(r) })),
  );
  const separate = [
    ...ofType(env, T.ingressRule)
      .filter((r) => r.inputs['securityGroupId'] === id)
      .map((rule) => ({ dir: 'ingress' as const, rule, r: rule.inputs })),
    ...ofType(env, T.egressRule)
      .filter((r) => r.inputs['securityGroupId'] === id)
      .map((rule) => ({ dir: 'egress' as const, rule, r: rule.inputs })),
    ...ofType(env, T.sgRule)
      .filter((r) => r.inputs['securityGroupId'] === id)
      .map((rule): GroupRule => ({
        dir: rule.inputs['type'] === 'ingress' ? 'ingress' : 'egress',
        rule,
        r: { ...rule.inputs, referencedSecurityGroupId: rule.inputs['sourceSecurityGroupId'] },
      })),
  ];
  return [...inline, ...separate];
}

/** Why a rule of the job group is not one it may have; undefined when it is. */
function jobRuleProblem(
  env: Env,
  group: Res,
  dir: 'ingress' | 'egress',
  r: Readonly<Record<string, unknown>>,
) {
  const self = group.id ?? '';
  const peer = str(r['referencedSecurityGroupId']) ?? list(r['securityGroups']).map(String)[0];
  const cidrs = [r['cidrIpv4'], r['cidrIpv6'], ...list(r['cidrBlocks']), ...list(r['ipv6CidrBlocks'])].filter(
    (c) => c !== undefined,
  );
  const prefix = str(r['prefixListId']) ?? list(r['prefixListIds']).map(String)[0];
  if ((peer === self || r['self'] === true) && cidrs.length === 0 && !prefix) return undefined;
  if (dir === 'ingress')
    return `admits ${show(peer ?? prefix ?? cidrs)} (only the job group itself may reach a job)`;
  const https =
    (str(r['ipProtocol']) ?? str(r['protocol'])) === 'tcp' && r['fromPort'] === 443 && r['toPort'] === 443;
  const endpoints = str(env.outputs.network?.['endpointSecurityGroupId']);
  const s3 = str(env.outputs.network?.['s3PrefixListId']);
  const toEndpoints = !!peer && (env.scope !== 'environment' || !endpoints || peer === endpoints);
  const toS3 = !!prefix && (env.scope !== 'environment' || !s3 || prefix === s3);
  if (https && cidrs.length === 0 && (toEndpoints || toS3) && !(peer && prefix)) return undefined;
  return `lets jobs out to ${show(peer ?? prefix ?? cidrs)} on ${show(r['ipProtocol'] ?? r['protocol'])} ${show(r['fromPort'])}-${show(r['toPort'])} (only the group itself, and tcp 443 to the endpoint group or the S3 prefix list)`;
}

const jobGroupControl = stackControl({
  id: 'JOB-2',
  standards: ['isolation', 'CKV_AWS_24/25'],
  check:
    "the job security group admits nothing but itself (distributed training between the instances of one job) and lets nothing out but to itself and tcp 443 to the interface endpoints' group or the S3 prefix list",
  perLayer:
    "the engine checks the network stack's `-jobs` group against any endpoint group or prefix list; offline, the network layer's published jobSecurityGroupIds against its endpointSecurityGroupId and s3PrefixListId",
  mayBeNotApplicable: 'jobs are off in every layer and no job group is planned',
  examines: [T.sg, T.ingressRule, T.egressRule, T.sgRule],
  appliesTo: jobGroundOn('network'),
  evaluate(env) {
    const groups = jobSecurityGroups(env);
    if (groups.length === 0)
      return owns(env, 'network') && env.settings.jobsEnabled
        ? [
            missing(
              'network layer',
              'no job security group (jobSecurityGroupIds) while secure-ml-notebook:jobs is true',
              'set secure-ml-network:jobs true in the network stack file and deploy it',
            ),
          ]
        : [];
    return groups.flatMap((g) =>
      rulesOf(env, g).flatMap(({ dir, rule, r }) => {
        const problem = jobRuleProblem(env, g, dir, r);
        if (!problem) return [];
        const at = rule ?? g;
        return [
          finding(
            at,
            `${rule ? `a ${dir} rule of the job group ${g.name}` : `inline ${dir} of the job group`} ${problem}`,
            'remove the rule: the network layer gives the job group exactly its self, endpoint and S3 rules (packages/network/src/security-groups.ts)',
          ),
        ];
      }),
    );
  },
});

const jobLogGroupControl = stackControl({
  id: 'JOB-3',
  standards: ['SageMaker logs', 'CloudWatch.16', 'CKV_AWS_158'],
  check: `${JOB_LOG_GROUPS.join(' and ')} are created by us, encrypted with a customer-managed key, retained ${MIN_RETENTION_DAYS} days or more, in a layer deployed before the notebooks (or the notebooks depend on them)`,
  perLayer:
    'the engine checks the groups in the logging stack; offline, both must exist and come from a layer deployed before the notebook layer',
  mayBeNotApplicable: 'jobs are off in every layer and no job log group is planned',
  examines: [T.logGroup],
  appliesTo: jobGroundOn('logging'),
  evaluate(env) {
    const found: Finding[] = [];
    const groups = jobLogGroups(env);
    for (const name of JOB_LOG_GROUPS) {
      const group = groups.find((g) => physicalName(g) === name);
      if (!group) {
        if (
          owns(env, 'logging') &&
          (env.scope !== 'environment' || env.settings.jobsEnabled || groups.length)
        )
          found.push(
            missing(
              'logging layer',
              `no log group ${name}: the first job would have SageMaker create it unencrypted and kept forever`,
              'set secure-ml-logging:jobs true in the logging stack file and deploy it',
            ),
          );
        continue;
      }
      const key = customerKeyProblem(env, str(group.inputs['kmsKeyId']), 'kmsKeyId');
      if (key) found.push(finding(group, key, 'set kmsKeyId to the logs key'));
      const days = group.inputs['retentionInDays'];
      if (typeof days !== 'number' || days < MIN_RETENTION_DAYS)
        found.push(
          finding(
            group,
            `retentionInDays is ${show(days)}`,
            `set retentionInDays to ${MIN_RETENTION_DAYS} or more`,
          ),
        );
      for (const role of [...jobRoles(env), ...jobStarters(env)]) {
        const earlier = layerIndex(group.layer) >= 0 && layerIndex(group.layer) < layerIndex(role.layer);
        if (!earlier && !role.options.dependsOn.includes(group.urn))
          found.push(
            finding(
              role,
              `may start jobs before ${name} exists`,
              'create the group in the logging layer (deployed first) or make the role depend on it',
            ),
          );
      }
    }
    return found;
  },
});

/** The job role a notebook role may pass: the `<stem>-job-<id>` role of the same notebook. */
const ownJobRole = (env: Env, starter: Res) =>
  jobRoles(env).find((r) => notebookIdOf(r) === notebookIdOf(starter));

/** How a starter passes roles that is not "its own job role, to SageMaker only". */
function passRoleProblems(env: Env, starter: Res, statements: readonly Statement[]): string[] {
  const own = ownJobRole(env, starter);
  const ownArn = own ? roleArn(own, env, statements) : undefined;
  const sagemaker = { 'iam:passedtoservice': [['sagemaker.amazonaws.com']] };
  const path = str(own?.inputs['path']) ?? '/';
  const account = accountOf(env, statements);
  const others = [
    `arn:aws:iam::${account}:role${path}${physicalName(own ?? starter).replace(/-job-[^-]+$/, '')}-job-${UNFORESEEN}`,
    `arn:aws:iam::${account}:role/${UNFORESEEN}`,
    // Every other notebook's job role by its own ARN: a Resource that lists one by name must not get through.
    ...jobRoles(env)
      .filter((r) => r !== own)
      .map((r) => roleArn(r, env, statements)),
  ];
  const problems = others
    .filter((arn) => granted(statements, 'iam:PassRole', arn, sagemaker))
    .map((arn) => `may pass ${arn} (not its own job role) to SageMaker`);
  if (!ownArn) return [...problems, 'has no job role of its own to pass'];
  for (const service of [undefined, ['ec2.amazonaws.com']])
    if (granted(statements, 'iam:PassRole', ownArn, { 'iam:passedtoservice': [service] }))
      problems.push(`may pass its job role ${service ? `to ${service[0]}` : 'without iam:PassedToService'}`);
  if (!granted(statements, 'iam:PassRole', ownArn, sagemaker))
    problems.push('cannot pass its own job role to SageMaker (no job could start)');
  return problems;
}

const jobStartControl = stackControl({
  id: 'JOB-4',
  standards: ['preventive', 'least privilege'],
  check:
    "each role that may start a training, processing or tuning job (a notebook's job-start policy) is refused, by a deny that holds whatever else the request carries, a job outside the private subnets or the job group (or without them), with a volume or output key other than the data key (or none), with inter-container encryption off or unstated, and without network isolation (off or unstated) unless secure-ml-notebook:jobNetworkIsolation is false; a compliant job is not refused; and it may pass only its own job role, only to SageMaker",
  perLayer:
    "the engine checks the notebook stack's job-start policies against the values they name; offline, against the network layer's private subnets and job group and the security layer's data key",
  mayBeNotApplicable: 'jobs are off (secure-ml-notebook:jobs false) and no role may start a job',
  examines: [T.role, T.rolePolicy],
  appliesTo: notebookJobsOn,
  evaluate(env) {
    const starters = jobStarters(env);
    const found: Finding[] = [];
    if (
      starters.length === 0 &&
      env.scope === 'environment' &&
      env.settings.jobsEnabled &&
      owns(env, 'notebook')
    )
      found.push(
        missing(
          'notebook layer',
          'no notebook role may start a job while secure-ml-notebook:jobs is true',
          JOBS_FIX,
        ),
      );
    for (const role of starters) {
      const statements = roleStatements(env, role).flatMap((p) => p.statements);
      const values = jobPinValuesOf(env, statements);
      const principal = roleArn(role, env, statements);
      const gaps = missingJobPins(statements, values, principal);
      if (gaps.length)
        found.push(finding(role, `may start ${gaps.map((g) => g.what).join('; ')}`, jobPinsFix(gaps)));
      const refused = refusedCompliantJobs(statements, values, principal);
      if (refused.length)
        found.push(
          finding(
            role,
            `is refused a compliant ${refused.join(', ')}`,
            `pin each key to the environment's own values: ${JSON.stringify(compliantJob(values))} must get through (libs/shared/src/catalogue/job-pins.ts)`,
          ),
        );
      const passes = passRoleProblems(env, role, statements);
      // Where the role's iam:PassRole grants are, so the fix can find them.
      const granting = roleStatements(env, role)
        .filter((p) =>
          p.statements.some(
            (s) => s.effect === 'Allow' && s.actions.some((a) => globMatch(a, 'iam:PassRole', true)),
          ),
        )
        .map((p) => label(p.owner));
      if (passes.length)
        found.push(
          finding(
            role,
            `${passes.join('; ')} (iam:PassRole granted in ${granting.join(', ') || 'no policy'})`,
            'allow iam:PassRole on its own job role ARN only, with StringEquals iam:PassedToService sagemaker.amazonaws.com',
          ),
        );
    }
    return found;
  },
});

export const jobControls: Control[] = [jobRoleControl, jobGroupControl, jobLogGroupControl, jobStartControl];
