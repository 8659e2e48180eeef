import type * as aws from '@pulumi/aws';
import { denyInsecureTransport } from '@secure-ml/shared';

export interface BucketPolicyInputs {
  readonly bucketArn: string;
  /** The network layer's S3 gateway endpoint: the only way in for everyone but AWS services and break-glass. */
  readonly vpcEndpointId: string;
  readonly breakGlassRoleArn?: string | undefined;
  /** The opt-in replica's replication role: S3 reads the data with it, from outside the endpoint. */
  readonly replicationRoleArn?: string | undefined;
  /** Every role under the notebook role path (notebook and job roles): `arn:aws:iam::<account>:role/<path>*`. */
  readonly workloadRoleArnPattern: string;
}

/**
 * What the endpoint perimeter covers: the data itself (objects, their versions and tags, uploads, version
 * listings). Bucket configuration stays governed by IAM, so that the deployer, `pulumi refresh`, the drift
 * check and `destroy` keep working from outside the VPC; `s3:ListBucket` stays out too because it is also the
 * permission behind HeadBucket, which every read of the bucket resource makes.
 */
export const DATA_ACTIONS = [
  's3:GetObject*',
  's3:PutObject*',
  's3:DeleteObject*',
  's3:RestoreObject',
  's3:ListBucketVersions',
  's3:ListBucketMultipartUploads',
  's3:ListMultipartUploadParts',
  's3:AbortMultipartUpload',
];

/**
 * The data bucket's resource policy, denies and no allow (access is granted by identity policies; an allow here
 * would grant a notebook role another notebook's prefix past its own policy, which NB-12 judges):
 * - TLS only, for every action (S3-2);
 * - no data from outside the VPC endpoint (S3-7), except for AWS services acting for us (S3 replication, access
 *   logging: aws:PrincipalIsAWSService) and the break-glass role. The conditions of one statement are ANDed,
 *   so the deny applies only when none of the exceptions holds;
 * - no listing from outside the VPC endpoint by the roles of the notebook role path.
 */
export function dataPerimeterStatements(p: BucketPolicyInputs): aws.iam.PolicyStatement[] {
  const resources = [p.bucketArn, `${p.bucketArn}/*`];
  const outsideEndpoint: Record<string, Record<string, string | string[]>> = {
    StringNotEqualsIfExists: { 'aws:SourceVpce': p.vpcEndpointId },
    BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
  };
  const excepted = [p.breakGlassRoleArn, p.replicationRoleArn].filter((a): a is string => Boolean(a));
  if (excepted.length)
    outsideEndpoint['ArnNotLikeIfExists'] = {
      'aws:PrincipalArn': excepted.length === 1 ? (excepted[0] as string) : excepted,
    };
  return [
    {
      Sid: 'DenyOutsideVpcEndpoint',
      Effect: 'Deny',
      Principal: '*',
      Action: DATA_ACTIONS,
      Resource: resources,
      Condition: outsideEndpoint,
    },
    {
      // Listing stays open to the deployer (HeadBucket is s3:ListBucket), but not to the roles of the notebook
      // path: a notebook's or job's session used from outside the VPC (copied credentials, a job started without
      // a VPC) lists no object key either. aws:PrincipalArn is the role's ARN for its sessions. AWS: "AWS global
      // condition context keys", aws:PrincipalArn and aws:SourceVpce,
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
      Sid: 'DenyWorkloadListingOutsideVpcEndpoint',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:ListBucket',
      Resource: p.bucketArn,
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceVpce': p.vpcEndpointId },
        ArnLike: { 'aws:PrincipalArn': p.workloadRoleArnPattern },
      },
    },
  ];
}

/** The whole document as S3 stores it: SecureBucket's TLS-only deny, then the perimeter. */
export function dataBucketPolicy(p: BucketPolicyInputs): aws.iam.PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [denyInsecureTransport(p.bucketArn), ...dataPerimeterStatements(p)],
  };
}
