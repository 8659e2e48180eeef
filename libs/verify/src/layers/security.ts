import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { type DeployedPolicy, validatePolicies } from '../access-analyzer';
import { notebookRoleCases } from '../cases/notebook-role';
import { type Check, expectThat, skip } from '../check';
import { caseFacts, outputsOf, type VerifyContext } from '../context';
import { simulateInAws } from '../simulator';
import { getRole, inlinePoliciesOf, managedPolicyDocument, trustPolicyOf } from './iam-documents';

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
  const rolePolicies = async (roleArn: string): Promise<DeployedPolicy[]> => {
    const role = await getRole(iam, roleArn);
    const inline = await inlinePoliciesOf(iam, role.RoleName ?? '');
    return [
      {
        label: `trust policy of ${role.RoleName}`,
        document: trustPolicyOf(role),
        type: 'RESOURCE_POLICY',
        resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      },
      ...inline.map(([name, document]): DeployedPolicy => ({
        label: `inline policy ${name} of ${role.RoleName}`,
        document,
        type: 'IDENTITY_POLICY',
      })),
    ];
  };
  const managed = async (label: string, arn: string): Promise<DeployedPolicy> => ({
    label,
    document: await managedPolicyDocument(iam, arn),
    type: 'IDENTITY_POLICY',
  });
  return [
    await keyPolicy('data', out.dataKeyArn),
    await keyPolicy('logs', out.logsKeyArn),
    ...(await rolePolicies(out.notebookRoleArn)),
    ...(await rolePolicies(out.trailDeliveryRoleArn)),
    ...(await rolePolicies(out.flowLogsRoleArn)),
    await managed('notebook permissions boundary', out.notebookBoundaryArn),
  ];
}

/** The shared access cases, decided by IAM's simulator with the deployed role and boundary (the guardrail is verified by its own layer). */
async function accessChecks(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'security');
  const { iam } = ctx.clients;
  const policies = {
    notebookRoleArn: out.notebookRoleArn,
    notebookBoundary: await managedPolicyDocument(iam, out.notebookBoundaryArn),
  };
  const results = [];
  // One at a time: the simulator is rate limited per account, and the cases are few.
  for (const c of notebookRoleCases(caseFacts(ctx))) results.push(await simulateInAws(iam, c, policies));
  return results.map(({ case: c, aws, note }) => {
    const title = `notebook role ${c.name}`;
    if (!aws) return skip('access', title, note ?? '');
    return expectThat(aws === c.expected, 'access', title, `offline ${c.expected}, AWS ${aws}`);
  });
}

export async function verifySecurity(ctx: VerifyContext): Promise<Check[]> {
  const out = outputsOf(ctx, 'security');
  const role = await getRole(ctx.clients.iam, out.notebookRoleArn);
  const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
  return [
    ...(await keyChecks(ctx, 'data', out.dataKeyArn)),
    ...(await keyChecks(ctx, 'logs', out.logsKeyArn)),
    expectThat(
      boundary === out.notebookBoundaryArn,
      'IAM-6',
      'the notebook role carries its permissions boundary',
      `PermissionsBoundaryArn ${boundary ?? 'none'}`,
    ),
    ...(await validatePolicies(ctx.clients.accessAnalyzer, 'access-analyzer', await deployedPolicies(ctx))),
    ...(await accessChecks(ctx)),
  ];
}
