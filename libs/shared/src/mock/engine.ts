import * as pulumi from '@pulumi/pulumi';
import { deserializeProperties } from '@pulumi/pulumi/runtime/rpc';
import { isLayerName, LAYERS, type LayerName } from '../layers';
import { mockIdentity } from './ids';
import { answerInvoke } from './invokes';

/**
 * The SDK keeps its runtime settings (monitor, config, stack) in a store per async context; running each program
 * inside a fresh store lets several runs share one process. The function is internal to the SDK, so its d.ts
 * omits it; the version is pinned and the engine's tests exercise it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require('@pulumi/pulumi/runtime/state') as {
  withLocalStorage<T>(this: void, run: () => Promise<T>): Promise<T>;
};

/** A resource as the program registered it: what the posture checks read. */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** URN of the parent, absent for the stack itself. */
  readonly parent?: string;
  readonly custom: boolean;
  /** Provider reference (`<urn>::<id>`) for custom resources. */
  readonly provider?: string;
  readonly id?: string;
  readonly inputs: Record<string, unknown>;
  readonly options: {
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    /**
     * The URNs the resource was known by before (its `aliases`), named as the mock names URNs; absent when none.
     * What proves that moving a resource under another component keeps it instead of replacing it.
     */
    readonly aliases?: string[];
    /** URNs named in `dependsOn` (dependencies through inputs are not listed). */
    readonly dependsOn: string[];
  };
}

export interface LayerPlan {
  readonly layer: LayerName;
  readonly project: string;
  readonly stack: string;
  readonly resources: PlannedResource[];
  readonly outputs: Record<string, unknown>;
}

export interface RunLayerOptions {
  readonly layer: LayerName;
  readonly stack: string;
  /** Raw configuration by full key, as in Pulumi.<stack>.yaml (`aws:region`, `secure-ml-network:vpcCidr`). */
  readonly config: Readonly<Record<string, string>>;
  /** Outputs of the upstream layers, as their plans (or a real deployment) published them. */
  readonly upstream?: Partial<Record<LayerName, Record<string, unknown>>>;
  /** The layer program: what its src/index.ts exports. */
  readonly program: () => unknown;
  readonly org?: string;
  /** Receives every recorded resource as it is registered, also when the program then fails. */
  readonly record?: PlannedResource[];
}

/** The request fields we read from the monitor; typed here because the SDK ships them untyped. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }) => void): void };
  getObject(): Parameters<typeof deserializeProperties>[0];
  getAliasesList(): AliasRequest[];
}
interface AliasRequest {
  getUrn(): string;
  getSpec():
    { getName(): string; getType(): string; getParenturn(): string; getNoparent(): boolean } | undefined;
}
interface RegisterResponse {
  getUrn(): string;
  getId(): string;
}
type Callback = (err: unknown, response?: RegisterResponse) => void;
interface RecordingMonitor {
  registerResource(req: RegisterRequest, callback: Callback): Promise<void>;
}

/**
 * Runs a layer program under Pulumi's mocks, in its own runtime store so that several runs can share a process,
 * and returns every resource it registered with its inputs and options, and the stack outputs. IDs and ARNs
 * are derived from type and name, so the same program and config always give the same plan.
 */
export async function runLayerProgram(options: RunLayerOptions): Promise<LayerPlan> {
  const { layer, config } = options;
  const project = LAYERS[layer].project;
  const region = config['aws:region'] ?? 'us-east-1';
  const resources: PlannedResource[] = options.record ?? [];
  // The CLI reports an error raised in any apply (a contract check, say) and fails the update, even when no
  // awaited value depends on it; the engine does the same instead of letting the rejection kill the process.
  // Like the CLI, the engine owns unhandled rejections while the program runs (test runners' handlers would
  // report the same contract error once per derived Output), and restores the previous handlers afterwards.
  const stray: unknown[] = [];
  const previous = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  process.on('unhandledRejection', (reason: unknown) => stray.push(reason));
  let plan: LayerPlan | undefined;
  let failure: unknown;
  try {
    plan = await runIsolated(options, project, region, resources);
  } catch (error) {
    failure = error;
  }
  // An Output rejects along several promise chains; let the stragglers surface before the handler goes.
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.removeAllListeners('unhandledRejection');
  for (const listener of previous) process.on('unhandledRejection', listener);
  // The program's own error, rethrown as it came (a ConfigError must reach the caller unchanged).
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (failure !== undefined) throw failure;
  const [first] = stray;
  if (first !== undefined || !plan)
    throw first instanceof Error ? first : new Error(`Program failed: ${String(first)}`);
  return plan;
}

function runIsolated(
  options: RunLayerOptions,
  project: string,
  region: string,
  resources: PlannedResource[],
): Promise<LayerPlan> {
  const { layer, stack, config } = options;
  return state.withLocalStorage(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          if (args.type === 'pulumi:pulumi:StackReference') {
            return {
              id: args.name,
              state: {
                name: args.name,
                outputs: upstreamOutputs(args.name, options.upstream),
                secretOutputNames: [],
              },
            };
          }
          const identity = mockIdentity(
            { project, stack, region },
            args.type,
            args.name,
            args.inputs as Record<string, unknown>,
          );
          return {
            id: identity.id,
            state: { ...(args.inputs as Record<string, unknown>), ...identity.state },
          };
        },
        call: (args) => answerInvoke(args, region),
      },
      project,
      stack,
      false,
      options.org ?? 'organization',
    );
    recordRegistrations(pulumi.runtime.getMonitor() as unknown as RecordingMonitor, resources);
    pulumi.runtime.setAllConfig({ ...config }, []);
    // A program error is caught inside the stack and rethrown after it: thrown through the Stack resource it
    // would also reject every promise chain of the stack's outputs, which test runners report one by one.
    let failure: { error: unknown } | undefined;
    const outputs = await pulumi.runtime.runInPulumiStack(async () => {
      try {
        return (await options.program()) as Record<string, unknown>;
      } catch (error) {
        failure = { error };
        return undefined;
      }
    });
    await pulumi.runtime.disconnect();
    if (failure) throw failure.error;
    return { layer, project, stack, resources, outputs: outputs ?? {} };
  });
}

function upstreamOutputs(stackName: string, upstream: RunLayerOptions['upstream']): Record<string, unknown> {
  const project = stackName.split('/')[1] ?? '';
  const layer = Object.keys(LAYERS).find((name) => isLayerName(name) && LAYERS[name].project === project);
  // An upstream that was never planned answers no outputs, as a stack with nothing deployed would.
  return (layer && isLayerName(layer) && upstream?.[layer]) || {};
}

function recordRegistrations(monitor: RecordingMonitor, resources: PlannedResource[]): void {
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, response) => {
      if (!err && response) resources.push(toPlanned(req, response));
      callback(err, response);
    });
}

function toPlanned(req: RegisterRequest, response: RegisterResponse): PlannedResource {
  const throughInputs = new Set<string>();
  req
    .getPropertydependenciesMap()
    .forEach((deps) => deps.getUrnsList().forEach((urn) => throughInputs.add(urn)));
  const parent = req.getParent();
  const provider = req.getProvider();
  const id = response.getId();
  const aliases = aliasUrns(req, response.getUrn());
  return {
    type: req.getType(),
    name: req.getName(),
    urn: response.getUrn(),
    ...(parent ? { parent } : {}),
    custom: req.getCustom(),
    ...(provider ? { provider } : {}),
    ...(id ? { id } : {}),
    inputs: deserializeProperties(req.getObject()),
    options: {
      protect: req.getProtect(),
      retainOnDelete: req.getRetainondelete(),
      dependsOn: req.getDependenciesList().filter((urn) => !throughInputs.has(urn)),
      ...(aliases.length ? { aliases } : {}),
    },
  };
}

/**
 * The URNs the program's aliases name (a resource moved under another parent or renamed), built as the SDK's mock
 * monitor builds URNs (`newUrn` in @pulumi/pulumi/runtime/mocks: the immediate parent's type, then the type and
 * the name), stack and project from the resource's own URN. Aliases to another type are left out: the provider
 * package declares those for its own renames (aws.s3.Bucket is also known as BucketV2), whatever the program does.
 */
function aliasUrns(req: RegisterRequest, urn: string): string[] {
  const [, stack, project] = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn) ?? [];
  const urns = req.getAliasesList().flatMap((alias) => {
    const spec = alias.getSpec();
    if (alias.getUrn() || !spec) return alias.getUrn() ? [alias.getUrn()] : [];
    if (spec.getType() && spec.getType() !== req.getType()) return [];
    const parent = spec.getNoparent() ? '' : spec.getParenturn() || req.getParent();
    const type = req.getType();
    const qualified = parent ? `${parent.split('::')[2]?.split('$').pop() ?? ''}$${type}` : type;
    return [`urn:pulumi:${stack ?? ''}::${project ?? ''}::${qualified}::${spec.getName() || req.getName()}`];
  });
  return [...new Set(urns)].filter((u) => u !== urn);
}
