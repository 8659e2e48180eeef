import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { estimateCost } from '../cost';
import { environmentsIn } from '@secure-ml/shared/testing';
import { evaluateAll } from '../evaluate';
import { loadEnvironment } from '../plans';
import { buildReport, renderMarkdown, renderSummary, type PostureReport } from './render';

/**
 * `nx run posture:report`: evaluates every control over the offline plans of each environment, writes
 * dist/plan/<env>/posture.md and posture.json, prints the summary, and returns 1 when a mandatory control
 * fails (or a plan is missing) in any environment.
 */
export function runReport(
  root: string,
  environments: readonly string[] = environmentsIn(root),
  log: (line: string) => void = console.log,
): number {
  const reports: PostureReport[] = [];
  let status = 0;
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const provenance = {
    commit: head.status === 0 ? head.stdout.trim() : 'unknown (not a git checkout)',
    time: new Date().toISOString(),
  };
  for (const environment of environments) {
    let env;
    try {
      env = loadEnvironment(root, environment);
    } catch (err) {
      log(`posture ${environment}: ${err instanceof Error ? err.message : String(err)}`);
      status = 1;
      continue;
    }
    const report = buildReport(environment, evaluateAll(env), estimateCost(env), provenance);
    const dir = join(root, 'dist', 'plan', environment);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'posture.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(dir, 'posture.md'), renderMarkdown(report));
    reports.push(report);
    if (report.totals.mandatoryFailures > 0) status = 1;
  }
  if (reports.length) log(renderSummary(reports));
  log(
    status === 0
      ? 'posture: every mandatory control passes'
      : 'posture: FAILED (see dist/plan/<env>/posture.md for reasons and fixes)',
  );
  return status;
}

/** The repository root, from libs/posture/src/report. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
