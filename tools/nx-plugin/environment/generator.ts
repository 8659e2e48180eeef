/**
 * `nx g @secure-ml/tools:environment <name> --from dev [--accountId 111122223333] [--protect false]
 * [--tier development]`: protected and production unless told otherwise, whatever the template says. It writes
 * `packages/<layer>/Pulumi.<name>.yaml` for every layer of the registry from the template environment's files.
 * Nothing else is needed: the local plugin gives every Pulumi target a `<name>` configuration, the offline plan
 * plans it and the posture report grades it. Follows Nx's generator conventions: a schema, and changes made on
 * the Tree, so that `--dry-run` shows them without writing.
 */
import type { Tree } from '@nx/devkit';
import { LAYER_NAMES } from '@secure-ml/shared/layers';

export interface EnvironmentOptions {
  readonly name: string;
  readonly from?: string;
  /** The CLI hands a 12-digit value over as a number. */
  readonly accountId?: string | number;
  readonly protect?: boolean;
  readonly tier?: 'production' | 'development';
}

/**
 * Sets a top-level config key's value on its own line (dropping the comment above it, which explained the
 * template's value), or adds the line under `config:`.
 */
function setKey(text: string, key: string, value: string): string {
  const line = new RegExp(`(^[ \\t]+#.*\\n)*^([ \\t]+)${key.replace(/[.:]/g, '\\$&')}:.*$`, 'm');
  if (line.test(text)) return text.replace(line, `$2${key}: ${value}`);
  return text.replace(/^config:\s*$/m, `config:\n  ${key}: ${value}`);
}

export default function environmentGenerator(tree: Tree, options: EnvironmentOptions): void {
  const from = options.from ?? 'dev';
  const file = (layer: string, env: string) => `packages/${layer}/Pulumi.${env}.yaml`;
  const problems: string[] = [];
  const accountId = options.accountId === undefined ? undefined : String(options.accountId);
  if (accountId !== undefined && !/^\d{12}$/.test(accountId))
    problems.push(
      `--accountId ${accountId} is not a 12-digit AWS account ID (aws sts get-caller-identity --query Account --output text)`,
    );
  for (const layer of LAYER_NAMES) {
    if (tree.exists(file(layer, options.name)))
      problems.push(`${file(layer, options.name)} exists: the ${options.name} environment is there already`);
    if (!tree.exists(file(layer, from)))
      problems.push(
        `${file(layer, from)} does not exist: choose a template environment every layer has (--from)`,
      );
  }
  if (problems.length)
    throw new Error(`Cannot add the ${options.name} environment:\n  - ${problems.join('\n  - ')}`);
  for (const layer of LAYER_NAMES) {
    let text = tree.read(file(layer, from), 'utf-8') ?? '';
    text = text.replace(/^(#[^\n]*\n)*/, '');
    text = setKey(text, 'secure-ml:protect', String(options.protect ?? true));
    text = setKey(text, 'secure-ml:tier', options.tier ?? 'production');
    if (accountId) text = setKey(text, 'secure-ml:accountId', `'${accountId}'`);
    const header = [
      `# The ${options.name} environment, written from Pulumi.${from}.yaml by nx g @secure-ml/tools:environment.`,
      ...(accountId
        ? []
        : [
            `# secure-ml:accountId is still the template's: set it to this environment's account before a deploy.`,
          ]),
    ];
    tree.write(file(layer, options.name), `${header.join('\n')}\n${text}`);
  }
}
