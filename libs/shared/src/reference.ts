import * as pulumi from '@pulumi/pulumi';
import { ContractError } from './errors';
import { LAYERS, type LayerName, type LayerOutputs } from './layers';
import { findSchemaProblems } from './schema';

/** An upstream layer's outputs: one typed Output per key of its contract. */
export type UpstreamOutputs<U extends LayerName> = {
  readonly [K in keyof LayerOutputs<U>]: pulumi.Output<LayerOutputs<U>[K]>;
};

/** `<org>/<project>/<stack>`, the fully qualified name every backend accepts. */
export function stackReferenceName(org: string, layer: LayerName, stack: string): string {
  return `${org}/${LAYERS[layer].project}/${stack}`;
}

/** The command that deploys (or redeploys) the layer a consumer is missing. */
export function deployCommand(layer: LayerName, stack: string): string {
  return `npx nx run ${layer}:deploy -c ${stack}`;
}

/**
 * Reads an upstream layer through a StackReference and checks what it publishes against the upstream's
 * contract before the consumer registers anything: a missing or malformed output fails the program with one
 * message that names the stack, every bad key and the command that deploys the upstream layer, and never
 * reaches a resource as `undefined`. (Stack references are read during preview too, so the values are known.)
 */
export async function referenceLayer<U extends LayerName>(
  upstream: U,
  where: { org: string; stack: string },
  opts?: pulumi.CustomResourceOptions,
): Promise<UpstreamOutputs<U>> {
  const name = stackReferenceName(where.org, upstream, where.stack);
  const reference = new pulumi.StackReference(name, { name }, opts);
  const schema = LAYERS[upstream].outputs;
  const keys = Object.keys(schema) as (keyof LayerOutputs<U> & string)[];
  const details = await Promise.all(keys.map((key) => reference.getOutputDetails(key)));
  const raw = Object.fromEntries(keys.map((key, i) => [key, details[i]?.value ?? details[i]?.secretValue]));
  const problems = findSchemaProblems(schema, raw);
  if (problems) throw new ContractError(describeProblems(name, upstream, where.stack, problems));
  const secret = keys.filter((_key, i) => details[i]?.secretValue !== undefined);
  if (secret.length)
    throw new ContractError(
      `Stack ${name} publishes ${secret.join(', ')} as secrets; stack outputs between layers must not carry secrets`,
    );
  const outputs = Object.fromEntries(
    keys.map((key) => [key, pulumi.output(raw[key])]),
  ) as unknown as UpstreamOutputs<U>;
  KNOWN.set(outputs, raw);
  return outputs;
}

/** The values behind each referenced layer's outputs, already checked against its contract. */
const KNOWN = new WeakMap<object, Record<string, unknown>>();

/**
 * The plain values of an upstream layer's outputs (stack references are read during preview too), for checks a
 * consumer makes before it registers anything: a setting that must agree with what the upstream layer publishes.
 */
export function knownValuesOf<U extends LayerName>(outputs: UpstreamOutputs<U>): LayerOutputs<U> {
  const values = KNOWN.get(outputs);
  if (!values) throw new Error('knownValuesOf takes the outputs ctx.reference returned');
  return values as LayerOutputs<U>;
}

function describeProblems(
  name: string,
  upstream: LayerName,
  stack: string,
  problems: NonNullable<ReturnType<typeof findSchemaProblems>>,
): string {
  const lines = [
    ...(problems.missing.length ? [`missing: ${problems.missing.join(', ')}`] : []),
    ...problems.malformed.map((p) => `malformed: ${p.key} = ${p.received} (expected ${p.expected})`),
  ];
  return (
    `Stack ${name} does not publish the outputs the ${upstream} contract promises:\n  - ${lines.join('\n  - ')}\n` +
    `Deploy (or update) the ${upstream} layer first: ${deployCommand(upstream, stack)}`
  );
}
