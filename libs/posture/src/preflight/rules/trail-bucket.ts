import { conditionKeys, wildcardMatch } from '../../policy-document';
import { bucketName, label, list, ofType, rec, str, T } from '../../resources';
import { trailArnOf, whereOf } from '../arns';
import { allowsTo, bucketPolicyOf } from '../lookup';
import type { PreflightRule } from '../rule';

/**
 * CloudTrail checks the bucket policy when the trail is created: cloudtrail.amazonaws.com needs s3:GetBucketAcl
 * on the bucket and s3:PutObject on `AWSLogs/<account>/*` (InsufficientS3BucketPolicyException otherwise), and
 * an aws:SourceArn condition must name the trail.
 */
export const trailBucketPolicy: PreflightRule = {
  id: 'TRAIL-BUCKET-POLICY',
  requires:
    "the trail bucket's policy lets cloudtrail.amazonaws.com GetBucketAcl on the bucket and PutObject on AWSLogs/<account>/*, for this trail",
  source: {
    title: 'Amazon S3 bucket policy for CloudTrail',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
  },
  check: (env) =>
    ofType(env, T.trail).flatMap((trail) => {
      const bucket = str(trail.inputs['s3BucketName']);
      if (!bucket) return [];
      const { partition, account } = whereOf(env);
      const policy = bucketPolicyOf(env, bucket);
      const name = str(trail.inputs['name']) ?? trail.name;
      const arn = trailArnOf(env, name);
      const forTrail = policy.filter((s) =>
        conditionKeys(s)
          .filter((c) => c.key === 'aws:sourcearn')
          .every((c) => c.values.some((v) => wildcardMatch(v, arn))),
      );
      const problems: { resource: string; message: string }[] = [];
      const bucketArn = `arn:${partition}:s3:::${bucket}`;
      if (!allowsTo(forTrail, 's3:GetBucketAcl', bucketArn, 'cloudtrail.amazonaws.com'))
        problems.push({
          resource: label(trail),
          message: `the policy of bucket ${bucket} does not let CloudTrail call s3:GetBucketAcl for ${name}: CreateTrail would fail (InsufficientS3BucketPolicyException)`,
        });
      if (
        !allowsTo(
          forTrail,
          's3:PutObject',
          `${bucketArn}/AWSLogs/${account}/CloudTrail/x`,
          'cloudtrail.amazonaws.com',
        )
      )
        problems.push({
          resource: label(trail),
          message: `the policy of bucket ${bucket} does not let CloudTrail put AWSLogs/${account}/* for ${name}: CreateTrail would fail (InsufficientS3BucketPolicyException)`,
        });
      return problems;
    }),
};

/**
 * Issue 11 item 7: the CloudTrail guide says that with an S3 Bucket Key on the trail bucket, creating or updating
 * a trail with SSE-KMS needs kms:Decrypt, which our key policy gives CloudTrail nowhere (it may only
 * GenerateDataKey with the CloudTrail encryption context). The configuration the guide documents as working with
 * the key policy of "Configure AWS KMS key policies for CloudTrail" is the trail's own SSE-KMS without a Bucket
 * Key: CloudTrail encrypts each log file with the trail's key and its context. So the trail bucket may not
 * enable one. S3 User Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys":
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
 */
export const trailBucketKey: PreflightRule = {
  id: 'TRAIL-BUCKET-KEY',
  requires:
    'the trail bucket does not enable an S3 Bucket Key (the trail encrypts each log file with its own key and context)',
  source: {
    title: 'Configure AWS KMS key policies for CloudTrail (S3 Bucket Key note)',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html',
  },
  check: (env) =>
    ofType(env, T.trail).flatMap((trail) => {
      const bucket = str(trail.inputs['s3BucketName']);
      return ofType(env, T.encryption)
        .filter((e) => bucketName(e) === bucket)
        .filter((e) => list(e.inputs['rules']).some((rule) => rec(rule)['bucketKeyEnabled'] === true))
        .map((e) => ({
          resource: label(e),
          message: `${label(e)} enables an S3 Bucket Key on trail bucket ${bucket ?? ''}: creating ${label(trail)} would then need kms:Decrypt, which the key policy does not give. Set bucketKeyEnabled: false`,
        }));
    }),
};
