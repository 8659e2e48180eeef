import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROLS } from '../src/controls';
import { CONTROL_LINKS } from '../src/controls/links';
import { REPO_ROOT } from '../src/report/main';

/**
 * Three hops from a control ID: the layer code that makes it hold, the pack's check, the tests that prove it.
 * Every path exists and mentions the ID (as a whole word), and docs/CONTROLS.md shows the same links.
 */
const mentions = (file: string, id: string) =>
  new RegExp(`(^|[^A-Za-z0-9-])${id.replace('-', '\\-')}(?![0-9])`).test(
    readFileSync(join(REPO_ROOT, file), 'utf8'),
  );

describe('the links of every control', () => {
  it('name every control of the pack and nothing else', () => {
    expect(Object.keys(CONTROL_LINKS)).toHaveLength(61);
    expect(Object.keys(CONTROL_LINKS)).toEqual(CONTROLS.map((c) => c.id));
  });

  it.each(Object.entries(CONTROL_LINKS))('%s: every named file exists and mentions the ID', (id, links) => {
    expect(links.layer.length).toBeGreaterThan(0);
    expect(links.tests.length).toBeGreaterThan(0);
    expect(readFileSync(join(REPO_ROOT, links.check), 'utf8')).toContain(`id: '${id}'`);
    for (const file of [...links.layer, ...links.tests]) {
      expect(existsSync(join(REPO_ROOT, file))).toBe(true);
      expect(mentions(file, id)).toBe(true);
    }
  });

  it('are the table of docs/CONTROLS.md', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'CONTROLS.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## From a control to its code and tests'));
    const rows = section
      .split('\n')
      .filter((l) => /^\| [A-Z0-9]+-\d+ \|/.test(l))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    expect(rows).toHaveLength(61);
    const files = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    for (const [id, layer, check, tests] of rows) {
      const links = CONTROL_LINKS[id ?? ''];
      expect(files(layer ?? '')).toEqual(links?.layer);
      expect(files(check ?? '')).toEqual([links?.check]);
      expect(files(tests ?? '')).toEqual(links?.tests);
    }
  });
});
