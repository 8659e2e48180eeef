import * as aws from '@pulumi/aws';
import type { LayerContext } from '@secure-ml/shared';
import { guardrailPolicy } from './policies/guardrail';
import { renderPolicy } from './render';

/**
 * The guardrail managed policy (IAM-7). This layer attaches it to nobody: each account attaches it to the role or
 * group its notebook creators use (packages/security/README.md shows how), from the `guardrailPolicyArn` output.
 */
export function createGuardrail(ctx: LayerContext<'security'>, notebookRole: aws.iam.Role): aws.iam.Policy {
  return new aws.iam.Policy(
    'notebook-guardrail',
    {
      name: ctx.naming.name('notebook-guardrail'),
      path: ctx.naming.iamPath,
      description: `${ctx.naming.stem}: notebooks only without internet or root access, inside the VPC, with a volume key`,
      policy: renderPolicy(ctx, { notebookRoleArn: notebookRole.arn }, (env, v) => guardrailPolicy(env, v)),
    },
    { provider: ctx.provider },
  );
}
