import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentsIn, runPreflightReport } from '../src/preflight/main';
import { REPO_ROOT } from '../src/report/main';

describe('npm start runs the preflight over every environment and fails like a control', () => {
  it('finds the environments in the stack files of the registry layers', () => {
    expect(environmentsIn(REPO_ROOT)).toEqual(['dev', 'prod']);
  });

  it('passes on the checked-in plans, writing a report per environment', () => {
    const lines: string[] = [];
    expect(runPreflightReport(REPO_ROOT, environmentsIn(REPO_ROOT), (l) => lines.push(l))).toBe(0);
    expect(lines).toContain("preflight: AWS's documented rules hold in dev, prod");
    expect(readFileSync(join(REPO_ROOT, 'dist/plan/dev/preflight.md'), 'utf8')).toContain('No finding.');
  });

  it('returns 1 with the finding and its AWS page when a plan breaks a rule, and when a plan is missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'preflight-'));
    try {
      cpSync(join(REPO_ROOT, 'dist/plan/dev'), join(root, 'dist/plan/dev'), { recursive: true });
      // GIVEN a plan whose trail role trusts CloudTrail only with aws:SourceAccount (issue 11 item 1)
      const file = join(root, 'dist/plan/dev/security.json');
      const plan = JSON.parse(readFileSync(file, 'utf8')) as {
        resources: { name: string; inputs: Record<string, unknown> }[];
      };
      const role = plan.resources.find((r) => r.name === 'trail-delivery-role');
      if (!role) throw new Error('no trail-delivery-role in the plan');
      const trust = JSON.parse(String(role.inputs['assumeRolePolicy'])) as { Statement: object[] };
      trust.Statement = trust.Statement.map((s) => ({
        ...s,
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      }));
      role.inputs['assumeRolePolicy'] = JSON.stringify(trust);
      writeFileSync(file, JSON.stringify(plan));
      const lines: string[] = [];
      // WHEN the preflight runs over it and over an environment without plans
      const status = runPreflightReport(root, ['dev', 'qa'], (l) => lines.push(l));
      // THEN it fails, naming the rule, the resource and the page
      expect(status).toBe(1);
      const out = lines.join('\n');
      expect(out).toContain(
        'TRAIL-ROLE-TRUST trail-delivery-role (Role) trusts CloudTrail only with aws:SourceAccount/aws:SourceArn',
      );
      expect(out).toContain(
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html',
      );
      expect(out).toContain(
        'preflight qa: No offline plan of security, network, logging, guardrail, notebook for qa',
      );
      expect(out).toContain('preflight: FAILED');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
