import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';

export interface NotebookInstanceInputs {
  readonly name: string;
  readonly instanceType: string;
  readonly volumeSizeGb: number;
  readonly roleArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly lifecycleConfigName: pulumi.Input<string>;
  readonly defaultCodeRepository?: string | undefined;
  /** The notebook's id and owner (`secure-ml:notebook-id`, `secure-ml:owner`); changing them retags in place. */
  readonly tags: Readonly<Record<string, string>>;
}

/** The AL2023 platform: the only one SageMaker still maintains (NB-6). */
export const PLATFORM = 'notebook-al2023-v1';

/**
 * The locked-down notebook instance (NB-1..NB-6). What a change does, per the AWS provider's schema:
 * - REPLACES the instance (and its volume): name, subnetId, securityGroups, kmsKeyId, directInternetAccess,
 *   platformIdentifier, and a smaller volumeSize;
 * - stops, updates and restarts it: instanceType, roleArn, rootAccess, lifecycleConfigName,
 *   defaultCodeRepository, instanceMetadataServiceConfiguration, a larger volumeSize.
 */
export function notebookInstance(
  resourceName: string,
  i: NotebookInstanceInputs,
  opts: pulumi.CustomResourceOptions,
): aws.sagemaker.NotebookInstance {
  return new aws.sagemaker.NotebookInstance(
    resourceName,
    {
      name: i.name,
      instanceType: i.instanceType,
      volumeSize: i.volumeSizeGb,
      roleArn: i.roleArn,
      // The ML volume under the data key (NB-4), in a private subnet behind our group (NB-2).
      kmsKeyId: i.kmsKeyArn,
      subnetId: i.subnetId,
      securityGroups: [i.securityGroupId],
      // No path to the internet but the VPC's own (NB-1), and no root for notebook users (NB-3): the lifecycle
      // hooks still run as root, which is how the auto-stop and the mirror get installed.
      directInternetAccess: 'Disabled',
      rootAccess: 'Disabled',
      // IMDSv2 only (NB-5); the hooks of lifecycleConfigName carry the repository's scripts (NB-7).
      instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
      platformIdentifier: PLATFORM,
      lifecycleConfigName: i.lifecycleConfigName,
      ...(i.defaultCodeRepository ? { defaultCodeRepository: i.defaultCodeRepository } : {}),
      tags: { ...i.tags },
    },
    opts,
  );
}

/** The SageMaker console page of the instance (partition aws; other partitions have their own consoles). */
export function consoleUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/notebook-instances/${name}`;
}
