import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  ListRolePoliciesCommand,
  type Role,
} from '@aws-sdk/client-iam';
import type { DeployedPolicy } from '../access-analyzer';

// IAM returns policy documents URL-encoded (RFC 3986) in GetRole, GetRolePolicy and GetPolicyVersion
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html).
const decode = (document: string | undefined, what: string): string => {
  if (!document) throw new Error(`IAM returned no document for ${what}`);
  return decodeURIComponent(document);
};

export const roleNameOf = (roleArn: string): string => roleArn.slice(roleArn.lastIndexOf('/') + 1);

export async function getRole(iam: IAMClient, roleArn: string): Promise<Role> {
  const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: roleNameOf(roleArn) }));
  if (!role) throw new Error(`IAM returned no role for ${roleArn}`);
  return role;
}

export const trustPolicyOf = (role: Role): string =>
  decode(role.AssumeRolePolicyDocument, `${role.RoleName} trust`);

/** Every inline policy of a role, by name. */
export async function inlinePoliciesOf(iam: IAMClient, roleName: string): Promise<[string, string][]> {
  const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
  return Promise.all(
    PolicyNames.map(async (name): Promise<[string, string]> => {
      const { PolicyDocument } = await iam.send(
        new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }),
      );
      return [name, decode(PolicyDocument, `${roleName}/${name}`)];
    }),
  );
}

/** The default version of a managed policy: the document IAM enforces. */
export async function managedPolicyDocument(iam: IAMClient, policyArn: string): Promise<string> {
  const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }));
  const { PolicyVersion } = await iam.send(
    new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: Policy?.DefaultVersionId }),
  );
  return decode(PolicyVersion?.Document, policyArn);
}

/** A role's trust policy and inline policies as IAM holds them now, for Access Analyzer. */
export async function rolePolicyDocuments(iam: IAMClient, roleArn: string): Promise<DeployedPolicy[]> {
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
}
