import { LAYERS } from '@secure-ml/shared';
import { environmentsIn, type LayerPlan, ofType, REPO_ROOT, resource } from '@secure-ml/shared/testing';
import { planLogging } from './support/plan';

describe.each(environmentsIn(REPO_ROOT))('the %s plan', (stack) => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planLogging({ stack });
  });

  it('publishes exactly the keys of the logging contract', () => {
    expect(Object.keys(plan.outputs).sort()).toEqual(Object.keys(LAYERS.logging.outputs).sort());
  });

  it('publishes the names and ARNs of the resources it created', () => {
    const group = (name: string) => resource(plan, 'aws:cloudwatch/logGroup:LogGroup', name).inputs['name'];
    expect(plan.outputs).toEqual({
      trailArn: `arn:aws:cloudtrail:eu-west-1:123456789012:trail/sml-${stack}-trail`,
      trailBucketName: resource(plan, 'aws:s3/bucket:Bucket', 'trail-bucket').inputs['bucket'],
      accessLogBucketName: resource(plan, 'aws:s3/bucket:Bucket', 'access-log-bucket').inputs['bucket'],
      trailLogGroupName: group('trail-log-group'),
      trailLogGroupArn: `arn:aws:logs:eu-west-1:123456789012:log-group:${String(group('trail-log-group'))}`,
      flowLogGroupName: group('flow-log-group'),
      flowLogGroupArn: `arn:aws:logs:eu-west-1:123456789012:log-group:${String(group('flow-log-group'))}`,
      notebookLogGroupName: '/aws/sagemaker/NotebookInstances',
      notebookLogGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/NotebookInstances',
      jobLogGroupArns: [
        'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/TrainingJobs',
        'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/ProcessingJobs',
      ],
      alertsTopicArn: `arn:aws:sns:eu-west-1:123456789012:sml-${stack}-alerts`,
    });
  });

  it('creates every AWS resource through the layer provider (region and default tags)', () => {
    const provider = resource(plan, 'pulumi:providers:aws', 'logging-aws');
    const aws = plan.resources.filter((r) => r.custom && r.type.startsWith('aws:'));
    expect(aws.length).toBeGreaterThan(0);
    for (const r of aws)
      expect(`${r.type} ${r.name} ${r.provider ?? 'default provider'}`).toBe(
        `${r.type} ${r.name} ${provider.urn}::${provider.id ?? ''}`,
      );
  });

  it('holds every resource the issue asks for, and nothing public or unencrypted besides', () => {
    const count = (type: string) => ofType(plan, type).length;
    expect({
      buckets: count('aws:s3/bucket:Bucket'),
      trails: count('aws:cloudtrail/trail:Trail'),
      logGroups: count('aws:cloudwatch/logGroup:LogGroup'),
      flowLogs: count('aws:ec2/flowLog:FlowLog'),
      topics: count('aws:sns/topic:Topic'),
      topicPolicies: count('aws:sns/topicPolicy:TopicPolicy'),
      metricFilters: count('aws:cloudwatch/logMetricFilter:LogMetricFilter'),
      alarms: count('aws:cloudwatch/metricAlarm:MetricAlarm'),
      publicAccessBlocks: count('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock'),
      bucketPolicies: count('aws:s3/bucketPolicy:BucketPolicy'),
      aclResources: count('aws:s3/bucketAcl:BucketAcl'),
      internetFacing: count('aws:ec2/internetGateway:InternetGateway'),
    }).toEqual({
      buckets: 2,
      trails: 1,
      // trail, flow logs, notebooks, and the two job groups (secure-ml-logging:jobs is on in both examples)
      logGroups: 5,
      flowLogs: 1,
      topics: 1,
      topicPolicies: 1,
      metricFilters: 15,
      alarms: 15,
      publicAccessBlocks: 2,
      bucketPolicies: 2,
      aclResources: 0,
      internetFacing: 0,
    });
  });
});
