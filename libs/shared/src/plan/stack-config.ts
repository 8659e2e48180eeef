import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, YAMLException } from 'js-yaml';
import { ConfigError } from '../errors';

/**
 * Parses the text of a stack file, turning a YAML mistake (a duplicated key, a tab in the indentation, a bad
 * indent) into one ConfigError that names the file, the line and the key, like the config errors do, never a
 * js-yaml stack trace.
 */
export function parseStackFile(text: string, file: string): { config?: Record<string, unknown> } | null {
  try {
    return load(text) as { config?: Record<string, unknown> } | null;
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const line = error.mark.line + 1;
    const source = text.split(/\r?\n/)[error.mark.line] ?? '';
    // A key ends at the first colon followed by a space or the line's end (`secure-ml-network:egress: nat`).
    const key = /^[\s-]*["']?(.+?)["']?:(\s|$)/.exec(source)?.[1]?.trim();
    const fix = /duplicated mapping key/.test(error.reason)
      ? 'keep one entry for this key'
      : /tab/.test(error.reason)
        ? 'indent with spaces, never tabs'
        : 'fix the YAML at that line (indentation, quoting, a missing colon)';
    const problem = `line ${line}${key ? `, key ${key}` : ''}: ${error.reason}. Fix: ${fix}`;
    throw new ConfigError(`Invalid configuration in ${file} (1 problem):\n  - ${problem}`, [problem]);
  }
}

/**
 * Reads `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to a program: every value a string, structured
 * values (lists, maps) as JSON. Secure (encrypted) values cannot be read offline and are refused, which also
 * keeps secrets out of the example stacks.
 */
export function readStackConfig(projectDir: string, stack: string): Record<string, string> {
  const file = join(projectDir, `Pulumi.${stack}.yaml`);
  // Named as the other config errors name it: packages/<layer>/Pulumi.<stack>.yaml from the repository root.
  const at = file.lastIndexOf('/packages/');
  const doc = parseStackFile(readFileSync(file, 'utf8'), at >= 0 ? file.slice(at + 1) : file);
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
