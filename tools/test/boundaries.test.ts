import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/repo-root';

type Finding = { ruleId: string | null; message: string };

/**
 * Lints source texts as if they were files of the workspace, with the workspace's own ESLint config (the real
 * depConstraints of eslint.config.mjs), keeping only the module-boundary rule: the type-checked rules need the
 * file on disk, this rule needs only the import and the Nx project graph. ESLint loads its config with
 * `import()`, which Jest's module system does not support, hence one child process for all the probes.
 */
function lintAs(probes: Record<string, { file: string; source: string }>): Record<string, Finding[]> {
  const script = `
    import { ESLint } from 'eslint';
    const probes = JSON.parse(process.argv[1]);
    const eslint = new ESLint({
      cwd: process.cwd(),
      ruleFilter: ({ ruleId }) => ruleId === '@nx/enforce-module-boundaries',
      overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    });
    const findings = {};
    for (const [name, { file, source }] of Object.entries(probes)) {
      const [result] = await eslint.lintText(source, { filePath: file });
      findings[name] = result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
    }
    console.log(JSON.stringify(findings));`;
  const absolute = Object.fromEntries(
    Object.entries(probes).map(([name, probe]) => [name, { ...probe, file: join(REPO_ROOT, probe.file) }]),
  );
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(absolute)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (run.status !== 0) throw new Error(`eslint failed (exit ${String(run.status)}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, Finding[]>;
}

const STACK_ONLY_LIBS = 'A project tagged with "type:stack" can only depend on libs tagged with "type:lib"';

// Files that do not exist: lintText gives ESLint a path and a content, nothing is written.
const PROBES = {
  stackImportsStack: {
    file: 'packages/logging/src/boundary-probe.ts',
    source: "import { handler } from '@secure-ml/network-stack';\nexport const used = handler;\n",
  },
  stackImportsUpstreamStack: {
    file: 'packages/notebook/src/boundary-probe.ts',
    source: "export { default } from '@secure-ml/security-stack';\n",
  },
  stackImportsLib: {
    file: 'packages/logging/src/boundary-probe.ts',
    source: "import { LAYERS } from '@secure-ml/shared/layers';\nexport const layers = LAYERS;\n",
  },
};

describe('module boundaries: a layer never imports another layer', () => {
  const findings = lintAs(PROBES);

  it('the probes are not real files of the layers', () => {
    for (const { file } of Object.values(PROBES)) expect(existsSync(join(REPO_ROOT, file))).toBe(false);
  });

  it('rejects the logging stack importing the network stack, by @nx/enforce-module-boundaries', () => {
    expect(findings['stackImportsStack']).toEqual([
      { ruleId: '@nx/enforce-module-boundaries', message: STACK_ONLY_LIBS },
    ]);
  });

  it('rejects the notebook stack importing an upstream stack too (upstream is no exception)', () => {
    expect(findings['stackImportsUpstreamStack']).toEqual([
      { ruleId: '@nx/enforce-module-boundaries', message: STACK_ONLY_LIBS },
    ]);
  });

  it('accepts the same layer importing the shared library (the rule does not reject every import)', () => {
    expect(findings['stackImportsLib']).toEqual([]);
  });
});
