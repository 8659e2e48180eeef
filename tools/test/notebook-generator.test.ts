import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStackFile } from '@secure-ml/shared/stack-files';
import notebookGenerator from '../nx-plugin/notebook/generator';

const ROOT = join(__dirname, '..', '..');
const FILE = 'packages/notebook/Pulumi.dev.yaml';

/** A virtual workspace holding the repository's own dev notebook stack file. */
function workspace(text = readFileSync(join(ROOT, FILE), 'utf8')): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(FILE, text);
  return tree;
}
const notebooksIn = (tree: Tree) =>
  parseStackFile(tree.read(FILE, 'utf-8') ?? '', FILE)?.config?.['secure-ml-notebook:notebooks'];

describe('nx g @secure-ml/tools:notebook', () => {
  it("adds the entry to the repository's dev stack file, keeping every other line and entry as it was", () => {
    const tree = workspace();
    const before = tree.read(FILE, 'utf-8') ?? '';
    const entriesBefore = notebooksIn(tree) as Record<string, unknown>;
    notebookGenerator(tree, { id: 'carol', owner: 'carol@example.com', idleMinutes: 45 });
    expect(notebooksIn(tree)).toEqual({
      ...entriesBefore,
      carol: { owner: 'carol@example.com', idleMinutes: 45 },
    });
    const after = tree.read(FILE, 'utf-8') ?? '';
    // Only the two lines of the entry are new: the comments and the other settings are untouched.
    const added = after.split('\n').filter((l) => !before.split('\n').includes(l));
    expect(added).toEqual(['    carol:', '      owner: carol@example.com', '      idleMinutes: 45']);
    expect(after.split('\n').length).toBe(before.split('\n').length + 3);
  });

  it('writes the map when the file has none yet, under config:', () => {
    const tree = workspace('config:\n  aws:region: eu-west-1\n');
    notebookGenerator(tree, {
      id: 'dan',
      owner: 'dan@example.com',
      environment: 'dev',
      instanceType: 'ml.t3.large',
    });
    expect(notebooksIn(tree)).toEqual({ dan: { owner: 'dan@example.com', instanceType: 'ml.t3.large' } });
  });

  it("refuses, naming each problem, what the notebook layer's validator refuses, before writing anything", () => {
    const tree = workspace();
    const before = tree.read(FILE, 'utf-8');
    expect(() =>
      notebookGenerator(tree, {
        id: 'Carol_1',
        owner: 'Carol@Example.com',
        volumeSizeGb: 2,
        instanceType: 'ml.x9.huge',
      }),
    ).toThrow(
      [
        `Cannot add notebook Carol_1 to ${FILE}:`,
        '  - notebooks.Carol_1: the id "Carol_1" must be 1-32 lowercase letters, digits or hyphens, starting and ending with a letter or digit',
        '  - notebooks.Carol_1.owner = "Carol@Example.com": expected the owner\'s user name in lowercase (2-64 lowercase letters, digits or + = , . @ _ -), e.g. alice@example.com',
        '  - notebooks.Carol_1.instanceType = "ml.x9.huge": expected an instance type AWS offers for notebook instances (libs/shared/src/catalogue/notebook-instance-types.ts), e.g. ml.t3.medium',
        '  - notebooks.Carol_1.volumeSizeGb = 2: expected an integer from 5 to 16384',
      ].join('\n'),
    );
    expect(tree.read(FILE, 'utf-8')).toBe(before);
  });

  it('refuses an id the environment has, and an environment with no notebook stack file', () => {
    const tree = workspace();
    expect(() => notebookGenerator(tree, { id: 'alice', owner: 'alice2@example.com' })).toThrow(
      'notebooks.alice exists already: choose another id',
    );
    expect(() =>
      notebookGenerator(tree, { id: 'erin', owner: 'erin@example.com', environment: 'qa' }),
    ).toThrow('packages/notebook/Pulumi.qa.yaml does not exist');
  });

  it('refuses to edit a map written in flow style rather than guess its layout', () => {
    const tree = workspace('config:\n  secure-ml-notebook:notebooks: {alice: {owner: alice@example.com}}\n');
    expect(() => notebookGenerator(tree, { id: 'bob', owner: 'bob@example.com' })).toThrow(
      'is not written as a block map',
    );
  });
});
