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
}

/** The SECURE_ML_* variables every hook exports (empty strings for what is not configured). */
export function hookSettings(inputs: HookInputs): pulumi.Output<HookSettings> {
  return pulumi
    .all([inputs.dataBucket, inputs.dataKeyArn, inputs.codeArtifact?.owner ?? ''])
    .apply(([bucket, key, owner]): HookSettings => ({
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
    }));
}
