import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/repo-root';

/**
 * tools/launch.js makes TypeScript loadable two ways: the plan runner, which loads the layer programs, as the
 * Pulumi CLI does (ts-node); every other tool through swc alone (ts-loader.js, registerOwnCode), without the
 * TypeScript compiler that ts-node loads. Each case runs in a process of its own, as the entry points do.
 */
const LAUNCH = join(REPO_ROOT, 'tools', 'launch.js');
const TS_LOADER = join(REPO_ROOT, 'libs', 'shared', 'src', 'plan', 'ts-loader.js');

/** Runs `script` with node in the repository; returns what it printed as JSON. */
function inProcess(script: string): unknown {
  const result = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as unknown;
}

/** What a process has loaded after `load(entry)`: TypeScript's compiler, ts-node, and the CLI-like registration. */
const loadedBy = (entry: string) =>
  inProcess(`
    const tool = require(${JSON.stringify(LAUNCH)}).load(${JSON.stringify(entry)});
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({
      typescript: loaded.some((f) => f.includes('/node_modules/typescript/')),
      tsNode: loaded.some((f) => f.includes('/node_modules/ts-node/')),
      likePulumi: process[Symbol.for('secure-ml.ts-loader.registered')] === true,
      exports: Object.keys(tool).length > 0,
    }));
  `);

describe('tools/launch.js', () => {
  it.each(['pulumi/layers', 'pulumi/run', 'start'])(
    '%s runs our own code through swc alone: neither ts-node nor the TypeScript compiler is loaded',
    (entry) => {
      expect(loadedBy(entry)).toEqual({ typescript: false, tsNode: false, likePulumi: false, exports: true });
    },
  );

  it('the plan runner, which loads the layer programs, registers TypeScript as the Pulumi CLI does (ts-node)', () => {
    expect(loadedBy('pulumi/plan')).toEqual({
      typescript: true,
      tsNode: true,
      likePulumi: true,
      exports: true,
    });
  });
});

describe('registerOwnCode', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sml-own-code-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('strips the types and keeps the TypeScript positions in stack traces', () => {
    const file = join(dir, 'fails.ts');
    // The throw is on line 4 of the TypeScript; swc's output puts it elsewhere without the source map.
    writeFileSync(
      file,
      [
        'interface Shape { readonly side: number }',
        'const area = (s: Shape): number =>',
        '  s.side *',
        '  (() => { throw new Error("from TypeScript"); })();',
        'export const value: number = area({ side: 2 });',
        '',
      ].join('\n'),
    );
    const stack = inProcess(`
      require(${JSON.stringify(TS_LOADER)}).registerOwnCode();
      try { require(${JSON.stringify(file)}); } catch (err) { console.log(JSON.stringify(err.stack)); }
    `) as string;
    expect(stack).toContain('Error: from TypeScript');
    expect(stack).toContain(`${file}:4:`);
  });

  it('leaves a loader registered before it in place: a layer program loaded later still goes through ts-node', () => {
    expect(
      inProcess(`
        const loader = require(${JSON.stringify(TS_LOADER)});
        loader.registerLikePulumi({ swc: true });
        const tsNodeHandler = require.extensions['.ts'];
        loader.registerOwnCode();
        console.log(JSON.stringify(require.extensions['.ts'] === tsNodeHandler));
      `),
    ).toBe(true);
  });
});
