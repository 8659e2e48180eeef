import { runSimulation, type EvaluationResult, type Simulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT, type Document } from './plan';

/** The simulator's verdict: Allowed, ExplicitlyDenied (a Deny matched) or ImplicitlyDenied (no Allow matched). */
export type Decision = EvaluationResult;

export interface Request {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
}

/** AWS's own FullAWSAccess SCP, attached to every root, OU and account unless replaced. */
const FULL_AWS_ACCESS: Document = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/**
 * Decides one request with @cloud-copilot/iam-simulate: the principal's identity policies, and, for the SCP
 * cases, the organization's policies as they would stand with the guardrail SCP attached to the account (the
 * root and the account keep FullAWSAccess). The validating engine runs, so an unknown action or malformed policy
 * fails the test; so does a context key the action does not have (the Service Authorization Reference's list of
 * keys per action, which the simulator carries): a typo would otherwise read as a missing key.
 */
export async function decide(
  request: Request,
  policies: {
    identity: readonly Document[];
    scp?: Document;
    /**
     * `policies`: the verdict of the guardrail's documents alone (the identity policies', or with `scp` the SCPs'),
     * for a request the simulator refuses on its own whatever they say: it models IAM's refusal to write roles
     * under `role/aws-reserved/`, where only the guardrail's own deny proves the guardrail says so too.
     */
    verdictOf?: 'policies';
  },
): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: ACCOUNT },
      contextVariables: { ...request.context },
    },
    identityPolicies: policies.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: policies.scp
      ? [
          { orgIdentifier: 'r-root', policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }] },
          {
            orgIdentifier: ACCOUNT,
            policies: [
              { name: 'FullAWSAccess', policy: FULL_AWS_ACCESS },
              { name: 'guardrail', policy: policies.scp },
            ],
          },
        ]
      : [],
    resourceControlPolicies: [],
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error')
    throw new Error(`The simulator refused the case: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single')
    throw new Error(`Expected one resource, got ${result.resultType} for ${request.resource}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length)
    throw new Error(`${request.action} has no context key ${ignored.join(', ')}: fix the test case`);
  if (policies.verdictOf === 'policies') {
    const { identityAnalysis, scpAnalysis } = result.result.analysis;
    return (policies.scp ? scpAnalysis?.result : identityAnalysis?.result) as Decision;
  }
  return result.overallResult;
}

/** A request by a session of the role `principalArn` (its ARN, path included, is the session's aws:PrincipalArn). */
export const asRole = (
  principalArn: string,
  action: string,
  resource: string,
  context: Record<string, string | string[]>,
): Request => ({
  principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${principalArn.split('/').pop()}/session`,
  action,
  resource,
  context: { ...context, 'aws:PrincipalArn': principalArn },
});
