import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { LayerName } from '@secure-ml/shared';
import { readStackConfig } from '@secure-ml/shared/testing';
import type { Check } from '../../src/check';
import { runVerify } from '../../src/cli';
import { createClients } from '../../src/clients';
import { OUTPUTS } from './healthy';

export const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The checks of one layer's JSON report, as verify wrote it. */
export const checksOf = (reportDir: string, layer: string): Check[] =>
  (JSON.parse(readFileSync(join(reportDir, `verify-${layer}.json`), 'utf8')) as { checks: Check[] }).checks;
export const failed = (checks: Check[]) => checks.filter((c) => c.result === 'fail');

export interface Run {
  readonly code: number;
  readonly printed: string[];
  readonly errors: string[];
  readonly reportDir: string;
  readonly pulumiCalls: string[][];
}

/** Runs verify for one layer of dev against the mocked clients, with a fake `pulumi stack output`. */
export async function verify(
  layer: LayerName,
  options: {
    active?: boolean;
    outputs?: Partial<Record<LayerName, unknown>>;
    missing?: LayerName;
    config?: Partial<Record<LayerName, Record<string, string>>>;
  } = {},
): Promise<Run> {
  const printed: string[] = [];
  const errors: string[] = [];
  const pulumiCalls: string[][] = [];
  // Under this Jest run's reports folder (./reports-setup.ts), which its teardown removes.
  const reportDir = mkdtempSync(join(process.env['SECURE_ML_VERIFY_REPORTS'] ?? tmpdir(), 'verify-'));
  const outputs = { ...OUTPUTS, ...options.outputs } as Record<string, unknown>;
  const code = await runVerify({
    root: ROOT,
    layer,
    stack: 'dev',
    active: options.active ?? false,
    readConfig: (of) => ({ ...readStackConfig(join(ROOT, 'packages', of), 'dev'), ...options.config?.[of] }),
    reportDir,
    pulumi: (args) => {
      pulumiCalls.push(args);
      const of = basename(args[args.indexOf('--cwd') + 1] ?? '');
      if (of === options.missing)
        return { status: 255, stdout: '', stderr: `error: no stack named 'dev' found` };
      return { status: 0, stdout: JSON.stringify(outputs[of]), stderr: '' };
    },
    clients: createClients,
    print: (l) => printed.push(l),
    printError: (l) => errors.push(l),
    sleep: () => Promise.resolve(),
    now: () => new Date('2026-12-01T12:00:00Z'),
  });
  return { code, printed, errors, reportDir, pulumiCalls };
}
