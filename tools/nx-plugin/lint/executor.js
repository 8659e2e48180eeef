// Every project's `lint` target: ESLint over the project's folder, as `eslint .` run there with its own
// eslint.config.mjs, except that the projects linted in one Nx run share one TypeScript program. The type-checked
// rules need a program, and each project's program parses and binds the same declarations of @pulumi/aws,
// @pulumi/pulumi and Node (about 10 s of CPU a project); every tsconfig.json here has the same compilerOptions but
// `types`, so one program over all their files gives each file the types its own would. Nx hands the projects of
// a run to `batch` at once (executors.json, preferBatch) and still caches each project's result on its own.
// Plain JavaScript: Nx loads it in its batch worker, where no TypeScript loader is registered.
'use strict';
const path = require('node:path');
const { optionsKey, readProject } = require('../tsconfig');

/**
 * One program per set of compiler options (ignoring `types`, whose union each program loads): with this
 * repository's tsconfig files, one program for every project asked.
 */
function programsOf(roots) {
  const ts = require('typescript');
  const groups = new Map();
  for (const root of roots) {
    const { options, fileNames, errors, unreadable } = readProject(ts, root);
    if (unreadable) throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
    const { types, configFilePath: _file, ...rest } = options;
    const key = optionsKey(options, ['types']);
    const group = groups.get(key) ?? { options: rest, types: new Set(), fileNames: new Set() };
    for (const type of types ?? []) group.types.add(type);
    for (const name of fileNames) group.fileNames.add(name);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) =>
    ts.createProgram({
      rootNames: [...group.fileNames],
      options: { ...group.options, ...(group.types.size ? { types: [...group.types] } : {}) },
    }),
  );
}

/** Lints the project folders `roots`; returns each root's result: success and what `eslint .` would print. */
async function lintRoots(workspaceRoot, roots) {
  const { ESLint } = require('eslint');
  const eslint = new ESLint({
    cwd: workspaceRoot,
    overrideConfig: {
      languageOptions: {
        parserOptions: { programs: programsOf(roots), projectService: false, project: null },
      },
    },
  });
  const results = await eslint.lintFiles(roots);
  const formatter = await eslint.loadFormatter('stylish');
  return Promise.all(
    roots.map(async (root) => {
      const own = results.filter((r) => r.filePath.startsWith(root + path.sep));
      const errors = own.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
      return { success: errors === 0, terminalOutput: await formatter.format(own) };
    }),
  );
}

const rootOf = (context, project) =>
  path.join(context.root, context.projectsConfigurations.projects[project].root);

/** One project (`nx run <project>:lint` when Nx does not batch it). */
async function lint(_options, context) {
  const [result] = await lintRoots(context.root, [rootOf(context, context.projectName)]);
  if (result.terminalOutput) console.log(result.terminalOutput);
  return { success: result.success };
}

/**
 * Every lint task of an Nx run, in one ESLint and one program. Each result is yielded as a task result (Nx prints
 * a streamed task's output as it prints any task's; a batch that returns its results at once is printed only on
 * CI systems that fold output).
 */
async function* batch(taskGraph, _inputs, _overrides, context) {
  const tasks = Object.values(taskGraph.tasks);
  const roots = tasks.map((task) => rootOf(context, task.target.project));
  const startTime = Date.now();
  const results = await lintRoots(context.root, roots);
  const endTime = Date.now();
  for (const [i, task] of tasks.entries())
    yield { task: task.id, result: { ...results[i], startTime, endTime } };
}

module.exports = lint;
module.exports.default = lint;
module.exports.batch = batch;
