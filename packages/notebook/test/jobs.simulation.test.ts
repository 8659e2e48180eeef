/**
 * The shared job case table (libs/verify/src/cases/jobs.ts, which `verify` also sends to IAM's simulator in the
 * deployed account), decided offline for each notebook of each example environment, as AWS decides them
 * (@cloud-copilot/iam-simulate) over the plans' documents: the notebook role's policies under the security
 * layer's boundary for what a notebook may start, pass, stop and list; the job role's policies under the same
 * boundary, with the data bucket policy on every S3 request, the S3 gateway endpoint's policy on a request that goes
 * through it, and the data key's policy where a case names it, for what a job may reach. What JOB-1 (the job
 * role's reach) and JOB-4 (the start conditions) check by meaning, proven here as AWS evaluates it.
 */
import { jobCases, type AccessCase, type JobFacts } from '@secure-ml/verify/cases';
import { ofType, readPlan, REPO_ROOT } from '@secure-ml/shared/testing';
import { T } from './plan';
import {
  ACCOUNT,
  caseFactsOf,
  decide,
  deployment,
  ENVS,
  NOTEBOOK_PAIRS,
  notebookRoleCasePolicies,
  parse,
  sessionContext,
  type Deployment,
  type Document,
  type Policies,
} from './support/deployment';

const jobRoleArn = (env: string, id: string) =>
  `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${env}/notebooks/sml-${env}-job-${id}`;

interface Jobs {
  readonly d: Deployment;
  readonly facts: JobFacts;
  /** The job role's own policies (the notebook layer's). */
  readonly jobPolicies: Document[];
}

async function jobsOf(env: (typeof ENVS)[number], own: string, other: string): Promise<Jobs> {
  const d = await deployment(env, {}, own);
  const network = readPlan(REPO_ROOT, env, 'network');
  const facts: JobFacts = {
    ...caseFactsOf(d, other),
    subnetIds: network.outputs['privateSubnetIds'] as string[],
    jobSecurityGroupId: (network.outputs['jobSecurityGroupIds'] as string[])[0] as string,
    vpcId: String(network.outputs['vpcId']),
    s3EndpointId: d.endpoints.s3Id,
    jobRoleArn: jobRoleArn(env, own),
    otherJobRoleArn: jobRoleArn(env, other),
    // Both examples keep the default (secure-ml-notebook:jobNetworkIsolation: true); a change there fails here.
    networkIsolationRequired: true,
  };
  const jobRoleName = `sml-${env}-job-${own}`;
  const jobPolicies = ofType(d.notebookPlan, T.rolePolicy)
    .filter((p) => p.inputs['role'] === jobRoleName)
    .map((p) => parse(p));
  return { d, facts, jobPolicies };
}

/** Names only, for the test titles; every decided case is rebuilt from the plans' own facts. */
const NAMED = jobCases({
  partition: 'aws',
  account: ACCOUNT,
  region: 'eu-west-1',
  stem: 'sml-dev',
  dataKeyArn: 'named only',
  logsKeyArn: 'named only',
  notebookRoleArn: 'named only',
  notebookId: 'alice',
  otherNotebookId: 'bob',
  subnetIds: ['subnet-named-only'],
  jobSecurityGroupId: 'sg-named-only',
  vpcId: 'vpc-named-only',
  s3EndpointId: 'vpce-named-only',
  jobRoleArn: 'named only',
  otherJobRoleArn: 'named only',
  networkIsolationRequired: true,
});

it('runs the whole shared table (its groups written out, so that a dropped case fails here)', () => {
  const bySubject = (s: string) => NAMED.filter((c) => c.subject === s).length;
  // Per kind: 1 compliant, 15 broken keys, 2 ownership tags; then 6 PassRole, 12 describe/stop, 2 tags, 1 list.
  expect(bySubject('notebook-role')).toBe(3 * (1 + 15 + 2) + 6 + 12 + 2 + 1);
  expect(bySubject('job-role')).toBe(17);
  expect(NAMED).toHaveLength(75 + 17);
  expect(new Set(NAMED.map((c) => c.name)).size).toBe(NAMED.length);
});

function policiesFor(j: Jobs, c: AccessCase): Policies {
  const { d } = j;
  if (c.subject === 'notebook-role') return notebookRoleCasePolicies(d, c);
  const keyPolicy =
    c.resourcePolicy === 'data-key'
      ? d.dataKey.policy
      : c.resourcePolicy === 'logs-key'
        ? d.logsKey.policy
        : undefined;
  const attached = (c.attached ?? []) as unknown as Document[];
  // A job's S3 request always meets the bucket's policy, and the endpoint's when it goes through it.
  const s3 = c.action.startsWith('s3:');
  const throughEndpoint = c.context?.['aws:SourceVpce'] !== undefined;
  return {
    identity: [...j.jobPolicies, ...attached],
    boundary: d.boundary,
    ...(keyPolicy ? { resource: keyPolicy } : s3 ? { resource: d.bucket.policy } : {}),
    ...(s3 && throughEndpoint ? { endpoint: d.endpoints.s3 } : {}),
  };
}

describe.each(ENVS.flatMap((env) => NOTEBOOK_PAIRS.map(([own, other]) => [env, own, other] as const)))(
  "%s: %s's notebook and job role against the shared job table (the other notebook: %s)",
  (env, own, other) => {
    let j: Jobs;
    let cases: AccessCase[];
    beforeAll(async () => {
      j = await jobsOf(env, own, other);
      cases = jobCases(j.facts);
    });

    it('the job role is its own, not the notebook role, with policies of its own', () => {
      expect(j.jobPolicies.length).toBeGreaterThanOrEqual(2);
      expect(j.facts.jobRoleArn).not.toBe(j.d.role.arn);
    });

    it.each(NAMED.map((c, i) => [c.name, c.expected, i] as const))('%s: %s', async (name, expected, i) => {
      const c = cases[i] as AccessCase;
      expect(c.name).toBe(name);
      const principal =
        c.subject === 'job-role'
          ? {
              session: `arn:aws:sts::${ACCOUNT}:assumed-role/sml-${env}-job-${own}/SageMaker`,
              context: {
                'aws:PrincipalArn': j.facts.jobRoleArn,
                'aws:PrincipalAccount': ACCOUNT,
                'aws:PrincipalIsAWSService': 'false',
              },
            }
          : { session: j.d.role.session, context: sessionContext(j.d) };
      if (c.subject !== 'job-role' && c.subject !== 'notebook-role')
        throw new Error(`${c.name}: no offline subject ${c.subject} here`);
      const context = {
        ...principal.context,
        ...(c.context as Record<string, string | string[]> | undefined),
      };
      expect(
        await decide(
          { principal: principal.session, action: c.action, resource: c.resource, context },
          policiesFor(j, c),
        ),
      ).toBe(expected);
    });
  },
);
