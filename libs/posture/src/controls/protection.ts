import { resourceControl } from '../define';
import { isProtectedStack, type Control } from '../model';
import { finding, T } from '../resources';

/**
 * DUR-1: in a protected environment (every environment unless its stack files opt out with secure-ml:protect
 * false, tools/src/pulumi/stack-file.ts), the resources whose loss cannot be undone by another deploy are protected
 * from deletion: the buckets that hold the data and the evidence, the log groups, the trail and the notebook
 * instance (whose ML volume holds the user's work). `pulumi destroy` or a replacing change then stops at them
 * instead of deleting them. The keys are KMS-2's.
 * Pulumi: "Resource option: protect" https://www.pulumi.com/docs/iac/concepts/options/protect/
 */
export const PROTECTED_TYPES = [T.bucket, T.logGroup, T.trail, T.notebook];

export const protectionControl: Control = resourceControl({
  id: 'DUR-1',
  standards: ['durability'],
  check:
    "in a protected environment, every bucket, log group, trail and notebook instance is protected from deletion (protect: true); the keys are KMS-2's",
  examines: PROTECTED_TYPES,
  inspect: (r, env) =>
    isProtectedStack(env.settings, env.stack) && !r.options.protect
      ? finding(
          r,
          `is not protected from deletion in ${env.stack}, a protected environment`,
          'create it with { protect: ctx.protect } and keep secure-ml:protect true in the stack files',
        )
      : undefined,
});
