import { ofType, type LayerPlan } from '@secure-ml/shared/testing';
import { planLogging, upstreamOf } from './support/plan';

describe('VPC flow logs', () => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planLogging();
  });

  it('log ALL traffic of the network layer VPC to the encrypted flow-log group through the flow-log role (LOG-12)', () => {
    const flowLogs = ofType(plan, 'aws:ec2/flowLog:FlowLog');
    expect(flowLogs).toHaveLength(1);
    expect(flowLogs[0]?.inputs).toMatchObject({
      vpcId: upstreamOf('network')['vpcId'],
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: 'arn:aws:logs:eu-west-1:123456789012:log-group:/secure-ml/sml-dev/vpc-flow-logs',
      iamRoleArn: upstreamOf('security')['flowLogsRoleArn'],
    });
  });

  it('do not narrow the capture to accepted or rejected traffic, nor to one subnet or interface', () => {
    const inputs = ofType(plan, 'aws:ec2/flowLog:FlowLog')[0]?.inputs ?? {};
    expect(inputs['trafficType']).not.toMatch(/^(ACCEPT|REJECT)$/);
    expect(inputs['subnetId']).toBeUndefined();
    expect(inputs['eniId']).toBeUndefined();
  });
});
