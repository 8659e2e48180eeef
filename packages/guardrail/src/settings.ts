import { setting, sourceCidrsSetting, type SettingsOf } from '@secure-ml/shared';
import { NOTEBOOK_INSTANCE_TYPES, REVIEWED_NOTEBOOK_INSTANCE_TYPES } from '@secure-ml/shared/catalogue';

/**
 * An instance type AWS offers for notebook instances, written out (`ml.t3.medium`): the catalogue the notebook
 * layer checks its types against (libs/shared/src/catalogue/notebook-instance-types.ts, from the API model's enum).
 * No wildcard, which StringNotEquals would not expand; no name AWS does not offer, which would pin nothing and, at
 * the setting's 40, would take the room the guardrail's documents are sized for (test/guardrail.test.ts).
 */
export const INSTANCE_TYPE = new RegExp(
  `^(${NOTEBOOK_INSTANCE_TYPES.map((t) => t.replace(/\./g, '\\.')).join('|')})$`,
);

/**
 * An IAM role ARN without wildcards (`arn:<partition>:iam::<12 digits>:role/<path/>name`). A wildcard would
 * exempt every role whose name matches from the SCP, so it is refused; names follow IAM's character set.
 */
export const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** Settings of the `secure-ml-guardrail:` namespace. */
export const guardrailSettings = {
  /**
   * Instance types a notebook creator under the guardrail may choose (`sagemaker:InstanceTypes`, on create and
   * update). Changing it rewrites the guardrail policy and the SCP document in place; no notebook is touched.
   * @default the reviewed list of libs/shared/src/catalogue/notebook-instance-types.ts, which the notebook layer's
   * allowedInstanceTypes also defaults to (all 189 types AWS offers would not fit the SCP's 5,120 characters)
   */
  instanceTypes: setting.list(
    {
      pattern: INSTANCE_TYPE,
      allowed:
        'instance types AWS offers for notebook instances, written out (ml.t3.medium; libs/shared/src/catalogue/notebook-instance-types.ts), no wildcards',
    },
    {
      example: '["ml.t3.medium","ml.m5.xlarge"]',
      default: [...REVIEWED_NOTEBOOK_INSTANCE_TYPES],
      maxItems: 40,
      description:
        'Instance types a notebook creator under the guardrail may choose (sagemaker:InstanceTypes, on create and update); default: the reviewed list the notebook layer also allows by default.',
      onChange: 'rewrites the guardrail policy and the SCP document in place; no notebook is touched',
    },
  ),
  /**
   * Roles the service control policy exempts, through `aws:PrincipalArn`, from its denies of writing notebooks and
   * lifecycle configurations and of passing notebook roles: the roles the notebook layer's deployments run as (the
   * pipeline's deploy role of this environment, the administrator of the first deploy). They stay under every
   * pin, which the notebook layer satisfies.
   * Changing it rewrites the SCP document (the management account must attach the new one); the IAM guardrail
   * policy does not use it.
   * @default [] (the SCP exempts nobody: attaching it then stops the notebook layer's deploy, which manages the
   * notebooks; the program warns)
   */
  deploymentRoleArns: setting.list(
    {
      pattern: ROLE_ARN,
      allowed: 'IAM role ARNs without wildcards (arn:aws:iam::111122223333:role/sml-github-deploy-prod)',
    },
    {
      example: '["arn:aws:iam::111122223333:role/sml-github-deploy-prod"]',
      default: [],
      maxItems: 10,
      description:
        "Roles the SCP exempts, by aws:PrincipalArn, from its denies of writing notebooks and lifecycle configurations and of passing notebook roles (the roles the notebook layer's deployments run as); they stay under every pin; unset, the SCP exempts nobody and attaching it stops the notebook deploy.",
      onChange:
        'rewrites the SCP document (the management account attaches the new one); the IAM policy is unchanged',
    },
  ),
  /**
   * The public networks anyone under the guardrail may open a notebook from over the internet (`aws:SourceIp` of
   * CreatePresignedNotebookInstanceUrl); from inside the network, the network layer's notebook endpoints. The same
   * list as secure-ml-notebook:ownerSourceCidrs, which the owner access policy names: IAM-7 holds the two equal, so
   * a person with SageMaker rights beside (or instead of) the owner access policy opens from nowhere else.
   * @default [] (nobody under the guardrail opens over the internet; with no notebook endpoint either, nobody opens
   * at all, and the program warns). Changing it rewrites the job guardrail policy and the SCP job document in place.
   */
  ownerSourceCidrs: sourceCidrsSetting(
    'Public networks (IPv4 CIDRs) anyone under the guardrail may open a notebook from over the internet (aws:SourceIp); the same list as secure-ml-notebook:ownerSourceCidrs. Unset: nobody opens over the internet.',
    'rewrites the job guardrail policy and the SCP job document in place',
  ),
  /**
   * Every SageMaker job anyone under the guardrail starts (the notebook roles too, under the SCP) must run with
   * network isolation, as the notebook layer's secure-ml-notebook:jobNetworkIsolation requires of its own jobs.
   * Changing it rewrites the job guardrail policy and the SCP's job document in place.
   * @default true. false only beside secure-ml-notebook:jobNetworkIsolation false (the guardrail would otherwise
   * refuse the notebooks' jobs that the notebook layer lets run without isolation)
   */
  jobNetworkIsolation: setting.boolean({
    default: true,
    description:
      'Every SageMaker job started under the guardrail (and, through the SCP, by the notebook roles) must run with network isolation (default); set false only together with secure-ml-notebook:jobNetworkIsolation false.',
    onChange: 'rewrites the job guardrail policy and the SCP job document in place',
  }),
} as const;

export type GuardrailSettings = SettingsOf<typeof guardrailSettings>;
