import type * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

type Statement = aws.iam.PolicyStatement;

/**
 * What CloudTrail needs on its bucket (CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail"): read
 * the bucket ACL and write under `AWSLogs/<account>/`, both only on behalf of our trail (`aws:SourceArn`), so
 * that no other trail, in any account, can use this bucket as a confused deputy.
 */
export function cloudTrailDeliveryStatements(args: {
  bucketArn: pulumi.Input<string>;
  trailArn: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
}): Statement[] {
  const service = { Service: 'cloudtrail.amazonaws.com' };
  return [
    {
      Sid: 'CloudTrailAclCheck',
      Effect: 'Allow',
      Principal: service,
      Action: 's3:GetBucketAcl',
      Resource: args.bucketArn,
      Condition: { StringEquals: { 'aws:SourceArn': args.trailArn } },
    },
    {
      Sid: 'CloudTrailWrite',
      Effect: 'Allow',
      Principal: service,
      Action: 's3:PutObject',
      Resource: pulumi.interpolate`${args.bucketArn}/AWSLogs/${args.accountId}/*`,
      Condition: {
        StringEquals: { 'aws:SourceArn': args.trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' },
      },
    },
  ];
}

/**
 * S3 server access log delivery (S3 User Guide, "Permissions for log delivery"): only the S3 logging service,
 * only for buckets of this account, and only for this environment's buckets (`aws:SourceArn`). ACL grants are
 * not an option: the bucket enforces object ownership and ignores ACLs.
 */
export function accessLogDeliveryStatements(args: {
  bucketArn: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  sourceBucketArnPattern: pulumi.Input<string>;
}): Statement[] {
  return [
    {
      Sid: 'S3ServerAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: pulumi.interpolate`${args.bucketArn}/*`,
      Condition: {
        StringEquals: { 'aws:SourceAccount': args.accountId },
        ArnLike: { 'aws:SourceArn': args.sourceBucketArnPattern },
      },
    },
  ];
}

/**
 * The alerts topic admits publications from CloudWatch alarms of this account and region only, over TLS. The
 * account's own administrators keep access through their IAM policies (same-account requests need no grant
 * here), so the policy names no other principal.
 */
export function alertsTopicPolicy(args: {
  topicArn: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  region: string;
}): aws.iam.PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CloudWatchAlarmsPublish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: args.topicArn,
        Condition: {
          StringEquals: { 'aws:SourceAccount': args.accountId },
          ArnLike: {
            'aws:SourceArn': pulumi.interpolate`arn:${args.partition}:cloudwatch:${args.region}:${args.accountId}:alarm:*`,
          },
        },
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: args.topicArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}
