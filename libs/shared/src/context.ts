import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { awsSettings, COMMON_NAMESPACE, commonSettings, STACK_NAME_PATTERN } from './config/common';
import { loadSettings, runtimeConfigSource } from './config/load';
import type { SettingsOf, SettingsSchema } from './config/settings';
import { ConfigError } from './errors';
import { LAYERS, type LayerName, type LayerOutputs, type UpstreamOf } from './layers';
import { Naming } from './naming';
import { publishOutputs, type PublishInputs } from './outputs';
import { referenceLayer, type UpstreamOutputs } from './reference';

/** Everything a layer program needs besides its own settings, built once config is known to be valid. */
export interface LayerContext<L extends LayerName> {
  readonly layer: L;
  /** The stack name, which is the environment name (`dev`, `prod`). */
  readonly stack: string;
  readonly org: string;
  readonly region: string;
  /** The account pinned by `secure-ml:accountId`; the provider refuses credentials of any other account. */
  readonly pinnedAccountId: string;
  /** Whether stateful resources get `protect: true` (held by KMS-2 for keys and DUR-1 for the rest, CONTROLS.md). */
  readonly protect: boolean;
  /** `secure-ml:tier`: what the environment is for (its stack files say; never its name). */
  readonly tier: 'production' | 'development';
  readonly naming: Naming;
  /** The layer's AWS provider: region and default tags. Pass it to every top-level resource. */
  readonly provider: aws.Provider;
  /** The default tags of the layer's provider, for a provider of another region (the data replica). */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** The account and partition the provider deploys into. */
  readonly accountId: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
  /**
   * Reads an upstream layer through its typed contract, validated before anything is registered:
   * `const security = await ctx.reference('security')`. Only the layer's declared upstream layers compile.
   */
  reference<U extends UpstreamOf<L>>(upstream: U): Promise<UpstreamOutputs<U>>;
}

/**
 * Defines a layer's Pulumi program. The returned function is what `src/index.ts` exports: the Pulumi CLI calls
 * it, and so do the mock engine and the tests. It validates all configuration (common and the layer's own)
 * before any resource is registered, builds the context, runs `body` and publishes what `body` returns through
 * the layer's contract.
 */
export function defineLayer<L extends LayerName, S extends SettingsSchema>(
  layer: L,
  settings: S,
  body: (ctx: LayerContext<L>, settings: SettingsOf<S>) => PublishInputs<L> | Promise<PublishInputs<L>>,
): () => Promise<pulumi.Output<LayerOutputs<L>>> {
  return async () => {
    const stack = pulumi.getStack();
    if (!STACK_NAME_PATTERN.test(stack)) {
      throw new ConfigError(
        `Stack name ${JSON.stringify(stack)} cannot be used as an environment name: expected 2 to 8 lowercase letters or digits (dev, prod). Fix: run the layer through its Nx targets, which name the stack after the environment (npx nx run ${layer}:preview -c dev), or select one: pulumi stack select dev --cwd packages/${layer}`,
        ['stack'],
      );
    }
    const [common, aws_, own] = loadSettings(runtimeConfigSource(`packages/${layer}`), [
      { namespace: COMMON_NAMESPACE, schema: commonSettings },
      { namespace: 'aws', schema: awsSettings, strict: false },
      { namespace: LAYERS[layer].project, schema: settings },
    ] as const);
    const naming = new Naming(common.prefix, stack);
    // The provider (a resource) and the identity invokes are created on first use, so that a layer's own
    // cross-setting checks at the top of `body` also run before anything is registered.
    let provider: aws.Provider | undefined;
    const getProvider = () =>
      (provider ??= new aws.Provider(`${layer}-aws`, {
        region: aws_.region as aws.Region,
        // The environment's account, pinned in its stack files: other credentials fail before any read or change.
        allowedAccountIds: [common.accountId],
        defaultTags: { tags: naming.defaultTags(layer, common.tags) },
      }));
    let identity: { accountId: pulumi.Output<string>; partition: pulumi.Output<string> } | undefined;
    const getIdentity = () =>
      (identity ??= {
        accountId: aws.getCallerIdentityOutput({}, { provider: getProvider() }).accountId,
        partition: aws.getPartitionOutput({}, { provider: getProvider() }).partition,
      });
    const ctx: LayerContext<L> = {
      layer,
      stack,
      org: common.org,
      region: aws_.region,
      pinnedAccountId: common.accountId,
      protect: common.protect,
      tier: common.tier,
      naming,
      defaultTags: naming.defaultTags(layer, common.tags),
      get provider() {
        return getProvider();
      },
      get accountId() {
        return getIdentity().accountId;
      },
      get partition() {
        return getIdentity().partition;
      },
      reference: (upstream) => referenceLayer(upstream, { org: common.org, stack }),
    };
    return publishOutputs(layer, await body(ctx, own as SettingsOf<S>));
  };
}
