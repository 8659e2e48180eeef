import type { LayerName, LayerOutputs, Naming } from '@secure-ml/shared';
import type { CaseFacts } from './cases/types';
import type { Clients } from './clients';

/** Everything a layer's checks read: the deployed stacks' outputs, the stack files' settings, the clients. */
export interface VerifyContext {
  readonly stack: string;
  readonly region: string;
  /** The account the credentials are in (STS GetCallerIdentity), which the checks compare the outputs with. */
  readonly account: string;
  readonly partition: string;
  /** `<prefix>-<env>` (libs/shared naming). */
  readonly stem: string;
  /** The environment's names, as the layers gave them. */
  readonly naming: Naming;
  /** The outputs of this layer and of every layer upstream of it, as deployed. */
  readonly outputs: { readonly [L in LayerName]?: LayerOutputs<L> };
  readonly settings: {
    /** `secure-ml-logging:alertEmail` is set, so the alerts topic must have a confirmed subscription. */
    readonly alertAddressConfigured: boolean;
    /** `secure-ml-network:egress` is `nat`: the declared exception to NET-3. */
    readonly egressDeclared: boolean;
    /** `secure-ml-guardrail:deploymentRoleArns`: the roles the guardrail's SCP exempts from its lifecycle deny. */
    readonly deploymentRoleArns: readonly string[];
    /**
     * `secure-ml-notebook:jobs` is on: each notebook has a job role (libs/shared naming `jobRoleArn`), whose cases
     * verify sends; `networkIsolationRequired` is `secure-ml-notebook:jobNetworkIsolation`.
     */
    readonly jobs?: { readonly networkIsolationRequired: boolean };
    /** `secure-ml-notebook:ownerSourceCidrs`: the public networks owners open Jupyter from (the owner cases'). */
    readonly ownerSourceCidrs: readonly string[];
  };
  readonly clients: Clients;
  /** `--active`: checks that change state (start a notebook, set an alarm); never by default. */
  readonly active: boolean;
  /** Tells the operator what is about to happen (every active check says so before it runs). */
  readonly say: (line: string) => void;
  /** Waits between polls of an active check; tests pass one that returns at once. */
  readonly sleep: (ms: number) => Promise<void>;
}

/** The outputs of `layer`, or a clear error naming what to deploy first. */
export function outputsOf<L extends LayerName>(ctx: VerifyContext, layer: L): LayerOutputs<L> {
  const found = ctx.outputs[layer];
  if (!found)
    throw new Error(
      `verify needs the ${layer} stack's outputs (${ctx.stack}): run npx nx run ${layer}:deploy -c ${ctx.stack}`,
    );
  return found;
}

/**
 * The case tables' facts for one notebook's role: the deployed security layer's keys, the role and id of the
 * notebook (notebook layer), and another notebook's id whose instance, streams and prefix must stay out of reach.
 */
export function caseFacts(
  ctx: VerifyContext,
  notebook: { readonly roleArn: string; readonly id: string; readonly otherId: string },
): CaseFacts {
  const security = outputsOf(ctx, 'security');
  return {
    partition: ctx.partition,
    account: ctx.account,
    region: ctx.region,
    stem: ctx.stem,
    dataKeyArn: security.dataKeyArn,
    logsKeyArn: security.logsKeyArn,
    notebookRoleArn: notebook.roleArn,
    notebookId: notebook.id,
    otherNotebookId: notebook.otherId,
  };
}
