import type * as aws from '@pulumi/aws';

/**
 * The notebook role's access to the data bucket, as an inline policy (the security layer's permissions
 * boundary still caps it): this bucket only, and the data key only through S3 for this bucket.
 */
export function dataBucketRolePolicy(p: {
  bucketArn: string;
  dataKeyArn: string;
  region: string;
}): aws.iam.PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ListDataBucket',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: p.bucketArn,
      },
      {
        Sid: 'ReadWriteDataObjects',
        Effect: 'Allow',
        Action: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:PutObject',
          's3:DeleteObject',
          's3:AbortMultipartUpload',
          's3:ListMultipartUploadParts',
        ],
        Resource: `${p.bucketArn}/*`,
      },
      {
        // With a bucket key, S3 calls KMS with the bucket ARN as encryption context.
        Sid: 'UseDataKeyThroughS3',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: p.dataKeyArn,
        Condition: {
          StringEquals: {
            'kms:ViaService': `s3.${p.region}.amazonaws.com`,
            'kms:EncryptionContext:aws:s3:arn': p.bucketArn,
          },
        },
      },
    ],
  };
}

export interface RuntimePolicyInputs {
  readonly notebookArn: string;
  readonly codeArtifact?: { readonly domainArn: string; readonly repositoryArn: string } | undefined;
}

/** What the lifecycle scripts call: stop this instance (the idle auto-stop), read the package mirror if any. */
export function runtimeRolePolicy(p: RuntimePolicyInputs): aws.iam.PolicyDocument {
  const statements: aws.iam.PolicyStatement[] = [
    {
      Sid: 'StopOwnInstance',
      Effect: 'Allow',
      Action: 'sagemaker:StopNotebookInstance',
      Resource: p.notebookArn,
    },
  ];
  if (p.codeArtifact) {
    statements.push(
      {
        Sid: 'CodeArtifactToken',
        Effect: 'Allow',
        Action: 'codeartifact:GetAuthorizationToken',
        Resource: p.codeArtifact.domainArn,
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
        Resource: p.codeArtifact.repositoryArn,
      },
    );
  }
  return { Version: '2012-10-17', Statement: statements };
}
