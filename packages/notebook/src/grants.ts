import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { dataBucketRolePolicy, runtimeRolePolicy } from './role-policy';

export interface CodeArtifactMirror {
  readonly domain: string;
  readonly repository: string;
  readonly owner: pulumi.Input<string>;
}

export interface GrantArgs {
  /** The security layer's notebook role; its permissions boundary caps whatever is granted here. */
  readonly roleName: pulumi.Input<string>;
  readonly bucketArn: pulumi.Input<string>;
  readonly dataKeyArn: pulumi.Input<string>;
  readonly notebookName: string;
  readonly region: string;
  readonly partition: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  readonly codeArtifact?: CodeArtifactMirror | undefined;
}

/**
 * Two inline policies on the notebook role: `data-bucket-access` (this bucket only) and `notebook-runtime`
 * (what the lifecycle scripts call). ARNs are built from names, not read from the instance, because the
 * instance waits for these grants before its first start.
 */
export function grantNotebookRole(args: GrantArgs, opts: pulumi.CustomResourceOptions): aws.iam.RolePolicy[] {
  const { region, codeArtifact } = args;
  const bucketAccess = new aws.iam.RolePolicy(
    'data-bucket-access',
    {
      role: args.roleName,
      policy: pulumi.jsonStringify(
        pulumi
          .all([args.bucketArn, args.dataKeyArn])
          .apply(([bucketArn, dataKeyArn]) => dataBucketRolePolicy({ bucketArn, dataKeyArn, region })),
      ),
    },
    opts,
  );
  const runtime = new aws.iam.RolePolicy(
    'notebook-runtime',
    {
      role: args.roleName,
      policy: pulumi.jsonStringify(
        pulumi
          .all([args.partition, args.accountId, codeArtifact?.owner ?? ''])
          .apply(([partition, account, owner]) => {
            const codeArtifactArn = (kind: string, path: string) =>
              `arn:${partition}:codeartifact:${region}:${owner}:${kind}/${path}`;
            return runtimeRolePolicy({
              notebookArn: `arn:${partition}:sagemaker:${region}:${account}:notebook-instance/${args.notebookName}`,
              codeArtifact: codeArtifact && {
                domainArn: codeArtifactArn('domain', codeArtifact.domain),
                repositoryArn: codeArtifactArn(
                  'repository',
                  `${codeArtifact.domain}/${codeArtifact.repository}`,
                ),
              },
            });
          }),
      ),
    },
    opts,
  );
  return [bucketAccess, runtime];
}
