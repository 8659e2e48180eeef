import { LAYER_ORDER } from '../model';
import type { CostEstimate } from '../cost';
import type { ControlResult, Finding } from '../model';

/** Where and when a report was made, so that a reader can tie it to a commit. */
export interface Provenance {
  /** `git rev-parse HEAD` of the repository the plans were made from, or `unknown` outside git. */
  readonly commit: string;
  /** ISO 8601 time of the evaluation. */
  readonly time: string;
}

export interface PostureReport {
  readonly environment: string;
  readonly generatedFrom: string;
  readonly commit: string;
  readonly time: string;
  readonly totals: {
    readonly controls: number;
    readonly pass: number;
    readonly fail: number;
    readonly notApplicable: number;
    readonly mandatoryFailures: number;
    /** Passes that rest on an exception the environment declares (NAT egress): counted apart from `clean`. */
    readonly exceptions: number;
    /** Advisory findings: an advisory control that fails, or a pass with an advisory note. */
    readonly advisories: number;
    /** Passes with neither an exception nor an advisory. */
    readonly clean: number;
  };
  readonly controls: readonly ControlResult[];
  readonly cost: CostEstimate;
}

/** How a result counts in the totals: the five kinds partition the controls. */
export function kindOf(r: ControlResult): 'clean' | 'exception' | 'advisory' | 'fail' | 'not applicable' {
  if (r.status === 'not applicable') return 'not applicable';
  if (r.status === 'fail') return r.mandatory ? 'fail' : 'advisory';
  if (r.notes.some((n) => n.startsWith('exception:'))) return 'exception';
  if (r.notes.some((n) => n.startsWith('advisory:'))) return 'advisory';
  return 'clean';
}

export function buildReport(
  environment: string,
  results: readonly ControlResult[],
  cost: CostEstimate,
  provenance: Provenance = { commit: 'unknown', time: new Date().toISOString() },
): PostureReport {
  const count = (s: ControlResult['status']) => results.filter((r) => r.status === s).length;
  const kinds = results.map(kindOf);
  const ofKind = (k: ReturnType<typeof kindOf>) => kinds.filter((x) => x === k).length;
  return {
    environment,
    generatedFrom: `dist/plan/${environment}/{${LAYER_ORDER.join(',')}}.json`,
    commit: provenance.commit,
    time: provenance.time,
    totals: {
      controls: results.length,
      pass: count('pass'),
      fail: count('fail'),
      notApplicable: count('not applicable'),
      mandatoryFailures: results.filter((r) => r.mandatory && r.status === 'fail').length,
      exceptions: ofKind('exception'),
      advisories: ofKind('advisory'),
      clean: ofKind('clean'),
    },
    controls: results,
    cost,
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const money = (n: number) => `$${n.toFixed(2)}`;
/** Unit prices keep their tenths of a cent ($0.011 per endpoint AZ-hour). */
const unit = (n: number) => `$${n.toFixed(4).replace(/0{1,2}$/, '')}`;

/**
 * Where a finding is fixed: the setting its fix names (in that layer's Pulumi.<env>.yaml), or else the source of
 * the layer that declares the resource (from its URN's project, `secure-ml-<layer>`).
 */
export function fixLocation(f: Finding, environment: string): string {
  const key = /\b((secure-ml(?:-([a-z]+))?):[A-Za-z]+)\b/.exec(f.fix);
  if (key) {
    const layer = key[3];
    return layer
      ? `\`${key[1]}\` in packages/${layer}/Pulumi.${environment}.yaml`
      : `\`${key[1]}\` in every packages/<layer>/Pulumi.${environment}.yaml`;
  }
  const project = /::secure-ml-([a-z]+)::/.exec(f.urn ?? '');
  return project ? `packages/${project[1]}/src/` : 'the environment as a whole (see the fix)';
}

const RESULT = {
  clean: 'pass',
  exception: 'pass (exception)',
  advisory: 'advisory',
  fail: '**FAIL**',
  'not applicable': 'not applicable',
} as const;

/**
 * posture.md, for a security team: where it comes from (commit, time, plans), the totals with exceptions and
 * advisories apart from passes, a row per control with what it checks and every resource it examined, each
 * finding with its fix and where the fix goes, and the cost estimate.
 */
export function renderMarkdown(report: PostureReport): string {
  const { totals, cost } = report;
  const rows = report.controls.map((c) => {
    const examined = c.examined.join(', ') || 'none';
    const detail =
      [
        ...c.findings.map((f) => `${f.message}. Fix: ${f.fix} (in ${fixLocation(f, report.environment)})`),
        ...c.notes,
      ].join('<br>') || '';
    const level = c.mandatory ? 'mandatory' : 'advisory';
    const result = c.status === 'fail' && !c.mandatory ? 'advisory fail' : RESULT[kindOf(c)];
    return `| ${c.id} | ${cell(c.check)} | ${cell(c.standards.join(', '))} | ${level} | ${result} | ${cell(examined)} | ${cell(detail)} |`;
  });
  return [
    `# Security posture: ${report.environment}`,
    '',
    `Evaluated offline at ${report.time}, from commit ${report.commit}, over ${report.generatedFrom}, by the policy pack of libs/posture (controls: docs/CONTROLS.md).`,
    '',
    `**${totals.clean} pass, ${totals.exceptions} pass by a declared exception, ${totals.advisories} advisory, ${totals.mandatoryFailures} mandatory fail, ${totals.notApplicable} not applicable** of ${totals.controls} controls.`,
    '',
    '| ID | What is checked | Standards | Level | Result | Resources examined | Reason and fix |',
    '|---|---|---|---|---|---|---|',
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

/** The terminal table: one line per environment (exceptions and advisories apart from passes), then the failures. */
export function renderSummary(reports: readonly PostureReport[]): string {
  const header = `${'environment'.padEnd(12)}${'pass'.padStart(6)}${'exception'.padStart(11)}${'advisory'.padStart(10)}${'mandatory fail'.padStart(16)}${'n/a'.padStart(6)}${'cost/month'.padStart(14)}${'not priced'.padStart(12)}`;
  const lines = reports.map(
    (r) =>
      `${r.environment.padEnd(12)}${String(r.totals.clean).padStart(6)}${String(r.totals.exceptions).padStart(11)}${String(r.totals.advisories).padStart(10)}${String(r.totals.mandatoryFailures).padStart(16)}${String(r.totals.notApplicable).padStart(6)}${money(r.cost.total).padStart(14)}${String(r.cost.unpriced.length).padStart(12)}`,
  );
  const unpriced = reports.flatMap((r) => r.cost.unpriced.map((u) => `  ${r.environment}: ${u}`));
  const failures = reports.flatMap((r) =>
    r.controls
      .filter((c) => c.status === 'fail')
      .map(
        (c) =>
          `  ${r.environment} ${c.id}: ${c.findings[0]?.message ?? ''}${c.findings.length > 1 ? ` (+${c.findings.length - 1} more)` : ''}`,
      ),
  );
  return [
    header,
    ...lines,
    ...(failures.length ? ['failed controls:', ...failures] : []),
    ...(unpriced.length ? ['not priced (not in the cost):', ...unpriced] : []),
  ].join('\n');
}
