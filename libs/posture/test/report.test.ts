import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../src/model';
import { LAYER_ORDER } from '../src/model';
import type { PostureReport } from '../src/report/render';
import { readPlans, settingsFor } from '../src/plans';
import { runReport } from '../src/report/main';
import { compliantEnv, patch } from './fixtures';

/** Writes an environment as the plan files the layers would write, one per layer of the registry. */
function writePlans(root: string, stack: string, env: Env): void {
  const dir = join(root, 'dist', 'plan', stack);
  mkdirSync(dir, { recursive: true });
  for (const layer of LAYER_ORDER) {
    const resources = env.resources.filter((r) => r.layer === layer).map((r) => ({ ...r, custom: true }));
    const outputs = env.outputs[layer] ?? {};
    writeFileSync(
      join(dir, `${layer}.json`),
      JSON.stringify({ layer, project: `secure-ml-${layer}`, stack, resources, outputs }),
    );
  }
}

describe('the posture report', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'posture-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes posture.md and posture.json per environment and exits 0 when every mandatory control passes', () => {
    // GIVEN compliant plans for dev and prod (prod keys protected)
    writePlans(root, 'dev', compliantEnv());
    const prod = compliantEnv();
    writePlans(root, 'prod', {
      ...prod,
      resources: prod.resources.map((r) =>
        r.type === 'aws:kms/key:Key' ? { ...r, options: { ...r.options, protect: true } } : r,
      ),
    });
    const lines: string[] = [];
    // WHEN the report runs
    const status = runReport(root, ['dev', 'prod'], (l) => lines.push(l));
    // THEN both environments pass, with a row per control and the cost estimate
    expect(status).toBe(0);
    for (const stack of ['dev', 'prod']) {
      const report = JSON.parse(
        readFileSync(join(root, 'dist', 'plan', stack, 'posture.json'), 'utf8'),
      ) as PostureReport;
      expect(report.totals).toEqual({
        controls: 52,
        pass: 52,
        fail: 0,
        notApplicable: 0,
        mandatoryFailures: 0,
      });
      expect(report.cost.total).toBeGreaterThan(0);
      const md = readFileSync(join(root, 'dist', 'plan', stack, 'posture.md'), 'utf8');
      expect(md).toContain(
        '| NB-1 | SageMaker.1, CKV_AWS_122 | mandatory | pass | notebook (NotebookInstance) |',
      );
      expect(md).toMatch(/Assumptions:\n- List prices of \d{4}-\d{2}-\d{2}/);
    }
    expect(lines.join('\n')).toMatch(/dev\s+52\s+0\s+0\s+0/);
  });

  it('exits 1 when a mandatory control fails in one environment, with the reason and the fix in posture.md', () => {
    writePlans(root, 'dev', compliantEnv());
    writePlans(root, 'prod', patch(compliantEnv(), 'notebook', { rootAccess: 'Enabled' }));
    const lines: string[] = [];
    expect(runReport(root, ['dev', 'prod'], (l) => lines.push(l))).toBe(1);
    const md = readFileSync(join(root, 'dist', 'plan', 'prod', 'posture.md'), 'utf8');
    expect(md).toMatch(
      /\| NB-3 \| .* \| \*\*FAIL\*\* \| notebook \(NotebookInstance\) \| notebook \(NotebookInstance\): rootAccess is "Enabled".*Fix: set rootAccess/,
    );
    expect(lines.join('\n')).toContain('prod NB-3: notebook (NotebookInstance): rootAccess is "Enabled"');
  });

  it('exits 1 and names the command when plans are missing', () => {
    writePlans(root, 'dev', compliantEnv());
    const lines: string[] = [];
    expect(runReport(root, ['dev', 'prod'], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain('Run: npx nx run-many -t plan');
  });
});

describe('what the report reads from the repository', () => {
  it('requires the configured interface endpoints on top of the six, and a subscription when an alert address is set', () => {
    const root = mkdtempSync(join(tmpdir(), 'posture-config-'));
    try {
      writePlans(root, 'dev', compliantEnv());
      for (const [layer, yaml] of [
        ['network', 'config:\n  secure-ml-network:interfaceEndpoints:\n    - sts\n    - ecr.api\n'],
        ['logging', 'config:\n  secure-ml-logging:alertEmail: secops@example.com\n'],
      ] as const) {
        mkdirSync(join(root, 'packages', layer), { recursive: true });
        writeFileSync(join(root, 'packages', layer, 'Pulumi.dev.yaml'), yaml);
      }
      const settings = settingsFor(root, 'dev', readPlans(root, 'dev'));
      expect(settings.endpointServices).toEqual([
        'sagemaker.api',
        'sagemaker.runtime',
        'sts',
        'logs',
        'monitoring',
        'kms',
        'ecr.api',
      ]);
      expect(settings.alertAddressConfigured).toBe(true);
      // The account of the security layer's published ARNs (the fixture's data key).
      expect(settings.accountId).toBe('123456789012');
      // THEN the compliant fixture (no ecr.api endpoint, no subscription) fails NET-6 and LOG-9
      expect(runReport(root, ['dev'], () => undefined)).toBe(1);
      const report = JSON.parse(
        readFileSync(join(root, 'dist', 'plan', 'dev', 'posture.json'), 'utf8'),
      ) as PostureReport;
      expect(report.controls.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['NET-6', 'LOG-9']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
