import {
  runSimulation,
  runUnsafeSimulation,
  type EvaluationResult,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import { createValidatedPolicy, validateResourcePolicy } from '@cloud-copilot/iam-policy';
import { ACCOUNT, type Document } from './plan';

/** The simulator's verdict: Allowed, ExplicitlyDenied (a Deny matched) or ImplicitlyDenied (no Allow matched). */
export type Decision = EvaluationResult;

export interface Request {
  /** A role session, a role, a user or a service principal (`logs.eu-west-1.amazonaws.com`). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource: ours unless said otherwise. */
  readonly resourceAccount?: string;
  readonly context?: Record<string, string | string[]>;
}

export interface Policies {
  /** Identity policies of the principal: what the program registered, plus any the case attaches. */
  readonly identity?: readonly Document[];
  readonly boundary?: Document;
  /** The resource's policy: a key policy, a trust policy. */
  readonly resource?: Document;
}

const ENCRYPTION_CONTEXT = /^kms:EncryptionContext:/i;

/**
 * Decides one request with @cloud-copilot/iam-simulate. The validating engine runs first and its errors (unknown
 * action, resource type or malformed policy) fail the test instead of reading as a denial; so does a context key
 * the action does not have (a typo in a test would otherwise read as a missing key).
 *
 * One exception: iam-simulate 0.1.173 recognises variable context keys only when they use `/` (as in
 * `aws:RequestTag/Team`), so it drops `kms:EncryptionContext:aws:logs:arn`, which uses `:`. For such a case the
 * same, already validated, inputs are decided by the library's unvalidated engine, which evaluates the key as AWS
 * does. The resource policy is passed as a validated policy so that it carries a name.
 */
export async function decide(request: Request, policies: Policies): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount ?? ACCOUNT },
      // AWS sends the resource owner's account as aws:ResourceAccount on S3 requests; the simulator takes it here.
      contextVariables: {
        ...(request.action.startsWith('s3:')
          ? { 'aws:ResourceAccount': request.resourceAccount ?? ACCOUNT }
          : {}),
        ...request.context,
      },
    },
    identityPolicies: (policies.identity ?? []).map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(policies.boundary
      ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: policies.boundary }] }
      : {}),
    ...(policies.resource ? { resourcePolicy: policies.resource } : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error')
    throw new Error(`The simulator refused the case: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single')
    throw new Error(`Expected one resource, got ${result.resultType} for ${request.resource}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  const unknown = ignored.filter((k) => !ENCRYPTION_CONTEXT.test(k));
  if (unknown.length)
    throw new Error(`${request.action} has no context key ${unknown.join(', ')}: fix the test case`);
  if (!ignored.length) return result.overallResult;
  const resourcePolicy =
    policies.resource &&
    createValidatedPolicy(policies.resource, validateResourcePolicy, { name: 'resource-policy' });
  return runUnsafeSimulation({ ...simulation, ...(resourcePolicy ? { resourcePolicy } : {}) }, {});
}
