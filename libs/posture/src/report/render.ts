import { LAYER_ORDER } from '../model';
import type { CostEstimate } from '../cost';
import type { ControlResult } from '../model';

export interface PostureReport {
  readonly environment: string;
  readonly generatedFrom: string;
  readonly totals: {
    readonly controls: number;
    readonly pass: number;
    readonly fail: number;
    readonly notApplicable: number;
    readonly mandatoryFailures: number;
  };
  readonly controls: readonly ControlResult[];
  readonly cost: CostEstimate;
}

export function buildReport(
  environment: string,
  results: readonly ControlResult[],
  cost: CostEstimate,
): PostureReport {
  const count = (s: ControlResult['status']) => results.filter((r) => r.status === s).length;
  return {
    environment,
    generatedFrom: `dist/plan/${environment}/{${LAYER_ORDER.join(',')}}.json`,
    totals: {
      controls: results.length,
      pass: count('pass'),
      fail: count('fail'),
      notApplicable: count('not applicable'),
      mandatoryFailures: results.filter((r) => r.mandatory && r.status === 'fail').length,
    },
    controls: results,
    cost,
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const money = (n: number) => `$${n.toFixed(2)}`;
/** Unit prices keep their tenths of a cent ($0.011 per endpoint AZ-hour). */
const unit = (n: number) => `$${n.toFixed(4).replace(/0{1,2}$/, '')}`;
const STATUS = { pass: 'pass', fail: '**FAIL**', 'not applicable': 'not applicable' } as const;

/** posture.md: the control table, the failures with their fixes, the totals and the cost estimate. */
export function renderMarkdown(report: PostureReport): string {
  const { totals, cost } = report;
  const rows = report.controls.map((c) => {
    const examined =
      c.examined.length > 6
        ? `${c.examined.slice(0, 6).join(', ')} and ${c.examined.length - 6} more`
        : c.examined.join(', ') || 'none';
    const detail = [...c.findings.map((f) => `${f.message}. Fix: ${f.fix}`), ...c.notes].join('<br>') || '';
    return `| ${c.id} | ${cell(c.standards.join(', '))} | ${c.mandatory ? 'mandatory' : 'advisory'} | ${STATUS[c.status]} | ${cell(examined)} | ${cell(detail)} |`;
  });
  return [
    `# Security posture: ${report.environment}`,
    '',
    `Evaluated offline over ${report.generatedFrom} by the policy pack of libs/posture (controls: CONTROLS.md).`,
    '',
    `**${totals.pass} pass, ${totals.fail} fail, ${totals.notApplicable} not applicable** of ${totals.controls} controls; mandatory failures: ${totals.mandatoryFailures}.`,
    '',
    '| ID | Standards | Level | Result | Resources examined | Reason and fix |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `## Fixed monthly cost estimate (${cost.region})`,
    '',
    '| Item | Quantity | Unit price | Monthly |',
    '|---|---|---|---|',
    ...cost.lines.map(
      (l) => `| ${l.item} | ${l.quantity} ${l.unit} | ${unit(l.unitPrice)} | ${money(l.monthly)} |`,
    ),
    `| **Total** | | | **${money(cost.total)}** |`,
    '',
    ...(cost.unpriced.length
      ? ['Not priced (not in the total):', ...cost.unpriced.map((u) => `- ${u}`), '']
      : []),
    'Assumptions:',
    ...cost.assumptions.map((a) => `- ${a}`),
    '',
  ].join('\n');
}

/** The terminal table: one line per environment, then the failures. */
export function renderSummary(reports: readonly PostureReport[]): string {
  const header = `${'environment'.padEnd(12)}${'pass'.padStart(6)}${'fail'.padStart(6)}${'n/a'.padStart(6)}${'mandatory fail'.padStart(16)}${'cost/month'.padStart(14)}`;
  const lines = reports.map(
    (r) =>
      `${r.environment.padEnd(12)}${String(r.totals.pass).padStart(6)}${String(r.totals.fail).padStart(6)}${String(r.totals.notApplicable).padStart(6)}${String(r.totals.mandatoryFailures).padStart(16)}${money(r.cost.total).padStart(14)}`,
  );
  const failures = reports.flatMap((r) =>
    r.controls
      .filter((c) => c.status === 'fail')
      .map(
        (c) =>
          `  ${r.environment} ${c.id}: ${c.findings[0]?.message ?? ''}${c.findings.length > 1 ? ` (+${c.findings.length - 1} more)` : ''}`,
      ),
  );
  return [header, ...lines, ...(failures.length ? ['failed controls:', ...failures] : [])].join('\n');
}
