import * as pulumi from '@pulumi/pulumi';
import type { LayerContext } from '@secure-ml/shared';
import type { PolicyDocument, PolicyEnv } from './policies/document';

/**
 * Renders a typed policy document to the JSON string AWS stores, once the account, the partition and any other
 * resource ARNs it names are known. The document itself is a pure function (`build`), tested on its own.
 */
export function renderPolicy<T>(
  ctx: LayerContext<'security'>,
  inputs: pulumi.Input<T>,
  build: (env: PolicyEnv, values: pulumi.Unwrap<T>) => PolicyDocument,
): pulumi.Output<string> {
  return pulumi
    .all([ctx.partition, ctx.accountId, pulumi.output(inputs)])
    .apply(([partition, accountId, values]) =>
      JSON.stringify(
        build({ partition, accountId, region: ctx.region, naming: ctx.naming }, values as pulumi.Unwrap<T>),
      ),
    );
}
