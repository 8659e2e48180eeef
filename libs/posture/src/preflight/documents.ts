import type { Env, Res } from '../model';
import { label, list, physicalName, rec, str, T } from '../resources';
import { byteLength, iamLength, SIZE_LIMITS, validatePolicy, type PolicyKind } from './policy-validation';
import type { PreflightFinding } from './rule';

/** Where each resource type keeps a policy document, and what kind of document it is. */
const DOCUMENT_FIELDS: readonly { type: string; field: string; kind: PolicyKind }[] = [
  { type: T.role, field: 'assumeRolePolicy', kind: 'trust' },
  { type: T.policy, field: 'policy', kind: 'identity' },
  { type: T.rolePolicy, field: 'policy', kind: 'identity' },
  { type: T.key, field: 'policy', kind: 'key' },
  { type: T.keyPolicy, field: 'policy', kind: 'key' },
  { type: T.bucketPolicy, field: 'policy', kind: 'bucket' },
  { type: T.endpoint, field: 'policy', kind: 'endpoint' },
  { type: 'aws:sns/topicPolicy:TopicPolicy', field: 'policy', kind: 'topic' },
];

export interface PlannedDocument {
  readonly owner: Res;
  readonly where: string;
  readonly kind: PolicyKind;
  readonly text: string;
}

/** Every policy document the environment registers, as the JSON text AWS receives. */
export function plannedDocuments(env: Env): PlannedDocument[] {
  const found: PlannedDocument[] = [];
  for (const { type, field, kind } of DOCUMENT_FIELDS) {
    for (const r of env.resources.filter((x) => x.type === type)) {
      const value = r.inputs[field];
      if (value === undefined) continue;
      found.push({
        owner: r,
        where: field,
        kind,
        text: typeof value === 'string' ? value : JSON.stringify(value),
      });
    }
  }
  for (const role of env.resources.filter((r) => r.type === T.role)) {
    for (const inline of list(role.inputs['inlinePolicies'])) {
      const p = rec(inline);
      const policy = p['policy'];
      if (policy === undefined) continue;
      found.push({
        owner: role,
        where: `inline policy ${str(p['name']) ?? ''}`,
        kind: 'identity',
        text: typeof policy === 'string' ? policy : JSON.stringify(policy),
      });
    }
  }
  return found;
}

const SOURCE = {
  title: 'IAM Access Analyzer policy check reference',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
};
const QUOTAS = {
  title: 'IAM and AWS STS quotas',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
};

/** Every document validated against the Service Authorization Reference. */
export function documentFindings(env: Env): PreflightFinding[] {
  return plannedDocuments(env).flatMap((d) =>
    validatePolicy(d.text, d.kind).map((problem) => ({
      rule: 'POLICY-VALID',
      resource: label(d.owner),
      message: `${label(d.owner)} ${d.where}: ${problem}`,
      source: SOURCE,
    })),
  );
}

/** Size limits of each document, and of a role's inline policies together. */
export function sizeFindings(env: Env): PreflightFinding[] {
  const found: PreflightFinding[] = [];
  const over = (r: Res, what: string, size: number, limit: number, unit: string, source = QUOTAS) =>
    found.push({
      rule: 'POLICY-SIZE',
      resource: label(r),
      message: `${label(r)} ${what} is ${size} ${unit}; AWS accepts at most ${limit}`,
      source,
    });
  const inlineByRole = new Map<string, number>();
  for (const d of plannedDocuments(env)) {
    if (d.owner.type === T.policy && iamLength(d.text) > SIZE_LIMITS.managedPolicy)
      over(
        d.owner,
        'managed policy',
        iamLength(d.text),
        SIZE_LIMITS.managedPolicy,
        'characters without whitespace',
      );
    if (d.kind === 'trust' && iamLength(d.text) > SIZE_LIMITS.trustPolicy)
      over(
        d.owner,
        'trust policy',
        iamLength(d.text),
        SIZE_LIMITS.trustPolicy,
        'characters without whitespace',
      );
    if (d.kind === 'key' && byteLength(d.text) > SIZE_LIMITS.keyPolicy)
      over(d.owner, 'key policy', byteLength(d.text), SIZE_LIMITS.keyPolicy, 'bytes', {
        title: 'PutKeyPolicy',
        url: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html',
      });
    if (d.kind === 'bucket' && byteLength(d.text) > SIZE_LIMITS.bucketPolicy)
      over(d.owner, 'bucket policy', byteLength(d.text), SIZE_LIMITS.bucketPolicy, 'bytes', {
        title: 'Bucket policies for Amazon S3',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html',
      });
    const role =
      d.owner.type === T.rolePolicy
        ? str(d.owner.inputs['role'])
        : d.owner.type === T.role && d.kind === 'identity'
          ? physicalName(d.owner)
          : undefined;
    if (role) inlineByRole.set(role, (inlineByRole.get(role) ?? 0) + iamLength(d.text));
  }
  for (const [role, size] of inlineByRole) {
    if (size <= SIZE_LIMITS.roleInlinePolicies) continue;
    const r = env.resources.find((x) => x.type === T.role && physicalName(x) === role);
    if (r)
      over(
        r,
        'inline policies together',
        size,
        SIZE_LIMITS.roleInlinePolicies,
        'characters without whitespace',
      );
  }
  return found;
}
