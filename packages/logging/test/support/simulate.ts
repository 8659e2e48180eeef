import {
  anonymousPrincipal,
  runSimulation,
  type SimulationRequestPrincipal,
} from '@cloud-copilot/iam-simulate';
import { MOCK_ACCOUNT, type LayerPlan } from '@secure-ml/shared/testing';
import { resource } from '@secure-ml/shared/testing';

export { anonymousPrincipal };
export const OTHER_ACCOUNT = '210987654321';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface Request {
  readonly principal: SimulationRequestPrincipal;
  readonly action: string;
  readonly resource: string;
  /** Context keys of the request; aws:SecureTransport defaults to "true". */
  readonly context?: Record<string, string>;
}

/** The resource policy a plan registered (BucketPolicy or TopicPolicy), parsed from the JSON AWS receives. */
export function registeredPolicy(plan: LayerPlan, type: string, name: string): unknown {
  const policy = resource(plan, type, name).inputs['policy'];
  if (typeof policy !== 'string') throw new Error(`${name} has no policy string: ${JSON.stringify(policy)}`);
  return JSON.parse(policy) as unknown;
}

/**
 * Decides a request against a resource policy alone (no identity policy): what a service principal, an
 * anonymous caller or another account can do through the resource policy. Validation errors of the simulator
 * (an unknown action, a malformed policy) fail the test instead of reading as a denial.
 */
export async function decide(policy: unknown, request: Request): Promise<Decision> {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: MOCK_ACCOUNT },
        contextVariables: { 'aws:SecureTransport': 'true', ...request.context },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy,
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`Simulation refused the request: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}
