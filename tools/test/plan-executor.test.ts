/**
 * The plan executor's batch (tools/nx-plugin/plan/executor.js): the plans of one Nx run in one process, each after
 * the plans it reads, and none over a plan that failed. The planner is a stand-in here; the real plans it runs are
 * the ones every other test reads from dist/plan.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { captured, planInOrder } = require('../nx-plugin/plan/executor.js') as {
  captured: (fn: () => Promise<number>) => Promise<{ value: number; output: string }>;
  planInOrder: (graph: TaskGraph, main: (argv: string[]) => Promise<number>) => AsyncIterable<Yielded>;
};

interface TaskGraph {
  tasks: Record<string, { target: { project: string } }>;
  dependencies: Record<string, string[]>;
}
interface Yielded {
  task: string;
  result: { success: boolean; terminalOutput: string };
}

/** A task graph of plan tasks: each project and the projects whose plans it reads. */
const graphOf = (reads: Record<string, string[]>): TaskGraph => ({
  tasks: Object.fromEntries(Object.keys(reads).map((p) => [`${p}:plan`, { target: { project: p } }])),
  dependencies: Object.fromEntries(
    Object.entries(reads).map(([p, ups]) => [`${p}:plan`, ups.map((u) => `${u}:plan`)]),
  ),
});

/** Runs the batch with a planner that prints its layer and fails the layers named; returns calls and results. */
async function run(reads: Record<string, string[]>, failing: string[] = []) {
  const calls: string[] = [];
  const results: Yielded[] = [];
  const main = async ([layer = '']: string[]) => {
    calls.push(layer);
    await Promise.resolve();
    process.stdout.write(`planned ${layer}\n`);
    return failing.includes(layer) ? 1 : 0;
  };
  for await (const yielded of planInOrder(graphOf(reads), main)) results.push(yielded);
  return { calls, results };
}

// Listed dependents first, so that an order taken from the listing would be wrong.
const LAYERS = { notebook: ['security', 'logging'], logging: ['security'], security: [] };

describe('the plan batch', () => {
  it('plans each layer once, after every layer it reads', async () => {
    const { calls } = await run(LAYERS);
    expect(calls).toEqual(['security', 'logging', 'notebook']);
  });

  it("gives each task what its own plan printed, and Nx the task's id", async () => {
    const { results } = await run(LAYERS);
    expect(results.map((r) => [r.task, r.result.success, r.result.terminalOutput])).toEqual([
      ['security:plan', true, 'planned security\n'],
      ['logging:plan', true, 'planned logging\n'],
      ['notebook:plan', true, 'planned notebook\n'],
    ]);
  });

  it('plans nothing over a failed plan, and names the plan that failed', async () => {
    const { calls, results } = await run(LAYERS, ['logging']);
    expect(calls).toEqual(['security', 'logging']);
    expect(results.map((r) => [r.task, r.result.success])).toEqual([
      ['security:plan', true],
      ['logging:plan', false],
      ['notebook:plan', false],
    ]);
    expect(results[2]?.result.terminalOutput).toBe(
      'Not planned: logging:plan failed, and this plan reads its outputs.\n',
    );
  });

  it('still plans the layers that do not read a failed one', async () => {
    const { calls, results } = await run({ network: [], security: [], logging: ['security'] }, ['network']);
    expect(calls).toEqual(['network', 'security', 'logging']);
    expect(results.map((r) => r.result.success)).toEqual([false, true, true]);
  });

  it('fails a cycle instead of waiting on it forever', async () => {
    const { calls, results } = await run({ a: ['b'], b: ['a'] });
    expect(calls).toEqual([]);
    expect(results.map((r) => [r.task, r.result.success])).toEqual([
      ['a:plan', false],
      ['b:plan', false],
    ]);
  });

  it('leaves the working folder as it found it (each plan changes into its layer)', async () => {
    const cwd = process.cwd();
    const reads = { security: [] };
    for await (const _ of planInOrder(graphOf(reads), async () => {
      process.chdir('/');
      return Promise.resolve(0);
    }));
    expect(process.cwd()).toBe(cwd);
  });
});

describe('what a plan prints', () => {
  it('is collected, not printed, and an error thrown becomes a failure with its message', async () => {
    const { value, output } = await captured(() => {
      process.stderr.write('a warning\n');
      return Promise.reject(new Error('the plan broke'));
    });
    expect(value).toBe(1);
    expect(output).toMatch(/^a warning\nError: the plan broke\n/);
  });
});
