import type * as aws from '@pulumi/aws';
import type { Naming } from '@secure-ml/shared';
import { awsOwnedBucketsFor } from '@secure-ml/shared/catalogue';
import type { EndpointName } from '@secure-ml/shared/catalogue';

/** What the endpoint policies are built from, all plain values (resolved inside `apply`). */
export interface PolicyContext {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  readonly naming: Naming;
}

/** Only principals of the environment's own account: stolen credentials of another account get nothing here. */
const ownAccount = (accountId: string) => ({ StringEquals: { 'aws:PrincipalAccount': accountId } });

/**
 * Policy of every interface endpoint (data perimeter, NET-7). Any action on any resource, but only for
 * principals of this account: the IAM policies of those principals decide the rest, and a foreign account's
 * credentials (the usual exfiltration path through an endpoint) are refused by the endpoint itself.
 */
export function interfaceEndpointPolicy(accountId: string): aws.iam.PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OnlyPrincipalsOfThisAccount',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: ownAccount(accountId),
      },
    ],
  };
}

/** Object and bucket actions a notebook needs on its data bucket; nothing that changes bucket configuration. */
export const DATA_BUCKET_ACTIONS = [
  's3:GetBucketLocation',
  's3:ListBucket',
  's3:ListBucketMultipartUploads',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:PutObject',
  's3:DeleteObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
] as const;

/**
 * Policy of the S3 gateway endpoint. Requests through it may reach:
 * - the environment's data buckets (by name pattern: the notebook layer creates them later), owned by this
 *   account, for principals of this account only;
 * - the AWS-owned buckets of the catalogue (libs/shared/src/catalogue/aws-owned-buckets.ts), read-only. These statements cannot require aws:PrincipalAccount:
 *   dnf reads its repositories anonymously and ECR hands out pre-signed layer URLs, so the request carries no
 *   principal of ours. The exact bucket names and the single read action keep them from carrying data out.
 */
export function s3GatewayPolicy(
  ctx: PolicyContext,
  endpoints: readonly EndpointName[],
): aws.iam.PolicyDocument {
  const dataBuckets = ctx.naming.dataBucketArnPattern(ctx.partition);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // aws:ResourceAccount as well: bucket names are global, so `<stem>-data-*` also matches a bucket someone
        // else creates in their account, which our credentials could otherwise carry data to through this
        // endpoint. AWS: "AWS global condition context keys", aws:ResourceAccount,
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount;
        // "Control access to VPC endpoints using endpoint policies",
        // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
        Sid: 'EnvironmentDataBuckets',
        Effect: 'Allow',
        Principal: '*',
        Action: [...DATA_BUCKET_ACTIONS],
        Resource: [dataBuckets, `${dataBuckets}/*`],
        Condition: {
          StringEquals: { 'aws:PrincipalAccount': ctx.accountId, 'aws:ResourceAccount': ctx.accountId },
        },
      },
      ...awsOwnedBucketsFor(endpoints).map((bucket) => ({
        Sid: bucket.sid,
        Effect: 'Allow' as const,
        Principal: '*',
        Action: 's3:GetObject',
        Resource: bucket.objects(ctx.partition, ctx.region),
      })),
    ],
  };
}
