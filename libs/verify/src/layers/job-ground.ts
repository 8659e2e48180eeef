import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand, type IpPermission } from '@aws-sdk/client-ec2';
import { Naming } from '@secure-ml/shared';
import { type Check, expectThat } from '../check';
import { outputsOf, type VerifyContext } from '../context';

/** JOB-3's floor (libs/posture/src/controls/jobs.ts): a job's logs are kept a year or more. */
const MIN_RETENTION_DAYS = 365;

/** Each rule of a permission as one line per peer: `egress tcp 443 sg-…`; `all` for every protocol and port. */
function rulesOf(dir: 'ingress' | 'egress', permissions: readonly IpPermission[]): string[] {
  return permissions.flatMap((p) => {
    const what =
      p.IpProtocol === '-1'
        ? 'all'
        : `${p.IpProtocol} ${p.FromPort === p.ToPort ? p.FromPort : `${p.FromPort}-${p.ToPort}`}`;
    const peers = [
      ...(p.UserIdGroupPairs ?? []).map((g) => g.GroupId),
      ...(p.IpRanges ?? []).map((r) => r.CidrIp),
      ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
      ...(p.PrefixListIds ?? []).map((l) => l.PrefixListId),
    ];
    return peers.map((peer) => `${dir} ${what} ${peer}`);
  });
}

/**
 * JOB-2 as deployed: the job security group holds exactly the rules the network layer gives it
 * (packages/network/src/job-security-group.ts): all traffic in from and out to itself (distributed training), and
 * HTTPS out to the interface endpoints' group and to the S3 prefix list. Anything more is drift that lets a job be
 * reached or reach out; anything less stops jobs.
 */
async function jobGroupCheck(ctx: VerifyContext, groupId: string): Promise<Check> {
  const network = outputsOf(ctx, 'network');
  const title = `the job security group ${groupId} holds exactly its planned rules`;
  const { SecurityGroups = [] } = await ctx.clients.ec2.send(
    new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }),
  );
  const group = SecurityGroups.find((g) => g.GroupId === groupId);
  if (!group) return expectThat(false, 'JOB-2', title, `DescribeSecurityGroups returned no group ${groupId}`);
  const planned = [
    `ingress all ${groupId}`,
    `egress all ${groupId}`,
    `egress tcp 443 ${network.endpointSecurityGroupId}`,
    `egress tcp 443 ${network.s3PrefixListId}`,
  ];
  const actual = [
    ...rulesOf('ingress', group.IpPermissions ?? []),
    ...rulesOf('egress', group.IpPermissionsEgress ?? []),
  ];
  const extra = actual.filter((r) => !planned.includes(r));
  const missing = planned.filter((r) => !actual.includes(r));
  return expectThat(
    extra.length === 0 && missing.length === 0,
    'JOB-2',
    title,
    `not planned: ${extra.join('; ') || 'none'}; missing: ${missing.join('; ') || 'none'}`,
  );
}

/** JOB-3 as deployed: each job log group exists, under the logs key, kept a year or more. */
async function jobLogGroupCheck(ctx: VerifyContext, name: string): Promise<Check> {
  const { logsKeyArn } = outputsOf(ctx, 'security');
  const title = `the job log group ${name} is encrypted with the logs key and kept ${MIN_RETENTION_DAYS} days or more`;
  const { logGroups = [] } = await ctx.clients.logs.send(
    new DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
  );
  const group = logGroups.find((g) => g.logGroupName === name);
  if (!group)
    return expectThat(
      false,
      'JOB-3',
      title,
      `no log group ${name}: the first job would have SageMaker create it unencrypted and kept forever`,
    );
  const days = group.retentionInDays;
  return expectThat(
    group.kmsKeyId === logsKeyArn && days !== undefined && days >= MIN_RETENTION_DAYS,
    'JOB-3',
    title,
    `kmsKeyId ${group.kmsKeyId ?? 'none'}, retentionInDays ${days ?? 'unset (never expire)'}`,
  );
}

/**
 * With jobs on (`secure-ml-notebook:jobs`), the ground every notebook's jobs run on, read back: the one job security
 * group the network publishes, whose rules every notebook's jobs share, and SageMaker's job log groups. Read-only
 * (DescribeSecurityGroups, DescribeLogGroups).
 */
export async function jobGroundChecks(ctx: VerifyContext): Promise<Check[]> {
  const groups = outputsOf(ctx, 'network').jobSecurityGroupIds;
  const checks: Check[] = [];
  // A missing group is reported by the job cases (layers/notebook-roles.ts, NET-2).
  for (const id of groups) checks.push(await jobGroupCheck(ctx, id));
  for (const name of Object.values(Naming.SAGEMAKER_JOB_LOG_GROUPS))
    checks.push(await jobLogGroupCheck(ctx, name));
  return checks;
}
