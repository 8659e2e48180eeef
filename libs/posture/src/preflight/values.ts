import type { Env, Res } from '../model';
import { label, ofType, rec, str, T } from '../resources';
import type { PreflightFinding, Source } from './rule';

/**
 * Values AWS rejects that the provider does not check: name lengths and patterns, security-group description
 * characters, tag limits. Each check names the API reference field it comes from.
 */
interface ValueCheck {
  readonly id: string;
  readonly types: readonly string[];
  /** The value to check, or undefined when the resource does not set it. */
  readonly value: (r: Res) => string | undefined;
  readonly what: string;
  /** The problem, or undefined when AWS accepts the value. */
  readonly problem: (v: string) => string | undefined;
  readonly source: Source;
}

const pattern = (re: RegExp, max: number, allowed: string) => (v: string) =>
  v.length > max ? `is ${v.length} characters; at most ${max}` : re.test(v) ? undefined : `is not ${allowed}`;

/** SageMaker's NotebookInstanceName and NotebookInstanceLifecycleConfigName: `[a-zA-Z0-9](-*[a-zA-Z0-9])*`, 63. */
const SAGEMAKER_NAME = pattern(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/, 63, 'letters, digits and inner hyphens');

/** S3 general purpose bucket naming rules. */
export function bucketNameProblem(v: string): string | undefined {
  if (v.length < 3 || v.length > 63) return `is ${v.length} characters; S3 needs 3 to 63`;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(v))
    return 'must be lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit';
  if (v.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v)) return 'must not look like an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(v))
    return 'must not start with a reserved prefix (xn--, sthree-, amzn-s3-demo-)';
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(v)) return 'must not end with a reserved suffix';
  return undefined;
}

/** EC2 GroupDescription and rule descriptions: `a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*`, 255. */
export const SG_DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/;
const sgDescription = pattern(
  SG_DESCRIPTION,
  255,
  'made of a-z A-Z 0-9 . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *',
);

export const VALUE_CHECKS: readonly ValueCheck[] = [
  {
    id: 'NAME-NOTEBOOK',
    types: [T.notebook],
    value: (r) => str(r.inputs['name']),
    what: 'notebook instance name',
    problem: SAGEMAKER_NAME,
    source: {
      title: 'CreateNotebookInstance (Amazon SageMaker API Reference)',
      url: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html',
    },
  },
  {
    id: 'NAME-LIFECYCLE',
    types: [T.lifecycle],
    value: (r) => str(r.inputs['name']),
    what: 'lifecycle configuration name',
    problem: SAGEMAKER_NAME,
    source: {
      title: 'CreateNotebookInstanceLifecycleConfig (Amazon SageMaker API Reference)',
      url: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstanceLifecycleConfig.html',
    },
  },
  {
    id: 'NAME-BUCKET',
    types: [T.bucket],
    value: (r) => str(r.inputs['bucket']),
    what: 'bucket name',
    problem: bucketNameProblem,
    source: {
      title: 'General purpose bucket naming rules',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
    },
  },
  {
    id: 'NAME-ROLE',
    types: [T.role],
    value: (r) => str(r.inputs['name']),
    what: 'role name',
    problem: pattern(/^[\w+=,.@-]+$/, 64, 'letters, digits and + = , . @ _ -'),
    source: {
      title: 'CreateRole (IAM API Reference)',
      url: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
    },
  },
  {
    id: 'NAME-POLICY',
    types: [T.policy, T.rolePolicy],
    value: (r) => str(r.inputs['name']),
    what: 'policy name',
    problem: pattern(/^[\w+=,.@-]+$/, 128, 'letters, digits and + = , . @ _ -'),
    source: {
      title: 'CreatePolicy (IAM API Reference)',
      url: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html',
    },
  },
  {
    id: 'IAM-PATH',
    types: [T.role, T.policy],
    value: (r) => str(r.inputs['path']),
    what: 'path',
    problem: pattern(
      /^\/([\x21-\x7e]+\/)?$/,
      512,
      'a path that starts and ends with / (printable ASCII between)',
    ),
    source: {
      title: 'CreateRole (IAM API Reference): Path',
      url: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
    },
  },
  {
    id: 'SG-DESCRIPTION',
    types: [T.sg, T.ingressRule, T.egressRule, T.sgRule],
    value: (r) => str(r.inputs['description']),
    what: 'description',
    problem: sgDescription,
    source: {
      title: 'CreateSecurityGroup (Amazon EC2 API Reference): GroupDescription',
      url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html',
    },
  },
];

const TAG_SOURCE: Source = {
  title: 'Tagging your AWS resources: tag naming limits and requirements',
  url: 'https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html',
};

/** The tags AWS will see on a resource: the provider's default tags and its own. */
function tagsOf(env: Env, r: Res): Record<string, unknown> {
  const provider = env.resources.find((p) => p.type === 'pulumi:providers:aws' && p.layer === r.layer);
  return { ...rec(rec(provider?.inputs['defaultTags'])['tags']), ...rec(r.inputs['tags']) };
}

/** At most 50 tags, keys of 1 to 128 characters not starting with aws:, values of at most 256. */
export function tagProblems(tags: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(tags);
  if (keys.length > 50) problems.push(`has ${keys.length} tags; AWS allows at most 50`);
  for (const k of keys) {
    const v = typeof tags[k] === 'string' ? tags[k] : JSON.stringify(tags[k]);
    if (k.length < 1 || k.length > 128)
      problems.push(`tag key "${k}" is ${k.length} characters; 1 to 128 allowed`);
    if (/^aws:/i.test(k)) problems.push(`tag key "${k}" starts with aws:, which AWS reserves`);
    if (v.length > 256) problems.push(`tag ${k} has a value of ${v.length} characters; at most 256`);
  }
  return problems;
}

export function valueFindings(env: Env): PreflightFinding[] {
  const found: PreflightFinding[] = [];
  for (const check of VALUE_CHECKS) {
    for (const r of ofType(env, ...check.types)) {
      const v = check.value(r);
      if (v === undefined) continue;
      const problem = check.problem(v);
      if (problem)
        found.push({
          rule: check.id,
          resource: label(r),
          message: `${label(r)}: ${check.what} "${v}" ${problem}`,
          source: check.source,
        });
    }
  }
  for (const p of env.resources.filter((x) => x.type === 'pulumi:providers:aws')) {
    for (const problem of tagProblems(rec(rec(p.inputs['defaultTags'])['tags'])))
      found.push({
        rule: 'TAGS',
        resource: label(p),
        message: `${label(p)} default tags: ${problem}`,
        source: TAG_SOURCE,
      });
  }
  for (const r of env.resources.filter((x) => x.type.startsWith('aws:') && 'tags' in x.inputs)) {
    for (const problem of tagProblems(tagsOf(env, r)))
      found.push({ rule: 'TAGS', resource: label(r), message: `${label(r)} ${problem}`, source: TAG_SOURCE });
  }
  return found;
}
