import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { encodeHook, renderHook } from './bundle';
import { hookSettings, type HookInputs } from './settings-env';

/**
 * The lifecycle configuration: both hooks generated from the repository's scripts and checked against
 * SageMaker's size limit while the program runs (the bucket name is only known then).
 * IMPORTANT: changing `name` replaces the configuration; the hooks update in place and apply at the next start.
 */
export function lifecycleConfiguration(
  resourceName: string,
  name: string,
  inputs: HookInputs,
  opts: pulumi.CustomResourceOptions,
) {
  const settings = hookSettings(inputs);
  return new aws.sagemaker.NotebookInstanceLifecycleConfiguration(
    resourceName,
    {
      name,
      onCreate: settings.apply((s) => encodeHook('on-create', renderHook('on-create', s))),
      // The on-start hook schedules the idle auto-stop (NB-8) and downloads nothing.
      onStart: settings.apply((s) => encodeHook('on-start', renderHook('on-start', s))),
    },
    opts,
  );
}
