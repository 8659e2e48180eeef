import { resourceControl, stackControl } from '../define';
import type { Control, Finding, Res } from '../model';
import { scheduledStoppers, unpackHook } from './hook-analysis';
import { customerKeyProblem, finding, missing, ofType, owns, physicalName, rec, str, T } from '../resources';

const NB = [T.notebook];

/** SageMaker's limit on one lifecycle hook: 16384 characters of base64. */
export const MAX_HOOK_BASE64 = 16384;
export const SUPPORTED_PLATFORM = 'notebook-al2023-v1';

export const decodeHook = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');

/** Text that marks a script as a stand-in rather than the real thing. */
const PLACEHOLDER =
  /\b(TODO|FIXME|placeholder|REPLACE[_-]?ME|changeme|lorem ipsum)\b|^\s*echo\s+["']?hello/im;
/**
 * Reaching the internet from a hook: installs and clones (they fetch from public repositories), and any literal
 * URL whose host is neither local nor AWS. A URL built from a setting (`https://$host/...`) is the configured
 * mirror, reached through the VPC like everything else.
 */
const INSTALLS =
  /(^|[\s/;|&(])(pip[\d.]*|pipx|uv|conda|mamba|micromamba|npm|yarn|gem|cargo|yum|dnf|apt-get|apt)\s+(install|download|create|update|upgrade|add|env\s+(create|update))\b|\s-m\s+pip\b|\bgit\s+(clone|fetch|pull)\b/i;
/**
 * A host a hook may reach: AWS (the host ends in amazonaws.com, not merely contains it:
 * `s3.amazonaws.com.example.net` is someone else's) or this instance. Anything else is the internet.
 */
const AWS_OR_LOCAL = /^(localhost|127\.0\.0\.1|([a-z0-9-]+\.)*amazonaws\.com)$/i;
/** Literal hosts of URLs, and the arguments of curl and wget that name a host without a scheme. */
function hostsReached(commands: string): string[] {
  // The authority of each literal URL, without user info and port; one built from a setting ($host) is the
  // configured mirror, reached through the VPC.
  const urls = [...commands.matchAll(/\b(?:https?|ftp):\/\/([^\s/"'`]+)/gi)]
    .map((m) => m[1] ?? '')
    .filter((authority) => !authority.includes('$'))
    .map((authority) => (authority.split('@').pop() ?? '').split(':')[0] ?? '');
  const bare = [...commands.matchAll(/\b(?:curl|wget)\b([^|;&\n]*)/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(/\s+/)
      .filter((arg) => arg && !arg.startsWith('-') && !arg.includes('$') && !/^['"]?https?:/.test(arg))
      .map((arg) => arg.replace(/^['"]|['"]$/g, '').split('/')[0] ?? '')
      .filter((host) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(host)),
  );
  return [...new Set([...urls, ...bare])].filter((h) => h !== '');
}
function internetUse(commands: string): string | undefined {
  const install = INSTALLS.exec(commands)?.[0]?.trim();
  if (install) return install;
  const foreign = hostsReached(commands).filter((h) => !AWS_OR_LOCAL.test(h));
  return foreign.length ? foreign.join(', ') : undefined;
}
/** An exported setting of the notebook layer: `export SECURE_ML_PIP_INDEX_URL='https://...'`. */
const SETTING_EXPORT = /^export SECURE_ML_[A-Z0-9_]+='[^'\n]*'$/gm;
/** A configured idle time: an assignment such as `export SECURE_ML_IDLE_MINUTES='60'`. */
const IDLE_SETTING = /idle\w*=\s*['"]?[1-9]\d*/i;

/** Lines that do something: not blank, not comments (the shebang and shellcheck directives aside). */
const codeLines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l, i) =>
        l !== '' && (!l.startsWith('#') || (i === 0 && l.startsWith('#!')) || l.startsWith('# shellcheck ')),
    );

/**
 * Whether a hook carries a checked-in script: every line of code of the script appears in the hook, in order.
 * The notebook layer may strip comments and add settings around it; it may not change what the script does.
 */
export function embedsScript(hook: string, script: string): boolean {
  const lines = codeLines(hook);
  let at = 0;
  for (const line of codeLines(script).filter((l) => !l.startsWith('#!'))) {
    at = lines.indexOf(line, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}

const equals = (r: Res, key: string, want: string, fix: string): Finding | undefined =>
  r.inputs[key] === want
    ? undefined
    : finding(r, `${key} is ${JSON.stringify(r.inputs[key] ?? null)}, expected "${want}"`, fix);

export const notebookControls: Control[] = [
  resourceControl({
    id: 'NB-1',
    standards: ['SageMaker.1', 'CKV_AWS_122'],
    check: 'notebook directInternetAccess is Disabled (the provider default is Enabled)',
    examines: NB,
    inspect: (r) =>
      equals(
        r,
        'directInternetAccess',
        'Disabled',
        'set directInternetAccess: "Disabled"; the notebook reaches AWS through the VPC endpoints',
      ),
  }),
  resourceControl({
    id: 'NB-2',
    standards: ['SageMaker.2', 'CKV_AWS_306'],
    check: 'notebook has a subnetId and at least one security group (it runs in our VPC)',
    examines: NB,
    inspect(r) {
      const problems: string[] = [];
      if (!str(r.inputs['subnetId'])) problems.push('subnetId is not set');
      if (!Array.isArray(r.inputs['securityGroups']) || r.inputs['securityGroups'].length === 0)
        problems.push('securityGroups is empty');
      return problems.length
        ? finding(
            r,
            problems.join('; '),
            'set subnetId to a private subnet of the network layer and securityGroups to [notebookSecurityGroupId]',
          )
        : undefined;
    },
  }),
  resourceControl({
    id: 'NB-3',
    standards: ['SageMaker.3', 'CKV_AWS_307'],
    check: 'notebook rootAccess is Disabled (the provider default is Enabled)',
    examines: NB,
    inspect: (r) =>
      equals(r, 'rootAccess', 'Disabled', 'set rootAccess: "Disabled"; lifecycle hooks still run as root'),
  }),
  resourceControl({
    id: 'NB-4',
    standards: ['CKV_AWS_22', 'CKV_AWS_187'],
    check: 'notebook kmsKeyId (the ML storage volume) is a customer-managed key',
    perLayer:
      "the engine sees only the notebook stack, so it checks that kmsKeyId is set and not an AWS-managed alias; offline, the key must be the security layer's",
    examines: NB,
    inspect(r, env) {
      const problem = customerKeyProblem(env, str(r.inputs['kmsKeyId']), 'kmsKeyId');
      return problem
        ? finding(r, problem, 'set kmsKeyId to the data key of the security layer (dataKeyArn)')
        : undefined;
    },
  }),
  resourceControl({
    id: 'NB-5',
    standards: ['CKV_AWS_371'],
    check:
      'notebook instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion is 2 (IMDSv2 only)',
    examines: NB,
    inspect(r) {
      const v = rec(r.inputs['instanceMetadataServiceConfiguration'])[
        'minimumInstanceMetadataServiceVersion'
      ];
      return v === '2'
        ? undefined
        : finding(
            r,
            `minimumInstanceMetadataServiceVersion is ${JSON.stringify(v ?? null)}`,
            'set instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" }',
          );
    },
  }),
  resourceControl({
    id: 'NB-6',
    standards: ['SageMaker.8'],
    check: `notebook platformIdentifier is a supported platform (${SUPPORTED_PLATFORM})`,
    examines: NB,
    inspect: (r) =>
      equals(
        r,
        'platformIdentifier',
        SUPPORTED_PLATFORM,
        `set platformIdentifier: "${SUPPORTED_PLATFORM}" (the provider default notebook-al2-v3 is Amazon Linux 2, at end of support)`,
      ),
  }),
  stackControl({
    id: 'NB-7',
    standards: ['SageMaker lifecycle limits'],
    check: `notebook has a lifecycle configuration; each hook's base64 content is at most ${MAX_HOOK_BASE64} characters; each hook carries a real script of packages/notebook/lifecycle (all its lines of code, in order), never a placeholder`,
    examines: [T.notebook, T.lifecycle],
    evaluate(env) {
      const configs = ofType(env, T.lifecycle);
      const found: Finding[] = [];
      for (const nb of ofType(env, T.notebook)) {
        const name = str(nb.inputs['lifecycleConfigName']);
        if (!name)
          found.push(
            finding(
              nb,
              'has no lifecycleConfigName',
              'set lifecycleConfigName to the lifecycle configuration of the notebook layer',
            ),
          );
        else if (!configs.some((c) => physicalName(c) === name || c.id === name)) {
          found.push(
            finding(
              nb,
              `lifecycleConfigName ${name} names no lifecycle configuration of this stack`,
              'create the NotebookInstanceLifecycleConfiguration beside the notebook and pass its name',
            ),
          );
        }
      }
      for (const c of configs) {
        for (const hook of ['onCreate', 'onStart'] as const) {
          const b64 = str(c.inputs[hook]);
          if (!b64) continue;
          if (b64.length > MAX_HOOK_BASE64)
            found.push(
              finding(
                c,
                `${hook} is ${b64.length} base64 characters, over SageMaker's ${MAX_HOOK_BASE64}`,
                'shorten the script; move logic into a file the hook reads from the EBS volume',
              ),
            );
          const text = decodeHook(b64);
          const scripts = env.settings.lifecycleScripts;
          if (!text.startsWith('#!') || PLACEHOLDER.test(text)) {
            found.push(
              finding(
                c,
                `${hook} is not a real script (no #! line, or placeholder text)`,
                'load the hook from packages/notebook/lifecycle/<hook>.sh',
              ),
            );
          } else if (scripts && !scripts.some((script) => embedsScript(text, script))) {
            found.push(
              finding(
                c,
                `${hook} does not carry any script of packages/notebook/lifecycle (its lines of code are not all there, in order)`,
                'build the hook from the checked-in script file, changing nothing but comments and exported settings',
              ),
            );
          }
        }
        if (!str(c.inputs['onStart']) && !str(c.inputs['onCreate']))
          found.push(
            finding(c, 'has no hook at all', 'set onStart from packages/notebook/lifecycle/on-start.sh'),
          );
      }
      if (owns(env, 'notebook') && ofType(env, T.notebook).length === 0) {
        found.push(
          missing('notebook layer', 'no notebook instance in the environment', 'deploy the notebook layer'),
        );
      }
      return found;
    },
  }),
  resourceControl({
    id: 'NB-8',
    standards: ['cost/exposure'],
    check:
      'the on-start hook schedules (cron or a systemd timer, from its top level, unconditionally) a script that stops the instance (StopNotebookInstance, with no unconditional exit before it) after a configured idle time, and fetches nothing from the internet (no installs in any spelling, no clones, no host that does not end in amazonaws.com)',
    examines: [T.lifecycle],
    inspect(r) {
      const b64 = str(r.inputs['onStart']);
      if (!b64)
        return finding(
          r,
          'has no onStart hook, so nothing stops an idle instance',
          'set onStart from packages/notebook/lifecycle/on-start.sh with the idle-stop logic',
        );
      const text = decodeHook(b64);
      const problems: string[] = [];
      if (scheduledStoppers(unpackHook(text)).length === 0)
        problems.push(
          'never schedules a script that calls StopNotebookInstance (no top-level cron or systemd-timer job runs one)',
        );
      if (!IDLE_SETTING.test(text))
        problems.push('sets no idle time (an assignment such as SECURE_ML_IDLE_MINUTES=60)');
      // The settings the notebook layer exports (a configured mirror's URL among them) are values, not fetches.
      const commands = text.replace(SETTING_EXPORT, '');
      const internet = internetUse(commands);
      if (internet) problems.push(`reaches the internet (${internet})`);
      return problems.length
        ? finding(
            r,
            `onStart ${problems.join('; ')}`,
            'stop the instance with `aws sagemaker stop-notebook-instance` through the VPC endpoint after the configured idle minutes; ship any helper inside the script, never download it',
          )
        : undefined;
    },
  }),
];
