/**
 * The jobs' ground as deployed (layers/job-ground.ts): with jobs on (dev), the job security group's rules and
 * SageMaker's job log groups read back with DescribeSecurityGroups and DescribeLogGroups, each drift reported.
 */
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { healthy, JOB_GROUP, JOB_LOG_GROUPS, mocks, OUTPUTS } from './support/healthy';
import { checksOf, failed, verify } from './support/run';

beforeEach(healthy);

const groundChecks = (reportDir: string) =>
  checksOf(reportDir, 'notebook').filter((c) => c.id === 'JOB-2' || c.id === 'JOB-3');
const withGroup = (group: typeof JOB_GROUP | undefined) =>
  mocks.ec2
    .on(DescribeSecurityGroupsCommand, { GroupIds: [JOB_GROUP.GroupId] })
    .resolves({ SecurityGroups: group ? [group] : [] });
const withLogGroups = (groups: Partial<(typeof JOB_LOG_GROUPS)[number]>[]) =>
  mocks.logs.on(DescribeLogGroupsCommand).callsFake((input: { logGroupNamePrefix?: string }) => ({
    logGroups: groups.filter((g) => g.logGroupName?.startsWith(input.logGroupNamePrefix ?? '')),
  }));
const [TRAINING, PROCESSING] = JOB_LOG_GROUPS as [
  (typeof JOB_LOG_GROUPS)[number],
  (typeof JOB_LOG_GROUPS)[number],
];

it('healthy: the job group holds its four planned rules and both job log groups are under the logs key, kept a year', async () => {
  const run = await verify('notebook');
  expect(groundChecks(run.reportDir).map((c) => [c.id, c.result])).toEqual([
    ['JOB-2', 'pass'],
    ['JOB-3', 'pass'],
    ['JOB-3', 'pass'],
  ]);
  expect(run.code).toBe(0);
});

it('an ingress rule from anywhere is drift: JOB-2 fails naming it', async () => {
  withGroup({
    ...JOB_GROUP,
    IpPermissions: [
      ...JOB_GROUP.IpPermissions,
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        UserIdGroupPairs: [],
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
      },
    ],
  });
  const run = await verify('notebook');
  expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => [c.id, c.evidence])).toEqual([
    ['JOB-2', 'not planned: ingress tcp 22 0.0.0.0/0; missing: none'],
  ]);
  expect(run.code).toBe(1);
});

it('egress widened to every port of the endpoints, and the S3 rule gone: JOB-2 fails naming both', async () => {
  const [self = {}, endpoints = {}] = JOB_GROUP.IpPermissionsEgress;
  withGroup({ ...JOB_GROUP, IpPermissionsEgress: [self, { ...endpoints, IpProtocol: '-1' }] });
  const run = await verify('notebook');
  expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => c.evidence)).toEqual([
    `not planned: egress all ${OUTPUTS.network.endpointSecurityGroupId}; missing: egress tcp 443 ${OUTPUTS.network.endpointSecurityGroupId}; egress tcp 443 ${OUTPUTS.network.s3PrefixListId}`,
  ]);
});

it('a job group the account does not have fails JOB-2', async () => {
  withGroup(undefined);
  const run = await verify('notebook');
  expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => [c.id, c.evidence])).toEqual([
    ['JOB-2', `DescribeSecurityGroups returned no group ${JOB_GROUP.GroupId}`],
  ]);
});

it.each([
  [
    'missing',
    [PROCESSING],
    'no log group /aws/sagemaker/TrainingJobs: the first job would have SageMaker create it unencrypted and kept forever',
  ],
  ['unencrypted', [{ ...TRAINING, kmsKeyId: undefined }, PROCESSING], 'kmsKeyId none, retentionInDays 365'],
  [
    'under another key',
    [{ ...TRAINING, kmsKeyId: OUTPUTS.security.dataKeyArn }, PROCESSING],
    `kmsKeyId ${OUTPUTS.security.dataKeyArn}, retentionInDays 365`,
  ],
  [
    'kept 30 days',
    [{ ...TRAINING, retentionInDays: 30 }, PROCESSING],
    `kmsKeyId ${OUTPUTS.security.logsKeyArn}, retentionInDays 30`,
  ],
  [
    'never expiring',
    [{ ...TRAINING, retentionInDays: undefined }, PROCESSING],
    `kmsKeyId ${OUTPUTS.security.logsKeyArn}, retentionInDays unset (never expire)`,
  ],
])('the training job log group %s fails JOB-3 alone', async (_, groups, evidence) => {
  withLogGroups(groups);
  const run = await verify('notebook');
  expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => [c.id, c.evidence])).toEqual([
    ['JOB-3', evidence],
  ]);
});

it('with jobs off, neither the job group nor the job log groups are read', async () => {
  await verify('notebook', { config: { notebook: { 'secure-ml-notebook:jobs': 'false' } } });
  expect(mocks.logs.commandCalls(DescribeLogGroupsCommand)).toHaveLength(0);
  expect(
    mocks.ec2.commandCalls(DescribeSecurityGroupsCommand).filter((c) => c.args[0].input.GroupIds),
  ).toHaveLength(0);
});
