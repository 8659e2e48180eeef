import {
  ECR_PULL_ACTIONS,
  KMS_DATA_USE_ACTIONS,
  LOGS_DELIVERY_ACTIONS,
  S3_DATA_BUCKET_ACTIONS,
  S3_DATA_OBJECT_ACTIONS,
} from './actions';
import {
  policyDocument,
  sagemakerNotebookLogGroupArn,
  type PolicyDocument,
  type PolicyEnv,
  type PolicyStatement,
} from './document';
import { jobBoundaryStatements } from './jobs';

/**
 * Log streams of this environment's notebooks in SageMaker's group: `<notebook name>/jupyter.log` and the like, for
 * every notebook name the notebook layer may give (`<stem>-notebook-<id>`). Each notebook's role is granted its own
 * streams only, by the notebook layer.
 */
const environmentNotebookLogStreams = (env: PolicyEnv) =>
  `${sagemakerNotebookLogGroupArn(env)}:log-stream:${env.naming.name('notebook-')}*`;

/**
 * What the SageMaker execution-role page lists for CreateNotebookInstance beyond writing streams:
 * logs:DescribeLogStreams and logs:CreateLogGroup, here on SageMaker's notebook log group only. CreateLogGroup is
 * harmless: the logging layer creates that group first (encrypted, retained), so the call can only find it.
 * AWS: "How to use SageMaker AI execution roles", section "CreateNotebookInstance API: Execution Role
 * Permissions", https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 */
export function notebookLogGroupStatements(env: PolicyEnv): PolicyStatement[] {
  const group = sagemakerNotebookLogGroupArn(env);
  return [
    {
      Sid: 'NotebookLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
      Resource: [group, `${group}:*`],
    },
  ];
}

export function ecrStatements(repositories: readonly string[] | undefined): PolicyStatement[] {
  if (!repositories?.length) return [];
  return [
    {
      // GetAuthorizationToken accepts no resource but `*`; the token it returns pulls nothing on its own.
      Sid: 'EcrLogin',
      Effect: 'Allow',
      Action: 'ecr:GetAuthorizationToken',
      Resource: '*',
    },
    {
      Sid: 'PullConfiguredImages',
      Effect: 'Allow',
      Action: [...ECR_PULL_ACTIONS],
      Resource: [...repositories],
    },
  ];
}

/**
 * The permissions boundary: the most a notebook role can ever do, whatever is attached to it. The notebook layer
 * creates one role per notebook under it (the delegation policy lets it create roles only with this boundary)
 * and grants each its own prefix, log streams and instance; an operator may attach more, and this still caps it. An action the boundary does not
 * allow is denied even when an attached policy allows it. It caps, it grants nothing by itself.
 *
 * It cannot name the data key by ARN (the key policy names the role, the role needs its boundary first, so the
 * key comes after), so it names the key by its alias: `kms:ResourceAliases` holds the aliases of the key a
 * request targets, and aliases are unique in an account and region.
 */
export function notebookBoundaryPolicy(
  env: PolicyEnv,
  args: {
    readonly ecrRepositories: readonly string[] | undefined;
    /** The accounts whose CodeArtifact repositories notebooks may read: this one first (packageMirrorAccounts). */
    readonly packageMirrorAccounts: readonly string[];
  },
): PolicyDocument {
  const buckets = env.naming.dataBucketArnPattern(env.partition);
  // Bucket names are global: anyone may create `<stem>-data-anything` in their own account, and the name pattern
  // alone would let a notebook write there. aws:ResourceAccount (the account that owns the bucket) keeps the cap
  // to this account's buckets. AWS: "AWS global condition context keys", aws:ResourceAccount,
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount
  const inThisAccount = { StringEquals: { 'aws:ResourceAccount': env.accountId } };
  return policyDocument([
    {
      Sid: 'CapDataBuckets',
      Effect: 'Allow',
      Action: [...S3_DATA_BUCKET_ACTIONS, 's3:ListBucketMultipartUploads'],
      Resource: buckets,
      Condition: inThisAccount,
    },
    {
      // DeleteObject is within the cap so that the notebook layer may grant it; versioning keeps what it deletes.
      Sid: 'CapDataObjects',
      Effect: 'Allow',
      Action: [...S3_DATA_OBJECT_ACTIONS, 's3:DeleteObject'],
      Resource: `${buckets}/*`,
      Condition: inThisAccount,
    },
    {
      // No CreateGrant: the notebook role never creates the volume's grant (the caller of Create/Start does).
      // Only through S3 in this region (every action of the list supports kms:ViaService in the Service
      // Authorization Reference): the data key protects the bucket's objects, and a notebook has no other use for
      // it, so a policy attached by hand cannot make the role encrypt or decrypt with it directly. AWS: "AWS KMS
      // condition keys", kms:ViaService, https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
      Sid: 'CapDataKey',
      Effect: 'Allow',
      Action: [...KMS_DATA_USE_ACTIONS],
      Resource: `arn:${env.partition}:kms:${env.region}:${env.accountId}:key/*`,
      Condition: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': env.naming.keyAlias('data') },
        StringEquals: { 'kms:ViaService': `s3.${env.region}.amazonaws.com` },
      },
    },
    {
      Sid: 'CapOwnLogStreams',
      Effect: 'Allow',
      Action: [...LOGS_DELIVERY_ACTIONS],
      Resource: environmentNotebookLogStreams(env),
    },
    ...notebookLogGroupStatements(env),
    {
      // The environment's notebooks (the name pattern), so that a renamed notebook keeps its auto-stop.
      Sid: 'CapEnvironmentNotebooks',
      Effect: 'Allow',
      Action: ['sagemaker:DescribeNotebookInstance', 'sagemaker:StopNotebookInstance'],
      Resource: env.naming.notebookArnPattern(env.partition, env.region, env.accountId),
    },
    {
      // The notebook layer may point pip at a CodeArtifact mirror, whose domain may belong to another account of
      // the organization: only this account's and those of secure-ml-security:packageMirrorAccounts, by the
      // account in the ARN (the domain owner's: "arn:${Partition}:codeartifact:${Region}:${Account}:domain/..." in
      // the Service Authorization Reference for CodeArtifact, which gives these actions no condition key), so that
      // a policy attached by hand cannot read from, and so signal to, a repository of any other account. Reading
      // packages only: nothing can be published. AWS: "Actions, resources, and condition keys for AWS
      // CodeArtifact", https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodeartifact.html
      Sid: 'CapPackageMirrorRead',
      Effect: 'Allow',
      Action: [
        'codeartifact:GetAuthorizationToken',
        'codeartifact:GetRepositoryEndpoint',
        'codeartifact:ReadFromRepository',
      ],
      Resource: args.packageMirrorAccounts.flatMap((account) => [
        `arn:${env.partition}:codeartifact:${env.region}:${account}:domain/*`,
        `arn:${env.partition}:codeartifact:${env.region}:${account}:repository/*`,
      ]),
    },
    {
      // CodeArtifact's token needs an STS bearer token; the action has no resource, the condition names the service.
      Sid: 'CapCodeArtifactBearerToken',
      Effect: 'Allow',
      Action: 'sts:GetServiceBearerToken',
      Resource: '*',
      Condition: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } },
    },
    ...ecrStatements(args.ecrRepositories),
    // SageMaker jobs (issue 15): what a notebook role may start and a job role may do, capped here too.
    ...jobBoundaryStatements(env),
  ]);
}

/**
 * What a principal that creates or starts the environment's notebooks needs of the data key: SageMaker creates
 * the encrypted volume's grant with the caller's credentials (the notebook role never makes that call). The grant
 * may only be for an AWS resource, requested through SageMaker in this region. Attach the managed policy built
 * from it to the deployer and to whoever starts notebooks.
 * AWS: "Amazon SageMaker API Permissions: Actions, Permissions, and Resources Reference",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html; "kms:GrantIsForAWSResource",
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource
 */
export function notebookCallerKeyPolicy(
  env: PolicyEnv,
  args: { readonly dataKeyArn: string },
): PolicyDocument {
  return policyDocument([
    {
      Sid: 'VolumeGrantThroughSageMaker',
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: args.dataKeyArn,
      Condition: {
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
        StringEquals: { 'kms:ViaService': `sagemaker.${env.region}.amazonaws.com` },
      },
    },
    {
      Sid: 'DescribeDataKey',
      Effect: 'Allow',
      Action: 'kms:DescribeKey',
      Resource: args.dataKeyArn,
    },
  ]);
}
