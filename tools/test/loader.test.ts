import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYER_NAMES, LAYERS } from '@secure-ml/shared/layers';
import { REPO_ROOT } from './support/repo-root';
import { load } from 'js-yaml';

/**
 * `pulumi up` starts a layer through Pulumi's nodejs runtime: ts-node with the layer folder's tsconfig.json,
 * `@secure-ml/shared` resolved as an npm workspace package. This loads each program exactly that way (in its own
 * process, from its own folder) and checks that what the CLI gets is the program function.
 */
describe.each(LAYER_NAMES)('the %s program loads as the Pulumi CLI loads it', (layer) => {
  const dir = join(REPO_ROOT, 'packages', layer);
  const project = load(readFileSync(join(dir, 'Pulumi.yaml'), 'utf8')) as {
    name: string;
    main: string;
    runtime: { name: string; options: { typescript: boolean } };
  };

  it('has a conventional Pulumi.yaml: nodejs runtime with TypeScript, main inside the project', () => {
    expect(project).toMatchObject({
      name: LAYERS[layer].project,
      runtime: { name: 'nodejs', options: { typescript: true } },
      main: 'src/index.ts',
    });
    expect(existsSync(join(dir, project.main))).toBe(true);
  });

  it('exports the program function through ts-node and the workspace package', () => {
    const script = [
      'require(process.argv[1]).registerLikePulumi();',
      'const program = require(process.argv[2]);',
      "const shared = require.resolve('@secure-ml/shared');",
      'console.log(JSON.stringify({ type: typeof program, shared }));',
    ].join('\n');
    const result = spawnSync(
      process.execPath,
      [
        '-e',
        script,
        join(REPO_ROOT, 'libs', 'shared', 'src', 'plan', 'ts-loader.js'),
        join(dir, project.main),
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      type: 'function',
      shared: join(REPO_ROOT, 'libs', 'shared', 'src', 'index.ts'),
    });
  });
});
