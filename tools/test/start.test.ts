import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('npm start', () => {
  it('plans every layer, then runs the preflight and reports the posture, and exits 0 when all pass', () => {
    expect(start({})).toEqual({
      status: 0,
      calls: [
        'run-many -t plan --outputStyle=static',
        'run posture:preflight --outputStyle=static',
        'run posture:report --outputStyle=static',
      ],
    });
  });

  it('exits 1 when the preflight finds what AWS would reject, and still reports the posture', () => {
    expect(start({ FAKE_FAIL_ON: 'posture:preflight', FAKE_STATUS: '130' })).toEqual({
      status: 1,
      calls: [
        'run-many -t plan --outputStyle=static',
        'run posture:preflight --outputStyle=static',
        'run posture:report --outputStyle=static',
      ],
    });
  });

  it("exits 1, not Nx's 130, when a plan fails, and reports no posture over a missing plan", () => {
    expect(start({ FAKE_FAIL_ON: 'plan', FAKE_STATUS: '130' })).toEqual({
      status: 1,
      calls: ['run-many -t plan --outputStyle=static'],
    });
  });

  it('exits 1 when a mandatory control fails', () => {
    expect(start({ FAKE_FAIL_ON: 'posture:report', FAKE_STATUS: '130' }).status).toBe(1);
  });
});
