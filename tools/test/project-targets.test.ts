/**
 * `npm test` runs lint, typecheck and test of every project: a project without one of them would be skipped
 * silently by `nx run-many`. The lint and typecheck targets go through the local executors, so that the tasks of a
 * run share one program (tools/nx-plugin/lint, tools/nx-plugin/typecheck).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/repo-root';
import { projectTargets } from './support/nx';

const targets = projectTargets();
/** Every folder of the workspaces that has a tsconfig.json (package.json `workspaces`: libs/*, packages/*, tools). */
const folders = ['libs', 'packages'].flatMap((dir) =>
  readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${dir}/${e.name}`),
);

describe('the targets of every project', () => {
  it('covers every workspace folder, and the tools', () => {
    expect(Object.keys(targets).length).toBe(folders.length + 1);
  });

  it.each(Object.keys(targets))(
    '%s is linted and type-checked by the local executors, and tested',
    (project) => {
      expect(targets[project]?.['lint']?.executor).toBe('@secure-ml/tools:lint');
      expect(targets[project]?.['typecheck']?.executor).toBe('@secure-ml/tools:typecheck');
      expect(targets[project]?.['typecheck']?.cache).toBe(true);
      expect(targets[project]?.['test']).toBeDefined();
    },
  );
});
