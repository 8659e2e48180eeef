/**
 * What every control reads and returns. A control sees resources as Pulumi registers them (type, name, URN,
 * inputs, options): in the offline plan that is the whole environment (every layer), under the real engine
 * (`pulumi preview --policy-pack`) it is one layer's stack.
 */

// The registry alone (no Pulumi import): the pack loads it as cheaply as the catalogue.
import { deployOrder, type LayerName } from '@secure-ml/shared/layers';
import { REQUIRED_ENDPOINTS } from '@secure-ml/shared/catalogue';

/** The layers of the registry (libs/shared/src/layers.ts), in deploy order. */
export const LAYER_ORDER: readonly LayerName[] = deployOrder();
export type Layer = LayerName;

export interface Res {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Physical ID when known (the offline plan has it; a preview may not). */
  readonly id?: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly options: { readonly protect: boolean; readonly dependsOn: readonly string[] };
  /** Layer that declares the resource, from the project in its URN (`secure-ml-<layer>`). */
  readonly layer?: Layer;
}

export interface PostureSettings {
  /**
   * Stacks whose stateful resources must be protected from deletion (KMS-2, DUR-1), from each environment's stack
   * files (`secure-ml:protect`), never from its name: the offline report, the real-path wrapper and the pack's own
   * default all read them (plans.ts, protectedStacksIn). Absent, every stack is: the safe reading where no stack
   * file is at hand.
   */
  readonly protectedStacks?: readonly string[];
  /** The environment's config enables internet egress (NET-3). */
  readonly egressEnabled: boolean;
  /** Services that need an interface endpoint with private DNS (NET-6): `sagemaker.api`, `sts`, ... */
  readonly endpointServices: readonly string[];
  /** An alert address is configured, so the alerts topic must have a subscription (LOG-9). */
  readonly alertAddressConfigured: boolean;
  /** Contents of the lifecycle scripts in the repository (NB-7); absent when the repository is not at hand. */
  readonly lifecycleScripts?: readonly string[];
  /**
   * Networks outside the VPC a security group rule may name (NET-4): the network config's egressAllowedCidrs
   * (with egress: nat) and notebookClientCidrs.
   */
  readonly allowedCidrs?: readonly string[];
  /** The environment's AWS account (NET-7); absent when unknown. */
  readonly accountId?: string;
  /**
   * The notebook config lets notebooks start SageMaker jobs (`secure-ml-notebook:jobs`, JOB-1..4); absent under
   * the engine, where the JOB controls apply when the stack holds any of the job ground.
   */
  readonly jobsEnabled?: boolean;
  /**
   * The public networks owners may open Jupyter from (`secure-ml-notebook:ownerSourceCidrs`, NB-10); absent under
   * the engine, where NB-10 judges the policy against a network nobody configured.
   */
  readonly ownerSourceCidrs?: readonly string[];
  /** Every job must run with network isolation (`secure-ml-notebook:jobNetworkIsolation`); absent: required. */
  readonly jobNetworkIsolation?: boolean;
}

/**
 * The services the notebook cannot work without (CONTROLS.md NET-6), from the catalogue the network layer builds
 * its endpoints from; configuration may add more.
 */
export const REQUIRED_ENDPOINT_SERVICES: readonly string[] = REQUIRED_ENDPOINTS;

export const DEFAULT_SETTINGS: PostureSettings = {
  egressEnabled: false,
  endpointServices: REQUIRED_ENDPOINT_SERVICES,
  alertAddressConfigured: false,
};

/** Whether `stack` must protect its stateful resources: listed, or every stack when no list is given. */
export const isProtectedStack = (settings: PostureSettings, stack: string): boolean =>
  settings.protectedStacks?.includes(stack) ?? true;

export interface Env {
  readonly stack: string;
  readonly resources: readonly Res[];
  /**
   * `environment`: all layers together (offline), so a control can follow a reference into another layer.
   * `layer`: one stack under the real engine; what lives in another layer cannot be seen.
   */
  readonly scope: 'environment' | 'layer';
  /** The layer of the stack under the real engine. */
  readonly layer?: Layer;
  /** Stack outputs by layer (offline only). */
  readonly outputs: Partial<Record<Layer, Readonly<Record<string, unknown>>>>;
  readonly settings: PostureSettings;
}

export interface Finding {
  /** `name (Type)` of the resource at fault, or the environment when something is missing. */
  readonly resource: string;
  readonly urn?: string;
  readonly message: string;
  readonly fix: string;
}

export interface Control {
  /** `NB-1`: the ID in CONTROLS.md. */
  readonly id: string;
  readonly standards: readonly string[];
  /** What is checked, in one sentence. */
  readonly check: string;
  readonly advisory?: boolean;
  /**
   * `resource`: each resource of `examines` decides alone (a CrossGuard resource policy). `stack`: it takes
   * several resources (a CrossGuard stack policy).
   */
  readonly kind: 'resource' | 'stack';
  /** Resource types the control reads: the "resources examined" of the report. */
  readonly examines: readonly string[];
  /** For controls that span layers: what the real engine, which sees one stack, can check. */
  readonly perLayer?: string;
  /** Why the control may be "not applicable" (CONTROLS.md allows it); absent: it must always apply. */
  readonly mayBeNotApplicable?: string;
  /**
   * Whether the control applies to `env` at all (an optional feature such as jobs): when it returns false the
   * control is "not applicable", never a pass, whatever it examines. Absent: it applies.
   */
  appliesTo?(env: Env): boolean;
  /** Every violation in `env`; none means pass. */
  evaluate(env: Env): Finding[];
  /** Observations that are not violations (advisory parts of a control). */
  notes?(env: Env): string[];
}

export type Status = 'pass' | 'fail' | 'not applicable';

export interface ControlResult {
  readonly id: string;
  readonly standards: readonly string[];
  readonly check: string;
  readonly mandatory: boolean;
  readonly status: Status;
  /** `name (Type)` of every resource the control read. */
  readonly examined: readonly string[];
  readonly findings: readonly Finding[];
  readonly notes: readonly string[];
}
