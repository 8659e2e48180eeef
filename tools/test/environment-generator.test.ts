import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { LAYER_NAMES } from '@secure-ml/shared/layers';
import environmentGenerator from '../nx-plugin/environment/generator';

/** A virtual workspace with a dev stack file per layer, shaped like the repository's. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const layer of LAYER_NAMES)
    tree.write(
      `packages/${layer}/Pulumi.dev.yaml`,
      [
        '# The dev environment.',
        'config:',
        '  aws:region: eu-west-1',
        "  secure-ml:accountId: '123456789012'",
        '  # dev opts out of deletion protection explicitly so that it can be torn down.',
        '  secure-ml:protect: false',
        `  secure-ml-${layer}:example: kept`,
        '',
      ].join('\n'),
    );
  return tree;
}

describe('nx g @secure-ml/tools:environment', () => {
  it('writes every layer of the registry from the template, protected, with the account given', () => {
    const tree = workspace();
    environmentGenerator(tree, { name: 'stage', accountId: 111122223333 });
    for (const layer of LAYER_NAMES)
      expect(tree.read(`packages/${layer}/Pulumi.stage.yaml`, 'utf-8')).toBe(
        [
          '# The stage environment, written from Pulumi.dev.yaml by nx g @secure-ml/tools:environment.',
          'config:',
          '  secure-ml:tier: production',
          '  aws:region: eu-west-1',
          "  secure-ml:accountId: '111122223333'",
          '  secure-ml:protect: true',
          `  secure-ml-${layer}:example: kept`,
          '',
        ].join('\n'),
      );
  });

  it("opts out of protection only when told, and says the account is still the template's", () => {
    const tree = workspace();
    environmentGenerator(tree, { name: 'scratch', protect: false, tier: 'development' });
    const text = tree.read('packages/network/Pulumi.scratch.yaml', 'utf-8') ?? '';
    expect(text).toContain('  secure-ml:protect: false\n');
    expect(text).toContain('  secure-ml:tier: development\n');
    expect(text).toContain("  secure-ml:accountId: '123456789012'\n");
    expect(text).toContain(
      "# secure-ml:accountId is still the template's: set it to this environment's account before a deploy.",
    );
  });

  it('refuses an environment that exists, a template that does not, and an account that is not 12 digits, naming each', () => {
    const tree = workspace();
    tree.write('packages/logging/Pulumi.stage.yaml', 'config: {}\n');
    expect(() => environmentGenerator(tree, { name: 'stage', from: 'qa', accountId: '1234' })).toThrow(
      [
        'Cannot add the stage environment:',
        '  - --accountId 1234 is not a 12-digit AWS account ID (aws sts get-caller-identity --query Account --output text)',
        ...LAYER_NAMES.flatMap((layer) => [
          ...(layer === 'logging'
            ? ['  - packages/logging/Pulumi.stage.yaml exists: the stage environment is there already']
            : []),
          `  - packages/${layer}/Pulumi.qa.yaml does not exist: choose a template environment every layer has (--from)`,
        ]),
      ].join('\n'),
    );
    expect(tree.exists('packages/network/Pulumi.stage.yaml')).toBe(false);
  });
});
