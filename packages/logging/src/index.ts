import * as aws from '@pulumi/aws';
import { defineLayer } from '@secure-ml/shared';
import { loggingSettings } from './settings';

export = defineLayer('logging', loggingSettings, (ctx) => {
  const security = ctx.reference('security');
  ctx.reference('network');
  const bucket = new aws.s3.Bucket(
    'trail-bucket',
    { bucket: ctx.accountId.apply((account) => ctx.naming.bucketName('trail', account, ctx.region)) },
    { provider: ctx.provider, protect: ctx.protect, retainOnDelete: true },
  );
  const trail = new aws.cloudtrail.Trail(
    'trail',
    {
      name: ctx.naming.trailName,
      s3BucketName: bucket.bucket,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: security.logsKeyArn,
    },
    { provider: ctx.provider },
  );
  return { trailArn: trail.arn, trailBucketName: bucket.bucket };
});
