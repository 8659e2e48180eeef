import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentsIn } from '@secure-ml/shared/testing';
import { loadEnvironment } from '../plans';

export { environmentsIn };
import { runPreflight, type PreflightFinding } from './index';

const render = (environment: string, findings: readonly PreflightFinding[]): string =>
  [
    `# Preflight of ${environment}`,
    '',
    findings.length ? `${findings.length} finding(s): AWS would reject or ignore these.` : 'No finding.',
    '',
    ...findings.map((f) => `- **${f.rule}** ${f.message} ([${f.source.title}](${f.source.url}))`),
    '',
  ].join('\n');

/**
 * `nx run posture:preflight` (npm start runs it after the plans): the preflight over every environment, written
 * to dist/plan/<env>/preflight.md and .json. Returns 1 when any environment has a finding or no plan.
 */
export function runPreflightReport(
  root: string,
  environments: readonly string[] = environmentsIn(root),
  log: (line: string) => void = console.log,
): number {
  let status = 0;
  for (const environment of environments) {
    let findings: PreflightFinding[];
    try {
      findings = runPreflight(loadEnvironment(root, environment));
    } catch (err) {
      log(`preflight ${environment}: ${err instanceof Error ? err.message : String(err)}`);
      status = 1;
      continue;
    }
    const dir = join(root, 'dist', 'plan', environment);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'preflight.json'), `${JSON.stringify(findings, null, 2)}\n`);
    writeFileSync(join(dir, 'preflight.md'), render(environment, findings));
    log(`preflight ${environment}: ${findings.length} finding(s)`);
    for (const f of findings) log(`  ${f.rule} ${f.message}\n    AWS: ${f.source.title}, ${f.source.url}`);
    if (findings.length) status = 1;
  }
  log(
    status === 0
      ? `preflight: AWS's documented rules hold in ${environments.join(', ')}`
      : 'preflight: FAILED (see dist/plan/<env>/preflight.md)',
  );
  return status;
}
