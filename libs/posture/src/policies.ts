import { resolve } from 'node:path';
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';
import { CONTROLS, policyName } from './controls';
import type { Control, Env, PostureSettings, Res } from './model';
import { DEFAULT_SETTINGS } from './model';
import { protectedStacksIn } from './plans';
import { CONFIG_SCHEMA, CONFIGURED } from './policy-config';
import { lifecycleScriptsIn } from './repo-scripts';
import { layerOfUrn, stackOfUrn } from './resources';

/**
 * The controls as CrossGuard policies, for `pulumi preview --policy-pack libs/posture`. The engine runs the pack
 * once per stack, so each policy sees one layer: controls that follow a reference into another layer check
 * what that layer shows and say so in their description (the offline report checks them whole).
 */

export { ACCOUNT_POLICIES } from './policy-config';

export function describe(control: Control): string {
  const scope = control.perLayer ? ` Cross-layer: ${control.perLayer}.` : '';
  return `${control.check} [${control.standards.join(', ')}].${scope}`;
}

/** The pack runs from libs/posture of this repository, so NB-7 can compare hooks with the checked-in scripts. */
const REPO_SCRIPTS = lifecycleScriptsIn(resolve(__dirname, '..', '..', '..'));
/** Likewise which environments protect their resources, when the config does not say (the wrapper always does). */
const REPO_PROTECTED = protectedStacksIn(resolve(__dirname, '..', '..', '..'));

function settingsOf(config: Partial<PostureSettings> | undefined): PostureSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...(REPO_SCRIPTS ? { lifecycleScripts: REPO_SCRIPTS } : {}),
    ...(REPO_PROTECTED ? { protectedStacks: REPO_PROTECTED } : {}),
    ...(config ?? {}),
  };
}

function envOf(resources: Res[], urn: string, settings: PostureSettings): Env {
  const layer = layerOfUrn(urn);
  return {
    stack: stackOfUrn(urn),
    resources,
    scope: 'layer',
    ...(layer ? { layer } : {}),
    outputs: {},
    settings,
  };
}

/**
 * During a preview some values are unknown; the SDK's proxy throws UnknownValueError when a policy reads one, and
 * the SDK reports the policy as "can't run during preview" (advisory) rather than passing or failing it. The
 * controls let that error through; only the ID, which a new resource never has in a preview, is read here.
 */
function knownId(r: PolicyResource): string | undefined {
  try {
    const id: unknown = r.props['id'];
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

const toRes = (r: PolicyResource): Res => {
  const layer = layerOfUrn(r.urn);
  const id = knownId(r);
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    ...(id ? { id } : {}),
    inputs: r.props,
    options: { protect: r.opts.protect, dependsOn: r.dependencies.map((d) => d.urn) },
    ...(layer ? { layer } : {}),
  };
};

const report = (control: Control, env: Env, reportViolation: ReportViolation) => {
  // A control that does not apply (jobs off, nothing of the job ground in the stack) reports nothing.
  if (control.appliesTo && !control.appliesTo(env)) return;
  for (const f of control.evaluate(env))
    reportViolation(`${f.message}. Fix: ${f.fix} (${control.id})`, f.urn);
};

function toPolicy(control: Control): ResourceValidationPolicy | StackValidationPolicy {
  const keys = CONFIGURED[control.id];
  const base = {
    name: policyName(control.id),
    description: describe(control),
    enforcementLevel: control.advisory ? 'advisory' : 'mandatory',
    ...(keys
      ? {
          configSchema: { properties: Object.fromEntries(keys.map((k) => [k, CONFIG_SCHEMA.properties[k]])) },
        }
      : {}),
  } as const;
  if (control.kind === 'resource') {
    return {
      ...base,
      validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        if (!control.examines.includes(args.type)) return;
        const layer = layerOfUrn(args.urn);
        const res: Res = {
          type: args.type,
          name: args.name,
          urn: args.urn,
          inputs: args.props,
          options: { protect: args.opts.protect, dependsOn: [] },
          ...(layer ? { layer } : {}),
        };
        report(
          control,
          envOf([res], args.urn, settingsOf(args.getConfig<Partial<PostureSettings>>())),
          reportViolation,
        );
      },
    };
  }
  return {
    ...base,
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const first = args.resources[0];
      if (!first) return;
      report(
        control,
        envOf(args.resources.map(toRes), first.urn, settingsOf(args.getConfig<Partial<PostureSettings>>())),
        reportViolation,
      );
    },
  };
}

/** One policy per control, named after its ID in kebab case (`nb-1`). */
export const POLICIES: (ResourceValidationPolicy | StackValidationPolicy)[] = CONTROLS.map(toPolicy);
