import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from '@pulumi/policy';
import { UnknownValueError } from '@pulumi/policy';
import type { Env, Layer, Res } from '../src/model';
import { POLICIES } from '../src/policies';

/**
 * The pack as the Pulumi engine runs it on one stack (@pulumi/policy server.js): each resource policy once per
 * resource, each stack policy once, props wrapped in the SDK's unknown-checking proxy, every callback awaited,
 * and an UnknownValueError turned into the advisory "can't run during preview" instead of a pass or a failure.
 */
export interface Violation {
  readonly policy: string;
  readonly message: string;
  readonly urn?: string;
}
export interface EngineRun {
  readonly violations: Violation[];
  /** Policies that read a value unknown during a preview: the engine reports them as advisory. */
  readonly cannotRunDuringPreview: string[];
}

/**
 * The SDK's own proxy and unknown-string sentinel (internal to @pulumi/policy, so not in its typings): the engine
 * wraps every resource's props in it, and a preview marks a value not yet known with the sentinel.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require('@pulumi/policy/proxy') as {
  unknownCheckingProxy: <T extends object>(props: T) => T;
  unknownStringValue: string;
};
export const UNKNOWN = proxy.unknownStringValue;
const { unknownCheckingProxy } = proxy;

const unused = () => {
  throw new Error('not used by the pack');
};

export const toPolicyResource = (r: Res): PolicyResource =>
  ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: unknownCheckingProxy({ ...r.inputs, ...(r.id ? { id: r.id } : {}) }),
    opts: { protect: r.options.protect },
    dependencies: [],
    propertyDependencies: {},
  }) as unknown as PolicyResource;

/**
 * Runs every policy of the pack on `resources`. `config` is given to every policy whole; a `perPolicy` config is
 * given as the engine gives it, each policy only its own section (tools/pulumi/run.js writes one).
 */
export async function runEngineOn(
  resources: readonly Res[],
  config: Record<string, unknown> = {},
  perPolicy?: Readonly<Record<string, Record<string, unknown>>>,
): Promise<EngineRun> {
  const violations: Violation[] = [];
  const cannot = new Set<string>();
  for (const policy of POLICIES) {
    const own = perPolicy ? (perPolicy[policy.name] ?? {}) : config;
    const report: ReportViolation = (message: string, urn?: string) =>
      violations.push({ policy: policy.name, message, ...(urn ? { urn } : {}) });
    const attempt = async (run: () => unknown) => {
      try {
        await Promise.resolve(run());
      } catch (e) {
        if (e instanceof UnknownValueError) cannot.add(policy.name);
        else throw e;
      }
    };
    if ('validateStack' in policy) {
      const args = {
        resources: resources.map(toPolicyResource),
        stackTags: new Map(),
        getConfig: () => own,
        notApplicable: unused,
      } as unknown as StackValidationArgs;
      await attempt(() => policy.validateStack(args, report));
      continue;
    }
    const validate = policy.validateResource;
    for (const r of resources)
      for (const v of Array.isArray(validate) ? validate : validate ? [validate] : []) {
        const args = {
          type: r.type,
          name: r.name,
          urn: r.urn,
          props: toPolicyResource(r).props,
          opts: { protect: r.options.protect },
          stackTags: new Map(),
          getConfig: () => own,
          isType: unused,
          asType: unused,
          notApplicable: unused,
        } as unknown as ResourceValidationArgs;
        await attempt(() => v(args, report));
      }
  }
  return { violations, cannotRunDuringPreview: [...cannot] };
}

/** One layer of an environment, its URNs in the environment's stack, as the engine sees that layer's stack. */
export function runEngine(
  env: Env,
  layer: Layer,
  config: Record<string, unknown> = {},
): Promise<Violation[]> {
  const resources = env.resources
    .filter((r) => r.layer === layer)
    .map((r) => ({ ...r, urn: r.urn.replace('urn:pulumi:dev::', `urn:pulumi:${env.stack}::`) }));
  return runEngineOn(resources, config).then((run) => run.violations);
}
