import type { Env } from '../src/model';
import { T } from '../src/resources';
import { ACCOUNT, adding, compliantEnv, DATA_BUCKET, patch, res, run } from './fixtures';
import { JOB_DATA_STATEMENTS, NOTEBOOK_DATA_STATEMENTS } from './job-fixtures';

/**
 * NB-12 (issue 14): each notebook's execution role reaches only its own prefix. Each case is the hand-built
 * compliant environment (fixtures.ts: alice's role holds NOTEBOOK_DATA_STATEMENTS) with one grant widened the way
 * an attacker or a careless edit would, and the exact report; the last cases are lock-outs, which fail too.
 */
const env = compliantEnv();
type Raw = Record<string, unknown>;
const BUCKET = `arn:aws:s3:::${DATA_BUCKET}`;
const ROLE = 'notebook-role (Role)';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-notebook-alice`;
const doc = (statements: readonly object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const dataPolicy = (statements: readonly object[]) =>
  patch(env, 'notebook-data-access', { policy: doc(statements) });
const changing = (sid: string, next: (s: Raw) => Raw | undefined) =>
  dataPolicy(
    (NOTEBOOK_DATA_STATEMENTS as Raw[]).flatMap((s) => {
      if (s['Sid'] !== sid) return [s];
      const changed = next(s);
      return changed ? [changed] : [];
    }),
  );
const adding1 = (statement: Raw) => dataPolicy([...NOTEBOOK_DATA_STATEMENTS, statement]);
const bucketPolicyAllowing = (statement: Raw) => {
  const policy = env.resources.find((r) => r.name === 'data-bucket-policy');
  const current = JSON.parse(String(policy?.inputs['policy'])) as { Statement: Raw[] };
  return patch(env, 'data-bucket-policy', { policy: doc([...current.Statement, statement]) });
};
const messages = (e: Env, id = 'NB-12') => run(id, e).findings.map((f) => f.message);

const EVERY_OTHER = '(notebooks/<other>/, notebooks/alice-<other>/, notebooks/alice0/, notebooks/alic/)';
const CONFUSED = '(notebooks/alice-<other>/, notebooks/alice0/)';
const WIDE_LISTING =
  'lists beyond its prefixes (s3:ListBucket without s3:prefix, s3:ListBucket with s3:prefix "", s3:ListBucket with s3:prefix "notebooks/", s3:ListBucket with s3:prefix "notebooks/alice")';

describe('NB-12 on the compliant environment', () => {
  it("passes: alice's role reaches her prefix and shared/, nothing else", () => {
    expect(run('NB-12', env)).toMatchObject({ status: 'pass', findings: [] });
  });
});

describe('NB-12 reports a notebook role that reaches beyond its prefix', () => {
  it.each<[string, Env, string, string?]>([
    [
      'a wildcard in place of the id',
      changing('ReadWriteOwnPrefix', (s) => ({ ...s, Resource: `${BUCKET}/notebooks/*` })),
      `reads another notebook's prefix ${EVERY_OTHER}; writes another notebook's prefix ${EVERY_OTHER}`,
    ],
    [
      "prefix confusion: notebooks/alice* without the id's closing /",
      changing('ReadWriteOwnPrefix', (s) => ({ ...s, Resource: `${BUCKET}/notebooks/alice*` })),
      `reads another notebook's prefix ${CONFUSED}; writes another notebook's prefix ${CONFUSED}`,
    ],
    [
      'a list without s3:prefix',
      changing('ListOwnAndSharedPrefixes', (s) => ({ ...s, Condition: undefined })),
      `lists another notebook's prefix ${EVERY_OTHER}; ${WIDE_LISTING}`,
    ],
    [
      'a StringLike that admits notebooks/*',
      changing('ListOwnAndSharedPrefixes', (s) => ({
        ...s,
        Condition: { StringLike: { 's3:prefix': ['notebooks/*', 'shared/', 'shared/*'] } },
      })),
      `lists another notebook's prefix ${EVERY_OTHER}; lists beyond its prefixes (s3:ListBucket with s3:prefix "notebooks/", s3:ListBucket with s3:prefix "notebooks/alice")`,
    ],
    [
      'a listing of notebooks/alice without its /',
      changing('ListOwnAndSharedPrefixes', (s) => ({
        ...s,
        Condition: { StringLike: { 's3:prefix': ['notebooks/alice*', 'shared/', 'shared/*'] } },
      })),
      `lists another notebook's prefix ${CONFUSED}; lists beyond its prefixes (s3:ListBucket with s3:prefix "notebooks/alice")`,
    ],
    [
      'a delimiter trick: a list conditioned on s3:delimiter alone',
      changing('ListOwnAndSharedPrefixes', (s) => ({
        ...s,
        Condition: { StringEquals: { 's3:delimiter': '/' } },
      })),
      `lists another notebook's prefix ${EVERY_OTHER}; ${WIDE_LISTING}`,
    ],
    [
      'a list with an IfExists prefix (absent passes)',
      changing('ListOwnAndSharedPrefixes', (s) => ({
        ...s,
        Condition: { StringLikeIfExists: { 's3:prefix': ['notebooks/alice/*', 'shared/*'] } },
      })),
      'lists beyond its prefixes (s3:ListBucket without s3:prefix)',
    ],
    [
      'ListBucketVersions with no prefix',
      adding1({ Effect: 'Allow', Action: 's3:ListBucketVersions', Resource: BUCKET }),
      `lists another notebook's prefix ${EVERY_OTHER}; lists beyond its prefixes (s3:ListBucketVersions without s3:prefix, s3:ListBucketVersions with s3:prefix "", s3:ListBucketVersions with s3:prefix "notebooks/", s3:ListBucketVersions with s3:prefix "notebooks/alice")`,
    ],
    [
      'ListBucketMultipartUploads (no s3:prefix to scope it)',
      adding1({ Effect: 'Allow', Action: 's3:ListBucketMultipartUploads', Resource: BUCKET }),
      "lists every prefix's multipart uploads (s3:ListBucketMultipartUploads has no s3:prefix)",
    ],
    [
      'PutObject on shared/',
      changing('ReadSharedPrefix', (s) => ({ ...s, Action: ['s3:GetObject', 's3:PutObject'] })),
      'writes shared/ (read-only for notebooks)',
    ],
    [
      'the whole bucket',
      adding1({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
      `reads another notebook's prefix ${EVERY_OTHER}; reads a key outside notebooks/ and shared/`,
    ],
    [
      'another bucket',
      adding1({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::*/*' }),
      `reads another notebook's prefix ${EVERY_OTHER}; writes another notebook's prefix ${EVERY_OTHER}; writes shared/ (read-only for notebooks); reads a key outside notebooks/ and shared/; writes a key outside notebooks/ and shared/; reads a bucket other than the data bucket; writes a bucket other than the data bucket`,
    ],
    [
      'the data key through S3 for any bucket (no encryption context)',
      changing('UseDataKeyThroughS3', (s) => ({
        ...s,
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      })),
      'uses the data key (kms:Decrypt) through S3 for a bucket other than the data bucket; uses the data key (kms:GenerateDataKey) through S3 for a bucket other than the data bucket',
    ],
    [
      'the data key directly',
      adding1({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }),
      'uses the data key (kms:Decrypt) other than through S3',
    ],
    [
      "the bucket's policy allowing the role another prefix by its ARN",
      bucketPolicyAllowing({
        Sid: 'Oops',
        Effect: 'Allow',
        Principal: { AWS: ROLE_ARN },
        Action: 's3:GetObject',
        Resource: `${BUCKET}/notebooks/*`,
      }),
      `reads another notebook's prefix ${EVERY_OTHER}`,
      'data-bucket-policy (BucketPolicy) of data-bucket (Bucket)',
    ],
    [
      "the bucket's policy allowing every role of the notebook path every listing",
      bucketPolicyAllowing({
        Sid: 'Oops',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:ListBucket',
        Resource: BUCKET,
        Condition: {
          ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/*` },
        },
      }),
      `lists another notebook's prefix ${EVERY_OTHER}; ${WIDE_LISTING}`,
      'data-bucket-policy (BucketPolicy) of data-bucket (Bucket)',
    ],
  ])('%s', (_what, bad, message, by = 'notebook-data-access (RolePolicy)') => {
    expect(messages(bad)).toEqual([`${ROLE}: (notebook alice) ${message} (granted by ${by})`]);
  });

  it("names each other notebook of the plan by its id: bob's prefix", () => {
    const withBob = adding(
      changing('ReadSharedPrefix', (s) => ({
        ...s,
        Resource: [`${BUCKET}/shared/*`, `${BUCKET}/notebooks/bob/*`],
      })),
      res('notebook', T.role, 'bob-role', {
        name: 'sml-dev-notebook-bob',
        path: '/secure-ml/sml-dev/notebooks/',
        tags: { 'secure-ml:notebook-id': 'bob' },
      }),
      res('notebook', T.rolePolicy, 'bob-data-access', {
        role: 'sml-dev-notebook-bob',
        policy: doc(
          NOTEBOOK_DATA_STATEMENTS.map((s) => JSON.parse(JSON.stringify(s).replace(/alice/g, 'bob')) as Raw),
        ),
      }),
    );
    expect(messages(withBob)).toEqual([
      `${ROLE}: (notebook alice) reads another notebook's prefix (notebooks/bob/) (granted by notebook-data-access (RolePolicy))`,
    ]);
  });

  it('opens nothing by dot segments: notebooks/alice/../bob/x is a key of her own prefix (S3 keys are flat)', () => {
    const dots = changing('ReadWriteOwnPrefix', (s) => ({
      ...s,
      Resource: [`${BUCKET}/notebooks/alice/*`, `${BUCKET}/notebooks/alice/../bob/*`],
    }));
    expect(run('NB-12', dots).findings).toEqual([]);
  });

  it("counts no allow of the bucket's policy to the whole account: that delegates to the role's own policies", () => {
    const account = bucketPolicyAllowing({
      Sid: 'AccountReads',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
    });
    expect(run('NB-12', account).findings).toEqual([]);
    // The same allow naming the role itself grants it every notebook's objects.
    const role = bucketPolicyAllowing({
      Sid: 'AliceReads',
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, ROLE_ARN] },
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
    });
    expect(run('NB-12', role).status).toBe('fail');
  });

  it('refuses to judge a role whose notebook id is unknown', () => {
    const untagged = patch(patch(env, 'notebook-role', { tags: {} }), 'notebook', { tags: {} });
    expect(messages(untagged)).toEqual([
      `${ROLE}: has no secure-ml:notebook-id tag and its notebook none either: its own prefix is unknown`,
    ]);
  });
});

describe('NB-12 and JOB-1 report a lock-out: a role that cannot reach its own prefix passes nothing', () => {
  it('NB-12: no grant on the own prefix', () => {
    expect(messages(changing('ReadWriteOwnPrefix', () => undefined))).toEqual([
      `${ROLE}: (notebook alice) cannot read its own prefix notebooks/alice/; write its own prefix notebooks/alice/ (its owner is locked out)`,
    ]);
  });
  it("NB-12: the bucket's policy denying shared/ to everyone", () => {
    const denied = bucketPolicyAllowing({
      Sid: 'NoShared',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [BUCKET, `${BUCKET}/shared/*`],
    });
    expect(messages(denied)).toEqual([
      `${ROLE}: (notebook alice) cannot list its own prefix notebooks/alice/; read shared/; list shared/ (its owner is locked out)`,
    ]);
  });
  it('NB-12: the data key through another service only', () => {
    expect(
      messages(
        changing('UseDataKeyThroughS3', (s) => ({
          ...s,
          Condition: { StringEquals: { 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' } },
        })),
      ),
    ).toEqual([
      `${ROLE}: (notebook alice) uses the data key (kms:Decrypt) other than through S3; uses the data key (kms:GenerateDataKey) other than through S3 (granted by notebook-data-access (RolePolicy))`,
      `${ROLE}: (notebook alice) cannot use the data key (kms:Decrypt) through S3; use the data key (kms:GenerateDataKey) through S3 (its owner is locked out)`,
    ]);
  });
  it('JOB-1: a job role without its notebook shared/ read', () => {
    const locked = patch(env, 'job-data-access', {
      policy: doc((JOB_DATA_STATEMENTS as Raw[]).filter((s) => s['Sid'] !== 'ReadSharedPrefix')),
    });
    expect(messages(locked, 'JOB-1')).toEqual(['job-role (Role): cannot read shared/ (a job would fail)']);
  });
});
