import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { defineLayer, knownValuesOf, Naming, SecureMlError, type LayerOutputs } from '@secure-ml/shared';

type NotebookEntryOutputs = LayerOutputs<'notebook'>['notebooks'][string];
import { DataBucket } from './bucket';
import { consoleUrl } from './instance';
import { jobGround } from './jobs/ground';
import { ownerAccessPolicy, renderOwnerAccess } from './owner-access';
import { Notebook } from './notebooks/notebook';
import { assertPackageMirrorAdmitted } from './package-mirror';
import { DataReplica } from './replica';
import { assertSettingsAgree, notebookSettings } from './settings';

export = defineLayer('notebook', notebookSettings, async (ctx, settings) => {
  assertSettingsAgree(settings, ctx.stack, ctx.region);
  const [security, network, logging] = await Promise.all([
    ctx.reference('security'),
    ctx.reference('network'),
    ctx.reference('logging'),
  ]);
  assertPackageMirrorAdmitted(
    settings.codeArtifactDomain ? settings.codeArtifactDomainOwner : undefined,
    knownValuesOf(security).notebookPackageMirrorAccounts,
    ctx.stack,
  );
  // Checked before anything is registered: the upstream layers publish what jobs need (jobGround).
  const jobs = settings.jobs
    ? {
        subnetIds: network.privateSubnetIds,
        jobSecurityGroupId: jobGround(
          knownValuesOf(network).jobSecurityGroupIds,
          knownValuesOf(logging).jobLogGroupArns,
          ctx.stack,
        ),
        vpcId: network.vpcId,
        networkIsolation: settings.jobNetworkIsolation,
      }
    : undefined;
  const provider = { provider: ctx.provider };

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
      workloadRoleArnPattern: pulumi
        .all([ctx.partition, ctx.accountId])
        .apply(([partition, account]) => ctx.naming.notebookRoleArnPattern(partition, account)),
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
  // A notebook instance lives in one subnet: the first private one (the contract promises at least one).
  const subnetId = network.privateSubnetIds.apply(firstSubnet);
  // The ids in sorted order: registration order follows the id, never the order the entries are written in.
  const notebooks = Object.keys(settings.notebooks)
    .sort()
    .map((id) => {
      const spec = settings.notebooks[id]!;
      return new Notebook(
        {
          id,
          owner: spec.owner,
          instanceType: spec.instanceType ?? settings.instanceType,
          volumeSizeGb: spec.volumeSizeGb ?? settings.volumeSizeGb,
          idleMinutes: spec.idleMinutes ?? settings.idleMinutes,
          naming: ctx.naming,
          region: ctx.region,
          partition: ctx.partition,
          accountId: ctx.accountId,
          boundaryArn: security.notebookBoundaryArn,
          dataKeyArn: security.dataKeyArn,
          bucketName: data.bucket.bucket,
          bucketArn: data.bucket.arn,
          subnetId,
          securityGroupId: network.notebookSecurityGroupId,
          ecrRepositories: security.notebookEcrRepositoryArns,
          codeArtifact,
          pipIndexUrl: settings.pipIndexUrl,
          condaChannelUrl: settings.condaChannelUrl,
          defaultCodeRepository: settings.defaultCodeRepository,
          jobs,
          protect: ctx.protect,
          dependsOn: [data],
        },
        provider,
      );
    });

  // One managed policy for every owner (attribute-based, docs/DESIGN.md "Who may use a notebook"): the identity
  // team attaches it, by ARN or by name and path in an IAM Identity Center permission set, beside the security
  // layer's notebook-caller-key policy. The notebook layer owns the notebooks, so it grants their use.
  const ownerAccessDocument = pulumi
    .all([
      ctx.partition,
      ctx.accountId,
      network.privateSubnetIds,
      network.notebookSecurityGroupId,
      network.notebookAccessEndpointIds,
    ])
    .apply(([partition, accountId, subnetIds, securityGroupId, sourceVpceIds]) =>
      renderOwnerAccess(
        ownerAccessPolicy({
          partition,
          region: ctx.region,
          accountId,
          naming: ctx.naming,
          subnetIds,
          securityGroupId,
          sourceCidrs: settings.ownerSourceCidrs,
          sourceVpceIds,
        }),
      ),
    );
  const ownerAccess = new aws.iam.Policy(
    'owner-access',
    {
      name: ctx.naming.ownerAccessPolicyName,
      path: ctx.naming.iamPath,
      description: `${ctx.naming.stem}: describe, start, stop and open the notebooks tagged ${Naming.OWNER_TAG} = the caller's own ${Naming.OWNER_TAG} principal tag, from the configured networks only`,
      policy: ownerAccessDocument,
    },
    provider,
  );
  if (settings.ownerSourceCidrs.length === 0)
    void network.notebookAccessEndpointIds.apply((ids) => {
      if (ids.length === 0)
        void pulumi.log.warn(
          `No owner can open a notebook: secure-ml-notebook:ownerSourceCidrs is empty and the network has no notebook endpoint. Fix: pulumi config set --path 'secure-ml-notebook:ownerSourceCidrs[0]' <your public egress CIDR> --stack ${ctx.stack} --cwd packages/notebook (or add notebook to secure-ml-network:interfaceEndpoints)`,
        );
      return ids;
    });

  return {
    ownerAccessPolicyArn: ownerAccess.arn,
    ownerTagKey: Naming.OWNER_TAG,
    notebooks: pulumi
      .all(notebooks.map((nb) => publishedEntry(nb, settings.notebooks[nb.id]?.owner ?? '', ctx.region)))
      .apply((entries) => Object.fromEntries(entries)),
    dataBucketName: data.bucket.bucket,
    dataBucketArn: data.bucket.arn,
  };
});

/** One notebook's entry of the `notebooks` output, under its id. */
function publishedEntry(
  nb: Notebook,
  owner: string,
  region: string,
): pulumi.Output<[string, NotebookEntryOutputs]> {
  return pulumi
    .all([nb.instance.name, nb.instance.arn, nb.role.arn, nb.role.name, nb.lifecycle.name])
    .apply(
      ([notebookName, notebookArn, roleArn, roleName, lifecycleConfigName]): [
        string,
        NotebookEntryOutputs,
      ] => [
        nb.id,
        {
          notebookName,
          notebookArn,
          notebookConsoleUrl: consoleUrl(region, notebookName),
          owner,
          roleArn,
          roleName,
          lifecycleConfigName,
          dataPrefix: Naming.notebookDataPrefix(nb.id),
        },
      ],
    );
}

function firstSubnet(ids: readonly string[]): string {
  const [first] = ids;
  if (!first)
    throw new SecureMlError(
      'The network layer publishes no private subnet; the notebook needs one. Redeploy it: npx nx run network:deploy',
    );
  return first;
}
