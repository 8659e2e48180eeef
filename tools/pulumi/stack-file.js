// Reading a layer's Pulumi.<stack>.yaml for the real path: the file itself, and the policy pack's config that
// one stack under the engine cannot see (libs/posture/README.md, "Policy config").
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { ROOT } = require('./layers');

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
 * The policies that judge policy documents against the environment's account (libs/posture/src/policies.ts,
 * ACCOUNT_POLICIES; libs/posture/test/policy-config.test.ts holds the two lists equal).
 */
const ACCOUNT_POLICIES = ['iam-3', 'iam-6', 'kms-3', 'kms-4', 'kms-5', 'net-7', 'log-5', 'log-15', 's3-7'];

const configOf = (layer, stack) => stackFileOf(path.join(ROOT, 'packages', layer), stack).config;

/**
 * What the policy pack cannot read from one stack under the engine, taken from the same files the offline report
 * reads, so that both check the same facts. The account is the one the stack files pin (secure-ml:accountId).
 */
function policyConfigFor({ layer, stack, accountId }) {
  const own = configOf(layer, stack);
  const network = configOf('network', stack);
  const logging = configOf('logging', stack);
  const notebook = configOf('notebook', stack);
  const owners = notebook['secure-ml-notebook:ownerSourceCidrs'];
  const endpoints = network['secure-ml-network:interfaceEndpoints'];
  const egress = network['secure-ml-network:egress'] === 'nat';
  const listed = (key) => (Array.isArray(network[key]) ? network[key] : []);
  const protectedStacks = own['secure-ml:protect'] === false ? [] : [stack];
  return {
    'kms-2': { protectedStacks },
    'dur-1': { protectedStacks },
    'net-3': { egressEnabled: egress },
    // NET-4: the networks the security groups may name (egressAllowedCidrs counts only with egress: nat).
    'net-4': {
      allowedCidrs: [
        ...(egress ? listed('secure-ml-network:egressAllowedCidrs') : []),
        ...listed('secure-ml-network:notebookClientCidrs'),
      ],
    },
    ...(Array.isArray(endpoints) ? { 'net-6': { endpointServices: endpoints } } : {}),
    ...Object.fromEntries(ACCOUNT_POLICIES.map((policy) => [policy, { accountId }])),
    'log-9': { alertAddressConfigured: Boolean(logging['secure-ml-logging:alertEmail']) },
    // NB-11: the owner access policy's network deny admits exactly these (unset: none over the internet).
    'nb-11': { ownerSourceCidrs: Array.isArray(owners) ? owners : [] },
  };
}

module.exports = {
  StackFileError,
  stackFileOf,
  policyConfigFor,
  ACCOUNT_POLICIES,
};
