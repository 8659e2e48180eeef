/**
 * `nx g @secure-ml/tools:notebook <id> --owner carol@example.com --environment dev [--instanceType ml.t3.large]
 * [--volumeSizeGb 20] [--idleMinutes 45]`: adds one entry to `secure-ml-notebook:notebooks` in
 * `packages/notebook/Pulumi.<environment>.yaml`, the only file a new notebook needs (docs/runbook.md, "Add a
 * notebook"). The entry is checked by the notebook layer's own validator (libs/shared/src/config/notebooks.ts)
 * before anything is written, and the file is edited as text, so its comments and the other entries stay as
 * they are. Follows Nx's generator conventions: a schema, and changes made on the Tree (`--dry-run` shows them).
 */
import type { Tree } from '@nx/devkit';
import { notebookMapProblems } from '@secure-ml/shared';
import { parseStackFile } from '@secure-ml/shared/stack-files';

export interface NotebookOptions {
  readonly id: string;
  readonly owner: string;
  readonly environment?: string;
  readonly instanceType?: string;
  readonly volumeSizeGb?: number;
  readonly idleMinutes?: number;
}

const KEY = 'secure-ml-notebook:notebooks';

/** The notebooks map of a stack file's text, as the CLI would hand it to the layer. */
function notebooksOf(text: string, file: string): unknown {
  return parseStackFile(text, file)?.config?.[KEY];
}

/** The lines of one entry, at the map's indentation: its id, then each field set. */
function entryLines(
  id: string,
  entry: Readonly<Record<string, unknown>>,
  indent: string,
  step: string,
): string[] {
  return [`${indent}${id}:`, ...Object.entries(entry).map(([k, v]) => `${indent}${step}${k}: ${String(v)}`)];
}

/** Where the map's block ends (the index of the first line after it) and how its entries are indented. */
function blockOf(lines: readonly string[], keyLine: number): { end: number; indent: string; step: string } {
  const keyIndent = /^(\s*)/.exec(lines[keyLine] ?? '')?.[1] ?? '';
  let end = keyLine + 1;
  let indent: string | undefined;
  let step: string | undefined;
  for (let i = keyLine + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const own = /^(\s*)/.exec(line)?.[1] ?? '';
    if (own.length <= keyIndent.length) break;
    if (!line.trim().startsWith('#')) {
      indent ??= own;
      if (step === undefined && own.length > indent.length) step = own.slice(indent.length);
    }
    end = i + 1;
  }
  return { end, indent: indent ?? `${keyIndent}  `, step: step ?? '  ' };
}

export default function notebookGenerator(tree: Tree, options: NotebookOptions): void {
  const environment = options.environment ?? 'dev';
  const file = `packages/notebook/Pulumi.${environment}.yaml`;
  const refuse = (problems: readonly string[]): never => {
    throw new Error(`Cannot add notebook ${options.id} to ${file}:\n  - ${problems.join('\n  - ')}`);
  };
  const text = tree.read(file, 'utf-8');
  if (text === null)
    refuse([
      `${file} does not exist: --environment names an environment with stack files (nx g @secure-ml/tools:environment adds one)`,
    ]);
  const current = notebooksOf(text ?? '', file);
  const existing = current && typeof current === 'object' && !Array.isArray(current) ? current : {};
  const entry = Object.fromEntries(
    Object.entries({
      owner: options.owner,
      instanceType: options.instanceType,
      volumeSizeGb: options.volumeSizeGb,
      idleMinutes: options.idleMinutes,
    }).filter(([, v]) => v !== undefined),
  );
  const problems = [
    ...(options.id in existing ? [`notebooks.${options.id} exists already: choose another id`] : []),
    ...notebookMapProblems({ [options.id]: entry }),
  ];
  if (problems.length) refuse(problems);

  const lines = (text ?? '').split('\n');
  const keyLine = lines.findIndex((l) => new RegExp(`^\\s+${KEY.replace(/[.:]/g, '\\$&')}:\\s*$`).test(l));
  let updated: string;
  if (keyLine >= 0) {
    const { end, indent, step } = blockOf(lines, keyLine);
    updated = [
      ...lines.slice(0, end),
      ...entryLines(options.id, entry, indent, step),
      ...lines.slice(end),
    ].join('\n');
  } else {
    if (current !== undefined)
      refuse([
        `${KEY} is not written as a block map in ${file}: add the entry by hand (docs/runbook.md, "Add a notebook")`,
      ]);
    const configLine = lines.findIndex((l) => /^config:\s*$/.test(l));
    if (configLine < 0) refuse([`${file} has no config: section`]);
    updated = [
      ...lines.slice(0, configLine + 1),
      `  ${KEY}:`,
      ...entryLines(options.id, entry, '    ', '  '),
      ...lines.slice(configLine + 1),
    ].join('\n');
  }
  // What the layer will read back: the map with the new entry, every entry valid.
  const after = notebooksOf(updated, file);
  const problemsAfter = notebookMapProblems(after);
  const written = (after as Record<string, unknown> | undefined)?.[options.id];
  if (problemsAfter.length || JSON.stringify(written) !== JSON.stringify(entry))
    refuse([
      `the edited file would not read back as intended (${problemsAfter.join('; ') || 'the entry differs'}): add it by hand`,
    ]);
  tree.write(file, updated);
}
