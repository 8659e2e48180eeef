import { Naming } from '@secure-ml/shared';
import { CREATE, deny, UPDATE, type GuardrailPins, type PolicyStatement } from './rules';

/**
 * What no person may do, only the notebook layer's deployment (IAM-7's rules for people, docs/CONTROLS.md): the
 * denies the SCP exempts the deployment roles from (by `aws:PrincipalArn`), and the IAM policy, attached to people,
 * exempts nobody from.
 *
 * Notebooks are configuration (`secure-ml-notebook:notebooks`): the notebook layer creates, changes and deletes
 * them, each with its own role and lifecycle configuration. A person who could call UpdateNotebookInstance could
 * swap another notebook's role or lifecycle configuration in (RoleArn, LifecycleConfigName) or drop the
 * configuration and its auto-stop (DisassociateLifecycleConfig, which no condition key reports), so the pins of
 * rules.ts cannot make an update by a person safe: people get none ("UpdateNotebookInstance",
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateNotebookInstance.html). The same holds for
 * the lifecycle scripts, which run as root on every start.
 */
export const NOTEBOOK_WRITES_DENY = 'DenyNotebookWrites';
export const PASS_OTHERS_ROLE_DENY = 'DenyPassingOthersNotebookRole';
export const PASS_UNTAGGED_DENY = 'DenyPassingNotebookRoleUntagged';
export const OWNER_TAG_WRITES_DENY = 'DenyOwnerTagWrites';
export const OWNER_SESSION_TAG_DENY = 'DenyOwnerSessionTags';
/** The statements the SCP exempts the deployment roles from. */
export const DEPLOYMENT_ONLY = [
  NOTEBOOK_WRITES_DENY,
  PASS_OTHERS_ROLE_DENY,
  PASS_UNTAGGED_DENY,
  OWNER_TAG_WRITES_DENY,
] as const;

/**
 * Create, update and delete of notebook instances and of lifecycle configurations, in three patterns that match
 * those six actions and no other of the Service Authorization Reference (`CreatePresignedNotebookInstanceUrl`
 * starts otherwise; test/condition-keys.test.ts expands them): 140 characters fewer in the SCP than the six names.
 */
export const NOTEBOOK_WRITE_ACTIONS = [`${CREATE}*`, `${UPDATE}*`, 'sagemaker:DeleteNotebookInstance*'];

const OWNER = Naming.OWNER_TAG;

/**
 * A person may pass a notebook role only if it is the role of their own notebook: StartNotebookInstance checks
 * iam:PassRole of the notebook's role against the caller ("Amazon SageMaker AI API Permissions: Actions,
 * Permissions, and Resources Reference", https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html),
 * so the owner needs it for their own. Any other pass (another owner's role to a training job, which then reads
 * that owner's prefix) is denied. The role carries its owner as a tag, which iam:PassRole can read
 * (`iam:ResourceTag/${TagKey}` of the role resource, "Actions, resources, and condition keys for AWS Identity and
 * Access Management", https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html),
 * matched against the caller's own owner tag with StringNotEquals: a role without the tag is denied too.
 *
 * A caller without the principal tag gets the second deny: a policy variable AWS cannot resolve can invalidate the
 * statement that holds it ("IAM policy elements: Variables and tags",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html), and an invalid deny
 * denies nothing.
 */

/**
 * The owner tag decides who may open a notebook and pass its role, so writing it is granting access: only the
 * deployment tags notebooks and roles with it (on SageMaker resources with AddTags and DeleteTags, on IAM roles and
 * users, whose tags are their principal tags, with iam:Tag* and iam:Untag*), matched by the key in the request
 * (`aws:TagKeys`, "Controlling access during AWS requests" / "AWS global condition context keys",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tagkeys).
 * CreateNotebookInstance and CreateRole with tags are writes the notebook-write deny and the security layer's
 * delegation already keep to the deployment.
 */
const denyOwnerTagWrites = (): PolicyStatement =>
  deny(OWNER_TAG_WRITES_DENY, ['sagemaker:AddTags', 'sagemaker:DeleteTags', 'iam:Tag*', 'iam:Untag*'], {
    'ForAnyValue:StringEquals': { 'aws:TagKeys': [OWNER] },
  });

/**
 * A session tag of the owner key would override the tag of the role it is set on ("Pass session tags in AWS STS",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html), so only the identity provider path sets
 * it: SAML federation (IAM Identity Center's attributes for access control, or an IAM SAML provider), whose
 * requests carry `saml:aud` (a key of sts:TagSession in the Service Authorization Reference, "Actions, resources,
 * and condition keys for AWS Security Token Service",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html). AssumeRole
 * and AssumeRoleWithWebIdentity with the key are denied.
 */
const denyOwnerSessionTags = (): PolicyStatement =>
  deny(OWNER_SESSION_TAG_DENY, 'sts:TagSession', {
    'ForAnyValue:StringEquals': { 'aws:TagKeys': [OWNER] },
    Null: { 'saml:aud': 'true' },
  });

export function peopleDenies(pins: GuardrailPins): PolicyStatement[] {
  const passNotebookRole = (Sid: string, Condition: PolicyStatement['Condition']): PolicyStatement => ({
    Sid,
    Effect: 'Deny',
    Action: 'iam:PassRole',
    Resource: pins.notebookRoleArns,
    Condition,
  });
  return [
    deny(NOTEBOOK_WRITES_DENY, NOTEBOOK_WRITE_ACTIONS),
    passNotebookRole(PASS_OTHERS_ROLE_DENY, {
      StringNotEquals: { [`iam:ResourceTag/${OWNER}`]: `\${aws:PrincipalTag/${OWNER}}` },
    }),
    passNotebookRole(PASS_UNTAGGED_DENY, { Null: { [`aws:PrincipalTag/${OWNER}`]: 'true' } }),
    denyOwnerTagWrites(),
    denyOwnerSessionTags(),
  ];
}
