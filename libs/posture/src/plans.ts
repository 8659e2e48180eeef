import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerPlan } from '@secure-ml/shared/testing';
import { environmentsIn } from '@secure-ml/shared/testing';
import type { Env, Layer, PostureSettings, Res } from './model';
import { LAYER_ORDER } from './model';
import { lifecycleScriptsIn } from './repo-scripts';
import type { StackConfigOf } from './stack-settings';
import { protectsItself, settingsOfStackFiles, stackFilesOf } from './stack-settings';

export const planPath = (root: string, stack: string, layer: Layer): string =>
  join(root, 'dist', 'plan', stack, `${layer}.json`);

/** The offline plan of every layer of an environment, or an error naming the command that writes the missing ones. */
export function readPlans(root: string, stack: string): LayerPlan[] {
  const absent = LAYER_ORDER.filter((l) => !existsSync(planPath(root, stack, l)));
  if (absent.length) {
    throw new Error(
      `No offline plan of ${absent.join(', ')} for ${stack} (dist/plan/${stack}/). Run: npx nx run-many -t plan`,
    );
  }
  return LAYER_ORDER.map((l) => JSON.parse(readFileSync(planPath(root, stack, l), 'utf8')) as LayerPlan);
}

/** The environment as the controls see it: every resource of every layer, tagged with its layer. */
export function environmentOf(plans: readonly LayerPlan[], stack: string, settings: PostureSettings): Env {
  const resources: Res[] = plans.flatMap((p) =>
    p.resources
      .filter((r) => r.custom)
      .map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        ...(r.id ? { id: r.id } : {}),
        inputs: r.inputs,
        options: { protect: r.options.protect, dependsOn: r.options.dependsOn },
        layer: p.layer,
      })),
  );
  const outputs = Object.fromEntries(plans.map((p) => [p.layer, p.outputs]));
  return { stack, resources, scope: 'environment', outputs, settings };
}

/**
 * What the controls need to know about an environment beyond its resources: what its stack files say
 * (stack-settings.ts, the reading the real-path wrapper shares), the account in the security layer's planned ARNs,
 * and the lifecycle scripts checked in.
 */
export function settingsFor(
  root: string,
  stack: string,
  plans: readonly LayerPlan[],
  stackConfig: StackConfigOf = stackFilesOf(root, stack),
): PostureSettings {
  const security = plans.find((p) => p.layer === 'security')?.outputs ?? {};
  const accountId = Object.values(security)
    .map((v) => (typeof v === 'string' ? /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(v)?.[1] : undefined))
    .find(Boolean);
  return settingsOfStackFiles(stack, stackConfig, { accountId, lifecycleScripts: lifecycleScriptsIn(root) });
}

/**
 * The environments of the repository at `root` that protect their stateful resources, as settingsFor decides for
 * one: the policy pack's default when it runs without config. Undefined when no stack file is at hand.
 */
export function protectedStacksIn(root: string): string[] | undefined {
  const environments = environmentsIn(root);
  if (environments.length === 0) return undefined;
  return environments.filter((env) => protectsItself(stackFilesOf(root, env)));
}

export function loadEnvironment(root: string, stack: string): Env {
  const plans = readPlans(root, stack);
  return environmentOf(plans, stack, settingsFor(root, stack, plans));
}
