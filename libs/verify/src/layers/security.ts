import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { type DeployedPolicy, validatePolicies } from '../access-analyzer';
import { delegationCases, type DelegationFacts } from '../cases/delegation';
import { type Check, expectThat } from '../check';
import { outputsOf, type VerifyContext } from '../context';
import { simulateTable } from '../simulator';
import { managedPolicyDocument, rolePolicyDocuments } from './iam-documents';

/** KMS-1: each key is customer managed, enabled and rotated. */
async function keyChecks(ctx: VerifyContext, purpose: string, keyArn: string): Promise<Check[]> {
  const { kms } = ctx.clients;
  const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId: keyArn }));
  const { KeyRotationEnabled } = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyArn }));
  return [
    expectThat(
      key?.KeyManager === 'CUSTOMER' && key.KeyState === 'Enabled',
      'KMS-1',
      `the ${purpose} key is customer managed and enabled`,
      `KeyManager ${key?.KeyManager}, KeyState ${key?.KeyState}`,
    ),
    expectThat(
      KeyRotationEnabled === true,
      'KMS-1',
      `the ${purpose} key rotates`,
      `KeyRotationEnabled ${KeyRotationEnabled}`,
    ),
  ];
}

/** Every policy this layer deployed, as IAM and KMS hold it now. */
async function deployedPolicies(ctx: VerifyContext): Promise<DeployedPolicy[]> {
  const out = outputsOf(ctx, 'security');
  const { iam, kms } = ctx.clients;
  const keyPolicy = async (purpose: string, keyArn: string): Promise<DeployedPolicy> => ({
    label: `key policy of the ${purpose} key`,
    document:
      (await kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }))).Policy ?? '',
    type: 'RESOURCE_POLICY',
  });
  const rolePolicies = (roleArn: string) => rolePolicyDocuments(iam, roleArn);
  const managed = async (label: string, arn: string): Promise<DeployedPolicy> => ({
    label,
    document: await managedPolicyDocument(iam, arn),
    type: 'IDENTITY_POLICY',
  });
  return [
    await keyPolicy('data', out.dataKeyArn),
    await keyPolicy('logs', out.logsKeyArn),
    ...(await rolePolicies(out.trailDeliveryRoleArn)),
    ...(await rolePolicies(out.flowLogsRoleArn)),
    await managed('notebook permissions boundary', out.notebookBoundaryArn),
    await managed('notebook role delegation', out.notebookRoleDelegationPolicyArn),
  ];
}

/** The delegation case table's facts: the environment's names, the deployed boundary and delegation policy. */
function delegationFacts(ctx: VerifyContext): DelegationFacts {
  const out = outputsOf(ctx, 'security');
  return {
    partition: ctx.partition,
    account: ctx.account,
    stem: ctx.stem,
    iamPath: ctx.naming.iamPath,
    notebookRolePath: out.notebookRolePath,
    boundaryArn: out.notebookBoundaryArn,
    delegationArn: out.notebookRoleDelegationPolicyArn,
  };
}

/**
 * The keys and the policies this layer deploys, and the delegation's case table (libs/verify/src/cases/delegation.ts,
 * which the security layer's offline simulation decides too) through IAM's simulator with the delegation policy as
 * deployed: what the notebook team's deployment role may do in IAM. The notebook roles, their boundary check
 * (IAM-6) and their access cases are the notebook layer's (layers/notebook-roles.ts): that layer creates one role
 * per notebook.
 */
export async function verifySecurity(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'security');
  const delegation = await managedPolicyDocument(ctx.clients.iam, out.notebookRoleDelegationPolicyArn);
  return [
    ...(await keyChecks(ctx, 'data', out.dataKeyArn)),
    ...(await keyChecks(ctx, 'logs', out.logsKeyArn)),
    ...(await validatePolicies(ctx.clients.accessAnalyzer, 'access-analyzer', await deployedPolicies(ctx))),
    ...(await simulateTable(
      ctx.clients.iam,
      delegationCases(delegationFacts(ctx)),
      { delegation },
      (c) => `delegation ${c.name}`,
    )),
  ];
}
