import { environmentsIn, type LayerPlan, ofType, readPlan, REPO_ROOT } from '@secure-ml/shared/testing';
import { jobGround } from '../src/jobs/ground';
import { planNotebook, policyOf, T } from './plan';

describe.each(environmentsIn(REPO_ROOT))('job roles in the %s plan (jobs on in the example)', (stack) => {
  let plan: LayerPlan;
  const stem = `sml-${stack}`;
  beforeAll(async () => {
    plan = await planNotebook(stack);
  });

  it('creates one job role per notebook, under the notebook role path and the security layer boundary', () => {
    const boundary = readPlan(REPO_ROOT, stack, 'security').outputs['notebookBoundaryArn'];
    const jobRoles = ofType(plan, T.role).filter((r) => String(r.inputs['name']).startsWith(`${stem}-job-`));
    expect(jobRoles.map((r) => r.inputs['name']).sort()).toEqual([`${stem}-job-alice`, `${stem}-job-bob`]);
    for (const role of jobRoles)
      expect(role.inputs).toMatchObject({
        path: `/secure-ml/${stem}/notebooks/`,
        permissionsBoundary: boundary,
      });
  });

  it('trusts SageMaker only, for this account whenever it says which', () => {
    const role = ofType(plan, T.role).find((r) => r.inputs['name'] === `${stem}-job-alice`);
    expect(JSON.parse(String(role?.inputs['assumeRolePolicy']))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'SageMakerJobsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'sagemaker.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } },
        },
      ],
    });
  });

  it("gives alice's job role alice's data grants, the same document as her notebook role's", () => {
    expect(policyOf(plan, T.rolePolicy, 'alice-job-data-access')).toEqual(
      policyOf(plan, T.rolePolicy, 'alice-data-access'),
    );
  });

  it("puts the start policy on alice's notebook role, naming her own job role and the network layer's ground", () => {
    const network = readPlan(REPO_ROOT, stack, 'network');
    const start = policyOf(plan, T.rolePolicy, 'alice-job-start');
    const sids = start.Statement.map((s) => s.Sid);
    expect(sids).toEqual([
      'StartTrainingJobsTaggedAsOwn',
      'ManageOwnTrainingJobs',
      'StartProcessingJobsTaggedAsOwn',
      'ManageOwnProcessingJobs',
      'StartTuningJobsTaggedAsOwn',
      'ManageOwnTuningJobs',
      'TagOwnJobsOnCreateOnly',
      'ListJobs',
      'PassOwnJobRoleToSageMaker',
      'FindJobLogStreams',
      'ReadJobLogEvents',
      'DenyJobOutsidePrivateSubnets',
      'DenyJobWithoutVpc',
      'DenyJobOutsideJobGroup',
      'DenyJobWithoutGroup',
      'DenyJobVolumeNotDataKey',
      'DenyJobOutputNotDataKey',
      'DenyJobClearInterContainerTraffic',
      'DenyJobUnstatedInterContainerTraffic',
      'DenyJobWithoutNetworkIsolation',
      'DenyJobUnstatedNetworkIsolation',
    ]);
    const pass = start.Statement.find((s) => s.Sid === 'PassOwnJobRoleToSageMaker');
    expect(pass?.Resource).toBe(
      `arn:aws:iam::123456789012:role/secure-ml/${stem}/notebooks/${stem}-job-alice`,
    );
    const subnets = start.Statement.find((s) => s.Sid === 'DenyJobOutsidePrivateSubnets');
    expect(subnets?.Condition).toEqual({
      'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': network.outputs['privateSubnetIds'] },
    });
    const groups = start.Statement.find((s) => s.Sid === 'DenyJobOutsideJobGroup');
    expect(groups?.Condition).toEqual({
      'ForAnyValue:StringNotEquals': {
        'sagemaker:VpcSecurityGroupIds': network.outputs['jobSecurityGroupIds'],
      },
    });
  });

  it('drops the isolation pin only when jobNetworkIsolation is false', async () => {
    const open = await planNotebook(stack, { 'secure-ml-notebook:jobNetworkIsolation': 'false' });
    const sids = policyOf(open, T.rolePolicy, 'alice-job-start').Statement.map((s) => s.Sid);
    expect(sids).not.toContain('DenyJobWithoutNetworkIsolation');
    expect(sids).toContain('DenyJobClearInterContainerTraffic');
  });
});

describe('jobs off', () => {
  it('creates no job role and no start policy', async () => {
    const plan = await planNotebook('dev', { 'secure-ml-notebook:jobs': 'false' });
    expect(ofType(plan, T.role).map((r) => r.inputs['name'])).not.toContain('sml-dev-job-alice');
    expect(ofType(plan, T.rolePolicy).map((p) => p.name)).not.toContain('alice-job-start');
  });

  it('refuses jobs without the network and logging ground, naming both settings', () => {
    expect(() => jobGround([], [], 'dev')).toThrow(
      'secure-ml-notebook:jobs = true, but the network layer publishes no jobSecurityGroupIds and the logging layer publishes no jobLogGroupArns',
    );
    expect(() => jobGround(['sg-1'], [], 'dev')).toThrow(
      'Fix: set secure-ml-logging:jobs true in packages/logging/Pulumi.dev.yaml and deploy it (npx nx run logging:deploy -c dev)',
    );
    expect(jobGround(['sg-1'], ['arn:aws:logs:x'], 'dev')).toBe('sg-1');
  });
});
