// Every layer's `plan` target: the offline plan of tools/src/pulumi/plan.ts (`node tools/pulumi/plan.js <layer>`),
// run in the executor's own process. When Nx runs several plans at once (`npm start`, `nx run-many -t plan`, a test
// run's `^plan`), it hands them to `batch` together (executors.json, preferBatch), which plans them one after
// another in dependency order in one process: @pulumi/pulumi, @pulumi/aws and the TypeScript loader are then loaded
// once, not once per layer (about 2 s of a 3 s plan), and a layer's plan still reads its upstream layers' plans
// from dist/plan, as it does in a process of its own. Nx still caches each layer's plan on its own.
// Plain JavaScript: Nx loads it in its executor process, where no TypeScript loader is registered yet.
'use strict';
const { workspaceTool } = require('../workspace-tools');

/** The workspace's own plan runner, tools/src/pulumi/plan.ts. */
const planModule = (workspaceRoot) => workspaceTool(workspaceRoot, 'pulumi/plan');

/** Runs `fn` with everything written to stdout and stderr collected instead of printed; returns what it wrote. */
async function captured(fn) {
  const chunks = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const collect = (chunk, encoding, callback) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    if (typeof encoding === 'function') encoding();
    else if (typeof callback === 'function') callback();
    return true;
  };
  process.stdout.write = collect;
  process.stderr.write = collect;
  try {
    return { value: await fn(), output: chunks.join('') };
  } catch (err) {
    chunks.push(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return { value: 1, output: chunks.join('') };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
}

/** One layer's plan, every environment and example (`nx run <layer>:plan` when Nx does not batch it). */
async function plan(_options, context) {
  const cwd = process.cwd();
  try {
    return { success: (await planModule(context.root).main([context.projectName])) === 0 };
  } finally {
    process.chdir(cwd);
  }
}

/**
 * The tasks of `taskGraph`, each planned by `main([layer])` (0 for success) after the tasks it depends on; a task
 * whose dependency failed is not planned (it would read a missing or stale upstream plan) and fails, naming that
 * dependency. Yields each result, with what the plan printed, as soon as it is known.
 */
async function* planInOrder(taskGraph, main) {
  const cwd = process.cwd();
  const pending = new Set(Object.keys(taskGraph.tasks));
  const failed = new Set();
  try {
    while (pending.size > 0) {
      const ready = [...pending].find((id) =>
        (taskGraph.dependencies[id] ?? []).every((dep) => !pending.has(dep)),
      );
      // Nx refuses a cyclic task graph; if one came anyway, fail what is left rather than loop.
      const ids = ready ? [ready] : [...pending];
      for (const id of ids) {
        pending.delete(id);
        const startTime = Date.now();
        const blocked = ready ? (taskGraph.dependencies[id] ?? []).filter((dep) => failed.has(dep)) : [];
        const { value, output } = !ready
          ? { value: 1, output: `Not planned: ${ids.join(', ')} depend on each other.\n` }
          : blocked.length
            ? {
                value: 1,
                output: `Not planned: ${blocked.join(', ')} failed, and this plan reads its outputs.\n`,
              }
            : await captured(() => main([taskGraph.tasks[id].target.project]));
        process.chdir(cwd);
        if (value !== 0) failed.add(id);
        yield {
          task: id,
          result: { success: value === 0, terminalOutput: output, startTime, endTime: Date.now() },
        };
      }
    }
  } finally {
    process.chdir(cwd);
  }
}

/** The plan tasks of one Nx run, in one process (Nx hands them over together: executors.json, preferBatch). */
function batch(taskGraph, _inputs, _overrides, context) {
  return planInOrder(taskGraph, planModule(context.root).main);
}

module.exports = plan;
module.exports.default = plan;
module.exports.batch = batch;
module.exports.planInOrder = planInOrder;
module.exports.captured = captured;
