import {
  HOOK_LIMIT,
  encodeHook,
  LifecycleHookTooLargeError,
  readLifecycleFile,
  renderHook,
  stripComments,
} from '../src/lifecycle/bundle';
import { devSettings } from './sandbox';
import { hookOf, planNotebook } from './plan';

describe('lifecycle hooks as SageMaker receives them', () => {
  it('are the generated bundles of the repository files, with this stack settings', async () => {
    const plan = await planNotebook('dev');
    const onStart = hookOf(plan, 'onStart');
    for (const file of ['lib/common.sh', 'lib/auto-stop.sh', 'lib/mirror.sh', 'on-start.sh']) {
      expect(onStart).toContain(stripComments(readLifecycleFile(file)));
    }
    expect(onStart).toContain("export SECURE_ML_IDLE_MINUTES='30'");
    expect(onStart).toContain("export SECURE_ML_DATA_BUCKET='sml-dev-data-123456789012-eu-west-1'");
    expect(onStart).toContain("export SECURE_ML_NOTEBOOK_NAME='sml-dev-notebook-alice'");
    expect(hookOf(plan, 'onCreate')).toContain(stripComments(readLifecycleFile('on-create.sh')));
  });

  it.each(['on-create', 'on-start'] as const)(
    '%s stays under the limit with the longest settings config accepts',
    (hook) => {
      const longest = (path: string) => `https://${'a'.repeat(1024 - 8 - path.length)}${path}`;
      const settings = devSettings({
        SECURE_ML_PIP_INDEX_URL: longest('/simple/'),
        SECURE_ML_CONDA_CHANNEL_URL: longest('/main'),
      });
      expect(settings['SECURE_ML_PIP_INDEX_URL']).toHaveLength(1024);
      expect(encodeHook(hook, renderHook(hook, settings)).length).toBeLessThan(HOOK_LIMIT);
    },
  );

  it('refuses a hook over the limit, naming the hook, its files and its size', () => {
    const script = renderHook('on-start', devSettings(), (file) =>
      file === 'on-start.sh' ? `#!/bin/bash\necho '${'x'.repeat(13000)}'\n` : readLifecycleFile(file),
    );
    const size = Buffer.from(script).toString('base64').length;
    expect(() => encodeHook('on-start', script)).toThrow(LifecycleHookTooLargeError);
    expect(() => encodeHook('on-start', script)).toThrow(
      `Lifecycle hook on-start (packages/notebook/lifecycle/lib/common.sh, packages/notebook/lifecycle/lib/auto-stop.sh, packages/notebook/lifecycle/lib/mirror.sh, packages/notebook/lifecycle/on-start.sh) is ${size} characters once base64-encoded; SageMaker accepts at most 16384 per hook.`,
    );
  });

  it('accepts exactly 16384 characters and refuses 16385', () => {
    // 12288 bytes encode to exactly 16384 base64 characters.
    expect(encodeHook('on-create', 'x'.repeat(12288))).toHaveLength(16384);
    expect(() => encodeHook('on-create', 'x'.repeat(12289))).toThrow(/is 16388 characters/);
  });

  it('refuses CR line endings and a file that would end its heredoc early', () => {
    expect(() => renderHook('on-create', devSettings(), () => '#!/bin/bash\r\necho\r\n')).toThrow(
      /CR line endings/,
    );
    expect(() => renderHook('on-create', devSettings(), () => 'echo\nSECURE_ML_PAYLOAD_EOF\n')).toThrow(
      /ends the embedded file early/,
    );
  });

  it('strips comment lines outside heredocs only: a # inside embedded content is kept', () => {
    const text =
      '#!/bin/bash\n# why\n  # indented why\n\n# shellcheck source=/dev/null\ncat <<EOF\n# heading\n\nEOF\necho done # trailing\n';
    expect(stripComments(text)).toBe(
      '#!/bin/bash\n# shellcheck source=/dev/null\ncat <<EOF\n# heading\n\nEOF\necho done # trailing',
    );
  });

  it('quotes settings for the shell: a quote in a value cannot break out', () => {
    expect(renderHook('on-create', devSettings({ SECURE_ML_PIP_INDEX_URL: "a'b" }))).toContain(
      `export SECURE_ML_PIP_INDEX_URL='a'\\''b'`,
    );
  });
});
