import { Naming } from '@secure-ml/shared';
import { CALLERS_OWNER, openingOutsideNetworks } from '@secure-ml/shared/catalogue';
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
export const OPENING_OUTSIDE_NETWORKS_DENY = 'DenyOpeningOutsideNetworks';
export const PASS_OUTSIDE_NOTEBOOK_DENY = 'DenyPassingNotebookRoleOutsideNotebook';
export const IDENTITY_PROVIDER_WRITES_DENY = 'DenyIdentityProviderWrites';
export const RESERVED_ROLE_WRITES_DENY = 'DenyReservedRoleWrites';
export const OWNERS_OUTSIDE_OWNER_ROLES_DENY = 'DenyOwnersOutsideOwnerRoles';
export const OWNER_ROLE_WRITES_DENY = 'DenyOwnerAndNotebookRoleTrusts';
/** The statements the SCP exempts the deployment roles from. */
export const DEPLOYMENT_ONLY = [
  NOTEBOOK_WRITES_DENY,
  OTHERS_NOTEBOOK_DENY,
  OWNER_TAG_WRITES_DENY,
  OWNER_ROLE_WRITES_DENY,
] as const;

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
 * provider only, never from a person choosing their own tags (AssumeRole, or AssumeRoleWithWebIdentity, whose
 * request carries no SAML key). Two ways pass, either enough:
 * - the role is one of IAM Identity Center's, on the path only Identity Center writes them to ("Using
 *   service-linked roles for IAM Identity Center",
 *   https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html; "IAM roles created
 *   by IAM Identity Center", https://docs.aws.amazon.com/singlesignon/latest/userguide/identity-center-and-iam-roles.html;
 *   pins.ts builds the pattern) (`NotResource`: sts:TagSession is authorized against the role,
 *   "Actions, resources, and condition keys for AWS Security Token Service",
 *   https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html). Its
 *   attributes for access control become session tags, but by a route of its own: AssumeRoleWithSAML "will not
 *   work on IAM Identity Center managed roles" ("AssumeRoleWithSAML",
 *   https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html), so no page says its request
 *   carries `saml:aud`, and an owner signing in through the portal must not be refused for its absence. Nobody but
 *   Identity Center makes a role there: DenyReservedRoleWrites;
 * - the request carries `saml:aud` (a key of sts:TagSession, same reference): an IAM SAML provider's
 *   AssumeRoleWithSAML. People write no identity provider (DenyIdentityProviderWrites), so the assertion is the
 *   platform's identity provider's, not one a person signs.
 * Nobody is exempt: the deployment sets no session tags. docs/runbook.md, "First deploy: what to confirm".
 */
const denyOwnerSessionTags = (pins: GuardrailPins): PolicyStatement => ({
  Sid: OWNER_SESSION_TAG_DENY,
  Effect: 'Deny',
  Action: 'sts:TagSession',
  NotResource: pins.identityCenterRoleArns,
  Condition: { ...ownerKeyInRequest, Null: { 'saml:aud': 'true' } },
});

/**
 * Whoever writes an identity provider signs the assertions that carry the owner session tag: a person with their
 * own SAML provider, and a role that trusts it, would sign in as any owner. Every write of IAM's SAML and OIDC
 * providers, by name (a pattern such as `iam:*SAMLProvider*` would take the reads too; test/condition-keys.test.ts
 * holds the list equal to the Service Authorization Reference's writes on `saml-provider` and `oidc-provider`).
 * Only Create and Tag carry aws:TagKeys, so the deny has no condition. Nobody is exempt, the deployment roles
 * included: who signs owners in is the identity team's decision, made where Identity Center is administered, and
 * a stolen deploy role is the last principal that should add a provider. IAM Identity Center writes its own
 * provider with its service-linked role: "SCPs do not affect any service-linked role" ("Service control policies
 * (SCPs)", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html). Changing an
 * IAM provider of this account under the SCP is a step of its own (docs/runbook.md, "First deploy: what to
 * confirm").
 */
export const IDENTITY_PROVIDER_WRITES = [
  'iam:CreateSAMLProvider',
  'iam:UpdateSAMLProvider',
  'iam:DeleteSAMLProvider',
  'iam:TagSAMLProvider',
  'iam:UntagSAMLProvider',
  'iam:CreateOpenIDConnectProvider',
  'iam:DeleteOpenIDConnectProvider',
  'iam:AddClientIDToOpenIDConnectProvider',
  'iam:RemoveClientIDFromOpenIDConnectProvider',
  'iam:UpdateOpenIDConnectProviderThumbprint',
  'iam:TagOpenIDConnectProvider',
  'iam:UntagOpenIDConnectProvider',
];

/**
 * The session-tag deny spares IAM Identity Center's path, so no one else may put a role there or change whom one
 * trusts: CreateRole and UpdateAssumeRolePolicy are authorized against the role (Service Authorization Reference,
 * IAM), whose ARN carries its path. IAM may refuse such a role anyway (Identity Center's roles are "only modifiable
 * by AWS", https://repost.aws/knowledge-center/identity-center-aws-reserved-sso), but no AWS page says a person
 * cannot create one, so the guardrail says it (docs/runbook.md, "First deploy: what to confirm"). Nobody is
 * exempt: Identity Center writes these roles with its service-linked role, which neither the IAM policy (attached
 * to people) nor an SCP restricts (DenyIdentityProviderWrites' page).
 */
const denyReservedRoleWrites = (pins: GuardrailPins): PolicyStatement => ({
  Sid: RESERVED_ROLE_WRITES_DENY,
  Effect: 'Deny',
  Action: ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy'],
  Resource: pins.reservedRoleArns,
});

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

/**
 * Opening a notebook from the configured networks only, by anyone: the notebook layer's owner access policy says
 * the same for the owners who hold it, but a person may open with other SageMaker rights (a second permission
 * set, AmazonSageMakerFullAccess) where that policy is not attached; the guardrail is. The condition is libs/shared's
 * (`openingOutsideNetworks`), the owner access policy's too; IAM-7 holds the two lists equal. Nobody is exempt: the
 * deployment opens no notebook.
 */
const denyOpeningOutsideNetworks = (pins: GuardrailPins): PolicyStatement =>
  deny(
    OPENING_OUTSIDE_NETWORKS_DENY,
    'sagemaker:CreatePresignedNotebookInstanceUrl',
    openingOutsideNetworks(pins.sourceCidrs, pins.sourceVpceIds),
  );

/**
 * An owner-tagged session uses a notebook only from the principals the platform controls: IAM Identity Center's
 * roles, the owner role path, and the notebook roles (tagged with their notebook's owner; each stops its own
 * notebook when idle, and only SageMaker may assume one: DenyOwnerAndNotebookRoleTrusts). The session-tag deny binds only the principals the guardrail is attached to (the
 * IAM policy) or the account's own (an SCP limits "principals in your member accounts", "Service control policies
 * (SCPs)", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html). A person who
 * may create roles could make one trust an account of their own, or an identity pool whose attributes for access
 * control map a claim they choose to `secure-ml:owner` ("Using attributes for access control with Amazon Cognito
 * identity pools", https://docs.aws.amazon.com/cognito/latest/developerguide/using-afac-with-cognito-identity-pools.html),
 * and tag that session as any owner from outside the SCP's reach; the session itself is the account's, so this deny
 * refuses it every notebook, by its own ARN (`aws:PrincipalArn`: the role's, path included, "AWS global condition
 * context keys", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
 * Untagged callers are left to DenyUsingOthersNotebook (`Null` false), which the SCP exempts the deployment from.
 * Nobody is exempt: the deployment carries no owner tag.
 */
const denyOwnersOutsideOwnerRoles = (pins: GuardrailPins): PolicyStatement => ({
  Sid: OWNERS_OUTSIDE_OWNER_ROLES_DENY,
  Effect: 'Deny',
  Action: OWNER_USE_ACTIONS,
  Resource: [pins.notebookRoleArns, pins.notebookArns],
  Condition: {
    Null: { [`aws:PrincipalTag/${OWNER}`]: 'false' },
    ArnNotLike: {
      'aws:PrincipalArn': [pins.identityCenterRoleArns, pins.ownerRoleArns, pins.notebookRoleArns],
    },
  },
});

/**
 * Whom the owner roles and the notebook roles trust is the deployment's to say: a person who re-trusted another
 * owner's role (`iam:UpdateAssumeRolePolicy`, authorized against the role, Service Authorization Reference, IAM)
 * would assume it and be that owner with no tag forged, and one who re-trusted a notebook's execution role would
 * read that notebook's data directly; one who created a role under the owner path would be an owner principal.
 * The SCP exempts the deployment roles, which create and update these roles.
 */
const denyOwnerAndNotebookRoleTrusts = (pins: GuardrailPins): PolicyStatement => ({
  Sid: OWNER_ROLE_WRITES_DENY,
  Effect: 'Deny',
  Action: ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy'],
  Resource: [pins.ownerRoleArns, pins.notebookRoleArns],
});

/**
 * Every rule for people, by name: documents.ts packs them into the managed policies and the SCP documents. The
 * deployment-only ones (DEPLOYMENT_ONLY) are those the SCP exempts the deployment roles from; nobody is exempt from
 * the others.
 */
export const peopleStatements = (pins: GuardrailPins) =>
  ({
    notebookWrites: deny(NOTEBOOK_WRITES_DENY, NOTEBOOK_WRITE_ACTIONS),
    othersNotebook: denyUsingOthersNotebook(pins),
    ownerTagWrites: denyOwnerTagWrites(),
    ownerSessionTags: denyOwnerSessionTags(pins),
    passOutsideNotebook: denyPassingOutsideNotebook(pins),
    identityProviderWrites: deny(IDENTITY_PROVIDER_WRITES_DENY, IDENTITY_PROVIDER_WRITES),
    reservedRoleWrites: denyReservedRoleWrites(pins),
    openingOutsideNetworks: denyOpeningOutsideNetworks(pins),
    ownersOutsideOwnerRoles: denyOwnersOutsideOwnerRoles(pins),
    ownerAndNotebookRoleTrusts: denyOwnerAndNotebookRoleTrusts(pins),
  }) satisfies Record<string, PolicyStatement>;
