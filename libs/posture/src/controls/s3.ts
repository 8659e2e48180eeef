import { stackControl } from '../define';
import type { Control, Env, Finding, Res } from '../model';
import {
  anyRequestWith,
  denyingStatements,
  keysThatMayFail,
  ordinaryPrincipalOutsideEndpoint,
  ordinaryPrincipalThroughEndpoint,
  UNFORESEEN,
} from '../conditions';
import { grants, isWildcardPrincipal, servicePrincipals, statementsOf } from '../policy-document';
import {
  bucketName,
  customerKeyProblem,
  finding,
  list,
  missing,
  ofType,
  owns,
  physicalName,
  rec,
  settingsOf,
  show,
  str,
  T,
} from '../resources';
import { admitsAnotherAccount, whyUnscoped } from '../scoping';

const PAB_FLAGS = [
  'blockPublicAcls',
  'blockPublicPolicy',
  'ignorePublicAcls',
  'restrictPublicBuckets',
] as const;

/** Buckets that receive S3 server access logs: the targets of any BucketLogging. */
export const accessLogBuckets = (env: Env): Res[] => {
  const targets = new Set(ofType(env, T.logging).map((l) => str(l.inputs['targetBucket'])));
  return ofType(env, T.bucket).filter((b) => targets.has(bucketName(b)));
};

/** The notebook data bucket(s): named `<stem>-data-...` (naming.ts) or published as dataBucketName. */
export const dataBuckets = (env: Env): Res[] => {
  const published = str(env.outputs.notebook?.['dataBucketName']);
  return ofType(env, T.bucket).filter((b) => bucketName(b) === published || /-data-/.test(bucketName(b)));
};

const policyStatements = (env: Env, bucket: Res) =>
  settingsOf(env, bucket, T.bucketPolicy).flatMap((p) => statementsOf(p.inputs['policy']));

/** S3-8: logs stay at least as long as the log groups keep theirs (LOG-10). */
const MIN_LOG_RETENTION_DAYS = 365;
/** Whether a lifecycle rule deletes current objects sooner than `days` (by days, by a date, or by 0). */
function expiresBefore(rule: Record<string, unknown>, days: number): boolean {
  const expiration = rec(rule['expiration']);
  if (expiration['date'] !== undefined) return true;
  const after = expiration['days'];
  return after !== undefined && Number(after) < days;
}

/**
 * A bucket has one public access block, one versioning configuration, one policy: each Put replaces the last
 * ("Creates or modifies the PublicAccessBlock configuration", PutPublicAccessBlock API reference,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html; PutBucketPolicy and
 * PutBucketVersioning likewise), so two resources of a kind leave whichever Pulumi applies last, and a second
 * weak one undoes the first however strong.
 */
function duplicated(env: Env, bucket: Res, type: string, what: string): string | undefined {
  const all = settingsOf(env, bucket, type);
  return all.length > 1
    ? `has ${all.length} ${what} (${all.map((r) => r.name).join(', ')}): each replaces the last in AWS, so the one that holds is whichever is applied last`
    : undefined;
}

/** S3-1 and LOG-5: the public access block of one bucket. */
export function publicAccessProblem(env: Env, bucket: Res): string | undefined {
  const blocks = settingsOf(env, bucket, T.publicAccessBlock);
  if (blocks.length === 0) return 'has no public access block';
  const twice = duplicated(env, bucket, T.publicAccessBlock, 'public access blocks');
  if (twice) return twice;
  const off = PAB_FLAGS.filter((f) => !blocks.some((b) => b.inputs[f] === true));
  return off.length ? `public access block leaves ${off.join(', ')} off` : undefined;
}

/** S3-2 and LOG-5: a Deny of every request made without TLS, on the bucket and its objects. */
export function secureTransportProblem(env: Env, bucket: Res): string | undefined {
  const twice = duplicated(env, bucket, T.bucketPolicy, 'bucket policies');
  if (twice) return twice;
  const name = bucketName(bucket);
  const statements = policyStatements(env, bucket);
  const plain = [anyRequestWith('aws:SecureTransport', 'false')];
  // Every action, the ones no list foresees included: only a deny of s3:* (or NotAction of nothing S3) refuses
  // an action nobody named, on the bucket and on its objects.
  const requests = [
    { action: 's3:GetObject', resource: `arn:aws:s3:::${name}/any-object` },
    { action: 's3:PutObject', resource: `arn:aws:s3:::${name}/any-object` },
    { action: 's3:ListBucket', resource: `arn:aws:s3:::${name}` },
    { action: `s3:${UNFORESEEN}`, resource: `arn:aws:s3:::${name}/any-object` },
    { action: `s3:${UNFORESEEN}`, resource: `arn:aws:s3:::${name}` },
  ];
  const open = requests.filter(
    (r) =>
      denyingStatements(statements, { principal: 'arn:aws:iam::000000000000:role/anyone', ...r }, plain)
        .length === 0,
  );
  return open.length === 0
    ? undefined
    : `bucket policy does not refuse every request with aws:SecureTransport false (${open.map((r) => `${r.action} on ${r.resource}`).join(', ')} may pass)`;
}

/**
 * LOG-5: every Allow to a service principal (CloudTrail writing the log files, S3 delivering access logs) is
 * scoped to this account, as KMS-5 judges key grants: without aws:SourceArn (or aws:SourceAccount) CloudTrail
 * writes for any account's trail into our bucket.
 * AWS: "Amazon S3 bucket policy for CloudTrail" (aws:SourceArn in each statement)
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 */
export function serviceGrantProblem(env: Env, bucket: Res): string | undefined {
  const loose = policyStatements(env, bucket).filter(
    (s) =>
      s.effect === 'Allow' &&
      servicePrincipals(s).length > 0 &&
      admitsAnotherAccount(s, env.settings.accountId),
  );
  return loose.length
    ? `bucket policy lets ${loose.map((s) => `${servicePrincipals(s).join(', ')} (${s.sid ?? 'no Sid'})`).join('; ')} act for another account: ${whyUnscoped(loose[0]!, env.settings.accountId)}`
    : undefined;
}

/** LOG-5: no Allow that a principal of another account satisfies. */
export function publicPolicyProblem(env: Env, bucket: Res): string | undefined {
  return policyStatements(env, bucket).some(
    (s) => s.effect === 'Allow' && isWildcardPrincipal(s) && admitsAnotherAccount(s, env.settings.accountId),
  )
    ? 'bucket policy allows Principal "*" with no condition that keeps out other accounts'
    : undefined;
}

/** What a bucket holds, for messages: the trail's log files, access logs, or the notebook's data. */
function bucketRole(env: Env, b: Res): string {
  if (ofType(env, T.trail).some((t) => str(t.inputs['s3BucketName']) === bucketName(b)))
    return 'the trail log files';
  if (accessLogBuckets(env).includes(b)) return 'the server access logs';
  if (dataBuckets(env).includes(b)) return 'the notebook data';
  return 'the bucket';
}

/**
 * S3-7: the data actions a perimeter must refuse from outside the endpoint: reading, writing, deleting and
 * restoring objects and their versions, and the multipart uploads that carry object data, each on the resource
 * it acts on.
 * AWS: Service Authorization Reference, "Actions defined by Amazon S3" (the actions and their resource types)
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
const OBJECT_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:RestoreObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];
const BUCKET_DATA_ACTIONS = ['s3:ListBucketVersions', 's3:ListBucketMultipartUploads'];

/** The role ARN IAM puts in aws:PrincipalArn for a role of the plan. */
const roleArn = (role: Res, account: string | undefined) =>
  `arn:aws:iam::${account ?? '000000000000'}:role${str(role.inputs['path']) ?? '/'}${physicalName(role)}`;

/**
 * Services whose role a perimeter may exempt: S3 itself, which replicates objects as the replication role from
 * inside S3, never through our endpoint.
 * AWS: S3 user guide, "Setting up permissions for live replication"
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
 */
const EXEMPTIBLE_SERVICES = ['s3.amazonaws.com'];

/**
 * Roles a service assumes to run someone's code or requests (the notebook's among them): a perimeter that
 * exempts one exempts whoever holds its credentials, from anywhere.
 */
const serviceRoles = (env: Env) =>
  ofType(env, T.role).filter((r) => {
    const services = statementsOf(r.inputs['assumeRolePolicy'])
      .filter((s) => s.effect === 'Allow')
      .flatMap(servicePrincipals);
    return services.some((svc) => !EXEMPTIBLE_SERVICES.includes(svc));
  });

/**
 * S3-7, by meaning: for an ordinary principal of the account (not an AWS service, not the break-glass role),
 * reading or writing an object from the internet or through another endpoint is refused by a deny that holds
 * for every such request (an extra ANDed condition that may fail neuters it); and a request through the
 * environment's endpoint is not refused by it (offline, where the endpoint is known).
 */
function perimeterProblems(env: Env, b: Res, endpoints: readonly string[]): Finding[] {
  const statements = policyStatements(env, b);
  const account = env.settings.accountId;
  const outside = ordinaryPrincipalOutsideEndpoint(account);
  const found: Finding[] = [];
  const requests = [
    ...OBJECT_ACTIONS.map((action) => ({ action, resource: `arn:aws:s3:::${bucketName(b)}/any-object` })),
    ...BUCKET_DATA_ACTIONS.map((action) => ({ action, resource: `arn:aws:s3:::${bucketName(b)}` })),
  ];
  for (const { action, resource } of requests) {
    const req = {
      principal: `arn:aws:iam::${account ?? '000000000000'}:role/ordinary-principal`,
      action,
      resource,
    };
    if (denyingStatements(statements, req, outside).length === 0) {
      const candidates = statements.filter(
        (s) => s.effect === 'Deny' && isWildcardPrincipal(s) && grants(s, action),
      );
      const loose = [
        ...new Set(candidates.flatMap((s) => outside.flatMap((k) => keysThatMayFail(s.conditions, k)))),
      ];
      found.push(
        finding(
          b,
          `policy does not refuse ${action} from outside the S3 VPC endpoint${loose.length ? ` (its deny may not apply: ${loose.join(', ')} may not hold)` : ''}`,
          'add a Deny with Condition StringNotEqualsIfExists aws:SourceVpce = s3GatewayEndpointId and no other condition than the exemption of AWS services (BoolIfExists aws:PrincipalIsAWSService false)',
        ),
      );
      continue;
    }
    const exempted = (action === OBJECT_ACTIONS[0] ? serviceRoles(env) : []).filter((role) => {
      const arn = roleArn(role, account);
      const kinds = outside.map((k) => ({ ...k, 'aws:principalarn': [[arn]] }));
      return denyingStatements(statements, { ...req, principal: arn }, kinds).length === 0;
    });
    if (exempted.length)
      found.push(
        finding(
          b,
          `policy exempts ${exempted.map((r) => physicalName(r)).join(', ')} from its perimeter on ${action}, a role a service assumes: whatever runs as it reads and writes from anywhere`,
          'exempt only a break-glass role that people assume (breakGlassRoleArn), never the notebook or another service role',
        ),
      );
    const refusedThroughOurs = endpoints.filter(
      (e) => denyingStatements(statements, req, [ordinaryPrincipalThroughEndpoint(account, e)]).length > 0,
    );
    if (env.scope === 'environment' && endpoints.length > 0 && refusedThroughOurs.length === endpoints.length)
      found.push(
        finding(
          b,
          `policy refuses ${action} even through this environment's S3 endpoint (${endpoints.join(', ')}): it names another endpoint`,
          'use s3GatewayEndpointId of the network layer',
        ),
      );
  }
  return found;
}

/** A control over every bucket: `problem` names what is wrong with one bucket. */
function everyBucket(
  def: Omit<Parameters<typeof stackControl>[0], 'evaluate'> & {
    fix: string;
    problem: (env: Env, b: Res) => string | undefined;
  },
): Control {
  const { fix, problem, ...rest } = def;
  return stackControl({
    ...rest,
    evaluate: (env) =>
      ofType(env, T.bucket).flatMap((b) => {
        const p = problem(env, b);
        return p ? [finding(b, p, fix)] : [];
      }),
  });
}

export const s3Controls: Control[] = [
  everyBucket({
    id: 'S3-1',
    standards: ['S3.8', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    check: 'every bucket has a public access block with all four settings true',
    examines: [T.bucket, T.publicAccessBlock],
    fix: 'add a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true',
    problem: publicAccessProblem,
  }),
  everyBucket({
    id: 'S3-2',
    standards: ['S3.5', 'CKV_AWS_379'],
    check:
      'every bucket policy denies every request with aws:SecureTransport false, on the bucket and its objects',
    examines: [T.bucket, T.bucketPolicy],
    fix: 'add a Deny statement: Principal "*", Action "s3:*", Resource [bucket ARN, bucket ARN/*], Condition Bool aws:SecureTransport "false"',
    problem: secureTransportProblem,
  }),
  everyBucket({
    id: 'S3-3',
    standards: ['S3.14', 'CKV_AWS_21'],
    check: 'every bucket has versioning enabled',
    examines: [T.bucket, T.versioning],
    fix: 'add a BucketVersioning with versioningConfiguration: { status: "Enabled" }',
    problem: (env, b) =>
      duplicated(env, b, T.versioning, 'versioning configurations') ??
      (settingsOf(env, b, T.versioning).some(
        (v) => rec(v.inputs['versioningConfiguration'])['status'] === 'Enabled',
      )
        ? undefined
        : 'versioning is not enabled'),
  }),
  everyBucket({
    id: 'S3-4',
    standards: ['S3.17', 'CKV_AWS_145'],
    check:
      'every bucket encrypts by default with SSE-KMS and a customer-managed key; the server-access-log bucket uses SSE-S3, the only encryption S3 log delivery supports',
    perLayer:
      'the engine checks the key is set and not AWS-managed; offline, it must be a key of the security layer',
    examines: [T.bucket, T.encryption],
    fix: 'add a BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and kmsMasterKeyId = the data or logs key (AES256 for the access-log bucket)',
    problem(env, b) {
      const defaults = settingsOf(env, b, T.encryption).flatMap((e) =>
        list(e.inputs['rules']).map((r) => rec(rec(r)['applyServerSideEncryptionByDefault'])),
      );
      if (defaults.length === 0) return 'has no default encryption configuration';
      const logTarget = accessLogBuckets(env).includes(b);
      if (logTarget)
        return defaults.some(
          (d) => d['sseAlgorithm'] === 'AES256' || str(d['sseAlgorithm'])?.startsWith('aws:kms'),
        )
          ? undefined
          : 'access-log bucket has no default encryption';
      const kms = defaults.find((d) => str(d['sseAlgorithm'])?.startsWith('aws:kms'));
      if (!kms) return `encrypts with ${show(defaults[0]?.['sseAlgorithm'])}, not SSE-KMS`;
      return customerKeyProblem(env, str(kms['kmsMasterKeyId']), 'kmsMasterKeyId');
    },
  }),
  everyBucket({
    id: 'S3-5',
    standards: ['S3.9', 'CKV_AWS_18'],
    check: 'every bucket has server access logging to another bucket, except the access-log bucket itself',
    examines: [T.bucket, T.logging],
    fix: 'add a BucketLogging with targetBucket = the access-log bucket of the logging layer (accessLogBucketName)',
    problem(env, b) {
      if (accessLogBuckets(env).includes(b) && settingsOf(env, b, T.logging).length === 0) return undefined;
      const targets = settingsOf(env, b, T.logging).map((l) => str(l.inputs['targetBucket']));
      if (targets.length === 0) return 'has no server access logging';
      if (targets.some((t) => !t))
        return 'has a BucketLogging without a targetBucket, so no access is logged';
      return targets.every((t) => t === bucketName(b)) ? 'logs its access to itself' : undefined;
    },
  }),
  everyBucket({
    id: 'S3-6',
    standards: ['ACLs'],
    check: 'every bucket has object ownership BucketOwnerEnforced (ACLs disabled)',
    examines: [T.bucket, T.ownership],
    fix: 'add a BucketOwnershipControls with rule: { objectOwnership: "BucketOwnerEnforced" }',
    problem: (env, b) =>
      settingsOf(env, b, T.ownership).some(
        (o) => rec(o.inputs['rule'])['objectOwnership'] === 'BucketOwnerEnforced',
      )
        ? undefined
        : 'object ownership is not BucketOwnerEnforced',
  }),
  stackControl({
    id: 'S3-7',
    standards: ['data perimeter'],
    check:
      "the data bucket denies requests that do not come through the environment's S3 VPC endpoint (aws:SourceVpce), service principals and a break-glass admin excepted",
    perLayer:
      "the engine sees only the notebook stack, so it checks that some aws:SourceVpce is required; offline, it must be the network layer's S3 gateway endpoint",
    examines: [T.bucket, T.bucketPolicy],
    evaluate(env) {
      const buckets = dataBuckets(env);
      if (buckets.length === 0)
        return owns(env, 'notebook')
          ? [
              missing(
                'notebook layer',
                'no notebook data bucket (<stem>-data-...) in the environment',
                'create the data bucket in the notebook layer',
              ),
            ]
          : [];
      const endpoint = str(env.outputs.network?.['s3GatewayEndpointId']);
      const endpoints = endpoint
        ? [endpoint]
        : ofType(env, T.endpoint)
            .map((e) => e.id)
            .filter((id): id is string => !!id);
      return buckets.flatMap((b) => perimeterProblems(env, b, endpoints));
    },
  }),
  stackControl({
    id: 'S3-8',
    standards: ['durability'],
    check:
      'no bucket (data, trail or access-log: every bucket of the environment holds data or logs) has forceDestroy; every bucket has a lifecycle rule that expires noncurrent versions; no lifecycle rule of a log bucket (trail, access logs) deletes objects before 365 days',
    examines: [T.bucket, T.lifecycleRules],
    evaluate(env) {
      const found: Finding[] = [];
      for (const b of ofType(env, T.bucket)) {
        // Every bucket of the environment holds data (the notebook's) or evidence (trail, access logs): emptying
        // it on `pulumi destroy` is never what a reader of the stack would expect.
        if (b.inputs['forceDestroy'] === true)
          found.push(
            finding(
              b,
              `has forceDestroy: true, so destroying the stack deletes every object of ${bucketRole(env, b)} with it`,
              'remove forceDestroy (it defaults to false); empty the bucket by hand when it is really to be deleted',
            ),
          );
        const holdsLogs = bucketRole(env, b) !== 'the notebook data' && bucketRole(env, b) !== 'the bucket';
        const early = holdsLogs
          ? settingsOf(env, b, T.lifecycleRules).flatMap((l) =>
              list(l.inputs['rules'])
                .map(rec)
                .filter((r) => r['status'] === 'Enabled' && expiresBefore(r, MIN_LOG_RETENTION_DAYS))
                .map((r) => show(r['id'] ?? '(no id)')),
            )
          : [];
        if (early.length)
          found.push(
            finding(
              b,
              `holds ${bucketRole(env, b)}, and lifecycle rule(s) ${early.join(', ')} delete them before ${MIN_LOG_RETENTION_DAYS} days`,
              `expire log objects after ${MIN_LOG_RETENTION_DAYS} days or more (expiration.days), as the log groups keep theirs (LOG-10)`,
            ),
          );
        const expires = settingsOf(env, b, T.lifecycleRules).some((l) =>
          list(l.inputs['rules']).some(
            (r) =>
              rec(r)['status'] === 'Enabled' &&
              Number(rec(rec(r)['noncurrentVersionExpiration'])['noncurrentDays'] ?? 0) > 0,
          ),
        );
        if (!expires)
          found.push(
            finding(
              b,
              'has no enabled lifecycle rule expiring noncurrent versions',
              'add a BucketLifecycleConfiguration rule with status "Enabled" and noncurrentVersionExpiration: { noncurrentDays: N }',
            ),
          );
      }
      return found;
    },
  }),
];
