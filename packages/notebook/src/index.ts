import * as pulumi from '@pulumi/pulumi';
import { defineLayer, SecureMlError } from '@secure-ml/shared';
import { DataBucket } from './bucket';
import { consoleUrl, notebookInstance } from './instance';
import { lifecycleConfiguration } from './lifecycle/configuration';
import { DataReplica } from './replica';
import { grantNotebookRole } from './grants';
import { assertSettingsAgree, notebookSettings } from './settings';

export = defineLayer('notebook', notebookSettings, async (ctx, settings) => {
  assertSettingsAgree(settings, ctx.stack, ctx.region);
  const [security, network, logging] = await Promise.all([
    ctx.reference('security'),
    ctx.reference('network'),
    ctx.reference('logging'),
  ]);
  const provider = { provider: ctx.provider };
  const name = ctx.naming.notebookName;

  // The replication role's ARN is known from its name before it exists, so the data bucket's perimeter can
  // except it without waiting for the replica (which needs the bucket first).
  const replicationRoleName = ctx.naming.roleName('replication');
  const replicationRoleArn = settings.replicaRegion
    ? pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:role${ctx.naming.iamPath}${replicationRoleName}`
    : undefined;
  const data = new DataBucket(
    'data',
    {
      bucketName: ctx.accountId.apply((account) => ctx.naming.bucketName('data', account, ctx.region)),
      kmsKeyArn: security.dataKeyArn,
      accessLogBucket: logging.accessLogBucketName,
      vpcEndpointId: network.s3GatewayEndpointId,
      breakGlassRoleArn: settings.breakGlassRoleArn,
      replicationRoleArn,
      noncurrentVersionDays: settings.noncurrentVersionDays,
      protect: ctx.protect,
    },
    provider,
  );
  if (settings.replicaRegion) {
    const replicaRegion = settings.replicaRegion;
    new DataReplica(
      'data-replica',
      {
        region: replicaRegion,
        replicaBucketName: ctx.accountId.apply((a) => ctx.naming.bucketName('replica', a, replicaRegion)),
        replicaLogBucketName: ctx.accountId.apply((a) =>
          ctx.naming.bucketName('replica-logs', a, replicaRegion),
        ),
        sourceBucket: data.bucket,
        sourceVersioning: data.versioning,
        sourceKeyArn: security.dataKeyArn,
        sourceRegion: ctx.region,
        roleName: replicationRoleName,
        keyAlias: ctx.naming.keyAlias('replica'),
        iamPath: ctx.naming.iamPath,
        accountId: ctx.accountId,
        partition: ctx.partition,
        defaultTags: ctx.defaultTags,
        breakGlassRoleArn: settings.breakGlassRoleArn,
        noncurrentVersionDays: settings.noncurrentVersionDays,
        protect: ctx.protect,
      },
      provider,
    );
  }

  const codeArtifact =
    settings.codeArtifactDomain && settings.codeArtifactRepository
      ? {
          domain: settings.codeArtifactDomain,
          repository: settings.codeArtifactRepository,
          owner: settings.codeArtifactDomainOwner ?? ctx.accountId,
        }
      : undefined;
  const grants = grantNotebookRole(
    {
      roleName: security.notebookRoleName,
      bucketArn: data.bucket.arn,
      dataKeyArn: security.dataKeyArn,
      notebookName: name,
      region: ctx.region,
      partition: ctx.partition,
      accountId: ctx.accountId,
      codeArtifact,
    },
    provider,
  );

  const lifecycle = lifecycleConfiguration(
    ctx.naming.lifecycleConfigName,
    {
      notebookName: name,
      region: ctx.region,
      idleMinutes: settings.idleMinutes,
      dataBucket: data.bucket.bucket,
      dataKeyArn: security.dataKeyArn,
      pipIndexUrl: settings.pipIndexUrl,
      condaChannelUrl: settings.condaChannelUrl,
      codeArtifact,
    },
    provider,
  );

  const notebook = notebookInstance(
    {
      name,
      instanceType: settings.instanceType,
      volumeSizeGb: settings.volumeSizeGb,
      roleArn: security.notebookRoleArn,
      kmsKeyArn: security.dataKeyArn,
      // A notebook instance lives in one subnet: the first private one (the contract promises at least one).
      subnetId: network.privateSubnetIds.apply(firstSubnet),
      securityGroupId: network.notebookSecurityGroupId,
      lifecycleConfigName: lifecycle.name,
      defaultCodeRepository: settings.defaultCodeRepository,
    },
    {
      ...provider,
      protect: ctx.protect,
      // The first on-start already needs the bucket (policy applied) and the role's grants.
      dependsOn: [data, ...grants],
    },
  );

  return {
    notebookName: notebook.name,
    notebookArn: notebook.arn,
    notebookConsoleUrl: notebook.name.apply((n) => consoleUrl(ctx.region, n)),
    dataBucketName: data.bucket.bucket,
    dataBucketArn: data.bucket.arn,
    lifecycleConfigName: lifecycle.name,
  };
});

function firstSubnet(ids: readonly string[]): string {
  const [first] = ids;
  if (!first)
    throw new SecureMlError(
      'The network layer publishes no private subnet; the notebook needs one. Redeploy it: npx nx run network:deploy',
    );
  return first;
}
