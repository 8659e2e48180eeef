import * as pulumi from '@pulumi/pulumi';
import { assertNoConfigProblems } from '../errors';
import { preview } from '../schema';
import type { Setting, SettingsOf, SettingsSchema } from './settings';

export interface ConfigSource {
  /** The stack being configured, named in the fix (`--stack dev`). */
  readonly stack: string;
  /** Where the values live, named in the message (`packages/network/Pulumi.dev.yaml`). */
  readonly file: string;
  /** Raw values by full key (`secure-ml-network:vpcCidr`), as Pulumi stores them. */
  readonly values: Readonly<Record<string, string>>;
}

/** Reads the running stack's configuration from the Pulumi runtime. */
export function runtimeConfigSource(projectDir: string): ConfigSource {
  const stack = pulumi.getStack();
  return { stack, file: `${projectDir}/Pulumi.${stack}.yaml`, values: pulumi.runtime.allConfig() };
}

export interface Namespaced {
  readonly namespace: string;
  readonly schema: SettingsSchema;
  /** Report keys of this namespace that the schema does not know (off for namespaces we share, like `aws`). */
  readonly strict?: boolean;
}

/**
 * Parses every setting of every namespace, collects every problem (invalid values, missing required keys,
 * unknown keys in namespaces we own) and throws one ConfigError that names each key, the value received, what
 * is allowed and the command that fixes it. Returns the typed values only when there is no problem.
 */
export function loadSettings<const N extends readonly Namespaced[]>(
  source: ConfigSource,
  namespaces: N,
): { [I in keyof N]: N[I] extends Namespaced ? SettingsOf<N[I]['schema']> : never } {
  const problems: string[] = [];
  const fix = (key: string, setting: Setting<unknown>, raw?: string) =>
    configFix(
      source,
      key,
      (raw === undefined ? undefined : setting.repair?.(raw)) ?? setting.example,
      setting,
    );
  const results = namespaces.map(({ namespace, schema, strict }) => {
    const values: Record<string, unknown> = {};
    for (const [name, setting] of Object.entries(schema)) {
      const key = `${namespace}:${name}`;
      const raw = source.values[key];
      if (raw === undefined) {
        if ('default' in setting) values[name] = setting.default;
        else problems.push(`${key} is required: expected ${setting.allowed}. Fix: ${fix(key, setting)}`);
        continue;
      }
      const parsed = setting.parse(raw);
      if (parsed.ok) values[name] = parsed.value;
      else {
        const detail = parsed.problem ? ` (${parsed.problem})` : '';
        problems.push(
          `${key} = ${preview(raw)}${detail}: expected ${setting.allowed}. Fix: ${fix(key, setting, raw)}`,
        );
      }
    }
    for (const key of Object.keys(source.values)) {
      const [ns, name] = splitKey(key);
      if (strict !== false && ns === namespace && !(name in schema)) {
        problems.push(
          `${key} is not a known setting (a typo?): known settings of ${namespace} are ${Object.keys(schema).join(', ')}. Fix: pulumi config rm ${key} --stack ${source.stack}`,
        );
      }
    }
    return values;
  });
  assertNoConfigProblems(source.file, problems);
  return results as never;
}

/**
 * The fix for one setting, runnable from the repository root: a scalar through `pulumi config set` in the layer's
 * directory (`--cwd`), which writes the stack file; a list or map as the line to write in the stack file itself,
 * because `pulumi config set` stores a top-level value as a string ("pulumi config set", Pulumi CLI reference:
 * "Top level entries are always treated as strings", https://www.pulumi.com/docs/iac/cli/commands/pulumi_config_set/).
 * It ends with what the change does to what is deployed (the setting's `onChange`).
 */
export function configFix(
  source: Pick<ConfigSource, 'stack' | 'file'>,
  key: string,
  value: string,
  setting: Pick<Setting<unknown>, 'type' | 'onChange'>,
): string {
  const slash = source.file.lastIndexOf('/');
  const dir = slash < 0 ? '.' : source.file.slice(0, slash);
  const how =
    setting.type === 'list' || setting.type === 'map'
      ? `write ${key}: ${value} in ${source.file}`
      : `pulumi config set ${key} '${value}' --stack ${source.stack} --cwd ${dir}`;
  return `${how}. What changing it does: ${setting.onChange}`;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return at < 0 ? ['', key] : [key.slice(0, at), key.slice(at + 1)];
}
