import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Naming } from '@secure-ml/shared';
import { dataAccessPolicy } from '../notebooks/policies';
import { jobRuntimePolicy, jobStartPolicy, jobTrustPolicy, type JobEnv } from './policies';

/** What a notebook's jobs are pinned to, from the security, network and logging layers. */
export interface NotebookJobsArgs {
  readonly subnetIds: pulumi.Input<readonly string[]>;
  readonly jobSecurityGroupId: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  /** @default true (secure-ml-notebook:jobNetworkIsolation). Changing it updates the start policy in place. */
  readonly networkIsolation: boolean;
}

export interface JobRoleArgs extends NotebookJobsArgs {
  readonly id: string;
  readonly naming: Naming;
  readonly boundaryArn: pulumi.Input<string>;
  readonly notebookRole: aws.iam.Role;
  readonly env: pulumi.Input<
    Omit<JobEnv, 'jobRoleArn' | 'subnetIds' | 'jobSecurityGroupId' | 'vpcId' | 'networkIsolation'>
  >;
  readonly ecrRepositories: pulumi.Input<readonly string[]>;
  readonly tags: Record<string, string>;
}

/**
 * One notebook's job execution role (issue 15): `<stem>-job-<id>` under the notebook role path and the security
 * layer's boundary (as the delegation requires), trusted by SageMaker; its grants are the notebook's own data
 * (the same document as the notebook role's: its prefix read and write, shared/ read, the data key through S3
 * only), its job logs, its network interfaces and its volume grant. And, on the notebook's own role, what it may
 * start (policies.ts). A role per notebook, not per environment: a shared job role would read every prefix.
 * JOB-1 (docs/CONTROLS.md) checks the boundary, the path and that reach; JOB-4 what the notebook role may start.
 */
export function createJobRole(
  args: JobRoleArgs,
  parent: pulumi.Resource,
): { role: aws.iam.Role; grants: aws.iam.RolePolicy[] } {
  const child = { parent };
  const { id, naming } = args;
  const env = pulumi
    .all([args.env, args.subnetIds, args.jobSecurityGroupId, args.vpcId])
    .apply(([e, subnetIds, jobSecurityGroupId, vpcId]): JobEnv => ({
      ...e,
      jobRoleArn: naming.jobRoleArn(id, e.partition, e.accountId),
      subnetIds,
      jobSecurityGroupId,
      vpcId,
      networkIsolation: args.networkIsolation,
    }));
  const role = new aws.iam.Role(
    `${id}-job-role`,
    {
      name: naming.jobRoleName(id),
      path: naming.notebookRolePath,
      description: `${naming.stem}: execution role of the SageMaker jobs notebook ${id} starts`,
      assumeRolePolicy: pulumi.jsonStringify(env.apply(jobTrustPolicy)),
      permissionsBoundary: args.boundaryArn,
      tags: args.tags,
    },
    child,
  );
  const inline = (name: string, policy: pulumi.Input<string>, target: pulumi.Input<string> = role.name) =>
    new aws.iam.RolePolicy(`${id}-${name}`, { name, role: target, policy }, child);
  const grants = [
    inline(
      'job-data-access',
      pulumi.jsonStringify(
        env.apply((e) => dataAccessPolicy(e, { bucketArn: e.bucketArn, dataKeyArn: e.dataKeyArn })),
      ),
    ),
    inline(
      'job-runtime',
      pulumi.jsonStringify(
        pulumi
          .all([env, args.ecrRepositories])
          .apply(([e, repositories]) => jobRuntimePolicy(e, repositories)),
      ),
    ),
    // On the notebook's own role: what it may start, and the posture every start must keep.
    inline('job-start', pulumi.jsonStringify(env.apply(jobStartPolicy)), args.notebookRole.name),
  ];
  return { role, grants };
}
