// `node tools/pulumi/run.js verify <layer> <stack> [--active]` (Nx target `verify`): after the wrapper has
// selected the deployed stack (never created it), runs the checks of libs/verify (@secure-ml/verify) against the
// stack's outputs and AWS. Exit 0: every check passed; 1: a check failed; 2: verify could not start.
import { spawnSync } from 'node:child_process';
import type * as Verify from '@secure-ml/verify';
import type { LayerName } from '@secure-ml/shared/layers';
import { ROOT } from './layers';

export const CANNOT_START = 2;

export interface VerifyRun {
  readonly layer: LayerName;
  readonly stack: string;
  /** What the wrapper prepared: the stack selection and the environment for the CLI. */
  readonly plan: {
    readonly select: readonly string[];
    readonly env: NodeJS.ProcessEnv;
    readonly backend: string;
  };
  readonly active: boolean;
}

export async function verify({ layer, stack, plan, active }: VerifyRun): Promise<number> {
  const pulumi = (args: readonly string[]) => {
    const r = spawnSync('pulumi', args, { encoding: 'utf8', env: plan.env });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  };
  // A missing stack is the usual reason verify cannot start: say so before loading anything else.
  const selected = pulumi(plan.select);
  if (selected.status !== 0) {
    console.error(
      `verify: ${layer} (${stack}) is not deployed on ${plan.backend} (${selected.stderr.trim()}). Deploy it first: npx nx run ${layer}:deploy -c ${stack}`,
    );
    return CANNOT_START;
  }
  // Loaded only now: the AWS SDK clients are not needed for a refusal.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runVerify } = require('@secure-ml/verify') as typeof Verify;
  return runVerify({ root: ROOT, layer, stack, active, pulumi });
}
