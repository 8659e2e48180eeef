import { label, list, ofType, rec, strings, T } from '../../resources';
import type { PreflightRule } from '../rule';

/** `arn:<partition>:s3:::<bucket_name>/` and, optionally, a key prefix after the slash. */
const OBJECT_ARN_PREFIX = /^arn:[a-z-]+:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.*$/;

/**
 * For S3 object data events, a `resources.ARN` selector names objects as `arn:<partition>:s3:::<bucket_name>/`
 * (optionally followed by a key prefix): a partial bucket name is not a documented value.
 */
export const trailDataSelector: PreflightRule = {
  id: 'TRAIL-DATA-SELECTOR',
  requires:
    'every resources.ARN value of an AWS::S3::Object selector has the form arn:<partition>:s3:::<bucket_name>/ (a whole bucket name)',
  source: {
    title: 'AdvancedFieldSelector (AWS CloudTrail API Reference)',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html',
  },
  check: (env) =>
    ofType(env, T.trail).flatMap((trail) =>
      list(trail.inputs['advancedEventSelectors']).flatMap((raw) => {
        const fields = list(rec(raw)['fieldSelectors']).map(rec);
        const objects = fields.some(
          (f) => f['field'] === 'resources.type' && strings(f['equals']).includes('AWS::S3::Object'),
        );
        if (!objects) return [];
        return fields
          .filter((f) => f['field'] === 'resources.ARN')
          .flatMap((f) => [...strings(f['startsWiths']), ...strings(f['equals'])])
          .filter((v) => !OBJECT_ARN_PREFIX.test(v))
          .map((v) => ({
            resource: label(trail),
            message: `${label(trail)} selects S3 object events with resources.ARN "${v}", which is not arn:<partition>:s3:::<bucket_name>/: name the bucket exactly, ending with "/"`,
          }));
      }),
    ),
};
