import * as pulumi from '@pulumi/pulumi';
import type { HookSettings } from './bundle';

/** What the hooks need to know about this stack, as Pulumi values. */
export interface HookInputs {
  readonly notebookName: string;
  readonly region: string;
  readonly idleMinutes: number;
  readonly dataBucket: pulumi.Input<string>;
  /** The notebook's own prefix in the data bucket (`notebooks/<id>/`). */
  readonly dataPrefix: string;
  readonly dataKeyArn: pulumi.Input<string>;
  readonly pipIndexUrl?: string | undefined;
  readonly condaChannelUrl?: string | undefined;
  readonly codeArtifact?:
    | { readonly domain: string; readonly repository: string; readonly owner: pulumi.Input<string> }
    | undefined;
  /** With jobs on: the defaults the SageMaker SDK config file gives every job (on-start.sh). */
  readonly jobs?: HookJobInputs | undefined;
}

export interface HookJobInputs {
  readonly notebookId: string;
  readonly roleArn: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<readonly string[]>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly networkIsolation: boolean;
}

/** The SECURE_ML_* variables every hook exports (empty strings for what is not configured). */
export function hookSettings(inputs: HookInputs): pulumi.Output<HookSettings> {
  const jobs = inputs.jobs;
  return pulumi
    .all([
      inputs.dataBucket,
      inputs.dataKeyArn,
      inputs.codeArtifact?.owner ?? '',
      jobs?.roleArn ?? '',
      jobs?.subnetIds ?? [],
      jobs?.securityGroupId ?? '',
    ])
    .apply(([bucket, key, owner, jobRole, jobSubnets, jobGroup]): HookSettings => ({
      SECURE_ML_NOTEBOOK_NAME: inputs.notebookName,
      SECURE_ML_REGION: inputs.region,
      SECURE_ML_IDLE_MINUTES: String(inputs.idleMinutes),
      SECURE_ML_DATA_BUCKET: bucket,
      SECURE_ML_DATA_PREFIX: inputs.dataPrefix,
      SECURE_ML_DATA_KEY_ARN: key,
      SECURE_ML_PIP_INDEX_URL: inputs.pipIndexUrl ?? '',
      SECURE_ML_CONDA_CHANNEL_URL: inputs.condaChannelUrl ?? '',
      SECURE_ML_CODEARTIFACT_DOMAIN: inputs.codeArtifact?.domain ?? '',
      SECURE_ML_CODEARTIFACT_REPOSITORY: inputs.codeArtifact?.repository ?? '',
      SECURE_ML_CODEARTIFACT_OWNER: owner,
      // Empty when jobs are off: the SDK config then has no job section (on-start.sh).
      SECURE_ML_NOTEBOOK_ID: jobs?.notebookId ?? '',
      SECURE_ML_JOB_ROLE_ARN: jobRole,
      SECURE_ML_JOB_SUBNETS: jobSubnets.join(','),
      SECURE_ML_JOB_SECURITY_GROUP: jobGroup,
      SECURE_ML_JOB_NETWORK_ISOLATION: jobs ? String(jobs.networkIsolation) : '',
    }));
}
