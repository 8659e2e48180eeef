import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { defineLayer } from '@secure-ml/shared';
import {
  guardrailPolicy,
  guardrailScps,
  jobGuardrailPolicy,
  renderScp,
  type GuardrailPart,
} from './policies/documents';
import { pinsOf } from './pins';
import { guardrailSettings } from './settings';

/**
 * The guardrail for everyone but the notebook layer's deployment, pinned to this environment: as IAM managed
 * policies that each account attaches to its people (the notebook guardrail and the job guardrail), and as the same
 * rules in three service control policy documents for the organization's management account
 * (packages/guardrail/README.md). This layer attaches none of them: who creates notebooks, and which
 * organizational unit the account sits in, are not its decisions. IAM-7 (docs/CONTROLS.md) holds all of them to
 * every pin.
 */
export = defineLayer('guardrail', guardrailSettings, async (ctx, settings) => {
  if (settings.deploymentRoleArns.length === 0)
    void pulumi.log.warn(
      `secure-ml-guardrail:deploymentRoleArns is empty: the guardrail SCP exempts nobody, so attaching it would stop the notebook layer's deploy (it writes the notebooks, their lifecycle configurations, and passes their roles). Fix before attaching the SCP: pulumi config set --path 'secure-ml-guardrail:deploymentRoleArns[0]' <deploy role ARN> --stack ${ctx.stack} --cwd packages/guardrail`,
    );
  const [security, network] = await Promise.all([ctx.reference('security'), ctx.reference('network')]);
  // Every document is built, and each SCP's size checked, before anything is registered.
  const pins = await pinsOf(ctx, security, network, settings);
  const scps = guardrailScps(pins, settings.deploymentRoleArns);
  const scp = (part: GuardrailPart) => renderScp(scps[part], part);
  const [guardrailScp, guardrailScpPeople, guardrailScpJobs] = [scp('notebooks'), scp('people'), scp('jobs')];

  const policy = new aws.iam.Policy(
    'notebook-guardrail',
    {
      // The name it had in the security layer, so that Identity Center permission sets that reference it by name
      // and path keep working (docs/runbook.md, "Moving the guardrail to its own layer").
      name: ctx.naming.name('notebook-guardrail'),
      path: ctx.naming.iamPath,
      // Unchanged since issue 13 on purpose: a new description replaces an IAM policy, and this one has a fixed name.
      description: `${ctx.naming.stem}: notebooks only in this environment's subnets, group, key and lifecycle configuration, without internet or root, IMDSv2`,
      policy: JSON.stringify(guardrailPolicy(pins)),
    },
    { provider: ctx.provider },
  );
  // The job pins in a managed policy of their own: with the notebook pins they would pass IAM's 6,144 characters.
  const jobPolicy = new aws.iam.Policy(
    'job-guardrail',
    {
      name: ctx.naming.name('job-guardrail'),
      path: ctx.naming.iamPath,
      description: `${ctx.naming.stem}: SageMaker jobs only in this environment's subnets and job group, with its data key, inter-container encryption and network isolation`,
      policy: JSON.stringify(jobGuardrailPolicy(pins)),
    },
    { provider: ctx.provider },
  );

  return {
    guardrailPolicyArn: policy.arn,
    guardrailPolicyName: policy.name,
    jobGuardrailPolicyArn: jobPolicy.arn,
    jobGuardrailPolicyName: jobPolicy.name,
    guardrailScp,
    guardrailScpPeople,
    guardrailScpJobs,
  };
});
