import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../src/errors';
import { parseStackFile, readStackConfig } from '../src/plan/stack-config';

const FILE = 'packages/network/Pulumi.dev.yaml';

/** The message a stack file's YAML mistake produces, or a failure if it produced none. */
function mistake(text: string): string {
  try {
    parseStackFile(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no error for a broken stack file');
}

describe('YAML mistakes in a stack file', () => {
  it('names the file, the line and the key of a duplicated key', () => {
    const text = [
      'config:',
      '  aws:region: eu-west-1',
      '  secure-ml-network:egress: none',
      '  secure-ml-network:egress: nat',
      '',
    ].join('\n');
    expect(mistake(text)).toBe(
      `Invalid configuration in ${FILE} (1 problem):\n  - line 4, key secure-ml-network:egress: duplicated mapping key. Fix: keep one entry for this key`,
    );
  });

  it('names the file, the line and the key of a tab in the indentation', () => {
    const text = ['config:', '  aws:region: eu-west-1', '\tsecure-ml:prefix: sml', ''].join('\n');
    const message = mistake(text);
    expect(message).toMatch(
      /^Invalid configuration in packages\/network\/Pulumi\.dev\.yaml \(1 problem\):\n {2}- line 3, key secure-ml:prefix: /,
    );
    expect(message).toContain('Fix: indent with spaces, never tabs');
    expect(message).not.toMatch(/at .*js-yaml/);
  });

  it('reports it from the file the offline plan reads, as packages/<layer>/Pulumi.<stack>.yaml', () => {
    const root = mkdtempSync(join(tmpdir(), 'stack-file-'));
    try {
      const dir = join(root, 'packages', 'logging');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'Pulumi.qa.yaml'), 'config:\n  a:b: 1\n  a:b: 2\n');
      expect(() => readStackConfig(dir, 'qa')).toThrow(
        'Invalid configuration in packages/logging/Pulumi.qa.yaml (1 problem):\n  - line 3, key a:b: duplicated mapping key',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads a well-formed file as before', () => {
    expect(parseStackFile('config:\n  aws:region: eu-west-1\n', FILE)).toEqual({
      config: { 'aws:region': 'eu-west-1' },
    });
  });
});
