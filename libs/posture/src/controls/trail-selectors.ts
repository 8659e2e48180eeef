import type { Res } from '../model';
import { list, rec, str, strings } from '../resources';

/**
 * LOG-7: whether a trail logs S3 object-level read AND write data events for `bucket` (any bucket when
 * undefined), through basic event selectors (`dataResources` of type AWS::S3::Object, value a bucket ARN prefix)
 * or advanced ones (eventCategory Data, resources.type AWS::S3::Object, resources.ARN equals/startsWith).
 * Read and write may come from two selectors (readOnly true and false). A selector with any other field
 * (eventName DeleteObject only, an eventSource, a user) selects a part of the bucket's events and counts for
 * nothing.
 */
/** The fields a data-event selector of the bucket may name, and the ARN operators that only exclude. */
const DATA_FIELDS = ['eventCategory', 'resources.type', 'resources.ARN', 'readOnly'];
const NARROWING_ARN_OPERATORS = [
  'notEquals',
  'notStartsWith',
  'notStartsWiths',
  'notEndsWith',
  'notEndsWiths',
  'endsWith',
  'endsWiths',
];

export function trailSelectsS3Data(trail: Res, bucket: string | undefined): boolean {
  const objectArn = bucket ? `arn:aws:s3:::${bucket}/` : undefined;
  const covers = (prefix: string) =>
    !objectArn ||
    objectArn.startsWith(prefix.replace(/^arn:aws[a-z-]*:/, 'arn:aws:')) ||
    prefix === 'arn:aws:s3';
  let read = false;
  let write = false;
  for (const s of list(trail.inputs['eventSelectors']).map(rec)) {
    const data = list(s['dataResources'])
      .map(rec)
      .filter((d) => d['type'] === 'AWS::S3::Object' && strings(d['values']).some(covers));
    if (data.length === 0) continue;
    const rw = str(s['readWriteType']) ?? 'All';
    read ||= rw !== 'WriteOnly';
    write ||= rw !== 'ReadOnly';
  }
  for (const s of list(trail.inputs['advancedEventSelectors']).map(rec)) {
    const fields = list(s['fieldSelectors']).map(rec);
    const field = (name: string) => fields.find((f) => f['field'] === name);
    // Only the category, the resource type, the bucket and the read/write split may select: any other field
    // (eventName, eventSource, userIdentity.arn...) or a negative ARN operator logs some events of the bucket only.
    if (fields.some((f) => !DATA_FIELDS.includes(str(f['field']) ?? ''))) continue;
    if (NARROWING_ARN_OPERATORS.some((op) => field('resources.ARN')?.[op] !== undefined)) continue;
    if (!strings(field('eventCategory')?.['equals']).includes('Data')) continue;
    if (!strings(field('resources.type')?.['equals']).includes('AWS::S3::Object')) continue;
    const arn = field('resources.ARN');
    // @pulumi/aws 7 names the operator startsWiths; the CloudTrail API calls it StartsWith.
    const prefixes = [
      ...strings(arn?.['equals']),
      ...strings(arn?.['startsWiths']),
      ...strings(arn?.['startsWith']),
    ];
    if (arn && !prefixes.some(covers)) continue;
    const readOnly = strings(field('readOnly')?.['equals']);
    read ||= readOnly.length === 0 || readOnly.includes('true');
    write ||= readOnly.length === 0 || readOnly.includes('false');
  }
  return read && write;
}
