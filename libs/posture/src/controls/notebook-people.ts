import { Naming } from '@secure-ml/shared/naming';
import { grantingStatements, UNFORESEEN, type RequestKind } from '../conditions';
import { stackControl } from '../define';
import type { Control, Env, Finding, Res } from '../model';
import { statementsOf, type Statement } from '../policy-document';
import { finding, missing, ofType, owns, physicalName, rec, show, str, T } from '../resources';
import { resolvedForCaller } from './guardrail-people';
import { FOREIGN_IP, FOREIGN_VPCE, firstAddress, fromIp, throughVpce } from './opening-networks';

/**
 * NB-9 and NB-10 (issue 14): a notebook per person. Each notebook has its own execution role under the security
 * layer's notebook role path, tagged with the notebook's id and owner; and the owner access policy lets each owner
 * use only their notebook, only from the configured networks. (What each role reaches of the data bucket is proven
 * by simulation in packages/notebook/test; the job roles' reach is JOB-1.)
 */
const OWNER_TAG = Naming.OWNER_TAG;
const ID_TAG = 'secure-ml:notebook-id';
const PRINCIPAL_OWNER = `aws:principaltag/${OWNER_TAG}`;

const tagsOf = (r: Res) => rec(r.inputs['tags']);
const roleNameOfArn = (arn: string | undefined) => arn?.split('/').pop();

/** Each notebook with the role its roleArn names, when that role is planned here. */
function notebookRoles(env: Env): { nb: Res; arn: string | undefined; role: Res | undefined }[] {
  const roles = ofType(env, T.role);
  return ofType(env, T.notebook).map((nb) => {
    const arn = str(nb.inputs['roleArn']);
    return { nb, arn, role: roles.find((r) => physicalName(r) === roleNameOfArn(arn)) };
  });
}

const ownRoleControl = stackControl({
  id: 'NB-9',
  standards: ['least privilege', 'separation'],
  check:
    "each notebook has its own execution role: no two notebooks share one, the role is under the security layer's notebook role path, and it carries the notebook's secure-ml:notebook-id and secure-ml:owner tags (what the owner access policy and the guardrail compare)",
  perLayer:
    "the engine checks the notebook stack's notebooks against the roles it plans (path under /notebooks/); offline, the path must be the security layer's notebookRolePath",
  examines: [T.notebook, T.role],
  evaluate(env) {
    if (!owns(env, 'notebook')) return [];
    const found: Finding[] = [];
    const pairs = notebookRoles(env);
    const path = str(env.outputs.security?.['notebookRolePath']);
    for (const { nb, arn, role } of pairs) {
      const sharing = pairs.filter((p) => p.arn !== undefined && p.arn === arn && p.nb !== nb);
      if (sharing.length)
        found.push(
          finding(
            nb,
            `shares its execution role ${show(arn)} with ${sharing.map((p) => physicalName(p.nb)).join(', ')}`,
            "give each notebook its own role (the notebook layer's Notebook component creates one per id)",
          ),
        );
      if (!role) continue; // IAM-6 names a roleArn that is no role of this environment.
      const rolePath = str(role.inputs['path']) ?? '/';
      if (path ? rolePath !== path : !rolePath.endsWith('/notebooks/'))
        found.push(
          finding(
            role,
            `is the role of ${physicalName(nb)} but its path is ${show(rolePath)}, not the notebook role path ${show(path ?? '/.../notebooks/')}`,
            "create the role under the security layer's notebookRolePath (the delegation lets the notebook team create roles there only)",
          ),
        );
      for (const key of [ID_TAG, OWNER_TAG]) {
        const want = str(tagsOf(nb)[key]);
        const have = str(tagsOf(role)[key]);
        if (!want || have !== want)
          found.push(
            finding(
              role,
              `is the role of ${physicalName(nb)} but its ${key} tag is ${show(have ?? null)}, not the notebook's ${show(want ?? null)}`,
              `tag the notebook and its role with the same ${key} (the notebook's id and owner from secure-ml-notebook:notebooks)`,
            ),
          );
      }
    }
    if (env.scope === 'environment' && pairs.length === 0)
      found.push(missing('notebook layer', 'plans no notebook', 'define secure-ml-notebook:notebooks'));
    return found;
  },
});

/** What an owner needs of their notebook (and the start's network and role needs): nothing else may be granted. */
const OWNER_NEEDS = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
  'iam:PassRole',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVpcs',
];
const OPEN = 'sagemaker:CreatePresignedNotebookInstanceUrl';
const USES = [
  OPEN,
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
];

/** The notebook layer's policies that grant opening a notebook: the owner access policy. */
const ownerPolicies = (env: Env): Res[] =>
  ofType(env, T.policy).filter(
    (p) =>
      (env.scope !== 'environment' || p.layer === 'notebook') &&
      statementsOf(p.inputs['policy']).some(
        (s) => s.effect === 'Allow' && s.actions.some((a) => a.toLowerCase() === OPEN.toLowerCase()),
      ),
  );

/** The statements as the holder's own, their variables resolved for a caller tagged `caller` (or untagged). */
const forCaller = (statements: readonly Statement[], caller: string | undefined): Statement[] =>
  resolvedForCaller(statements, caller).map((s) => ({
    ...s,
    principal: '*' as const,
  }));
const grants = (
  statements: readonly Statement[],
  caller: string | undefined,
  action: string,
  resource: string,
  kind: RequestKind,
) =>
  grantingStatements(forCaller(statements, caller), { principal: '*', action, resource }, [
    { [PRINCIPAL_OWNER]: [caller === undefined ? undefined : [caller]], ...kind },
  ]).length > 0;

/** A notebook request: the notebook's tag, and a network. */
const onNotebook = (owner: string | undefined, network: RequestKind): RequestKind => ({
  [`aws:resourcetag/${OWNER_TAG}`]: [owner === undefined ? undefined : [owner]],
  [`iam:resourcetag/${OWNER_TAG}`]: [undefined],
  ...network,
});
/** What the owner access policy lets an owner do beyond their own notebook and networks: what the report names. */
function ownerReach(env: Env, statements: readonly Statement[]): { gaps: string[]; lockouts: string[] } {
  // Under the engine the environment's values are those the policy names: its notebooks and its roles.
  const named = statements.flatMap((s) => s.resources);
  const nbPattern = named
    .map((r) => /^arn:[^:]+:sagemaker:([^:*]+):(\d{12}):notebook-instance\/(.+)-notebook-\*$/.exec(r))
    .find(Boolean);
  const rolePattern = named.map((r) => /^arn:[^:]+:iam::\d{12}:role(\/.*\/)[^/]*$/.exec(r)).find(Boolean);
  const account = env.settings.accountId ?? nbPattern?.[2] ?? '000000000000';
  const roles =
    str(env.outputs.security?.['notebookRolePath']) ?? rolePattern?.[1] ?? '/secure-ml/x/notebooks/';
  const stem = roles.split('/').filter(Boolean).slice(-2)[0] ?? nbPattern?.[3] ?? UNFORESEEN;
  const region =
    /^arn:[^:]+:kms:([^:]+):/.exec(str(env.outputs.security?.['dataKeyArn']) ?? '')?.[1] ??
    nbPattern?.[1] ??
    'eu-west-1';
  // A notebook of the environment's name pattern that nobody foresaw: the owner's, or another's, by its tag.
  const notebook = `arn:aws:sagemaker:${region}:${account}:notebook-instance/${stem}-notebook-${UNFORESEEN}`;
  const cidrs = env.settings.ownerSourceCidrs ?? [];
  const endpoints = (env.outputs.network?.['notebookAccessEndpointIds'] as string[] | undefined) ?? [];
  // The owner-tag questions are asked from a network the policy admits (configured, or under the engine the one
  // its opening deny names), so that the network deny does not hide a gap in the tag match.
  const listed = (key: string) =>
    statements
      .filter((s) => s.effect === 'Deny')
      .flatMap((s) =>
        Object.values(s.conditions).flatMap((keys) =>
          Object.entries(keys)
            .filter(([k]) => k.toLowerCase() === key.toLowerCase())
            .flatMap(([, v]) => v),
        ),
      );
  const admitted = cidrs[0] ?? listed('aws:SourceIp')[0];
  const admittedVpce = endpoints[0] ?? listed('aws:SourceVpce')[0];
  const allowedNetwork: RequestKind =
    admitted !== undefined
      ? fromIp(firstAddress(admitted))
      : admittedVpce !== undefined
        ? throughVpce(admittedVpce)
        : fromIp(FOREIGN_IP);
  const gaps: string[] = [];
  for (const action of USES) {
    if (grants(statements, 'owner-a', action, notebook, onNotebook('owner-b', allowedNetwork)))
      gaps.push(`${action} on another owner's notebook`);
    if (grants(statements, 'owner-a', action, notebook, onNotebook(undefined, allowedNetwork)))
      gaps.push(`${action} on a notebook without the ${OWNER_TAG} tag`);
    if (grants(statements, undefined, action, notebook, onNotebook('owner-a', allowedNetwork)))
      gaps.push(`${action} by a caller without the ${OWNER_TAG} tag`);
  }
  const openOwn = (network: RequestKind) =>
    grants(statements, 'owner-a', OPEN, notebook, onNotebook('owner-a', network));
  if (openOwn(fromIp(FOREIGN_IP)))
    gaps.push(`opening their notebook from ${FOREIGN_IP}, a network not configured`);
  if (openOwn(fromIp(undefined)))
    gaps.push('opening their notebook with neither aws:SourceIp nor aws:SourceVpce');
  if (openOwn(throughVpce(FOREIGN_VPCE)))
    gaps.push('opening their notebook through an endpoint not configured');
  const role = (name: string) => `arn:aws:iam::${account}:role${roles}${name}`;
  const pass = (resource: string, owner: string, service: string) =>
    grants(statements, 'owner-a', 'iam:PassRole', resource, {
      'iam:passedtoservice': [[service]],
      [`iam:resourcetag/${OWNER_TAG}`]: [[owner]],
      [`aws:resourcetag/${OWNER_TAG}`]: [[owner]],
      'iam:associatedresourcearn': [undefined],
    });
  if (pass(role(`${stem}-notebook-${UNFORESEEN}`), 'owner-b', 'sagemaker.amazonaws.com'))
    gaps.push("iam:PassRole of another owner's notebook role");
  if (pass(role(`${stem}-notebook-${UNFORESEEN}`), 'owner-a', 'ec2.amazonaws.com'))
    gaps.push('iam:PassRole of their notebook role to a service other than SageMaker');
  if (pass(`arn:aws:iam::${account}:role/${UNFORESEEN}`, 'owner-a', 'sagemaker.amazonaws.com'))
    gaps.push('iam:PassRole of a role outside the notebook role path');
  const extra = [
    ...new Set(
      statements
        .filter((s) => s.effect === 'Allow')
        .flatMap((s) => (s.notActions.length ? ['NotAction'] : s.actions))
        .filter((a) => !OWNER_NEEDS.some((n) => n.toLowerCase() === a.toLowerCase())),
    ),
  ];
  if (extra.length) gaps.push(`grants ${extra.join(', ')}, beyond what an owner needs`);
  const lockouts: string[] = [];
  if (cidrs[0] !== undefined && !openOwn(fromIp(firstAddress(cidrs[0]))))
    lockouts.push(`opening their own notebook from ${cidrs[0]} (secure-ml-notebook:ownerSourceCidrs)`);
  if (endpoints[0] && !openOwn(throughVpce(endpoints[0])))
    lockouts.push(`opening their own notebook through the notebook endpoint ${endpoints[0]}`);
  if (!grants(statements, 'owner-a', 'sagemaker:StartNotebookInstance', notebook, onNotebook('owner-a', {})))
    lockouts.push('starting their own notebook');
  if (!pass(role(`${stem}-notebook-${UNFORESEEN}`), 'owner-a', 'sagemaker.amazonaws.com'))
    lockouts.push('passing their own notebook role to SageMaker (StartNotebookInstance checks it)');
  return { gaps, lockouts };
}

const ownerAccessControl = stackControl({
  id: 'NB-10',
  standards: ['least privilege', 'attribute-based access'],
  check:
    "the owner access policy (the notebook layer's managed policy that grants opening a notebook) lets a caller describe, start, stop and open only a notebook whose secure-ml:owner tag equals their own principal tag (none for an untagged notebook or caller), open it only from secure-ml-notebook:ownerSourceCidrs or through the network's notebook endpoints, pass only their own notebook's role and only to SageMaker, and grants nothing else; and an owner can still open and start their own notebook from a configured network",
  perLayer:
    "the engine checks the notebook stack's policy against a network nobody configured; offline, also against the configured ownerSourceCidrs and the network layer's notebookAccessEndpointIds",
  examines: [T.policy],
  evaluate(env) {
    if (!owns(env, 'notebook')) return [];
    const policies = ownerPolicies(env);
    if (policies.length === 0)
      return env.scope === 'environment'
        ? [
            missing(
              'notebook layer',
              'publishes no owner access policy (no managed policy grants CreatePresignedNotebookInstanceUrl)',
              'deploy the notebook layer, which creates <stem>-notebook-owner-access (packages/notebook/src/owner-access.ts)',
            ),
          ]
        : [];
    return policies.flatMap((p) => {
      const { gaps, lockouts } = ownerReach(env, statementsOf(p.inputs['policy']));
      const found: Finding[] = [];
      if (gaps.length)
        found.push(
          finding(
            p,
            `lets an owner do more than use their own notebook from the configured networks: ${gaps.join('; ')}`,
            "allow the notebook actions only with StringEquals aws:ResourceTag/secure-ml:owner = ${aws:PrincipalTag/secure-ml:owner, '(none)'}, deny every other notebook, deny opening unless aws:SourceIp is in ownerSourceCidrs or aws:SourceVpce is a notebook endpoint (NotIpAddressIfExists and StringNotEqualsIfExists together), and PassRole of the notebook execution roles by iam:ResourceTag to sagemaker.amazonaws.com only",
          ),
        );
      if (lockouts.length)
        found.push(
          finding(
            p,
            `refuses an owner ${lockouts.join('; ')}`,
            "compare the notebook's tag with the caller's (the variable, not a literal) and list the configured networks in the opening deny",
          ),
        );
      return found;
    });
  },
});

export const notebookPeopleControls: Control[] = [ownRoleControl, ownerAccessControl];
