import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { defineLayer } from '@secure-ml/shared';
import {
  guardrailPolicy,
  guardrailScps,
  jobGuardrailPolicy,
  renderPolicy,
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
  if (pins.sourceCidrs.length === 0 && pins.sourceVpceIds.length === 0)
    void pulumi.log.warn(
      `Nobody under the guardrail can open a notebook: secure-ml-guardrail:ownerSourceCidrs is empty and the network has no notebook endpoint. Fix: pulumi config set --path 'secure-ml-guardrail:ownerSourceCidrs[0]' <your public egress CIDR> --stack ${ctx.stack} --cwd packages/guardrail (the same list as secure-ml-notebook:ownerSourceCidrs), or add notebook to secure-ml-network:interfaceEndpoints`,
    );
  const scps = guardrailScps(pins, settings.deploymentRoleArns);
  const scp = (part: GuardrailPart) => renderScp(scps[part], part);
  const [guardrailScp, guardrailScpPeople, guardrailScpJobs] = [scp('notebooks'), scp('people'), scp('jobs')];
  const guardrailDocument = renderPolicy(
    guardrailPolicy(pins),
    'notebookGuardrail',
    ctx.naming.name('notebook-guardrail'),
  );
  const jobGuardrailDocument = renderPolicy(
    jobGuardrailPolicy(pins),
    'jobGuardrail',
    ctx.naming.name('job-guardrail'),
  );

  const policy = new aws.iam.Policy(
    'notebook-guardrail',
    {
      // The name it had in the security layer, so that Identity Center permission sets that reference it by name
      // and path keep working (docs/runbook.md, "Moving the guardrail to its own layer").
      name: ctx.naming.name('notebook-guardrail'),
      path: ctx.naming.iamPath,
      // Unchanged since issue 13 on purpose: a new description replaces an IAM policy, and this one has a fixed name.
      description: `${ctx.naming.stem}: notebooks only in this environment's subnets, group, key and lifecycle configuration, without internet or root, IMDSv2`,
      policy: guardrailDocument,
    },
    { provider: ctx.provider },
  );
  // The job part in a managed policy of its own: with the notebook pins it would pass IAM's 6,144 characters.
  const jobPolicy = new aws.iam.Policy(
    'job-guardrail',
    {
      name: ctx.naming.name('job-guardrail'),
      path: ctx.naming.iamPath,
      description: `${ctx.naming.stem}: SageMaker jobs only in this environment's subnets and job group, with its data key, inter-container encryption and network isolation`,
      policy: jobGuardrailDocument,
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
