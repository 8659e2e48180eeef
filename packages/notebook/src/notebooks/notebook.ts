import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { Naming } from '@secure-ml/shared';
import { notebookInstance } from '../instance';
import { lifecycleConfiguration } from '../lifecycle/configuration';
import type { HookInputs } from '../lifecycle/settings-env';
import { createJobRole, type NotebookJobsArgs } from '../jobs/job-role';
import { dataAccessPolicy, notebookTrustPolicy, runtimePolicy, type NotebookPolicyEnv } from './policies';

/**
 * The tag on each notebook and its own role that names its owner (docs/DESIGN.md, "Who may use a notebook"; NB-9
 * checks both carry it, and the same notebook id).
 */
export const OWNER_TAG = Naming.OWNER_TAG;
/** The tag on each notebook and its role that names its id. */
export const NOTEBOOK_ID_TAG = 'secure-ml:notebook-id';

export interface CodeArtifactMirror {
  readonly domain: string;
  readonly repository: string;
  readonly owner: pulumi.Input<string>;
}

export interface NotebookArgs {
  /** The stable id (`alice`). IMPORTANT: changing it replaces the notebook, its role and its lifecycle configuration. */
  readonly id: string;
  /** Who may use it; the instance carries it as the `secure-ml:owner` tag. Changing it retags in place. */
  readonly owner: string;
  readonly instanceType: string;
  /** IMPORTANT: shrinking it replaces the instance and loses the volume; growing it restarts the instance. */
  readonly volumeSizeGb: number;
  /** Changing it replaces the notebook's lifecycle configuration; the notebook reads it at its next start. */
  readonly idleMinutes: number;
  readonly naming: Naming;
  readonly region: string;
  readonly partition: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  /** The security layer's permissions boundary: every role created here carries it. */
  readonly boundaryArn: pulumi.Input<string>;
  readonly dataKeyArn: pulumi.Input<string>;
  readonly bucketName: pulumi.Input<string>;
  readonly bucketArn: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly ecrRepositories: pulumi.Input<readonly string[]>;
  readonly codeArtifact?: CodeArtifactMirror | undefined;
  readonly pipIndexUrl?: string | undefined;
  readonly condaChannelUrl?: string | undefined;
  readonly defaultCodeRepository?: string | undefined;
  /** With secure-ml-notebook:jobs: where the notebook's jobs run (its job role is created from it). */
  readonly jobs?: NotebookJobsArgs | undefined;
  /** Protects the instance from `pulumi destroy` (prod). */
  readonly protect: boolean;
  /** What the first on-start needs in place: the data bucket with its policy. */
  readonly dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * One person's notebook: its own execution role (under the security layer's notebook role path and boundary,
 * IAM-6), the role's grants on its own data prefix, log streams and instance, its own lifecycle configuration
 * (its idle minutes) and the locked-down instance (NB-1..NB-8). Every child is named from the id alone, so a
 * notebook's inputs never depend on which other notebooks exist or in what order they are written.
 */
export class Notebook extends pulumi.ComponentResource {
  readonly id: string;
  readonly role: aws.iam.Role;
  /** The execution role of this notebook's jobs, when jobs are on. */
  readonly jobRole: aws.iam.Role | undefined;
  readonly lifecycle: aws.sagemaker.NotebookInstanceLifecycleConfiguration;
  readonly instance: aws.sagemaker.NotebookInstance;

  constructor(args: NotebookArgs, opts: pulumi.ComponentResourceOptions) {
    super('secure-ml:notebook:Notebook', args.id, {}, opts);
    const { id, naming } = args;
    this.id = id;
    const child = { parent: this };
    const name = naming.notebookName(id);
    const env = pulumi
      .all([args.partition, args.accountId])
      .apply(([partition, accountId]): NotebookPolicyEnv => ({
        id,
        partition,
        region: args.region,
        accountId,
        notebookName: name,
        notebookArn: naming.notebookArn(id, partition, args.region, accountId),
      }));
    const tags = { [NOTEBOOK_ID_TAG]: id, [OWNER_TAG]: args.owner };

    this.role = new aws.iam.Role(
      `${id}-role`,
      {
        name: naming.notebookRoleName(id),
        path: naming.notebookRolePath,
        description: `${naming.stem}: execution role of notebook ${id}`,
        assumeRolePolicy: pulumi.jsonStringify(env.apply(notebookTrustPolicy)),
        permissionsBoundary: args.boundaryArn,
        tags,
      },
      child,
    );
    // Inline policies that live and die with the role, never an AWS-managed policy (IAM-4): SageMaker's managed
    // policies are FullAccess-style and reach every bucket and notebook.
    const grants = [
      new aws.iam.RolePolicy(
        `${id}-data-access`,
        {
          name: 'data-access',
          role: this.role.name,
          policy: pulumi.jsonStringify(
            pulumi
              .all([env, args.bucketArn, args.dataKeyArn])
              .apply(([e, bucketArn, dataKeyArn]) => dataAccessPolicy(e, { bucketArn, dataKeyArn })),
          ),
        },
        child,
      ),
      new aws.iam.RolePolicy(
        `${id}-runtime`,
        {
          name: 'notebook-runtime',
          role: this.role.name,
          policy: pulumi.jsonStringify(
            pulumi
              .all([env, args.ecrRepositories, args.codeArtifact?.owner ?? ''])
              .apply(([e, ecrRepositories, owner]) => {
                const mirror = args.codeArtifact;
                const codeArtifactArn = (kind: string, path: string) =>
                  `arn:${e.partition}:codeartifact:${e.region}:${owner}:${kind}/${path}`;
                return runtimePolicy(e, {
                  ecrRepositories,
                  codeArtifact: mirror && {
                    domainArn: codeArtifactArn('domain', mirror.domain),
                    repositoryArn: codeArtifactArn('repository', `${mirror.domain}/${mirror.repository}`),
                  },
                });
              }),
          ),
        },
        child,
      ),
    ];

    const jobs = args.jobs
      ? createJobRole(
          {
            ...args.jobs,
            id,
            naming,
            boundaryArn: args.boundaryArn,
            notebookRole: this.role,
            env: pulumi
              .all([env, args.bucketArn, args.dataKeyArn])
              .apply(([e, bucketArn, dataKeyArn]) => ({ ...e, bucketArn, dataKeyArn })),
            ecrRepositories: args.ecrRepositories,
            tags,
          },
          this,
        )
      : undefined;
    this.jobRole = jobs?.role;
    grants.push(...(jobs?.grants ?? []));

    const hooks: HookInputs = {
      notebookName: name,
      region: args.region,
      idleMinutes: args.idleMinutes,
      dataBucket: args.bucketName,
      dataPrefix: Naming.notebookDataPrefix(id),
      dataKeyArn: args.dataKeyArn,
      pipIndexUrl: args.pipIndexUrl,
      condaChannelUrl: args.condaChannelUrl,
      codeArtifact: args.codeArtifact,
      jobs: args.jobs && {
        notebookId: id,
        roleArn: pulumi.interpolate`arn:${args.partition}:iam::${args.accountId}:role${naming.notebookRolePath}${naming.jobRoleName(id)}`,
        subnetIds: args.jobs.subnetIds,
        securityGroupId: args.jobs.jobSecurityGroupId,
        networkIsolation: args.jobs.networkIsolation,
      },
    };
    this.lifecycle = lifecycleConfiguration(`${id}-lifecycle`, naming.lifecycleConfigName(id), hooks, child);

    this.instance = notebookInstance(
      `${id}-notebook`,
      {
        name,
        instanceType: args.instanceType,
        volumeSizeGb: args.volumeSizeGb,
        roleArn: this.role.arn,
        kmsKeyArn: args.dataKeyArn,
        subnetId: args.subnetId,
        securityGroupId: args.securityGroupId,
        lifecycleConfigName: this.lifecycle.name,
        defaultCodeRepository: args.defaultCodeRepository,
        tags,
      },
      // The first on-start already needs the bucket (policy applied) and the role's grants.
      { ...child, protect: args.protect, dependsOn: [...args.dependsOn, ...grants] },
    );
    this.registerOutputs({ notebookName: this.instance.name, roleArn: this.role.arn });
  }
}
