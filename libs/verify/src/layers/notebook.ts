import { DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import {
  DescribeNotebookInstanceCommand,
  type DescribeNotebookInstanceCommandOutput,
} from '@aws-sdk/client-sagemaker';
import { validatePolicies } from '../access-analyzer';
import { type Check, expectThat, skip } from '../check';
import { outputsOf, type VerifyContext } from '../context';
import { activeNotebookCheck } from './notebook-active';
import { jobGroundChecks } from './job-ground';
import { notebookPathChecks } from './notebook-path';
import { ownerAccessChecks } from './owner-access';
import { notebookRoleChecks, publishedNotebooks, type PublishedNotebook } from './notebook-roles';

/**
 * "View CloudWatch Logs for notebook instance lifecycle configurations in log group /aws/sagemaker/NotebookInstances
 * in log stream [notebook-instance-name]/[LifecycleConfigHook]" (SageMaker API reference,
 * CreateNotebookInstanceLifecycleConfig,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstanceLifecycleConfig.html). The
 * page does not spell the hook part (seen as LifecycleConfigOnStart), so the prefix stops before it; docs/runbook.md
 * lists it for the first deploy to confirm.
 */
export const lifecycleStreamPrefix = (notebook: string) => `${notebook}/LifecycleConfig`;
/** Statuses a notebook has only after it started at least once, so its on-start hook has written. */
const HAS_STARTED = new Set(['InService', 'Stopping', 'Stopped', 'Updating']);

/** NB-1 to NB-5 and the lifecycle configuration, as SageMaker reports them for the deployed notebook. */
export function settingsChecks(
  ctx: VerifyContext,
  nb: DescribeNotebookInstanceCommandOutput,
  published: Pick<PublishedNotebook, 'lifecycleConfigName'>,
): Check[] {
  const network = outputsOf(ctx, 'network');
  const security = outputsOf(ctx, 'security');
  const groups = nb.SecurityGroups ?? [];
  const imds = nb.InstanceMetadataServiceConfiguration?.MinimumInstanceMetadataServiceVersion;
  return [
    expectThat(
      nb.DirectInternetAccess === 'Disabled',
      'NB-1',
      'no direct internet access',
      `DirectInternetAccess ${nb.DirectInternetAccess}`,
    ),
    expectThat(
      network.privateSubnetIds.includes(nb.SubnetId ?? '') &&
        groups.length === 1 &&
        groups[0] === network.notebookSecurityGroupId,
      'NB-2',
      'in a private subnet with the notebook security group only',
      `SubnetId ${nb.SubnetId}, SecurityGroups ${groups.join(' ') || 'none'}`,
    ),
    expectThat(nb.RootAccess === 'Disabled', 'NB-3', 'no root access', `RootAccess ${nb.RootAccess}`),
    expectThat(
      nb.KmsKeyId === security.dataKeyArn || nb.KmsKeyId === security.dataKeyId,
      'NB-4',
      'the volume is encrypted with the data key',
      `KmsKeyId ${nb.KmsKeyId ?? 'none'}`,
    ),
    expectThat(
      imds === '2',
      'NB-5',
      'IMDSv2 only',
      `MinimumInstanceMetadataServiceVersion ${imds ?? 'unset'}`,
    ),
    expectThat(
      nb.NotebookInstanceLifecycleConfigName === published.lifecycleConfigName,
      'NB-7',
      'its own lifecycle configuration is attached',
      `NotebookInstanceLifecycleConfigName ${nb.NotebookInstanceLifecycleConfigName ?? 'none'}`,
    ),
  ];
}

/** The on-start hook has written to the SageMaker log group, once the notebook has started. */
async function lifecycleLogCheck(
  ctx: VerifyContext,
  nb: DescribeNotebookInstanceCommandOutput,
): Promise<Check> {
  const { notebookLogGroupName } = outputsOf(ctx, 'logging');
  const name = nb.NotebookInstanceName ?? '';
  const title = 'the on-start hook logs to the SageMaker log group';
  if (!HAS_STARTED.has(nb.NotebookInstanceStatus ?? ''))
    return skip('NB-8', title, `the notebook is ${nb.NotebookInstanceStatus} and has not started yet`);
  const { logStreams = [] } = await ctx.clients.logs.send(
    new DescribeLogStreamsCommand({
      logGroupName: notebookLogGroupName,
      logStreamNamePrefix: lifecycleStreamPrefix(name),
    }),
  );
  return expectThat(
    logStreams.length > 0,
    'NB-8',
    title,
    `${logStreams.map((l) => l.logStreamName).join(' ') || 'no stream'} under ${lifecycleStreamPrefix(name)} in ${notebookLogGroupName}`,
  );
}

/**
 * Every notebook of the map: its settings, its hook's logs, its own role; then its owner's access (the owner
 * cases), with jobs on the job security group and log groups, the notebook role path (no role but the published ones, each trusting SageMaker alone) and the one data
 * bucket.
 */
export async function verifyNotebook(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'notebook');
  const checks: Check[] = [];
  for (const [published, otherId] of publishedNotebooks(ctx)) {
    const nb = await ctx.clients.sagemaker.send(
      new DescribeNotebookInstanceCommand({ NotebookInstanceName: published.notebookName }),
    );
    checks.push(
      ...settingsChecks(ctx, nb, published),
      await lifecycleLogCheck(ctx, nb),
      ...(await notebookRoleChecks(ctx, published, otherId)),
      ...(ctx.active ? [await activeNotebookCheck(ctx, nb)] : []),
    );
  }
  checks.push(
    ...(await ownerAccessChecks(
      ctx,
      publishedNotebooks(ctx).map(([nb, otherId]) => [nb.id, otherId] as const),
    )),
  );
  if (ctx.settings.jobs) checks.push(...(await jobGroundChecks(ctx)));
  checks.push(...(await notebookPathChecks(ctx)));
  const { Policy } = await ctx.clients.s3.send(new GetBucketPolicyCommand({ Bucket: out.dataBucketName }));
  checks.push(
    ...(await validatePolicies(ctx.clients.accessAnalyzer, 'access-analyzer', [
      {
        label: `bucket policy of ${out.dataBucketName}`,
        document: Policy ?? '',
        type: 'RESOURCE_POLICY',
        resourceType: 'AWS::S3::Bucket',
      },
    ])),
  );
  return checks;
}
