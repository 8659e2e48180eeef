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
export const OTHERS_NOTEBOOK_DENY = 'DenyUsingOthersNotebook';
export const OWNER_TAG_WRITES_DENY = 'DenyOwnerTagWrites';
export const OWNER_SESSION_TAG_DENY = 'DenyOwnerSessionTags';
export const PASS_OUTSIDE_NOTEBOOK_DENY = 'DenyPassingNotebookRoleOutsideNotebook';
/** The statements the SCP exempts the deployment roles from. */
export const DEPLOYMENT_ONLY = [NOTEBOOK_WRITES_DENY, OTHERS_NOTEBOOK_DENY, OWNER_TAG_WRITES_DENY] as const;

/**
 * Create, update and delete of notebook instances and of lifecycle configurations, in three patterns that match
 * those six actions and no other of the Service Authorization Reference (`CreatePresignedNotebookInstanceUrl`
 * starts otherwise; test/condition-keys.test.ts expands them): 140 characters fewer in the SCP than the six names.
 */
export const NOTEBOOK_WRITE_ACTIONS = [`${CREATE}*`, `${UPDATE}*`, 'sagemaker:DeleteNotebookInstance*'];

/**
 * What a notebook's owner does with it (the notebook layer's owner access grants these on their own notebook).
 * Describing is among them: DescribeNotebookInstance returns the notebook's role, subnet, groups and lifecycle
 * configuration ("DescribeNotebookInstance", https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html),
 * another owner's business; the notebook-instance resource carries aws:ResourceTag for it (Service Authorization
 * Reference, Amazon SageMaker).
 */
export const OWNER_USE_ACTIONS = [
  'iam:PassRole',
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
];

const OWNER = Naming.OWNER_TAG;

/**
 * The caller's owner tag, or a value no tag can hold when the caller has none: parentheses are not among the
 * characters of IAM or SageMaker tag values ("Tagging IAM resources", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html;
 * "Tag", https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Tag.html). A variable AWS cannot resolve
 * can void the statement that holds it, and a void deny denies nothing; a default value resolves it ("IAM policy
 * elements: Variables and tags", section "Specifying default values",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-default-values).
 * One statement then refuses both the other owner and the untagged caller, which saves the SCP a statement and
 * an exemption list.
 */
export const CALLERS_OWNER = `\${aws:PrincipalTag/${OWNER}, '(none)'}`;

/**
 * A person uses (passes the role of, opens, starts, stops) only their own notebook: the notebook's owner tag, and
 * its role's, must equal the caller's own. StartNotebookInstance checks iam:PassRole of the notebook's role
 * against the caller ("Amazon SageMaker AI API Permissions: Actions, Permissions, and Resources Reference",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html), so the owner needs it for their
 * own; any other pass (another owner's role to a training job, which then reads that owner's prefix) is denied.
 *
 * Two keys, ANDed, one per resource type: the role's tag is `iam:ResourceTag` ("Actions, resources, and condition
 * keys for AWS Identity and Access Management",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html),
 * the notebook's `aws:ResourceTag` ("Actions, resources, and condition keys for Amazon SageMaker",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html). A request about
 * one resource type carries no key of the other, and a negated operator on an absent key holds, so each request is
 * judged by its own resource's tag; a resource without the tag is refused too (absent key). StringNotEquals is
 * case-sensitive: owners are lowercase in config, and the identity source must send them in lowercase.
 */
const denyUsingOthersNotebook = (pins: GuardrailPins): PolicyStatement => ({
  Sid: OTHERS_NOTEBOOK_DENY,
  Effect: 'Deny',
  Action: OWNER_USE_ACTIONS,
  Resource: [pins.notebookRoleArns, pins.notebookArns],
  Condition: {
    StringNotEquals: {
      [`iam:ResourceTag/${OWNER}`]: CALLERS_OWNER,
      [`aws:ResourceTag/${OWNER}`]: CALLERS_OWNER,
    },
  },
});

/**
 * The owner tag decides who may use a notebook and pass its role, so writing it is granting access: only the
 * deployment writes it (SageMaker's AddTags and DeleteTags; IAM's Tag* and Untag*, and CreateRole and CreateUser
 * with tags, on roles and users, whose tags are their principal tags). The key is matched in any case
 * (`ForAnyValue:StringEqualsIgnoreCase` on `aws:TagKeys`, "AWS global condition context keys",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tagkeys):
 * IAM tag keys are case-insensitive, so `Secure-ML:Owner` is the same tag.
 */
const ownerKeyInRequest = { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': [OWNER] } };
const denyOwnerTagWrites = (): PolicyStatement =>
  deny(
    OWNER_TAG_WRITES_DENY,
    [
      'iam:Tag*',
      'iam:Untag*',
      'iam:CreateRole',
      'iam:CreateUser',
      'sagemaker:AddTags',
      'sagemaker:DeleteTags',
    ],
    ownerKeyInRequest,
  );

/**
 * A session tag of the owner key overrides the tag of the role it is set on ("Pass session tags in AWS STS",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html), so a session gets it from the identity
 * provider only: sts:TagSession of AssumeRole (a person choosing their own tags) is refused; the request of
 * AssumeRoleWithSAML, which IAM Identity Center's attributes for access control and an IAM SAML provider make,
 * carries `saml:aud` (a key of sts:TagSession in "Actions, resources, and condition keys for AWS Security Token
 * Service", https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html)
 * and passes. An OIDC provider's session tags (AssumeRoleWithWebIdentity) carry no such key: docs/runbook.md,
 * "First deploy: what to confirm". Nobody is exempt: the deployment sets no session tags.
 */
const denyOwnerSessionTags = (): PolicyStatement =>
  deny(OWNER_SESSION_TAG_DENY, 'sts:TagSession', { ...ownerKeyInRequest, Null: { 'saml:aud': 'true' } });

/**
 * A notebook's execution role goes to its notebook instance only, not to a training or processing job a person
 * starts with it outside the notebook's controls: `iam:AssociatedResourceArn` names the resource the role is
 * passed for ("IAM and AWS STS condition context keys", iam:AssociatedResourceArn,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_associatedresourcearn;
 * the Service Authorization Reference lists it for iam:PassRole). Not every service sends it, and no AWS page says
 * SageMaker does for notebook instances, so the deny holds only when the request carries the key (`Null` false,
 * beside the negated test that alone would hold on an absent key): when SageMaker sends it, only a notebook
 * instance passes; when it does not, the deny is silent and no owner is locked out of starting their notebook
 * (docs/runbook.md, "First deploy: what to confirm"). The job roles (`sml-<env>-job-*`) are not notebook execution
 * roles, so the notebook still passes its job role to its jobs. Nobody is exempt: the deployment passes the
 * notebook roles to notebook instances only.
 */
const denyPassingOutsideNotebook = (pins: GuardrailPins): PolicyStatement => ({
  Sid: PASS_OUTSIDE_NOTEBOOK_DENY,
  Effect: 'Deny',
  Action: 'iam:PassRole',
  Resource: pins.notebookExecutionRoleArns,
  Condition: {
    ArnNotLike: { 'iam:AssociatedResourceArn': pins.notebookArns },
    Null: { 'iam:AssociatedResourceArn': 'false' },
  },
});

export function peopleDenies(pins: GuardrailPins): PolicyStatement[] {
  return [
    deny(NOTEBOOK_WRITES_DENY, NOTEBOOK_WRITE_ACTIONS),
    denyUsingOthersNotebook(pins),
    denyOwnerTagWrites(),
    denyOwnerSessionTags(),
    denyPassingOutsideNotebook(pins),
  ];
}
