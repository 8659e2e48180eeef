import {
  anonymousPrincipal,
  runSimulation,
  type SimulationRequestPrincipal,
} from '@cloud-copilot/iam-simulate';
import { MOCK_ACCOUNT } from '@secure-ml/shared/testing';

export { anonymousPrincipal };
export const OTHER_ACCOUNT = '210987654321';
export const NOTEBOOK_ROLE = `arn:aws:iam::${MOCK_ACCOUNT}:role/secure-ml/sml-dev-notebook`;
export const FOREIGN_ROLE = `arn:aws:iam::${OTHER_ACCOUNT}:role/attacker`;

export interface EndpointRequest {
  readonly principal: SimulationRequestPrincipal;
  readonly action: string;
  readonly resource: string;
  /** Owner of the resource; the resource policy below decides for cross-account requests. */
  readonly resourceAccount: string;
}

/** AWS sets aws:PrincipalAccount on every signed request; an anonymous request has none. The simulator needs it given. */
function principalKeys(principal: SimulationRequestPrincipal): Record<string, string> {
  const account = typeof principal === 'string' ? /^arn:aws:iam::(\d{12}):/.exec(principal)?.[1] : undefined;
  return account ? { 'aws:PrincipalAccount': account } : {};
}

const allowEverything = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
const openToAll = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

/**
 * Decides a request that passes through a VPC endpoint with `endpointPolicy`, when everything else says yes: the
 * caller's identity policy and the resource's policy allow everything. What is denied is denied by the endpoint
 * policy alone. Simulator errors (unknown action, malformed policy) fail the test instead of reading as denials.
 */
export async function throughEndpoint(endpointPolicy: unknown, request: EndpointRequest): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        // AWS sends the bucket owner's account as aws:ResourceAccount; the simulator takes it from here.
        contextVariables: {
          'aws:SecureTransport': 'true',
          ...(request.action.startsWith('s3:') ? { 'aws:ResourceAccount': request.resourceAccount } : {}),
          ...principalKeys(request.principal),
        },
      },
      identityPolicies:
        typeof request.principal === 'string' ? [{ name: 'everything', policy: allowEverything }] : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: openToAll,
      vpcEndpointPolicies: [{ name: 'endpoint', policy: endpointPolicy }],
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`Simulation refused the request: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}
