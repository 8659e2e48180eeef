import {
  type AccessAnalyzerClient,
  type PolicyType,
  type ValidatePolicyFinding,
  type ValidatePolicyResourceType,
  ValidatePolicyCommand,
} from '@aws-sdk/client-accessanalyzer';
import { type Check, fail, pass } from './check';

/** A deployed policy document and how Access Analyzer must read it. */
export interface DeployedPolicy {
  /** What it is, in the report: `key policy of alias/sml-dev-data`. */
  readonly label: string;
  readonly document: string;
  readonly type: PolicyType;
  /**
   * Only for the resource types ValidatePolicy knows (a bucket, a trust policy); for any other resource policy (a
   * key, an endpoint, a topic) it "runs policy checks that apply to all resource policies"
   * (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html).
   */
  readonly resourceType?: ValidatePolicyResourceType;
}

// ERROR: the policy does not work as written; SECURITY_WARNING: it grants more than it seems to. Both fail verify;
// WARNING and SUGGESTION are shown as evidence only (Access Analyzer policy validation, finding types).
const FAILING = new Set(['ERROR', 'SECURITY_WARNING']);

/** Every finding of one policy (ValidatePolicy is paginated). */
async function findingsOf(
  client: AccessAnalyzerClient,
  policy: DeployedPolicy,
): Promise<ValidatePolicyFinding[]> {
  const findings: ValidatePolicyFinding[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ValidatePolicyCommand({
        policyDocument: policy.document,
        policyType: policy.type,
        ...(policy.resourceType ? { validatePolicyResourceType: policy.resourceType } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    findings.push(...(page.findings ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return findings;
}

/** One check per policy: passes with no ERROR or SECURITY_WARNING finding, each finding quoted as evidence. */
export async function validatePolicies(
  client: AccessAnalyzerClient,
  id: string,
  policies: readonly DeployedPolicy[],
): Promise<Check[]> {
  return Promise.all(
    policies.map(async (policy) => {
      const findings = await findingsOf(client, policy);
      const quoted = findings.map((f) => `${f.findingType} ${f.issueCode}: ${f.findingDetails}`);
      const failing = findings.filter((f) => FAILING.has(f.findingType ?? ''));
      const title = `Access Analyzer validates the ${policy.label}`;
      return failing.length
        ? fail(id, title, quoted.join('; '))
        : pass(id, title, quoted.length ? quoted.join('; ') : 'no findings');
    }),
  );
}
