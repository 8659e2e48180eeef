import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYER_NAMES } from '@secure-ml/shared';
import { REPO_ROOT } from './support/repo-root';
import { readmeTargets, rendered } from '../src/docs/readmes';

// The terraform-docs check: a README whose settings table no longer matches its schema fails here, and
// `node tools/docs/settings-tables.js` rewrites it.
describe('the settings tables of the READMEs', () => {
  const targets = readmeTargets();

  it('cover the shared settings and every layer of the registry, each in its own README', () => {
    expect(targets.map((t) => t.file.slice(REPO_ROOT.length + 1))).toEqual([
      'README.md',
      ...LAYER_NAMES.map((layer) => `packages/${layer}/README.md`),
    ]);
    expect(targets[0]?.tables.map((t) => t.namespace)).toEqual(['aws', 'secure-ml']);
  });

  it.each(targets.map((t) => [t.file.slice(REPO_ROOT.length + 1), t] as const))(
    '%s matches its schemas (else run node tools/docs/settings-tables.js)',
    (_name, target) => {
      expect(readFileSync(target.file, 'utf8')).toBe(rendered(target));
    },
  );

  it('list every setting of a layer once, with the key pulumi config set takes', () => {
    const network = readFileSync(join(REPO_ROOT, 'packages', 'network', 'README.md'), 'utf8');
    for (const key of [
      'vpcCidr',
      'availabilityZones',
      'egress',
      'natGateways',
      'egressAllowedCidrs',
      'interfaceEndpoints',
      'endpointsSingleAz',
    ])
      expect(network.split(`| \`secure-ml-network:${key}\` |`)).toHaveLength(2);
    const root = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(root).toContain(
      '| `secure-ml:accountId` | string | **required** | a 12-digit AWS account ID (aws sts get-caller-identity --query Account --output text) |',
    );
  });
});
