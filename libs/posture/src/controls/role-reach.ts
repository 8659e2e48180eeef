import { Naming } from '@secure-ml/shared/naming';
import { grantingStatements, UNFORESEEN, type RequestKind } from '../conditions';
import type { Env, Res } from '../model';
import { statementsOf, type Statement } from '../policy-document';
import { label, ofType, physicalName, str, T } from '../resources';
import { roleStatements } from './job-ground';

/**
 * What a notebook's roles (its execution role, NB-12; its job role, JOB-1) reach of the data bucket and the data
 * key, judged by the condition evaluator over the role's identity policies and the data bucket's policy (in one
 * account, an allow in either grants: "Policy evaluation logic", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 * Each probe is a request an attacker holding the role's session would make; the role's own notebook id decides
 * which prefix is its own.
 *
 * S3 keys are flat strings, not paths ("Naming Amazon S3 objects": the data model has no hierarchy,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html): `notebooks/alice/../bob/x` is a key
 * under alice's prefix, never bob's object, so dot segments open nothing; what opens another prefix is a pattern
 * that stops short of the id's closing `/` (`notebooks/alice*` also matches `notebooks/alice-x/`), a wildcard in
 * place of the id, or a listing whose `s3:prefix` is absent or shorter than the own prefix. ListBucket and
 * ListBucketVersions support `s3:prefix`; ListBucketMultipartUploads does not, so any grant of it lists every
 * prefix's uploads (Service Authorization Reference, "Actions, resources, and condition keys for Amazon S3",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
 */

/** Identity statements as the evaluator reads them: they apply to the role that holds them. */
const asHolder = (statements: readonly Statement[]): Statement[] =>
  statements.map((s) => ({ ...s, principal: '*' as const }));

/** Whether the identity statements grant the request (no principal: they are the holder's). */
export const granted = (
  statements: readonly Statement[],
  action: string,
  resource: string,
  kind: RequestKind = {},
): boolean =>
  grantingStatements(asHolder(statements), { principal: '*', action, resource }, [kind]).length > 0;

/**
 * The account of the environment: the configured one (under the engine, the policy config's accountId: NB-12 and
 * JOB-1 take it), or without it the account of the role ARNs the statements name (a role of this stack is named
 * with the account it is in).
 */
export const accountOf = (env: Env, statements: readonly Statement[] = []): string =>
  env.settings.accountId ??
  statements
    .flatMap((s) => s.resources)
    .map((r) => /^arn:[^:]+:iam::(\d{12}):role\//.exec(r)?.[1])
    .find(Boolean) ??
  '000000000000';

export const roleArn = (role: Res, env: Env, statements: readonly Statement[] = []): string =>
  `arn:aws:iam::${accountOf(env, statements)}:role${str(role.inputs['path']) ?? '/'}${physicalName(role)}`;

/** The data bucket's ARN: the notebook layer's output offline, the bucket the policy names under the engine. */
function dataBucketArn(env: Env, statements: readonly Statement[]): string {
  const name = str(env.outputs.notebook?.['dataBucketName']);
  if (name) return `arn:aws:s3:::${name}`;
  const named = statements.flatMap((s) => s.resources).find((r) => r.startsWith('arn:aws:s3:::'));
  return named?.split('/')[0] ?? `arn:aws:s3:::${UNFORESEEN}`;
}
const dataKeyOf = (env: Env, statements: readonly Statement[]) =>
  str(env.outputs.security?.['dataKeyArn']) ??
  statements.flatMap((s) => s.resources).find((r) => /:kms:[^:]*:\d{12}:key\//.test(r)) ??
  `arn:aws:kms:eu-west-1:000000000000:key/${UNFORESEEN}`;

/**
 * Whether an allow names no principal but whole accounts (`123456789012`, `arn:aws:iam::123456789012:root`): that
 * delegates to the account's identity policies, which are judged already, and grants the role nothing of its own.
 * AWS: "AWS JSON policy elements: Principal", section "AWS account principals" (an account principal "delegates
 * authority to the account"), https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
const delegatesToAccount = (s: Statement): boolean => {
  if (s.effect !== 'Allow' || s.notPrincipal || !s.principal || s.principal === '*') return false;
  const named = Object.entries(s.principal);
  return (
    named.length > 0 &&
    named.every(
      ([kind, values]) =>
        kind === 'AWS' && values.every((v) => /^(\d{12}|arn:[^:]+:iam::\d{12}:root)$/.test(v)),
    )
  );
};

/**
 * The statements of the data bucket's own policies, each with where it comes from: their allows grant a role as
 * much as the role's own policies do (but for an allow to a whole account, which delegates to them).
 */
function bucketPolicies(env: Env, bucketArn: string): { source: string; statements: Statement[] }[] {
  const name = bucketArn.split(':::')[1];
  const bucket = ofType(env, T.bucket).find((b) => physicalName(b) === name || b.inputs['bucket'] === name);
  return ofType(env, T.bucketPolicy)
    .filter((p) => p.inputs['bucket'] === name)
    .map((p) => ({
      source: bucket ? `${label(p)} of ${label(bucket)}` : label(p),
      statements: statementsOf(p.inputs['policy']).filter((st) => !delegatesToAccount(st)),
    }));
}

/**
 * The ids a notebook's grant must not reach: an id no policy names, every other notebook of the plan, and the ids
 * a pattern that stops short of the own id's `/` would also match (`alice-x`, `alice0`, and `alic`).
 */
function otherIds(env: Env, own: string): string[] {
  const planned = ofType(env, T.role)
    .map((r) => str((r.inputs['tags'] as Record<string, unknown> | undefined)?.['secure-ml:notebook-id']))
    .filter((id): id is string => !!id && id !== own);
  const confusable = [`${own}-${UNFORESEEN}`, `${own}0`, ...(own.length > 1 ? [own.slice(0, -1)] : [])];
  return [...new Set([UNFORESEEN, ...confusable, ...planned])];
}

/** What a role of notebook `ownId` reaches beyond its prefixes, and what of its own it cannot reach. */
export interface Reach {
  /** Each a reach the report names: another prefix, a write to shared/, another bucket, the key directly. */
  readonly beyond: string[];
  /** What the role needs and is refused: its own prefix, shared/, the key through S3 (a lock-out). */
  readonly lockedOut: string[];
  /** The policies whose allows make up `beyond`, so the fix can find them. */
  readonly grantedBy: string[];
}

/**
 * The reach of a role of notebook `ownId` holding `policies` (all of them, each with its owner), its own ARN
 * `principal`.
 */
function roleReach(
  env: Env,
  principal: string,
  ownId: string,
  policies: readonly { readonly owner: Res; readonly statements: readonly Statement[] }[],
): Reach {
  const statements = policies.flatMap((p) => p.statements);
  const bucket = dataBucketArn(env, statements);
  const key = dataKeyOf(env, statements);
  const region = /^arn:[^:]+:kms:([^:]+):/.exec(key)?.[1] ?? 'eu-west-1';
  const sourceOf = new Map<Statement, string>();
  for (const p of policies) for (const s of asHolder(p.statements)) sourceOf.set(s, label(p.owner));
  for (const p of bucketPolicies(env, bucket)) for (const s of p.statements) sourceOf.set(s, p.source);
  const all = [...sourceOf.keys()];
  const who = { 'aws:principalarn': [[principal]] } as const;
  const granting = (action: string, resource: string, kind: RequestKind = {}) =>
    grantingStatements(all, { principal, action, resource }, [{ ...who, ...kind }]);
  /** Whether the role may (its own needs): nothing recorded. */
  const may = (action: string, resource: string, kind: RequestKind = {}) =>
    granting(action, resource, kind).length > 0;
  /** Whether the role reaches beyond its own: the policies that grant it are recorded for the report. */
  const grantedBy = new Set<string>();
  const can = (action: string, resource: string, kind: RequestKind = {}) => {
    const found = granting(action, resource, kind);
    for (const s of found) grantedBy.add(sourceOf.get(s) ?? 'an unknown policy');
    return found.length > 0;
  };
  const own = Naming.notebookDataPrefix(ownId);
  const shared = Naming.SHARED_DATA_PREFIX;
  const listing = (prefix: string | undefined): RequestKind => ({
    's3:prefix': [prefix === undefined ? undefined : [prefix]],
  });
  const lists = (prefix: string | undefined) =>
    ['s3:ListBucket', 's3:ListBucketVersions'].filter((a) => can(a, bucket, listing(prefix)));

  const beyond: string[] = [];
  const shown = (prefix: string) => prefix.split(UNFORESEEN).join('<other>');
  const others = otherIds(env, ownId).map((other) => `notebooks/${other}/`);
  const reaching = (test: (prefix: string) => boolean, what: string) => {
    const hit = others.filter(test);
    if (hit.length) beyond.push(`${what} another notebook's prefix (${hit.map(shown).join(', ')})`);
  };
  reaching((p) => can('s3:GetObject', `${bucket}/${p}x`), 'reads');
  reaching((p) => ['s3:PutObject', 's3:DeleteObject'].some((a) => can(a, `${bucket}/${p}x`)), 'writes');
  reaching((p) => lists(p).length > 0, 'lists');
  // Listings that show other notebooks' keys or ids: no prefix, the bucket's root, `notebooks/` (with a `/`
  // delimiter it names every notebook), or the own prefix without its closing `/` (also `notebooks/<id>-x/`).
  const wide = [undefined, '', 'notebooks/', own.slice(0, -1)].flatMap((prefix) =>
    lists(prefix).map(
      (a) => `${a} ${prefix === undefined ? 'without s3:prefix' : `with s3:prefix "${prefix}"`}`,
    ),
  );
  if (wide.length) beyond.push(`lists beyond its prefixes (${wide.join(', ')})`);
  if (can('s3:ListBucketMultipartUploads', bucket))
    beyond.push("lists every prefix's multipart uploads (s3:ListBucketMultipartUploads has no s3:prefix)");
  const writes = (resource: string) => ['s3:PutObject', 's3:DeleteObject'].some((a) => can(a, resource));
  if (writes(`${bucket}/${shared}x`)) beyond.push('writes shared/ (read-only for notebooks)');
  if (can('s3:GetObject', `${bucket}/${UNFORESEEN}`))
    beyond.push('reads a key outside notebooks/ and shared/');
  if (writes(`${bucket}/${UNFORESEEN}`)) beyond.push('writes a key outside notebooks/ and shared/');
  const elsewhere = `arn:aws:s3:::${UNFORESEEN}`;
  for (const [action, resource, what] of [
    ['s3:GetObject', `${elsewhere}/x`, 'reads'],
    ['s3:PutObject', `${elsewhere}/x`, 'writes'],
    ['s3:ListBucket', elsewhere, 'lists'],
  ] as const)
    if (can(action, resource)) beyond.push(`${what} a bucket other than the data bucket`);
  const viaS3 = `s3.${region}.amazonaws.com`;
  for (const action of ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt']) {
    if (can(action, key, { 'kms:viaservice': [undefined, [`ec2.${region}.amazonaws.com`]] }))
      beyond.push(`uses the data key (${action}) other than through S3`);
    else if (
      can(action, key, {
        'kms:viaservice': [[viaS3]],
        'kms:encryptioncontext:aws:s3:arn': [undefined, [elsewhere]],
      })
    )
      beyond.push(`uses the data key (${action}) through S3 for a bucket other than the data bucket`);
  }
  if (can('kms:CreateGrant', key, { 'kms:grantisforawsresource': [undefined, ['false']] }))
    beyond.push('creates a grant on the data key that is not for an AWS resource');

  const needs: [boolean, string][] = [
    [may('s3:GetObject', `${bucket}/${own}x`), `read its own prefix ${own}`],
    [may('s3:PutObject', `${bucket}/${own}x`), `write its own prefix ${own}`],
    [may('s3:ListBucket', bucket, listing(own)), `list its own prefix ${own}`],
    [may('s3:GetObject', `${bucket}/${shared}x`), `read ${shared}`],
    [may('s3:ListBucket', bucket, listing(shared)), `list ${shared}`],
    ...['kms:Decrypt', 'kms:GenerateDataKey'].map((action): [boolean, string] => [
      may(action, key, { 'kms:viaservice': [[viaS3]], 'kms:encryptioncontext:aws:s3:arn': [[bucket]] }),
      `use the data key (${action}) through S3`,
    ]),
  ];
  return {
    beyond,
    lockedOut: needs.filter(([yes]) => !yes).map(([, what]) => what),
    grantedBy: beyond.length ? [...grantedBy].sort() : [],
  };
}

/** The reach of `role`, a role of notebook `ownId`, over every policy it holds, asked as the role's own ARN. */
export function reachOfRole(env: Env, role: Res, ownId: string): Reach {
  const policies = roleStatements(env, role);
  const arn = roleArn(
    role,
    env,
    policies.flatMap((p) => p.statements),
  );
  return roleReach(env, arn, ownId, policies);
}
