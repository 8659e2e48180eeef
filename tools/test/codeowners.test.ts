import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYER_NAMES, owningLayer, type LayerName } from '@secure-ml/shared/layers';
import { REPO_ROOT } from './support/repo-root';

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

  it('gives each layer to its own team (or, for ownedWith, to the team of that layer), never to the default owner', () => {
    const team = (layer: LayerName) => ownersOf(`packages/${layer}/src/index.ts`)?.join(' ');
    const owners = LAYER_NAMES.map(owningLayer);
    // Layers owned by different layers' teams have different teams; a layer owned with another has that team.
    for (const a of LAYER_NAMES)
      for (const b of LAYER_NAMES)
        expect({ a, b, same: team(a) === team(b) }).toEqual({
          a,
          b,
          same: owningLayer(a) === owningLayer(b),
        });
    expect(new Set(owners).size).toBeGreaterThan(1);
    expect(LAYER_NAMES.map(team)).not.toContain(ownersOf('package.json')?.join(' '));
    expect(projects.filter((p) => p.startsWith('packages/')).sort()).toEqual(
      LAYER_NAMES.map((l) => `packages/${l}/`).sort(),
    );
  });

  it('has each contract approved by its producing layer team and the shared-library owners', () => {
    for (const layer of LAYER_NAMES) {
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
