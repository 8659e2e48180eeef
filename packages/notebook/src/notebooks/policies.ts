import type * as aws from '@pulumi/aws';
import { Naming, SecureBucket } from '@secure-ml/shared';

type PolicyDocument = aws.iam.PolicyDocument;
type PolicyStatement = aws.iam.PolicyStatement;

/** Where one notebook's role lives and what it is for: all plain values, so the documents are pure functions. */
export interface NotebookPolicyEnv {
  readonly id: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly notebookArn: string;
  readonly notebookName: string;
}

/**
 * Who may assume a notebook's role: SageMaker, for this account and this notebook whenever SageMaker says which.
 * Both keys are checked with `IfExists`: SageMaker's confused-deputy page does not list notebook instances among
 * the features that send aws:SourceAccount or aws:SourceArn, and a plain condition on an absent key would deny the
 * AssumeRole and stop the notebook from starting (IAM-3's `notebook` exception; preflight NOTEBOOK-ROLE-TRUST).
 * What stops another account from handing our role to its notebook is IAM itself: a role can be passed only by a
 * principal of its own account that holds iam:PassRole on it (the guardrail keeps that to SageMaker).
 * AWS: "Cross-service confused deputy prevention" (SageMaker AI),
 * https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html; "Grant a user
 * permissions to pass a role to an AWS service", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export function notebookTrustPolicy(env: NotebookPolicyEnv): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'SageMakerForThisNotebook',
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEqualsIfExists: { 'aws:SourceAccount': env.accountId },
          ArnLikeIfExists: { 'aws:SourceArn': env.notebookArn },
        },
      },
    ],
  };
}

/** The actions on the objects of a notebook's own prefix: read, write, delete (versioning keeps what it deletes). */
export const OWN_PREFIX_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:ListMultipartUploadParts',
  's3:PutObject',
] as const;
/** What every notebook may do in `shared/`: read. */
export const SHARED_PREFIX_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'] as const;

/**
 * A notebook's access to the data bucket: its own prefix `notebooks/<id>/` read and write, `shared/` read, and a
 * listing limited to those two prefixes (`s3:prefix` on ListBucket: a list request without a prefix, or with
 * another notebook's, matches no allow). The data key only through S3 for this bucket. The bucket's owner grants
 * this (STYLE 14), as CDK's `bucket.grantReadWrite(role, 'notebooks/<id>/*')` would; the security layer's boundary
 * caps it. NB-12 (and JOB-1 for the job role) holds every grant to this shape: a Resource or `s3:prefix` that stops
 * short of the id's `/` (`notebooks/alice*`) would also reach `notebooks/alice-x/`. AWS: "Amazon S3 condition key examples" (s3:prefix), https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html;
 * "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys" (the bucket ARN as encryption context),
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
 */
export function dataAccessPolicy(
  env: NotebookPolicyEnv,
  p: { readonly bucketArn: string; readonly dataKeyArn: string },
): PolicyDocument {
  const own = Naming.notebookDataPrefix(env.id);
  const shared = Naming.SHARED_DATA_PREFIX;
  const bucket = SecureBucket.grants(p.bucketArn);
  return {
    Version: '2012-10-17',
    Statement: [
      bucket.grantLocate('LocateDataBucket'),
      bucket.grantList('ListOwnAndSharedPrefixes', [own, shared]),
      bucket.grantObjects('ReadWriteOwnPrefix', own, OWN_PREFIX_ACTIONS),
      bucket.grantObjects('ReadSharedPrefix', shared, SHARED_PREFIX_ACTIONS),
      {
        // With a bucket key, S3 calls KMS with the bucket ARN as encryption context. On the data key's ARN,
        // never on Resource "*" (KMS-4).
        Sid: 'UseDataKeyThroughS3',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: p.dataKeyArn,
        Condition: {
          StringEquals: {
            'kms:ViaService': `s3.${env.region}.amazonaws.com`,
            'kms:EncryptionContext:aws:s3:arn': p.bucketArn,
          },
        },
      },
    ],
  };
}

export interface RuntimeExtras {
  readonly codeArtifact?: { readonly domainArn: string; readonly repositoryArn: string } | undefined;
  readonly ecrRepositories: readonly string[];
}

/**
 * What the notebook itself does at run time: SageMaker writes its Jupyter and lifecycle logs with this role
 * (its own streams only, and what the execution-role page lists on the notebook log group), the idle auto-stop
 * reads and stops this instance, pip reads the package mirror, and images come from the configured ECR
 * repositories. AWS: "How to use SageMaker AI execution roles", section "CreateNotebookInstance API: Execution
 * Role Permissions", https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 */
export function runtimePolicy(env: NotebookPolicyEnv, extras: RuntimeExtras): PolicyDocument {
  const group = `arn:${env.partition}:logs:${env.region}:${env.accountId}:log-group:${Naming.SAGEMAKER_NOTEBOOK_LOG_GROUP}`;
  const statements: PolicyStatement[] = [
    {
      Sid: 'DescribeAndStopOwnNotebook',
      Effect: 'Allow',
      Action: ['sagemaker:DescribeNotebookInstance', 'sagemaker:StopNotebookInstance'],
      Resource: env.notebookArn,
    },
    {
      Sid: 'WriteOwnLogStreams',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${group}:log-stream:${env.notebookName}/*`,
    },
    {
      // CreateLogGroup is harmless: the logging layer creates the group first (encrypted, retained).
      Sid: 'NotebookLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
      Resource: [group, `${group}:*`],
    },
  ];
  if (extras.codeArtifact)
    statements.push(
      {
        Sid: 'CodeArtifactToken',
        Effect: 'Allow',
        Action: 'codeartifact:GetAuthorizationToken',
        Resource: extras.codeArtifact.domainArn,
      },
      {
        Sid: 'CodeArtifactBearerToken',
        Effect: 'Allow',
        Action: 'sts:GetServiceBearerToken',
        Resource: '*', // the action has no resource type; the condition scopes it to CodeArtifact
        Condition: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } },
      },
      {
        Sid: 'CodeArtifactRead',
        Effect: 'Allow',
        Action: ['codeartifact:ReadFromRepository', 'codeartifact:GetRepositoryEndpoint'],
        Resource: extras.codeArtifact.repositoryArn,
      },
    );
  if (extras.ecrRepositories.length)
    statements.push(
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
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: [...extras.ecrRepositories],
      },
    );
  return { Version: '2012-10-17', Statement: statements };
}
