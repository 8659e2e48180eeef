import type * as aws from '@pulumi/aws';

type PolicyStatement = aws.iam.PolicyStatement;

/**
 * What the owner of a bucket grants a role on it, by prefix, as identity-policy statements (as CDK's
 * `bucket.grantRead(role, 'prefix/*')`): pure over the bucket's ARN, so that the documents stay plain values that
 * the simulations and the posture pack read. A prefix must end with `/`: `notebooks/alice` would also grant
 * `notebooks/alice-x/` (S3 keys are flat strings and a Resource or `s3:prefix` pattern matches characters, not
 * path segments: "Naming Amazon S3 objects", https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
 */
export interface BucketGrants {
  /** s3:GetBucketLocation on the bucket: SDKs ask for the bucket's region before anything else. */
  readonly grantLocate: (sid: string) => PolicyStatement;
  /**
   * s3:ListBucket only with an `s3:prefix` inside one of `prefixes` (the prefix itself or below it): a list without
   * a prefix, or with another, matches no allow. AWS: "Amazon S3 condition key examples" (s3:prefix),
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html
   */
  readonly grantList: (sid: string, prefixes: readonly string[]) => PolicyStatement;
  /** `actions` on the objects under `prefix`. */
  readonly grantObjects: (sid: string, prefix: string, actions: readonly string[]) => PolicyStatement;
}

/** Why a prefix cannot be granted, with the fix; undefined when it can. */
export function grantPrefixProblem(sid: string, prefix: string): string | undefined {
  if (/^[^/*?][^*?]*\/$/.test(prefix)) return undefined;
  const fixed = `${prefix
    .replace(/^\/+/, '')
    .replace(/[*?]+$/, '')
    .replace(/\/?$/, '')}/`;
  return `bucket grant ${sid}: prefix ${JSON.stringify(prefix)} must end with "/" and hold no wildcard or leading "/": as it is, it also grants every key that merely begins with it (a prefix "notebooks/alice" reaches "notebooks/alice-x/"); grant ${JSON.stringify(fixed)}`;
}

function checked(sid: string, prefix: string): string {
  const problem = grantPrefixProblem(sid, prefix);
  if (problem) throw new Error(problem);
  return prefix;
}

export function bucketGrants(bucketArn: string): BucketGrants {
  return {
    grantLocate: (sid) => ({
      Sid: sid,
      Effect: 'Allow',
      Action: 's3:GetBucketLocation',
      Resource: bucketArn,
    }),
    grantList: (sid, prefixes) => ({
      Sid: sid,
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: bucketArn,
      Condition: {
        StringLike: { 's3:prefix': prefixes.map((p) => checked(sid, p)).flatMap((p) => [p, `${p}*`]) },
      },
    }),
    grantObjects: (sid, prefix, actions) => ({
      Sid: sid,
      Effect: 'Allow',
      Action: [...actions],
      Resource: `${bucketArn}/${checked(sid, prefix)}*`,
    }),
  };
}
