import type * as aws from '@pulumi/aws';
import { Naming, MANAGED_POLICY_MAX_CHARACTERS, SecureMlError } from '@secure-ml/shared';
import { CALLERS_OWNER, openingOutsideNetworks } from '@secure-ml/shared/catalogue';

type PolicyDocument = aws.iam.PolicyDocument;
type PolicyStatement = aws.iam.PolicyStatement;

/** What the owner access policy is built from: plain values, so that the document is a pure function. */
export interface OwnerAccessEnv {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly naming: Naming;
  /** The network layer's private subnets and notebook group: where StartNotebookInstance puts the interface. */
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  /** Public networks owners may open Jupyter from, over the internet (`aws:SourceIp`). */
  readonly sourceCidrs: readonly string[];
  /**
   * The interface endpoints a request from inside the network comes through (`aws:SourceVpce`): the `notebook`
   * endpoint and the `sagemaker.api` endpoint, when the `notebook` endpoint is enabled; else none.
   */
  readonly sourceVpceIds: readonly string[];
}

const OWNER = Naming.OWNER_TAG;

/** What an owner does with their notebook, and nothing else. */
export const OWNER_NOTEBOOK_ACTIONS = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
] as const;

/**
 * What the owner of a notebook may do with it, for every owner at once (attribute-based: docs/DESIGN.md, "Who may
 * use a notebook"; NB-10 judges it): describe, start, stop and open the notebooks whose `secure-ml:owner` tag equals the caller's own
 * `secure-ml:owner` principal tag, pass that notebook's role to SageMaker for that notebook (StartNotebookInstance
 * checks iam:PassRole, the network interface and describe actions of its caller: "Amazon SageMaker AI API
 * Permissions: Actions, Permissions, and Resources Reference",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html; the data key's grant is the
 * security layer's `notebook-caller-key` policy), and open only from the configured networks.
 *
 * The allow is matched with StringEquals, never IfExists, and a deny beside it refuses every other notebook even
 * when another policy of the caller allows it (AmazonSageMakerFullAccess, say): a notebook without the tag, or a
 * caller without it, never matches. The notebook's tag is aws:ResourceTag, which the notebook-instance resource
 * supports ("Actions, resources, and condition keys for Amazon SageMaker",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html), the role's
 * iam:ResourceTag (the role resource of IAM's page, as in the guardrail). NB-11 (docs/CONTROLS.md) holds the policy
 * to all of this: the owner conditions, the deny of other notebooks, exactly the configured networks.
 */
export function ownerAccessPolicy(env: OwnerAccessEnv): PolicyDocument {
  const { partition, region, accountId } = env;
  const ec2 = (rest: string) => `arn:${partition}:ec2:${region}:${accountId}:${rest}`;
  const notebooks = env.naming.notebookArn('*', partition, region, accountId);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnNotebookOnly',
        Effect: 'Allow',
        Action: [...OWNER_NOTEBOOK_ACTIONS],
        Resource: notebooks,
        Condition: { StringEquals: { [`aws:ResourceTag/${OWNER}`]: CALLERS_OWNER } },
      },
      {
        Sid: 'NoOtherNotebook',
        Effect: 'Deny',
        Action: [...OWNER_NOTEBOOK_ACTIONS],
        Resource: `arn:${partition}:sagemaker:*:${accountId}:notebook-instance/*`,
        Condition: { StringNotEquals: { [`aws:ResourceTag/${OWNER}`]: CALLERS_OWNER } },
      },
      {
        // The notebook execution roles by name (not the job roles of the same path), to a notebook instance only
        // (iam:AssociatedResourceArn, "IAM and AWS STS condition context keys",
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_associatedresourcearn;
        // IfExists: no AWS page says SageMaker sends it for a notebook, docs/runbook.md "First deploy: what to confirm").
        Sid: 'PassOwnNotebookRoleToStart',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: env.naming.notebookRoleArn('*', partition, accountId),
        Condition: {
          StringEquals: {
            'iam:PassedToService': 'sagemaker.amazonaws.com',
            [`iam:ResourceTag/${OWNER}`]: CALLERS_OWNER,
          },
          ArnLikeIfExists: { 'iam:AssociatedResourceArn': notebooks },
        },
      },
      {
        // StartNotebookInstance puts the notebook's interface in its subnet with its group: only ours.
        Sid: 'NotebookInterfaceForStart',
        Effect: 'Allow',
        Action: 'ec2:CreateNetworkInterface',
        Resource: [
          ...env.subnetIds.map((id) => ec2(`subnet/${id}`)),
          ec2(`security-group/${env.securityGroupId}`),
          ec2('network-interface/*'),
        ],
      },
      {
        // Describe actions support no resource-level permissions ("Actions, resources, and condition keys for
        // Amazon EC2", https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
        Sid: 'DescribeNetworkForStart',
        Effect: 'Allow',
        Action: [
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcs',
        ],
        Resource: '*',
      },
      openFromConfiguredNetworksOnly(env),
    ],
  };
}

/**
 * Opening only from the configured networks (the condition is libs/shared's, the guardrail's too): `sourceCidrs`
 * over the internet, the `notebook` and `sagemaker.api` endpoints from inside; without either, from nowhere.
 */
function openFromConfiguredNetworksOnly(env: OwnerAccessEnv): PolicyStatement {
  const condition = openingOutsideNetworks(env.sourceCidrs, env.sourceVpceIds);
  return {
    Sid: 'OpenFromConfiguredNetworksOnly',
    Effect: 'Deny',
    Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    Resource: '*',
    ...(condition ? { Condition: condition } : {}),
  };
}

/** The document as IAM stores it: minified, refused here when over the managed-policy limit rather than at upload. */
export function renderOwnerAccess(document: PolicyDocument): string {
  const text = JSON.stringify(document);
  if (text.length > MANAGED_POLICY_MAX_CHARACTERS)
    throw new SecureMlError(
      `The owner access policy is ${text.length} characters, over the ${MANAGED_POLICY_MAX_CHARACTERS} of an IAM managed policy. Fix: shorten secure-ml-notebook:ownerSourceCidrs (pulumi config set --path ... in packages/notebook)`,
    );
  return text;
}
