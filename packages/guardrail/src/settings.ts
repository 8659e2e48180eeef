import { setting, type SettingsOf } from '@secure-ml/shared';
import { REVIEWED_NOTEBOOK_INSTANCE_TYPES } from '@secure-ml/shared/catalogue';

/** A SageMaker ML instance type, written out (`ml.t3.medium`): no wildcard, which StringNotEquals would not expand. */
export const INSTANCE_TYPE = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;

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
    { pattern: INSTANCE_TYPE, allowed: 'SageMaker instance types written out (ml.t3.medium), no wildcards' },
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
