import type { StackValidationArgs } from '@pulumi/policy';
import { CONTROLS } from '../src/controls';
import { LAYER_ORDER } from '../src/model';
import { POLICIES } from '../src/policies';
import { T } from '../src/resources';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/report/main';
import { runEngine, toPolicyResource } from './engine';
import { adding, bundleOf, compliantEnv as handBuilt, hookOf, patch, res } from './fixtures';

/**
 * Under the engine, NB-7 compares the hooks with the scripts checked in at packages/notebook/lifecycle, so the
 * engine tests give the hand-built notebook hooks made of those files, as the notebook layer makes them.
 */
// Without comment-only and blank lines, as the notebook layer sends them (its hooks would not fit SageMaker's
// 16384 base64 characters with the repository's comments); shebang and shellcheck directives stay.
const script = (file: string) =>
  readFileSync(join(REPO_ROOT, 'packages', 'notebook', 'lifecycle', file), 'utf8')
    .split('\n')
    .filter(
      (line, i) =>
        line.trim() !== '' &&
        !(/^\s*#/.test(line) && !(i === 0 && line.startsWith('#!')) && !/^\s*# shellcheck /.test(line)),
    )
    .join('\n');
const compliantEnv = () =>
  patch(handBuilt(), 'lifecycle', {
    onStart: hookOf(
      bundleOf(
        {
          'common.sh': script('lib/common.sh'),
          'auto-stop.sh': script('lib/auto-stop.sh'),
          'mirror.sh': script('lib/mirror.sh'),
          'on-start.sh': script('on-start.sh'),
        },
        'on-start.sh',
      ),
    ),
    onCreate: hookOf(
      bundleOf(
        { 'common.sh': script('lib/common.sh'), 'on-create.sh': script('on-create.sh') },
        'on-create.sh',
      ),
    ),
  });

const unused = () => {
  throw new Error('not used by the pack');
};

describe('the CrossGuard policies', () => {
  it('are one per control, named after its ID in kebab case, mandatory, with the standards in the description', () => {
    expect(POLICIES.map((p) => p.name)).toEqual(CONTROLS.map((c) => c.id.toLowerCase()));
    for (const [i, p] of POLICIES.entries()) {
      const control = CONTROLS[i];
      expect(p.enforcementLevel).toBe('mandatory');
      for (const s of control?.standards ?? []) expect(p.description).toContain(s);
    }
  });

  it('are resource policies where one resource decides and stack policies where several do', () => {
    const kind = (name: string) =>
      'validateStack' in (POLICIES.find((p) => p.name === name) ?? {}) ? 'stack' : 'resource';
    expect(['nb-1', 'kms-1', 'iam-1', 'net-2', 'net-4', 'log-10'].map(kind)).toEqual(
      Array(6).fill('resource'),
    );
    expect(['nb-7', 'iam-7', 'net-6', 'log-8', 's3-1', 's3-7'].map(kind)).toEqual(Array(6).fill('stack'));
  });

  it('say in their description what the engine, which sees one layer, can check of a cross-layer control', () => {
    for (const id of ['nb-4', 'iam-6', 'log-7', 'log-12', 'log-14', 's3-7'])
      expect(POLICIES.find((p) => p.name === id)?.description).toMatch(/Cross-layer: the engine/);
  });

  it.each(LAYER_ORDER)('report nothing on the compliant %s stack', async (layer) => {
    expect(await runEngine(compliantEnv(), layer)).toEqual([]);
  });

  it('compare the hooks with the scripts of the repository (nb-7)', async () => {
    expect(await runEngine(handBuilt(), 'notebook')).toEqual([
      expect.objectContaining({
        policy: 'nb-7',
        message: expect.stringContaining('does not carry any script of packages/notebook/lifecycle'),
      }),
      expect.objectContaining({
        policy: 'nb-7',
        message: expect.stringContaining('does not carry any script of packages/notebook/lifecycle'),
      }),
    ]);
  });

  it('report a violation on the resource with its fix (resource policy nb-1)', async () => {
    const violations = await runEngine(
      patch(compliantEnv(), 'notebook', { directInternetAccess: 'Enabled' }),
      'notebook',
    );
    expect(violations).toEqual([
      expect.objectContaining({
        policy: 'nb-1',
        message: expect.stringMatching(
          /^notebook \(NotebookInstance\): directInternetAccess .* Fix: set directInternetAccess/,
        ),
      }),
    ]);
  });

  it('report a stack violation with the URN of the resource at fault (stack policy s3-1)', async () => {
    const env = patch(compliantEnv(), 'data-bucket-pab', { blockPublicPolicy: false });
    const violations = await runEngine(env, 'notebook');
    expect(violations).toEqual([
      expect.objectContaining({ policy: 's3-1', urn: expect.stringContaining('::data-bucket') }),
    ]);
  });

  it('check existence in the owning layer only: a stack without trail fails log-1 in logging, nowhere else', async () => {
    const env = { ...compliantEnv(), resources: compliantEnv().resources.filter((r) => r.type !== T.trail) };
    expect((await runEngine(env, 'logging')).map((v) => v.policy)).toContain('log-1');
    expect((await runEngine(env, 'network')).map((v) => v.policy)).not.toContain('log-1');
  });

  it('take the environment from the stack name and policy config (kms-2 in prod, net-3 with egress)', async () => {
    expect(
      (await runEngine({ ...compliantEnv(), stack: 'prod' }, 'security')).filter((v) => v.policy === 'kms-2'),
    ).toHaveLength(2);
    const nat = adding(compliantEnv(), res('network', T.nat, 'nat', {}));
    expect((await runEngine(nat, 'network')).map((v) => v.policy)).toEqual(['net-3']);
    expect(await runEngine(nat, 'network', { egressEnabled: true })).toEqual([]);
  });

  it('let an unknown value of a preview reach the SDK instead of deciding on it', () => {
    // The SDK's proxy throws UnknownValueError on an unknown; the SDK turns it into "can't run during preview".
    class UnknownValueError extends Error {}
    const s3 = POLICIES.find((p) => p.name === 's3-2');
    const bucket = res('notebook', T.bucket, 'data-bucket', {}, { id: 'b' });
    const policy = {
      ...toPolicyResource(res('notebook', T.bucketPolicy, 'data-bucket-policy', {})),
      props: Object.defineProperty({ bucket: 'b' }, 'policy', {
        enumerable: true,
        get: () => {
          throw new UnknownValueError('policy');
        },
      }),
    };
    const args = {
      resources: [toPolicyResource(bucket), policy],
      stackTags: new Map(),
      getConfig: () => ({}),
      notApplicable: unused,
    } as unknown as StackValidationArgs;
    expect(() => s3 && 'validateStack' in s3 && s3.validateStack(args, () => undefined)).toThrow(
      UnknownValueError,
    );
  });
});
