import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleConfig, readExamplePlan, readExamples, type Example } from '@secure-ml/shared/testing';
import { evaluateAll } from '../evaluate';
import type { ControlResult, Env } from '../model';
import { LAYER_ORDER } from '../model';
import { environmentOf, settingsFor } from '../plans';

/**
 * The examples of examples/ graded like an environment: every mandatory control must pass, and the only
 * exceptions a control reports (NET-3 with egress enabled) are the ones the example declares. Writes
 * dist/plan/examples/posture.json and returns 1 when an example fails.
 */
export interface ExampleResult {
  readonly example: string;
  readonly failures: readonly string[];
  /** Control IDs whose notes report an exception. */
  readonly exceptions: readonly string[];
  readonly problems: readonly string[];
}

export function exampleEnvironment(root: string, example: Example): Env {
  const plans = LAYER_ORDER.map((layer) => readExamplePlan(root, layer, example.name));
  const settings = settingsFor(root, example.base, plans, (layer) => exampleConfig(root, example, layer));
  return environmentOf(plans, example.base, settings);
}

const reportedExceptions = (results: readonly ControlResult[]) =>
  results.filter((r) => r.notes.some((n) => n.startsWith('exception:'))).map((r) => r.id);

export function gradeExample(root: string, example: Example): ExampleResult {
  const results = evaluateAll(exampleEnvironment(root, example));
  const failures = results.filter((r) => r.mandatory && r.status === 'fail');
  const exceptions = reportedExceptions(results);
  const declared = Object.keys(example.exceptions);
  const problems = [
    ...failures.flatMap((r) => r.findings.map((f) => `${r.id}: ${f.message}. Fix: ${f.fix}`)),
    ...exceptions
      .filter((id) => !declared.includes(id))
      .map((id) => `${id} reports an exception the example does not declare`),
    ...declared
      .filter((id) => !exceptions.includes(id))
      .map((id) => `${id} is declared an exception but reports none`),
  ];
  return { example: example.name, failures: failures.map((r) => r.id), exceptions, problems };
}

export function runExamples(root: string, log: (line: string) => void = console.log): number {
  const examples = readExamples(root);
  if (examples.length === 0) return 0;
  let results: ExampleResult[];
  try {
    results = examples.map((e) => gradeExample(root, e));
  } catch (err) {
    log(`examples: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const dir = join(root, 'dist', 'plan', 'examples');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'posture.json'), `${JSON.stringify(results, null, 2)}\n`);
  for (const r of results)
    log(
      `example ${r.example.padEnd(22)} ${r.problems.length ? 'FAILED' : 'passes every mandatory control'}${r.exceptions.length ? ` (declared exception: ${r.exceptions.join(', ')})` : ''}`,
    );
  for (const r of results) for (const p of r.problems) log(`  ${r.example}: ${p}`);
  return results.some((r) => r.problems.length) ? 1 : 0;
}
