import * as pulumi from '@pulumi/pulumi';
import { ContractError } from './errors';
import { LAYERS, type LayerName, type LayerOutputs } from './layers';
import { findSchemaProblems } from './schema';

/** What a producer hands to `publishOutputs`: every key of its contract, each value known now or later. */
export type PublishInputs<L extends LayerName> = {
  readonly [K in keyof LayerOutputs<L>]: pulumi.Input<LayerOutputs<L>[K]>;
};

/**
 * Publishes a layer's stack outputs. The compiler holds `values` to the layer's contract (a missing, renamed or
 * mistyped key does not build); at run time the resolved values are checked against the same schema, and a
 * secret is refused: no secret travels through stack outputs.
 */
export function publishOutputs<L extends LayerName>(
  layer: L,
  values: PublishInputs<L>,
): pulumi.Output<LayerOutputs<L>> {
  const schema = LAYERS[layer].outputs;
  const entries = Object.entries(values as Record<string, pulumi.Input<unknown>>);
  const extra = entries.map(([key]) => key).filter((key) => !(key in schema));
  if (extra.length)
    throw new ContractError(
      `Layer ${layer} publishes ${extra.join(', ')}, which its contract in libs/shared does not declare`,
    );
  const checked = entries.map(([key, value]) => {
    const output = pulumi.output(value) as pulumi.Output<unknown>;
    // isSecret is a promise: wrap it so that a secret fails the update instead of being published.
    return pulumi.output(
      pulumi.isSecret(output).then((secret) => {
        if (secret)
          throw new ContractError(
            `Layer ${layer} tried to publish the secret output ${key}; stack outputs must not carry secrets`,
          );
        return output;
      }),
    );
  });
  return pulumi.all(checked).apply((resolved) => {
    const plain = Object.fromEntries(entries.map(([key], i) => [key, resolved[i]]));
    const problems = findSchemaProblems(schema, plain);
    if (problems) {
      const lines = [
        ...problems.missing.map((key) => `${key} is missing`),
        ...problems.malformed.map((p) => `${p.key} = ${p.received}: expected ${p.expected}`),
      ];
      throw new ContractError(
        `Layer ${layer} would publish outputs that break its contract:\n  - ${lines.join('\n  - ')}`,
      );
    }
    return plain as LayerOutputs<L>;
  });
}
