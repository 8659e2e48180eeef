/**
 * The typecheck batch (tools/nx-plugin/typecheck/executor.js): the projects of one Nx run with equal compiler
 * options in one TypeScript 7 program, each error given to the project whose file it is in, and a project with
 * other options checked under its own. Scratch projects, with the real compiler.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilerPath } from '../src/typecheck';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkInGroups } = require('../nx-plugin/typecheck/executor.js') as {
  checkInGroups: (graph: unknown, context: unknown, compiler: string) => AsyncIterable<Yielded>;
};
interface Yielded {
  task: string;
  result: { success: boolean; terminalOutput: string };
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sml-typecheck-'));
  writeFileSync(
    join(root, 'tsconfig.base.json'),
    JSON.stringify({ compilerOptions: { strict: true, types: [], noEmit: true } }),
  );
  const project = (name: string, source: string, options: Record<string, unknown> = {}) => {
    mkdirSync(join(root, name, 'src'), { recursive: true });
    writeFileSync(
      join(root, name, 'tsconfig.json'),
      JSON.stringify({
        extends: '../tsconfig.base.json',
        compilerOptions: options,
        include: ['src/**/*.ts'],
      }),
    );
    writeFileSync(join(root, name, 'src', 'index.ts'), source);
  };
  project('clean', 'export const n: number = 1;\n');
  project('clean-too', 'export const m: number = 2;\n');
  // An error whose message goes on over more lines than the first.
  project(
    'broken',
    'export const o: { a: { b: number } } = { a: { b: "s" } };\nexport const s: string = 2;\n',
  );
  // Would fail under strict (an implicit any), so it passes only if it is checked under its own options.
  project('loose', 'export function f(x) { return x; }\n', { strict: false });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function check(projects: string[]) {
  const graph = {
    tasks: Object.fromEntries(
      projects.map((p) => [`${p}:typecheck`, { id: `${p}:typecheck`, target: { project: p } }]),
    ),
    dependencies: {},
  };
  const context = {
    root,
    projectsConfigurations: { projects: Object.fromEntries(projects.map((p) => [p, { root: p }])) },
  };
  const results: Record<string, Yielded['result']> = {};
  for await (const { task, result } of checkInGroups(graph, context, compilerPath())) results[task] = result;
  return results;
}

describe('the typecheck batch', () => {
  it("fails only the project whose file has the error, with that file's errors", async () => {
    const results = await check(['clean', 'broken']);
    expect(results['clean:typecheck']).toMatchObject({ success: true, terminalOutput: '' });
    expect(results['broken:typecheck']?.success).toBe(false);
    expect(results['broken:typecheck']?.terminalOutput).toContain(
      "broken/src/index.ts(2,14): error TS2322: Type 'number' is not assignable to type 'string'.",
    );
    expect(results['broken:typecheck']?.terminalOutput).toContain('broken/src/index.ts(1,');
  });

  it('checks a project with other compiler options under its own options', async () => {
    const results = await check(['clean', 'loose']);
    expect(results['loose:typecheck']).toMatchObject({ success: true, terminalOutput: '' });
    expect(results['clean:typecheck']?.success).toBe(true);
  });

  it('checks alone a project whose tsconfig TypeScript 6 cannot read whole, and fails it with the compiler message', async () => {
    // An option unknown to TypeScript 6 may be one TypeScript 7 knows: it must not reach another project's check.
    const config = (extra: Record<string, unknown>) =>
      JSON.stringify({ extends: '../tsconfig.base.json', compilerOptions: extra, include: ['src/**/*.ts'] });
    writeFileSync(join(root, 'clean', 'tsconfig.json'), config({ bogusOption: true }));
    try {
      const results = await check(['clean', 'clean-too']);
      expect(results['clean:typecheck']?.success).toBe(false);
      expect(results['clean:typecheck']?.terminalOutput).toMatch(/clean\/tsconfig\.json.*bogusOption/);
      expect(results['clean-too:typecheck']).toMatchObject({ success: true, terminalOutput: '' });
    } finally {
      writeFileSync(join(root, 'clean', 'tsconfig.json'), config({}));
    }
  });

  it('fails every project of a program when an error names no file (a type package that is not there)', async () => {
    const config = (types: string[]) =>
      JSON.stringify({
        extends: '../tsconfig.base.json',
        compilerOptions: { types },
        include: ['src/**/*.ts'],
      });
    for (const p of ['clean', 'clean-too'])
      writeFileSync(join(root, p, 'tsconfig.json'), config(['not-installed']));
    try {
      const results = await check(['clean', 'clean-too']);
      for (const p of ['clean', 'clean-too']) {
        expect(results[`${p}:typecheck`]?.success).toBe(false);
        expect(results[`${p}:typecheck`]?.terminalOutput).toMatch(/not-installed/);
      }
    } finally {
      for (const p of ['clean', 'clean-too']) writeFileSync(join(root, p, 'tsconfig.json'), config([]));
    }
  });

  it('leaves no tsconfig of its own behind', async () => {
    await check(['clean', 'broken']);
    expect(readdirSync(join(root, 'dist', 'typecheck'))).toEqual([]);
  });
});
