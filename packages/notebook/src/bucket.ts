import * as pulumi from '@pulumi/pulumi';
import { SecureBucket } from '@secure-ml/shared';
import { dataPerimeterStatements } from './bucket-policy';

export interface DataBucketArgs {
  /** Physical name; IMPORTANT: changing it replaces the bucket (and its data). */
  readonly bucketName: pulumi.Input<string>;
  /** Customer-managed key of SSE-KMS (the security layer's data key). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The logging layer's server-access-log bucket. */
  readonly accessLogBucket: pulumi.Input<string>;
  readonly vpcEndpointId: pulumi.Input<string>;
  readonly breakGlassRoleArn?: string | undefined;
  /** The replication role of the opt-in replica, which reads the data from outside the endpoint. */
  readonly replicationRoleArn?: pulumi.Input<string> | undefined;
  /** The roles of the notebook role path (notebook and job roles), refused listing from outside the endpoint. */
  readonly workloadRoleArnPattern: pulumi.Input<string>;
  /** Days a noncurrent version is kept. */
  readonly noncurrentVersionDays: number;
  /** Protects the bucket from `pulumi destroy` (prod). */
  readonly protect: boolean;
}

/**
 * The notebook data bucket: the platform's SecureBucket (libs/shared), with every setting secure by default:
 * S3-1 (public access block), S3-2 and S3-7 (policy), S3-3 (versioning), S3-4 (SSE-KMS with the data key and a
 * bucket key, which cuts KMS requests and their cost by orders of magnitude), S3-5 (access logging), S3-6
 * (BucketOwnerEnforced: ACLs are off), S3-8 (no forceDestroy; noncurrent versions expire). What is particular to
 * it, and expressed here by its owner: the data perimeter (bucket-policy.ts) after SecureBucket's TLS-only deny.
 */
export class DataBucket extends SecureBucket {
  constructor(name: string, args: DataBucketArgs, opts: pulumi.ComponentResourceOptions) {
    super(
      name,
      {
        bucketName: args.bucketName,
        encryption: { kind: 'kms', keyArn: args.kmsKeyArn, bucketKey: true },
        accessLogs: {
          bucket: args.accessLogBucket,
          prefix: pulumi.interpolate`${args.bucketName}/`,
          // As first deployed: partitioned keys would move where new log objects land (a deliberate change).
          keyFormat: 'simple',
          // The name this child had before SecureBucket was shared; renaming it would recreate it.
          resourceName: `${name}-logging`,
        },
        lifecycleRules: [
          {
            id: 'expire-noncurrent-versions',
            status: 'Enabled',
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
        // Once the perimeter is in place, only the endpoint, AWS services and break-glass reach the data.
        policyStatements: (bucketArn) =>
          pulumi
            .all([bucketArn, args.vpcEndpointId, args.replicationRoleArn ?? '', args.workloadRoleArnPattern])
            .apply(([arn, vpcEndpointId, replicationRoleArn, workloadRoleArnPattern]) =>
              dataPerimeterStatements({
                bucketArn: arn,
                vpcEndpointId,
                breakGlassRoleArn: args.breakGlassRoleArn,
                replicationRoleArn: replicationRoleArn || undefined,
                workloadRoleArnPattern,
              }),
            ),
        protect: args.protect,
        // The token this component was created under: part of every child's URN.
        componentType: 'secure-ml:notebook:DataBucket',
      },
      opts,
    );
  }
}
