import type { Check } from './check';

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

/** The terminal table: one line per check, failures first so that they are what a reader sees. */
export function renderTable(layer: string, stack: string, checks: readonly Check[]): string {
  const order = { fail: 0, skip: 1, pass: 2 } as const;
  const sorted = [...checks].sort((a, b) => order[a.result] - order[b.result]);
  const counts = (r: Check['result']) => checks.filter((c) => c.result === r).length;
  const lines = sorted.map((c) => `${MARK[c.result]}  ${c.id.padEnd(15)} ${c.title}\n      ${c.evidence}`);
  return [
    `verify ${layer} (${stack}): ${counts('pass')} passed, ${counts('fail')} failed, ${counts('skip')} skipped`,
    ...lines,
  ].join('\n');
}

/** The JSON file beside the offline posture report (dist/plan/<env>/), for the drift workflow and for people. */
export function toJson(
  layer: string,
  stack: string,
  account: string,
  at: Date,
  checks: readonly Check[],
): string {
  return `${JSON.stringify({ layer, stack, account, verifiedAt: at.toISOString(), checks }, null, 2)}\n`;
}
