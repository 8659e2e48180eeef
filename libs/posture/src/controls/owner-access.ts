import { Naming } from '@secure-ml/shared';
import { stackControl } from '../define';
import type { Control, Env, Finding, Res } from '../model';
import { grants, statementsOf, wildcardMatch, type Statement } from '../policy-document';
import { finding, missing, ofType, owns, physicalName, strings, T } from '../resources';

/**
 * NB-9 (issue 14, "each owner's access is limited to their notebook and the configured networks"): the notebook
 * layer's owner access policy, which every owner holds, is judged by its statements. Its allows on notebooks must
 * match the notebook's owner tag to the caller's (an allow without it, or with `IfExists`, opens every notebook, and
 * every untagged one); its deny must refuse every notebook not tagged as the caller's, whatever else the caller
 * holds; and its network deny must name exactly the configured networks (a wider CIDR or a foreign endpoint opens
 * Jupyter from there). The guardrail's copies of these denies are IAM-7's.
 */
export const OWNER_ACCESS_NAME_SUFFIX = '-notebook-owner-access';

/** What an owner does with a notebook: the actions the owner access policy grants on their own. */
const NOTEBOOK_ACTIONS = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
];
const OPEN = 'sagemaker:CreatePresignedNotebookInstanceUrl';
const OWNER = Naming.OWNER_TAG.toLowerCase();
const RESOURCE_OWNER = `aws:resourcetag/${OWNER}`;
const ROLE_OWNER = `iam:resourcetag/${OWNER}`;

/**
 * The caller's owner tag as a policy variable, with a default value no tag can hold (parentheses are not among the
 * characters of SageMaker and IAM tag values, "Tag", https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Tag.html):
 * without the default, a caller without the tag leaves the variable unresolved and the deny that holds it void
 * ("IAM policy elements: Variables and tags", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
 */
const CALLERS_OWNER = new RegExp(
  `^\\$\\{\\s*aws:PrincipalTag/${Naming.OWNER_TAG.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(,\\s*'([^']*)'\\s*)?\\}$`,
  'i',
);
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const isCallersOwner = (v: string, withDefault: boolean): boolean => {
  const m = CALLERS_OWNER.exec(v);
  if (!m) return false;
  if (!withDefault) return true;
  const fallback = m[2];
  return fallback !== undefined && fallback !== '' && !TAG_VALUE.test(fallback);
};

/** The values of `key` under exactly `operator` (case-insensitive key, exact operator). */
const valuesOf = (s: Statement, operator: string, key: string): string[] | undefined =>
  Object.entries(s.conditions[operator] ?? {}).find(([k]) => k.toLowerCase() === key)?.[1];
const conditionCount = (s: Statement): number =>
  Object.values(s.conditions).reduce((n, keys) => n + Object.keys(keys).length, 0);

/** A notebook of a name and region nobody foresaw, in the environment's account. */
const anyNotebook = (account: string) =>
  `arn:aws:sagemaker:ap-southeast-2:${account}:notebook-instance/nb-9-unforeseen`;
const coversEveryNotebook = (s: Statement, account: string): boolean =>
  s.notResources.length === 0 && s.resources.some((r) => wildcardMatch(r, anyNotebook(account)));

/** The problems of one allow that grants a notebook action. */
function allowProblems(s: Statement): string[] {
  const where = s.sid ? `allow ${s.sid}` : 'an allow';
  const problems: string[] = [];
  const ifExists = Object.keys(s.conditions).filter((op) => /IfExists$/i.test(op));
  if (ifExists.length)
    problems.push(`${where} uses ${ifExists.join(', ')} (an absent owner tag satisfies it)`);
  const owner = valuesOf(s, 'StringEquals', RESOURCE_OWNER);
  if (!owner || owner.length !== 1 || !isCallersOwner(owner[0] ?? '', false))
    problems.push(
      `${where} grants ${NOTEBOOK_ACTIONS.filter((a) => grants(s, a)).join(', ')} without StringEquals aws:ResourceTag/${Naming.OWNER_TAG} = \${aws:PrincipalTag/${Naming.OWNER_TAG}}`,
    );
  return problems;
}

/** The PassRole allow must be the owner's own role too: iam:ResourceTag of the role equal to the caller's tag. */
function passProblems(s: Statement): string[] {
  const where = s.sid ? `allow ${s.sid}` : 'an allow';
  const owner = valuesOf(s, 'StringEquals', ROLE_OWNER);
  return owner && owner.length === 1 && isCallersOwner(owner[0] ?? '', false)
    ? []
    : [
        `${where} grants iam:PassRole without StringEquals iam:ResourceTag/${Naming.OWNER_TAG} = \${aws:PrincipalTag/${Naming.OWNER_TAG}} (another owner's role)`,
      ];
}

/** Whether `s` is the deny of every notebook not tagged as the caller's, with nothing else that could void it. */
function isOthersDeny(s: Statement, account: string): boolean {
  if (s.effect !== 'Deny' || !NOTEBOOK_ACTIONS.every((a) => grants(s, a))) return false;
  if (!coversEveryNotebook(s, account) || conditionCount(s) !== 1) return false;
  const owner = valuesOf(s, 'StringNotEquals', RESOURCE_OWNER);
  return owner?.length === 1 && isCallersOwner(owner[0] ?? '', true);
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/** The problems of the network deny: present, on every notebook, exactly the configured networks and nothing else. */
function networkProblems(
  statements: readonly Statement[],
  account: string,
  cidrs: readonly string[] | undefined,
  endpoints: readonly string[] | undefined,
): string[] {
  const denies = statements.filter(
    (s) =>
      s.effect === 'Deny' &&
      grants(s, OPEN) &&
      (valuesOf(s, 'NotIpAddressIfExists', 'aws:sourceip') ||
        valuesOf(s, 'StringNotEqualsIfExists', 'aws:sourcevpce') ||
        conditionCount(s) === 0),
  );
  const deny = denies.find((s) => coversEveryNotebook(s, account));
  if (!deny)
    return [
      `no deny of ${OPEN} on every notebook outside the configured networks (NotIpAddressIfExists aws:SourceIp, StringNotEqualsIfExists aws:SourceVpce)`,
    ];
  const problems: string[] = [];
  const ips = valuesOf(deny, 'NotIpAddressIfExists', 'aws:sourceip') ?? [];
  const vpces = valuesOf(deny, 'StringNotEqualsIfExists', 'aws:sourcevpce') ?? [];
  const expected = (ips.length ? 1 : 0) + (vpces.length ? 1 : 0);
  if (conditionCount(deny) !== expected)
    problems.push(
      `the network deny has conditions besides aws:SourceIp and aws:SourceVpce (${Object.keys(deny.conditions).join(', ')}), which may never hold`,
    );
  if (cidrs !== undefined && !sameSet(ips, cidrs))
    problems.push(
      `the network deny admits aws:SourceIp ${JSON.stringify(ips)}, not the configured secure-ml-notebook:ownerSourceCidrs ${JSON.stringify(cidrs)}`,
    );
  if (ips.some((c) => /\/0$/.test(c)))
    problems.push(`the network deny admits every address (${ips.join(', ')})`);
  if (endpoints !== undefined && !sameSet(vpces, endpoints))
    problems.push(
      `the network deny admits aws:SourceVpce ${JSON.stringify(vpces)}, not the network layer's notebookAccessEndpointIds ${JSON.stringify(endpoints)}`,
    );
  return problems;
}

/** The environment's account: from the settings, else the one every notebook ARN of the policy names. */
const accountOf = (env: Env, statements: readonly Statement[]): string =>
  env.settings.accountId ??
  statements
    .flatMap((s) => s.resources)
    .map((r) => /^arn:[^:]+:sagemaker:[^:]*:(\d{12}):/.exec(r)?.[1])
    .find(Boolean) ??
  '000000000000';

/** Every problem of one owner access policy. */
export function ownerAccessProblems(env: Env, policy: Res): string[] {
  const statements = statementsOf(policy.inputs['policy']);
  const account = accountOf(env, statements);
  const problems: string[] = [];
  const notebookAllows = statements.filter(
    (s) => s.effect === 'Allow' && NOTEBOOK_ACTIONS.some((a) => grants(s, a)),
  );
  if (notebookAllows.length === 0) problems.push('grants no owner the use of their notebook');
  problems.push(...notebookAllows.flatMap(allowProblems));
  problems.push(
    ...statements.filter((s) => s.effect === 'Allow' && grants(s, 'iam:PassRole')).flatMap(passProblems),
  );
  if (!statements.some((s) => isOthersDeny(s, account)))
    problems.push(
      `no deny, on every notebook (notebook-instance/* in every region) and with no other condition, of ${NOTEBOOK_ACTIONS.join(', ')} unless StringNotEquals aws:ResourceTag/${Naming.OWNER_TAG} holds the caller's tag with a default value no tag can hold (\${aws:PrincipalTag/${Naming.OWNER_TAG}, '(none)'})`,
    );
  const network = env.scope === 'environment' ? (env.outputs.network ?? {}) : undefined;
  const endpoints = network ? strings(network['notebookAccessEndpointIds']) : undefined;
  problems.push(...networkProblems(statements, account, env.settings.ownerSourceCidrs, endpoints));
  return problems;
}

/** The notebook layer's owner access policies, by their name (`<stem>-notebook-owner-access`). */
export const ownerAccessPolicies = (env: Env): Res[] =>
  ofType(env, T.policy).filter(
    (p) =>
      (env.scope !== 'environment' || p.layer === 'notebook') &&
      physicalName(p).endsWith(OWNER_ACCESS_NAME_SUFFIX),
  );

const FIX =
  "build the owner access policy as packages/notebook/src/owner-access.ts does: allow the notebook actions only with StringEquals aws:ResourceTag/secure-ml:owner = ${aws:PrincipalTag/secure-ml:owner, '(none)'} (no IfExists), deny them on notebook-instance/* with StringNotEquals of the same, and deny CreatePresignedNotebookInstanceUrl with NotIpAddressIfExists aws:SourceIp = secure-ml-notebook:ownerSourceCidrs and StringNotEqualsIfExists aws:SourceVpce = the network layer's notebookAccessEndpointIds";

export const ownerAccessControl: Control = stackControl({
  id: 'NB-9',
  standards: ['least privilege', 'issue 14'],
  check:
    "the notebook layer's owner access policy lets an owner use only the notebooks tagged with their own secure-ml:owner (StringEquals, no IfExists, on every allow; a deny of every other notebook), and open them only from the configured networks (exactly secure-ml-notebook:ownerSourceCidrs and the network layer's notebookAccessEndpointIds)",
  examines: [T.policy],
  perLayer:
    'under the engine the CIDRs come from the policy config (ownerSourceCidrs) and the endpoint ids, published by the network layer, are not checked; the owner conditions and the deny of other notebooks are',
  evaluate(env) {
    if (!owns(env, 'notebook') || ofType(env, T.notebook).length === 0) return [];
    const policies = ownerAccessPolicies(env);
    if (policies.length === 0)
      return [
        missing(
          'notebook layer',
          `no owner access managed policy (<stem>${OWNER_ACCESS_NAME_SUFFIX}): no owner can start or open their notebook, and nothing limits them to it`,
          FIX,
        ),
      ];
    return policies.flatMap((p): Finding[] => {
      const problems = ownerAccessProblems(env, p);
      return problems.length ? [finding(p, problems.join('; '), FIX)] : [];
    });
  },
});
