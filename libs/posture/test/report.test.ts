import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../src/model';
import { LAYER_ORDER } from '../src/model';
import type { ControlResult } from '../src/model';
import { buildReport, renderMarkdown, renderSummary, type PostureReport } from '../src/report/render';
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

/** The security layer's stack file of an environment that opts out of deletion protection, as dev does. */
function optOutOfProtection(root: string, stack: string): void {
  mkdirSync(join(root, 'packages', 'security'), { recursive: true });
  writeFileSync(
    join(root, 'packages', 'security', `Pulumi.${stack}.yaml`),
    'config:\n  secure-ml:protect: false\n',
  );
}

describe('the posture report', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'posture-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes posture.md and posture.json per environment and exits 0 when every mandatory control passes', () => {
    // GIVEN compliant plans for dev (which opts out of protection in its stack file) and prod (keys, buckets, log
    // groups, trail and notebook protected: KMS-2, DUR-1)
    writePlans(root, 'dev', compliantEnv());
    optOutOfProtection(root, 'dev');
    const prod = compliantEnv();
    writePlans(root, 'prod', {
      ...prod,
      resources: prod.resources.map((r) =>
        PROTECTED_IN_PROD.includes(r.type) ? { ...r, options: { ...r.options, protect: true } } : r,
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
        controls: 61,
        pass: 61,
        fail: 0,
        notApplicable: 0,
        mandatoryFailures: 0,
        exceptions: 0,
        // LOG-9's advisory: the fixture configures no alert address, so nobody would receive the alarms
        advisories: 1,
        clean: 60,
      });
      expect(report.cost.total).toBeGreaterThan(0);
      const md = readFileSync(join(root, 'dist', 'plan', stack, 'posture.md'), 'utf8');
      expect(md).toContain(
        '| NB-1 | notebook directInternetAccess is Disabled (the provider default is Enabled) | SageMaker.1, CKV_AWS_122 | mandatory | pass | notebook (NotebookInstance) |',
      );
      expect(md).toMatch(/Assumptions:\n- List prices of \d{4}-\d{2}-\d{2}/);
    }
    expect(lines.join('\n')).toMatch(/dev\s+60\s+0\s+1\s+0\s+0\s+\$\d+\.\d\d\s+0/);
    expect(readFileSync(join(root, 'dist', 'plan', 'dev', 'posture.md'), 'utf8')).toMatch(
      /^Evaluated offline at \d{4}-\d\d-\d\dT[\d:.]+Z, from commit unknown \(not a git checkout\), over dist\/plan\/dev\//m,
    );
  });

  it('exits 1 when a mandatory control fails in one environment, with the reason and the fix in posture.md', () => {
    writePlans(root, 'dev', compliantEnv());
    writePlans(root, 'prod', patch(compliantEnv(), 'notebook', { rootAccess: 'Enabled' }));
    const lines: string[] = [];
    expect(runReport(root, ['dev', 'prod'], (l) => lines.push(l))).toBe(1);
    const md = readFileSync(join(root, 'dist', 'plan', 'prod', 'posture.md'), 'utf8');
    expect(md).toMatch(
      /\| NB-3 \| .* \| \*\*FAIL\*\* \| notebook \(NotebookInstance\) \| notebook \(NotebookInstance\): rootAccess is "Enabled".*Fix: set rootAccess.* \(in packages\/notebook\/src\/\)/,
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
      optOutOfProtection(root, 'dev');
      for (const [layer, yaml] of [
        // Each layer's file opts out of protection too: one layer's opt-out alone protects nothing less.
        [
          'network',
          'config:\n  secure-ml:protect: false\n  secure-ml-network:interfaceEndpoints:\n    - sts\n    - ecr.api\n',
        ],
        [
          'logging',
          'config:\n  secure-ml:protect: false\n  secure-ml-logging:alertEmail: secops@example.com\n',
        ],
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

describe('the report format', () => {
  const result = (over: Partial<ControlResult>): ControlResult => ({
    id: 'X-1',
    standards: ['S.1'],
    check: 'a check',
    mandatory: true,
    status: 'pass',
    examined: [],
    findings: [],
    notes: [],
    ...over,
  });
  const cost = {
    region: 'eu-west-1',
    lines: [],
    total: 0,
    assumptions: [],
    unpriced: ['ml.g5.2xlarge: not in the price table'],
  };
  const results = [
    result({ id: 'A-1' }),
    result({
      id: 'NET-3',
      notes: ["exception: egress is enabled by the environment's config, so its 3 gateway(s) are allowed"],
    }),
    result({
      id: 'LOG-9',
      mandatory: false,
      status: 'fail',
      findings: [{ resource: 'env', message: 'm', fix: 'f' }],
    }),
    result({ id: 'LOG-99', notes: ['advisory: no alert address is configured'] }),
    result({
      id: 'NB-3',
      status: 'fail',
      findings: [
        {
          resource: 'nb',
          urn: 'urn:pulumi:dev::secure-ml-notebook::aws:sagemaker/notebookInstance:NotebookInstance::notebook',
          message: 'rootAccess is "Enabled"',
          fix: 'set rootAccess: Disabled',
        },
      ],
    }),
    result({
      id: 'NET-6',
      status: 'fail',
      findings: [
        {
          resource: 'env',
          message: 'no sts endpoint',
          fix: 'add it to secure-ml-network:interfaceEndpoints',
        },
      ],
    }),
    result({ id: 'Z-1', status: 'not applicable' }),
    result({ id: 'MANY', examined: Array.from({ length: 9 }, (_, i) => `r${i} (Bucket)`) }),
  ];
  const report = buildReport('dev', results, cost, { commit: 'abc123', time: '2026-12-01T22:00:00.000Z' });

  it('counts exceptions and advisories apart from passes; the five kinds add up to the controls', () => {
    expect(report.totals).toEqual({
      controls: 8,
      pass: 4,
      fail: 3,
      notApplicable: 1,
      mandatoryFailures: 2,
      exceptions: 1,
      advisories: 2,
      clean: 2,
    });
    expect(renderSummary([report]).split('\n').slice(0, 2)).toEqual([
      'environment   pass  exception  advisory  mandatory fail   n/a    cost/month  not priced',
      'dev              2          1         2               2     1         $0.00           1',
    ]);
    expect(renderSummary([report])).toContain(
      'not priced (not in the cost):\n  dev: ml.g5.2xlarge: not in the price table',
    );
  });

  it('carries the commit, the time, each check, every examined resource and where each fix goes', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('Evaluated offline at 2026-12-01T22:00:00.000Z, from commit abc123,');
    expect(md).toContain(
      'r0 (Bucket), r1 (Bucket), r2 (Bucket), r3 (Bucket), r4 (Bucket), r5 (Bucket), r6 (Bucket), r7 (Bucket), r8 (Bucket)',
    );
    expect(md).not.toContain('more');
    expect(md).toContain('| NET-3 | a check | S.1 | mandatory | pass (exception) |');
    expect(md).toContain('| LOG-9 | a check | S.1 | advisory | advisory fail |');
    expect(md).toContain(
      'rootAccess is "Enabled". Fix: set rootAccess: Disabled (in packages/notebook/src/)',
    );
    expect(md).toContain(
      'no sts endpoint. Fix: add it to secure-ml-network:interfaceEndpoints (in `secure-ml-network:interfaceEndpoints` in packages/network/Pulumi.dev.yaml)',
    );
  });
});

/** What a protected environment protects (KMS-2, DUR-1), written out. */
const PROTECTED_IN_PROD = [
  'aws:kms/key:Key',
  'aws:s3/bucket:Bucket',
  'aws:cloudwatch/logGroup:LogGroup',
  'aws:cloudtrail/trail:Trail',
  'aws:sagemaker/notebookInstance:NotebookInstance',
];

describe('deletion protection follows the stack files, as the wrapper decides it', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'posture-protect-'));
    writePlans(root, 'stage', compliantEnv());
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const failed = () => {
    runReport(root, ['stage'], () => undefined);
    const report = JSON.parse(
      readFileSync(join(root, 'dist', 'plan', 'stage', 'posture.json'), 'utf8'),
    ) as PostureReport;
    return report.controls.filter((c) => c.status === 'fail').map((c) => c.id);
  };

  it('an environment whose stack files say nothing is protected: unprotected keys fail KMS-2, the rest DUR-1 (whatever its name)', () => {
    expect(failed()).toEqual(['KMS-2', 'DUR-1']);
  });

  it('an environment that opts out with secure-ml:protect false is not held to it', () => {
    optOutOfProtection(root, 'stage');
    expect(failed()).toEqual([]);
  });
});
