import {
  environmentsIn,
  MOCK_ACCOUNT,
  ofType,
  readPlan,
  REPO_ROOT,
  resource,
} from '@secure-ml/shared/testing';
import { planNotebook, policyOf, T } from './plan';

const BUCKET = (stack: string) => `sml-${stack}-data-123456789012-eu-west-1`;
const ARN = (stack: string) => `arn:aws:s3:::${BUCKET(stack)}`;

describe.each(environmentsIn(REPO_ROOT))('data bucket in %s', (stack) => {
  it('S3-1, S3-3, S3-4, S3-5, S3-6, S3-8: every setting, on this bucket', async () => {
    const plan = await planNotebook(stack);
    const dataKeyArn = readPlan(REPO_ROOT, stack, 'security').outputs['dataKeyArn'];
    const on = (type: string, name: string) => {
      const r = resource(plan, type, name);
      expect(r.inputs['bucket']).toBe(BUCKET(stack));
      return r.inputs;
    };
    expect(resource(plan, T.bucket, 'data').inputs).toEqual({ bucket: BUCKET(stack), forceDestroy: false });
    expect(on('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', 'data-public-access')).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(on('aws:s3/bucketOwnershipControls:BucketOwnershipControls', 'data-ownership')).toMatchObject({
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    expect(on('aws:s3/bucketVersioning:BucketVersioning', 'data-versioning')).toMatchObject({
      versioningConfiguration: { status: 'Enabled' },
    });
    expect(
      on(
        'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
        'data-encryption',
      )['rules'],
    ).toEqual([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: dataKeyArn },
        bucketKeyEnabled: true,
      },
    ]);
    expect(on('aws:s3/bucketLogging:BucketLogging', 'data-logging')).toMatchObject({
      targetBucket: readPlan(REPO_ROOT, stack, 'logging').outputs['accessLogBucketName'],
      targetPrefix: `${BUCKET(stack)}/`,
    });
    const rules = on('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration', 'data-lifecycle')[
      'rules'
    ];
    const [rule] = rules as unknown[];
    expect(rule).toMatchObject({
      status: 'Enabled',
      noncurrentVersionExpiration: { noncurrentDays: stack === 'dev' ? 30 : 90 },
    });
  });

  it('is protected in prod only, and never force-destroyed', async () => {
    const plan = await planNotebook(stack);
    const bucket = resource(plan, T.bucket, 'data');
    expect(bucket.options.protect).toBe(stack === 'prod');
    expect(ofType(plan, T.bucket)).toHaveLength(1);
    expect(bucket.parent).toBe(resource(plan, 'secure-ml:notebook:DataBucket', 'data').urn);
  });

  it('S3-2, S3-7: the policy denies plain HTTP, and data access outside the S3 endpoint but for AWS services', async () => {
    const plan = await planNotebook(stack);
    const vpce = readPlan(REPO_ROOT, stack, 'network').outputs['s3GatewayEndpointId'];
    const policy = policyOf(plan, T.bucketPolicy, 'data-policy');
    const resources = [ARN(stack), `${ARN(stack)}/*`];
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: resources,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'DenyOutsideVpcEndpoint',
        Effect: 'Deny',
        Principal: '*',
        // The data, not the bucket's configuration: the deployer and drift checks still manage the bucket.
        Action: [
          's3:GetObject*',
          's3:PutObject*',
          's3:DeleteObject*',
          's3:RestoreObject',
          's3:ListBucketVersions',
          's3:ListBucketMultipartUploads',
          's3:ListMultipartUploadParts',
          's3:AbortMultipartUpload',
        ],
        Resource: resources,
        Condition: {
          StringNotEqualsIfExists: { 'aws:SourceVpce': vpce },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
      {
        // Listing stays open to the deployer, never to the notebook path's roles from outside the endpoint.
        Sid: 'DenyWorkloadListingOutsideVpcEndpoint',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:ListBucket',
        Resource: resources[0],
        Condition: {
          StringNotEqualsIfExists: { 'aws:SourceVpce': vpce },
          ArnLike: {
            'aws:PrincipalArn': `arn:aws:iam::${MOCK_ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/*`,
          },
        },
      },
    ]);
    // Negative: the bucket policy allows nothing; access comes from identity policies only.
    expect(policy.Statement.filter((s) => s['Effect'] === 'Allow')).toEqual([]);
  });

  it('applies the policy after every other bucket setting (once it is on, only the endpoint gets in)', async () => {
    const plan = await planNotebook(stack);
    const others = [
      'data-public-access',
      'data-ownership',
      'data-versioning',
      'data-encryption',
      'data-logging',
      'data-lifecycle',
    ];
    const settings = plan.resources.filter((r) => others.includes(r.name)).map((r) => r.urn);
    expect(settings).toHaveLength(others.length);
    expect(resource(plan, T.bucketPolicy, 'data-policy').options.dependsOn.sort()).toEqual(settings.sort());
  });
});

describe('data bucket break-glass role', () => {
  it('is excepted from the endpoint deny when configured, and only then', async () => {
    const role = 'arn:aws:iam::123456789012:role/secure-ml-break-glass';
    const plan = await planNotebook('dev', { 'secure-ml-notebook:breakGlassRoleArn': role });
    const outside = policyOf(plan, T.bucketPolicy, 'data-policy').Statement[1];
    expect(outside?.['Condition']?.['ArnNotLikeIfExists']).toEqual({ 'aws:PrincipalArn': role });
    const without = policyOf(await planNotebook('dev'), T.bucketPolicy, 'data-policy').Statement[1];
    expect(without?.['Condition']).not.toHaveProperty('ArnNotLikeIfExists');
  });
});
