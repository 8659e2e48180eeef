// Reading a layer's Pulumi.<stack>.yaml for the real path: the file itself, and the policy pack's config that
// one stack under the engine cannot see (libs/posture/README.md, "Policy config").
import fs from 'node:fs';
import path from 'node:path';
import { parseStackFile } from '@secure-ml/shared/stack-files';
import type * as PolicyConfig from '@secure-ml/posture/policy-config';
import type * as StackSettings from '@secure-ml/posture/stack-settings';
import { ROOT } from './layers';

export interface StackFile {
  readonly path: string;
  readonly exists: boolean;
  readonly text: string;
  /** The `config:` map (empty when the file is absent). */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * packages/<layer>/Pulumi.<stack>.yaml. A file that is not YAML is refused with the file, line, key and fix, in
 * the words of the offline plan (a ConfigError of libs/shared), never a js-yaml stack trace.
 */
export function stackFileOf(projectDir: string, stack: string): StackFile {
  const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) return { path: file, exists: false, text: '', config: {} };
  const text = fs.readFileSync(file, 'utf8');
  return {
    path: file,
    exists: true,
    text,
    config: parseStackFile(text, path.relative(ROOT, file))?.config ?? {},
  };
}

/**
 * The policy config of one stack: what the policy pack cannot read from that stack under the engine, from the
 * environment's stack files, read by the same function as the offline report's (libs/posture/src/policy-config.ts),
 * so that both judge by the same facts. The account is the one the stack files pin (secure-ml:accountId).
 */
export function policyConfigFor({ stack, accountId }: { stack: string; accountId: string }): unknown {
  // Loaded here, not at the top: it loads every control, which only preview and up need (and the wrapper's tests
  // start the wrapper dozens of times for the other verbs).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { policyPackConfigOfStack } = require('@secure-ml/posture/policy-config') as typeof PolicyConfig;
  const { stackFilesOf } = require('@secure-ml/posture/stack-settings') as typeof StackSettings;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return policyPackConfigOfStack(stack, stackFilesOf(ROOT, stack), accountId);
}
