// Reading a layer's Pulumi.<stack>.yaml for the real path: the file itself, and the policy pack's config that
// one stack under the engine cannot see (libs/posture/README.md, "Policy config").
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { ROOT } = require('./layers');
const { registerForOfflineTools } = require('./ts-loader');

/** { path, exists, text, config } of packages/<layer>/Pulumi.<stack>.yaml (config empty when absent). */
function stackFileOf(projectDir, stack) {
  const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) return { path: file, exists: false, text: '', config: {} };
  const text = fs.readFileSync(file, 'utf8');
  return { path: file, exists: true, text, config: (parseYaml(text, file) ?? {}).config ?? {} };
}

/** A stack file that is not valid YAML, named by file and line (the offline plan says the same: libs/shared). */
class StackFileError extends Error {}

function parseYaml(text, file) {
  try {
    return yaml.load(text);
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    const line = error.mark ? error.mark.line + 1 : undefined;
    const fix = /duplicated mapping key/.test(error.reason)
      ? 'keep one entry for this key'
      : /tab/.test(error.reason)
        ? 'indent with spaces, never tabs'
        : 'fix the YAML at that line (indentation, quoting, a missing colon)';
    throw new StackFileError(
      `${path.relative(ROOT, file)}${line ? `:${line}` : ''}: ${error.reason}. Fix: ${fix}. Nothing was run.`,
    );
  }
}

/**
 * The policy config of one stack: what the policy pack cannot read from that stack under the engine, from the
 * environment's stack files, read by the same function as the offline report's (libs/posture/src/policy-config.ts),
 * so that both judge by the same facts. The account is the one the stack files pin (secure-ml:accountId).
 */
function policyConfigFor({ stack, accountId }) {
  const { policyPackConfigOfStack, stackFilesOf } = posture();
  return policyPackConfigOfStack(stack, stackFilesOf(ROOT, stack), accountId);
}

/** The posture library (TypeScript), loaded the first time it is needed: TypeScript is registered once. */
let loaded;
function posture() {
  if (!loaded) {
    registerForOfflineTools();
    loaded = {
      ...require('@secure-ml/posture/policy-config'),
      ...require('@secure-ml/posture/stack-settings'),
    };
  }
  return loaded;
}

module.exports = {
  StackFileError,
  stackFileOf,
  policyConfigFor,
};
