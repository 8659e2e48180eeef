import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { AccessCase, Decision, PolicyDocument } from '../cases/types';

/** The documents that decide the owner cases (cases/owners.ts), read from the plans by the test. */
export interface OwnerDocuments {
  /** The notebook layer's owner access policy. */
  readonly ownerAccess: PolicyDocument;
  /** The guardrail's IAM policy, for `owner-guardrail` cases. */
  readonly guardrail?: PolicyDocument;
  /** The guardrail's SCP documents, each attached to the account, for `guardrail-scp` cases. */
  readonly scps?: readonly PolicyDocument[];
}

/** AWS's own FullAWSAccess SCP, on the root and the account unless replaced. */
const FULL_AWS_ACCESS = {
  name: 'FullAWSAccess',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/** The identity documents of a case's subject, then what the case attaches. */
function identityOf(c: AccessCase, d: OwnerDocuments): unknown[] {
  const need = (doc: PolicyDocument | undefined, what: string): PolicyDocument => {
    if (!doc) throw new Error(`${c.name}: a ${c.subject} case needs ${what}`);
    return doc;
  };
  const own =
    c.subject === 'owner'
      ? [d.ownerAccess]
      : c.subject === 'owner-guardrail'
        ? [d.ownerAccess, need(d.guardrail, 'the guardrail policy')]
        : c.subject === 'guardrail-scp'
          ? []
          : [need(undefined, 'a harness of its own (this one decides owner cases)')];
  return [...own, ...(c.attached ?? [])];
}

/**
 * One owner case through the offline simulator, strictly: a refused case, a multi-resource answer or a context key
 * the action does not have fails. The caller is a session of the role in the case's aws:PrincipalArn; the SCP
 * documents are evaluated as SCPs of the account, under FullAWSAccess at the root and the account.
 */
export async function decideOwnerCase(c: AccessCase, d: OwnerDocuments): Promise<Decision> {
  const principalArn = String(c.context?.['aws:PrincipalArn'] ?? '');
  const account = principalArn.split(':')[4] ?? '';
  const role = principalArn.split('/').pop() ?? '';
  const scps = c.subject === 'guardrail-scp' ? (d.scps ?? []) : [];
  if (c.subject === 'guardrail-scp' && !scps.length)
    throw new Error(`${c.name}: no SCP document to decide it`);
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:sts::${account}:assumed-role/${role}/owner`,
        action: c.action,
        resource: { resource: c.resource, accountId: account },
        contextVariables: Object.fromEntries(
          Object.entries(c.context ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]]),
        ),
      },
      identityPolicies: identityOf(c, d).map((policy, i) => ({ name: `identity-${i}`, policy })),
      serviceControlPolicies: scps.length
        ? [
            { orgIdentifier: 'r-root', policies: [FULL_AWS_ACCESS] },
            {
              orgIdentifier: account,
              policies: [FULL_AWS_ACCESS, ...scps.map((policy, i) => ({ name: `guardrail-${i}`, policy }))],
            },
          ]
        : [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`The simulator refused ${c.name}: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`Expected one resource for ${c.resource}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length) throw new Error(`${c.action} has no context key ${ignored.join(', ')}: fix the case`);
  return result.overallResult;
}
