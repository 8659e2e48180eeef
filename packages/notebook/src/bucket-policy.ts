import type * as aws from '@pulumi/aws';

export interface BucketPolicyInputs {
  readonly bucketArn: string;
  /** The network layer's S3 gateway endpoint: the only way in for everyone but AWS services and break-glass. */
  readonly vpcEndpointId: string;
  readonly breakGlassRoleArn?: string | undefined;
}

/**
 * The data bucket's resource policy, two denies and no allow (access is granted by identity policies):
 * - TLS only (S3-2);
 * - nothing from outside the VPC endpoint (S3-7), except AWS services acting for us (S3 replication, access
 *   logging: aws:PrincipalIsAWSService) and the break-glass role. The conditions of one statement are ANDed,
 *   so the deny applies only when none of the exceptions holds.
 */
export function dataBucketPolicy(p: BucketPolicyInputs): aws.iam.PolicyDocument {
  const resources = [p.bucketArn, `${p.bucketArn}/*`];
  const outsideEndpoint: Record<string, Record<string, string | string[]>> = {
    StringNotEqualsIfExists: { 'aws:SourceVpce': p.vpcEndpointId },
    BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
  };
  if (p.breakGlassRoleArn)
    outsideEndpoint['ArnNotLikeIfExists'] = { 'aws:PrincipalArn': p.breakGlassRoleArn };
  return {
    Version: '2012-10-17',
    Statement: [
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
        Action: 's3:*',
        Resource: resources,
        Condition: outsideEndpoint,
      },
    ],
  };
}
