import { conditionKeys, grants, servicePrincipals, wildcardMatch } from '../../policy-document';
import { label, ofType, str, T } from '../../resources';
import { trailArnOf } from '../arns';
import { keyByArn, keyPolicyOf } from '../lookup';
import type { PreflightRule } from '../rule';

/**
 * A trail encrypted with a KMS key needs the key policy to let cloudtrail.amazonaws.com call kms:GenerateDataKey*
 * (for the trail, with its ARN in the `kms:EncryptionContext:aws:cloudtrail:arn` context when that is checked)
 * and kms:DescribeKey, or CreateTrail fails with InsufficientEncryptionPolicyException.
 */
export const trailKeyPolicy: PreflightRule = {
  id: 'TRAIL-KEY-POLICY',
  requires:
    "the trail's KMS key policy allows cloudtrail.amazonaws.com kms:GenerateDataKey* for the trail and kms:DescribeKey",
  source: {
    title: 'Configure AWS KMS key policies for CloudTrail',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html',
  },
  check: (env) =>
    ofType(env, T.trail).flatMap((trail) => {
      const key = keyByArn(env, trail.inputs['kmsKeyId']);
      if (!key) return [];
      const name = str(trail.inputs['name']) ?? trail.name;
      const cloudtrail = keyPolicyOf(key).filter(
        (s) => s.effect === 'Allow' && servicePrincipals(s).includes('cloudtrail.amazonaws.com'),
      );
      const problems: { resource: string; message: string }[] = [];
      const arn = trailArnOf(env, name);
      // A condition on the trail (its ARN in the encryption context, or aws:SourceArn) must name this trail.
      const holdsFor = (s: (typeof cloudtrail)[number]) =>
        conditionKeys(s)
          .filter((c) => c.key === 'kms:encryptioncontext:aws:cloudtrail:arn' || c.key === 'aws:sourcearn')
          .every((c) => c.values.some((v) => wildcardMatch(v, arn)));
      const encrypt = cloudtrail.filter((s) => grants(s, 'kms:GenerateDataKey') && holdsFor(s));
      if (!encrypt.length)
        problems.push({
          resource: label(key),
          message: `${label(key)} does not let cloudtrail.amazonaws.com call kms:GenerateDataKey for trail ${name}: CreateTrail would fail (InsufficientEncryptionPolicyException)`,
        });
      if (!cloudtrail.some((s) => grants(s, 'kms:DescribeKey')))
        problems.push({
          resource: label(key),
          message: `${label(key)} does not let cloudtrail.amazonaws.com call kms:DescribeKey, which CloudTrail calls when the trail is created`,
        });
      return problems;
    }),
};
