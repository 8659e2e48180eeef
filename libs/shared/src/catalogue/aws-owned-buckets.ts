import type { EndpointName } from './endpoints';

/**
 * AWS-owned buckets a notebook in this VPC reads through the S3 gateway endpoint. The gateway policy allows
 * nothing else outside the environment's own buckets, so each entry says who needs it, why, and where AWS
 * says so. Read-only (`s3:GetObject`) on exact bucket names: nobody outside AWS can write to them, so they
 * cannot carry data out.
 *
 * Deliberately absent:
 * - SageMaker itself needs no AWS-owned bucket for a notebook instance: the platform image and the ML volume
 *   reach the instance outside the customer VPC (CreateNotebookInstance API reference: SageMaker launches the
 *   instance in its own VPC and attaches an ENI in ours).
 * - CodeArtifact's per-region `assets-<account>-<region>` buckets: pip (Python) packages come through the
 *   codeartifact.repositories endpoint and need no S3 access (CodeArtifact user guide, "Create the Amazon S3
 *   gateway endpoint": "An Amazon S3 endpoint is not needed when using Python or Swift package formats").
 */
export interface AwsOwnedBucket {
  readonly sid: string;
  /** Object ARNs, `arn:<partition>:s3:::<bucket>/*`. */
  readonly objects: (partition: string, region: string) => string[];
  readonly why: string;
  readonly source: string;
  /** Included only when this interface endpoint is enabled; always when absent. */
  readonly when?: EndpointName;
}

export const AWS_OWNED_BUCKETS: readonly AwsOwnedBucket[] = [
  {
    sid: 'AmazonLinux2023Repositories',
    // The suffix is fixed by AWS and the same in every region (the mirror list of the AL2023 dnf repositories).
    objects: (partition, region) => [`arn:${partition}:s3:::al2023-repos-${region}-de612dc2/*`],
    why: 'dnf security updates and OS packages of the notebook-al2023-v1 platform, which AL2023 serves from S3',
    source:
      'dnf repolist -v on AL2023 shows the mirror al2023-repos-<region>-de612dc2.s3.dualstack.<region>.amazonaws.com',
  },
  {
    sid: 'EcrImageLayers',
    objects: (partition, region) => [`arn:${partition}:s3:::prod-${region}-starport-layer-bucket/*`],
    why: 'ECR serves image layers from S3: docker pulls through the ecr.dkr endpoint fetch them there',
    // The one bucket ECR names for layers: `arn:aws:s3:::prod-<region>-starport-layer-bucket/*`, GetObject only.
    // SageMaker jobs pull AWS's training images this way, so secure-ml-network:jobs requires ecr.dkr.
    source:
      'Amazon ECR user guide, "Amazon ECR interface VPC endpoints (AWS PrivateLink)", section "Minimum Amazon S3 bucket permissions for Amazon ECR", https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
    when: 'ecr.dkr',
  },
];

/** The AWS-owned buckets for an endpoint list, in a stable order. */
export const awsOwnedBucketsFor = (endpoints: readonly EndpointName[]): AwsOwnedBucket[] =>
  AWS_OWNED_BUCKETS.filter((bucket) => bucket.when === undefined || endpoints.includes(bucket.when));
