import type { LayerName } from '@secure-ml/shared';
import { type Check, fail } from './check';
import type { VerifyContext } from './context';
import { verifyGuardrail } from './layers/guardrail';
import { verifyLogging } from './layers/logging';
import { verifyNetwork } from './layers/network';
import { verifyNotebook } from './layers/notebook';
import { verifySecurity } from './layers/security';

const VERIFIERS: Record<LayerName, (ctx: VerifyContext) => Promise<Check[]>> = {
  security: verifySecurity,
  network: verifyNetwork,
  logging: verifyLogging,
  guardrail: verifyGuardrail,
  notebook: verifyNotebook,
};

/**
 * Every check of one deployed layer. An AWS error (a permission the read-only role lacks, a resource that is gone)
 * becomes a failed check that quotes it, so that one missing permission never hides the other results.
 */
export async function verifyLayer(layer: LayerName, ctx: VerifyContext): Promise<Check[]> {
  try {
    return await VERIFIERS[layer](ctx);
  } catch (err) {
    const e = err as { name?: string; message?: string };
    return [
      fail('verify', `${layer} could be read from AWS`, `${e.name ?? 'Error'}: ${e.message ?? String(err)}`),
    ];
  }
}

/** 0 when nothing failed, 1 otherwise: a skipped check says why and does not fail. */
export const exitCodeOf = (checks: readonly Check[]): number =>
  checks.some((c) => c.result === 'fail') ? 1 : 0;
