import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@secure-ml/shared/testing';

const lines = readFileSync(join(REPO_ROOT, '.github', 'CODEOWNERS'), 'utf8').split('\n');
const rules = lines
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [pattern = '', ...owners] = l.trim().split(/\s+/);
    return { pattern, owners };
  });
const legend = lines
  .map((l) => /^#\s+(@[^\s/]+\/\S+)(?:\s|$)/.exec(l)?.[1])
  .filter((h): h is string => h !== undefined);
/** GitHub applies the last matching rule; these are all directory or exact-file patterns. */
const ownersOf = (path: string) =>
  [...rules].reverse().find(({ pattern }) => pattern === '*' || path.startsWith(pattern.replace(/^\//, '')))
    ?.owners;

describe('CODEOWNERS', () => {
  const projects = ['libs', 'packages'].flatMap((dir) =>
    readdirSync(join(REPO_ROOT, dir)).map((name) => `${dir}/${name}/`),
  );

  it('gives every layer, every library, tools/, .github/ and docs/ an explicit rule of its own', () => {
    const explicit = rules.map(({ pattern }) => pattern);
    for (const path of [...projects, 'tools/', '.github/', 'docs/'])
      expect({ path, rule: explicit.includes(`/${path}`) }).toEqual({ path, rule: true });
  });

  it('gives each layer to a different team, and no layer to the default owner', () => {
    const layers = projects
      .filter((p) => p.startsWith('packages/'))
      .map((p) => ownersOf(`${p}src/index.ts`)?.join(' '));
    expect(new Set(layers).size).toBe(layers.length);
    expect(layers).not.toContain(ownersOf('package.json')?.join(' '));
  });

  it('has each contract approved by its producing layer team and the shared-library owners', () => {
    for (const layer of ['security', 'network', 'logging', 'notebook']) {
      expect(ownersOf(`libs/shared/src/contracts/${layer}.ts`)).toEqual([
        ...(ownersOf(`packages/${layer}/Pulumi.yaml`) ?? []),
        ...(ownersOf('libs/shared/src/index.ts') ?? []),
      ]);
    }
  });

  it('names teams only from the legend, one organization, none a prefix of another (a sed renames one team)', () => {
    const used = [...new Set(rules.flatMap(({ owners }) => owners))].sort();
    expect(used).toEqual([...legend].sort());
    for (const handle of used) expect(handle).toMatch(/^@[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/);
    expect(new Set(used.map((h) => h.split('/')[0])).size).toBe(1);
    for (const a of used) for (const b of used) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });
});

describe('the README names the CODEOWNERS lines a team edits', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
  const numbered = lines.map((text, i) => ({ line: i + 1, text }));
  const span = (pick: (text: string) => boolean) => {
    const hits = numbered.filter(({ text }) => pick(text)).map(({ line }) => line);
    return `${Math.min(...hits)}-${Math.max(...hits)}`;
  };

  it('gives the legend and rule line ranges that hold the handles', () => {
    const legendLines = span((t) => /^#\s+@[^\s/]+\/\S+/.test(t));
    const ruleLines = span((t) => t.trim() !== '' && !t.startsWith('#'));
    expect(readme).toContain(`lines ${legendLines} (the legend`);
    expect(readme).toContain(`rules on lines ${ruleLines}`);
  });
});
