import * as pulumi from '@pulumi/pulumi';
import { assertNoConfigProblems } from '../errors';
import { preview } from '../schema';
import type { SettingsOf, SettingsSchema } from './settings';

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
  const fix = (key: string, example: string) =>
    `pulumi config set ${key} '${example}' --stack ${source.stack}`;
  const results = namespaces.map(({ namespace, schema, strict }) => {
    const values: Record<string, unknown> = {};
    for (const [name, setting] of Object.entries(schema)) {
      const key = `${namespace}:${name}`;
      const raw = source.values[key];
      if (raw === undefined) {
        if ('default' in setting) values[name] = setting.default;
        else
          problems.push(`${key} is required: expected ${setting.allowed}. Fix: ${fix(key, setting.example)}`);
        continue;
      }
      const parsed = setting.parse(raw);
      if (parsed.ok) values[name] = parsed.value;
      else {
        const detail = parsed.problem ? ` (${parsed.problem})` : '';
        problems.push(
          `${key} = ${preview(raw)}${detail}: expected ${setting.allowed}. Fix: ${fix(key, setting.example)}`,
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

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return at < 0 ? ['', key] : [key.slice(0, at), key.slice(at + 1)];
}
