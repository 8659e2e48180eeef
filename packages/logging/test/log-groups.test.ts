import { ofType, resource, type LayerPlan } from '@secure-ml/shared/testing';
import { Naming } from '@secure-ml/shared';
import { planLogging, upstreamOf } from './support/plan';

const LOG_GROUP = 'aws:cloudwatch/logGroup:LogGroup';

describe('log groups', () => {
  let dev: LayerPlan;
  let prod: LayerPlan;
  beforeAll(async () => {
    [dev, prod] = await Promise.all([planLogging(), planLogging({ stack: 'prod' })]);
  });

  it('creates the trail, flow-log, SageMaker notebook and job groups, and no other (LOG-14)', () => {
    for (const plan of [dev, prod])
      expect(
        ofType(plan, LOG_GROUP)
          .map((g) => g.inputs['name'])
          .sort(),
      ).toEqual(
        [
          `/secure-ml/${plan === dev ? 'sml-dev' : 'sml-prod'}/cloudtrail`,
          `/secure-ml/${plan === dev ? 'sml-dev' : 'sml-prod'}/vpc-flow-logs`,
          Naming.SAGEMAKER_NOTEBOOK_LOG_GROUP,
          '/aws/sagemaker/TrainingJobs',
          '/aws/sagemaker/ProcessingJobs',
        ].sort(),
      );
    expect(resource(dev, LOG_GROUP, 'notebook-log-group').inputs['name']).toBe(
      '/aws/sagemaker/NotebookInstances',
    );
  });

  it('encrypts every group with the logs key (LOG-11)', () => {
    for (const group of ofType(dev, LOG_GROUP))
      expect(group.inputs['kmsKeyId']).toBe(upstreamOf('security')['logsKeyArn']);
  });

  it.each([
    ['dev', 365],
    ['prod', 731],
  ] as const)(
    'retains every %s group for the configured %i days, never under a year (LOG-10)',
    (stack, days) => {
      for (const group of ofType(stack === 'dev' ? dev : prod, LOG_GROUP)) {
        expect(group.inputs['retentionInDays']).toBe(days);
        expect(group.inputs['retentionInDays']).toBeGreaterThanOrEqual(365);
      }
    },
  );

  it('takes a longer retention from config', async () => {
    const plan = await planLogging({ config: { 'secure-ml-logging:logRetentionDays': '3653' } });
    for (const group of ofType(plan, LOG_GROUP)) expect(group.inputs['retentionInDays']).toBe(3653);
  });

  it('protects the groups in prod only', () => {
    for (const group of ofType(prod, LOG_GROUP)) expect(group.options.protect).toBe(true);
    for (const group of ofType(dev, LOG_GROUP)) expect(group.options.protect).toBe(false);
  });

  it('creates the job groups with the other groups, not on a job: before any job can write (secure-ml-logging:jobs)', () => {
    for (const [logical, name] of [
      ['training-job-log-group', '/aws/sagemaker/TrainingJobs'],
      ['processing-job-log-group', '/aws/sagemaker/ProcessingJobs'],
    ] as const) {
      expect(resource(dev, LOG_GROUP, logical).inputs).toEqual({
        name,
        kmsKeyId: upstreamOf('security')['logsKeyArn'],
        retentionInDays: 365,
      });
      expect(resource(prod, LOG_GROUP, logical).options.protect).toBe(true);
    }
  });

  it('creates no job group with jobs off, and publishes none', async () => {
    const plan = await planLogging({ config: { 'secure-ml-logging:jobs': 'false' } });
    expect(ofType(plan, LOG_GROUP).map((g) => g.inputs['name'])).not.toContain('/aws/sagemaker/TrainingJobs');
    expect(ofType(plan, LOG_GROUP)).toHaveLength(3);
    expect(plan.outputs['jobLogGroupArns']).toEqual([]);
  });
});
