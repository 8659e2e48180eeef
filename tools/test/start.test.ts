import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYER_NAMES } from '@secure-ml/shared/layers';
import { nxJson } from './support/nx';
import { copyTools, SCRATCH_NODE_PATH } from './support/scratch-tools';

// npm start runs in a copy of tools/ whose `nx` is a fake that exits with the status a test chooses, and
// records each call: no plan runs, and the real Nx cache is untouched.
const FAKE_NX = `const fs = require('node:fs');
fs.appendFileSync(process.env.FAKE_LOG, process.argv.slice(2).join(' ') + '\\n');
const failing = process.env.FAKE_FAIL_ON;
process.exit(failing && process.argv.slice(2).join(' ').includes(failing) ? Number(process.env.FAKE_STATUS) : 0);
`;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sml-start-'));
  copyTools(root);
  mkdirSync(join(root, 'tools', 'node_modules', 'nx', 'bin'), { recursive: true });
  writeFileSync(join(root, 'tools', 'node_modules', 'nx', 'bin', 'nx.js'), FAKE_NX);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const log = join(root, 'calls.log');
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, [join(root, 'tools', 'start.js')], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', NODE_PATH: SCRATCH_NODE_PATH, FAKE_LOG: log, ...env },
  });
  return { status: result.status, calls: readFileSync(log, 'utf8').trim().split('\n') };
}

// The exact call, never --nx-bail: a preflight finding must still leave the posture reported.
const CALL = 'run-many -t preflight report -p posture --outputStyle=static';

describe('npm start', () => {
  it('asks Nx once for the preflight and the posture report, and exits 0 when all pass', () => {
    expect(start({})).toEqual({ status: 0, calls: [CALL] });
  });

  it("exits 1, not Nx's 130, when a plan, the preflight or a mandatory control fails", () => {
    expect(start({ FAKE_FAIL_ON: 'preflight', FAKE_STATUS: '130' })).toEqual({ status: 1, calls: [CALL] });
    expect(start({ FAKE_FAIL_ON: 'report', FAKE_STATUS: '1' }).status).toBe(1);
  });
});

describe("npm start's task graph, as the workspace's Nx plans it", () => {
  const graph = nxJson(CALL.split(' ').slice(0, -1), '--graph') as {
    tasks: { dependencies: Record<string, string[]> };
  };
  const plans = LAYER_NAMES.map((layer) => `${layer}:plan`).sort();

  it.each(['posture:preflight', 'posture:report'])(
    '%s waits for every layer plan, so a failed plan skips it',
    (task) => {
      expect([...(graph.tasks.dependencies[task] ?? [])].sort()).toEqual(plans);
    },
  );

  it('runs the preflight and the report independently: a preflight finding does not skip the report', () => {
    expect(graph.tasks.dependencies['posture:report']).not.toContain('posture:preflight');
    expect(graph.tasks.dependencies['posture:preflight']).not.toContain('posture:report');
  });
});
