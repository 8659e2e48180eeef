// Every project's `typecheck` target: TypeScript 7's native compiler over the project's tsconfig.json
// (tools/src/typecheck.ts says why 7). When Nx runs several at once it hands them to `batch` together
// (executors.json, preferBatch), which checks the projects whose tsconfig.json files give the same compiler
// options in one program: each program parses and binds the declarations of @pulumi/aws, @pulumi/pulumi and
// Node again (the nine projects here: about 27 s of CPU one by one, 9 s in one program). A project's files get
// the same options, so the same errors, as in a program of their own; each error goes to the project whose
// folder holds its file, and an error of no project's file fails every project of that program.
// Plain JavaScript: Nx loads it in its executor process, where no TypeScript loader is registered yet.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { optionsKey, readProject } = require('../tsconfig');
const { workspaceTool } = require('../workspace-tools');

/** The workspace's own tools/src/typecheck.ts. */
const typecheck = (workspaceRoot) => workspaceTool(workspaceRoot, 'typecheck');

/** One project (`nx run <project>:typecheck` when Nx does not batch it): the compiler in the project's folder. */
function check(_options, context) {
  const cwd = process.cwd();
  try {
    process.chdir(path.join(context.root, context.projectsConfigurations.projects[context.projectName].root));
    return { success: typecheck(context.root).main([]) === 0 };
  } finally {
    process.chdir(cwd);
  }
}

/** The projects `roots` in groups of equal compiler options. */
function groupsOf(roots) {
  const ts = require('typescript');
  const groups = new Map();
  for (const root of roots) {
    const project = readProject(ts, root);
    // A tsconfig.json TypeScript 6 cannot read whole (an option it does not know may be one TypeScript 7 knows) is
    // checked on its own, and the compiler's own message about it goes to that project.
    const key = project.errors.length > 0 ? `alone: ${root}` : optionsKey(project.options);
    const group = groups.get(key) ?? { config: project.file, roots: [], files: [] };
    group.roots.push(root);
    group.files.push(...project.fileNames);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * One compiler run over a group: a tsconfig.json that extends the first project's (every project of the group
 * resolves to the same options) and lists every file of the group. It is written inside the workspace, so that the
 * compiler finds `types` in the workspace's node_modules/@types as each project's own tsconfig.json does.
 */
function checkGroup(workspaceRoot, group, n, compiler) {
  const dir = path.join(workspaceRoot, 'dist', 'typecheck');
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, `tsconfig.batch-${process.pid}-${n}.json`);
  fs.writeFileSync(config, JSON.stringify({ extends: group.config, include: [], files: group.files }));
  try {
    const result = spawnSync(process.execPath, [compiler, '-p', config, '--noEmit', '--pretty', 'false'], {
      cwd: workspaceRoot,
      encoding: 'utf8',
    });
    return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  } finally {
    fs.rmSync(config, { force: true });
  }
}

/**
 * The compiler's output split by project: a diagnostic starts a line with its file's path (relative to the
 * workspace, `--pretty false`), and its lines that follow are indented. Diagnostics of no project's file are
 * `shared`: every project of the run shows them and fails.
 */
function byProject(workspaceRoot, roots, output) {
  const own = new Map(roots.map((root) => [root, []]));
  const shared = [];
  let current = shared;
  for (const line of output.split('\n')) {
    if (line === '') continue;
    if (!/^\s/.test(line)) {
      const file = /^(.+?)\(\d+,\d+\): /.exec(line)?.[1];
      const root = file && roots.find((r) => path.resolve(workspaceRoot, file).startsWith(r + path.sep));
      current = root ? own.get(root) : shared;
    }
    current.push(line);
  }
  return { own, shared };
}

/** The typecheck tasks of `taskGraph`: one run of `compiler` per group of equal options, each task's result. */
async function* checkInGroups(taskGraph, context, compiler) {
  const rootOf = new Map(
    Object.values(taskGraph.tasks).map((task) => [
      task,
      path.join(context.root, context.projectsConfigurations.projects[task.target.project].root),
    ]),
  );
  const groups = groupsOf([...rootOf.values()]);
  for (const [n, group] of groups.entries()) {
    const startTime = Date.now();
    const { status, output } = checkGroup(context.root, group, n, compiler);
    const { own, shared } = byProject(context.root, group.roots, output);
    // A failed run must fail some project even when no line of its output can be placed.
    const unexplained =
      status !== 0 && shared.length === 0 && [...own.values()].every((lines) => lines.length === 0);
    const endTime = Date.now();
    for (const [task, root] of rootOf) {
      if (!group.roots.includes(root)) continue;
      const lines = [...shared, ...(own.get(root) ?? [])];
      const failed = lines.length > 0 || unexplained;
      const terminalOutput = lines.length
        ? `${lines.join('\n')}\n`
        : unexplained
          ? `the compiler exited with ${status}\n`
          : '';
      yield { task: task.id, result: { success: !failed, terminalOutput, startTime, endTime } };
    }
  }
}

/** Every typecheck task of an Nx run (Nx hands them over together: executors.json, preferBatch). */
function batch(taskGraph, _inputs, _overrides, context) {
  return checkInGroups(taskGraph, context, typecheck(context.root).compilerPath());
}

module.exports = check;
module.exports.default = check;
module.exports.batch = batch;
module.exports.checkInGroups = checkInGroups;
