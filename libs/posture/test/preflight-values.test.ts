import { runPreflight } from '../src/preflight';
import { bucketNameProblem, tagProblems } from '../src/preflight/values';
import { T } from '../src/resources';
import { byName, editing, planned } from './preflight-support';

const env = planned('dev');
const ruleOf = (bad: typeof env, id: string) =>
  runPreflight(bad)
    .filter((f) => f.rule === id)
    .map((f) => f.message);

describe('resource values AWS would reject that the provider does not check', () => {
  it.each([
    [
      'NAME-NOTEBOOK',
      'a notebook name with an underscore',
      (r: { type: string }) => r.type === T.notebook,
      { name: 'sml_dev_notebook' },
      'is not letters, digits and inner hyphens',
    ],
    [
      'NAME-NOTEBOOK',
      'a notebook name over 63 characters',
      (r: { type: string }) => r.type === T.notebook,
      { name: `n${'a'.repeat(63)}` },
      'at most 63',
    ],
    [
      'NAME-LIFECYCLE',
      'a lifecycle name ending with a hyphen',
      (r: { type: string }) => r.type === T.lifecycle,
      { name: 'sml-dev-' },
      'inner hyphens',
    ],
    [
      'NAME-BUCKET',
      'a bucket name with capitals',
      byName(T.bucket, 'trail-bucket'),
      { bucket: 'Sml-Dev-Trail' },
      'lowercase',
    ],
    [
      'NAME-ROLE',
      'a role name over 64 characters',
      byName(T.role, 'flow-logs-role'),
      { name: 'r'.repeat(65) },
      'at most 64',
    ],
    [
      'NAME-ROLE',
      'a role name with a slash',
      byName(T.role, 'flow-logs-role'),
      { name: 'a/b' },
      'letters, digits and',
    ],
    [
      'NAME-POLICY',
      'a policy name with a space',
      byName(T.policy, 'notebook-guardrail'),
      { name: 'my policy' },
      'letters, digits and',
    ],
    [
      'IAM-PATH',
      'a path without the trailing slash',
      byName(T.role, 'flow-logs-role'),
      { path: '/secure-ml' },
      'starts and ends with /',
    ],
    [
      'SG-DESCRIPTION',
      'a security group description with an apostrophe',
      (r: { type: string }) => r.type === T.sg,
      { description: "notebooks' group" },
      'made of a-z',
    ],
    [
      'TAGS',
      'a tag key in the aws: namespace',
      (r: { type: string }) => r.type === T.flowLog,
      { tags: { 'aws:owner': 'x' } },
      'starts with aws:',
    ],
  ] as const)('%s refuses %s', (id, _what, match, patch, message) => {
    const bad = editing(env, match, (i) => ({ ...i, ...patch }));
    expect(ruleOf(bad, id).join('\n')).toContain(message);
  });

  it.each([
    ['ab', 'S3 needs 3 to 63'],
    ['a..b', 'two adjacent dots'],
    ['192.168.1.1', 'IP address'],
    ['xn--bucket', 'reserved prefix'],
    ['bucket-s3alias', 'reserved suffix'],
  ])('bucket name %s is refused: %s', (name, message) => {
    expect(bucketNameProblem(name)).toContain(message);
  });

  it('limits tags: 50 per resource, keys 1-128, values at most 256', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(tagProblems(many)).toEqual(['has 51 tags; AWS allows at most 50']);
    expect(tagProblems({ [`k${'x'.repeat(128)}`]: 'v' })[0]).toContain('1 to 128 allowed');
    expect(tagProblems({ k: 'v'.repeat(257) })).toEqual(['tag k has a value of 257 characters; at most 256']);
    expect(tagProblems({ Project: 'secure-ml' })).toEqual([]);
  });
});
