import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/**
 * Reads `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to a program: every value a string, structured
 * values (lists, maps) as JSON. Secure (encrypted) values cannot be read offline and are refused, which also
 * keeps secrets out of the example stacks.
 */
export function readStackConfig(projectDir: string, stack: string): Record<string, string> {
  const file = join(projectDir, `Pulumi.${stack}.yaml`);
  const doc = load(readFileSync(file, 'utf8')) as { config?: Record<string, unknown> } | null;
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc?.config ?? {})) {
    if (typeof value === 'object' && value !== null && 'secure' in value) {
      throw new Error(
        `${file}: ${key} is a secret; the offline plan cannot decrypt it. Keep secrets out of the layer config.`,
      );
    }
    config[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return config;
}
