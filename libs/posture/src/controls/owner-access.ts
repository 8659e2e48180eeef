import { Naming } from '@secure-ml/shared/naming';
import { alwaysHolds, coversRequest, UNFORESEEN, type RequestKind } from '../conditions';
import { stackControl } from '../define';
import type { Control, Env, Finding, Res } from '../model';
import { grants, statementsOf, type Statement } from '../policy-document';
import { finding, ofType, owns, strings, T } from '../resources';
import { resolvedForCaller } from './guardrail-people';
import { namedInOpeningDenies, sameSet } from './opening-networks';

/**
 * NB-11 (issue 14; review 5, R5-7): the owner access policy's own denies, which NB-10's question ("what does this
 * policy grant?") cannot see. An owner holds other policies too (AmazonSageMakerFullAccess, a second permission
 * set): only a deny in the owner access policy refuses them another owner's notebook there, so the deny must hold
 * whatever else the caller is allowed, on a notebook of any name and region, for an untagged notebook and an untagged
 * caller (policy variables resolved as IAM does, default values included: a deny whose variable cannot be resolved
 * counts for nothing). Its network deny must name exactly the configured networks: a wider CIDR or another endpoint
 * admits opening from there even when the request is otherwise the owner's. And its allows on notebooks hold no
 * IfExists: an absent owner tag must never satisfy them.
 */
const USES = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
];
const OPEN = 'sagemaker:CreatePresignedNotebookInstanceUrl';
const OWNER = Naming.OWNER_TAG;
const PRINCIPAL_OWNER = `aws:principaltag/${OWNER.toLowerCase()}`;

/** The notebook layer's policies that grant opening a notebook: the owner access policy (as NB-10 finds it). */
const ownerPolicies = (env: Env): Res[] =>
  ofType(env, T.policy).filter(
    (p) =>
      (env.scope !== 'environment' || p.layer === 'notebook') &&
      statementsOf(p.inputs['policy']).some((s) => s.effect === 'Allow' && grants(s, OPEN)),
  );

/** Whether a deny of `statements`, resolved for a caller tagged `caller`, refuses the request whatever else holds. */
function refused(
  statements: readonly Statement[],
  action: string,
  resource: string,
  caller: string | undefined,
  owner: string | undefined,
): boolean {
  const kind: RequestKind = {
    [`aws:resourcetag/${OWNER.toLowerCase()}`]: [owner === undefined ? undefined : [owner]],
    [PRINCIPAL_OWNER]: [caller === undefined ? undefined : [caller]],
  };
  return resolvedForCaller(statements, caller).some(
    (s) =>
      s.effect === 'Deny' &&
      coversRequest(s, { principal: '*', action, resource }) &&
      alwaysHolds(s.conditions, kind),
  );
}

/** Every problem of one owner access policy. */
export function ownerDenyProblems(env: Env, policy: Res): string[] {
  const statements = statementsOf(policy.inputs['policy']);
  const account =
    env.settings.accountId ??
    statements
      .flatMap((s) => s.resources)
      .map((r) => /^arn:[^:]+:sagemaker:[^:]*:(\d{12}):/.exec(r)?.[1])
      .find(Boolean) ??
    '000000000000';
  // A notebook of a name and a region nobody foresaw: the deny must hold on every notebook of the account.
  const notebook = `arn:aws:sagemaker:ap-southeast-2:${account}:notebook-instance/${UNFORESEEN}`;
  const problems: string[] = [];
  for (const s of statements.filter((s) => s.effect === 'Allow' && USES.some((a) => grants(s, a)))) {
    const ifExists = Object.keys(s.conditions).filter((op) => /IfExists$/i.test(op));
    if (ifExists.length)
      problems.push(
        `${s.sid ? `allow ${s.sid}` : 'an allow'} of the notebook actions uses ${ifExists.join(', ')} (an absent owner tag satisfies it)`,
      );
  }
  const unrefused = USES.flatMap((action) => [
    ...(refused(statements, action, notebook, 'owner-a', 'owner-b')
      ? []
      : [`${action} on another owner's notebook`]),
    ...(refused(statements, action, notebook, 'owner-a', undefined)
      ? []
      : [`${action} on a notebook without the ${OWNER} tag`]),
    ...(refused(statements, action, notebook, undefined, 'owner-b')
      ? []
      : [`${action} by a caller without the ${OWNER} tag`]),
  ]);
  if (unrefused.length)
    problems.push(
      `does not deny, beside the owner's other policies (sagemaker:* elsewhere), ${unrefused.join('; ')}`,
    );
  const ips = namedInOpeningDenies(statements, 'aws:sourceip');
  const cidrs = env.settings.ownerSourceCidrs;
  if (cidrs !== undefined && !sameSet(ips, cidrs))
    problems.push(
      `its opening deny admits aws:SourceIp ${JSON.stringify(ips)}, not exactly secure-ml-notebook:ownerSourceCidrs ${JSON.stringify(cidrs)}`,
    );
  if (env.scope === 'environment') {
    const vpces = namedInOpeningDenies(statements, 'aws:sourcevpce');
    const endpoints = strings(env.outputs.network?.['notebookAccessEndpointIds']);
    if (!sameSet(vpces, endpoints))
      problems.push(
        `its opening deny admits aws:SourceVpce ${JSON.stringify(vpces)}, not exactly the network layer's notebookAccessEndpointIds ${JSON.stringify(endpoints)}`,
      );
  }
  return problems;
}

const FIX =
  "as packages/notebook/src/owner-access.ts does: allow the notebook actions with StringEquals (never IfExists); deny them on arn:aws:sagemaker:*:<account>:notebook-instance/* with StringNotEquals aws:ResourceTag/secure-ml:owner = ${aws:PrincipalTag/secure-ml:owner, '(none)'} and no other condition; deny CreatePresignedNotebookInstanceUrl with NotIpAddressIfExists aws:SourceIp = secure-ml-notebook:ownerSourceCidrs and StringNotEqualsIfExists aws:SourceVpce = the network layer's notebookAccessEndpointIds";

export const ownerDenyControl: Control = stackControl({
  id: 'NB-11',
  standards: ['least privilege', 'defence in depth'],
  check:
    "the owner access policy itself denies every notebook not tagged with the caller's own secure-ml:owner (another owner's, an untagged one, or by an untagged caller; on a notebook of any name and region, whatever the caller's other policies allow), its allows on notebooks hold no IfExists, and its opening deny names exactly secure-ml-notebook:ownerSourceCidrs and the network layer's notebookAccessEndpointIds",
  perLayer:
    'under the engine the CIDRs come from the policy config (ownerSourceCidrs) and the endpoint ids, published by the network layer, are not compared; the denies are judged',
  examines: [T.policy],
  evaluate(env) {
    if (!owns(env, 'notebook')) return [];
    // NB-10 reports a notebook layer without an owner access policy.
    return ownerPolicies(env).flatMap((p): Finding[] => {
      const problems = ownerDenyProblems(env, p);
      return problems.length ? [finding(p, problems.join('; '), FIX)] : [];
    });
  },
});
