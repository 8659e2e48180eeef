import type { Setting, SettingsSchema } from './settings';

/**
 * Settings tables for the READMEs, generated from the setting schemas the way terraform-docs keeps a module's
 * inputs table true: the README holds the table between two markers, `node tools/docs/settings-tables.js`
 * rewrites it, and tools/test/settings-docs.test.ts fails when a README no longer matches its schema.
 */

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text}\``;

/** The default as a reader writes it in Pulumi.<stack>.yaml: `required`, `unset`, or the value. */
export function defaultCell(s: Setting<unknown>): string {
  if (!('default' in s)) return '**required**';
  const value = s.default;
  if (value === undefined) return 'unset';
  if (Array.isArray(value)) return value.length ? value.map((v) => code(String(v))).join(', ') : code('[]');
  if (typeof value === 'object' && value !== null)
    return Object.keys(value).length ? code(JSON.stringify(value)) : code('{}');
  return code(typeof value === 'string' ? value : JSON.stringify(value));
}

/** One markdown table: a row per setting, in schema order, with the full key `pulumi config set` takes. */
export function settingsTable(namespace: string, schema: SettingsSchema): string {
  const rows = Object.entries(schema).map(([name, s]) =>
    [
      code(`${namespace}:${name}`),
      s.type,
      defaultCell(s),
      cell(s.allowed),
      cell(s.description),
      cell(s.onChange),
    ].join(' | '),
  );
  return [
    '| Key | Type | Default | Allowed | What it does | Changing it |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

export const tableStart = (namespace: string) =>
  `<!-- settings-table ${namespace}: generated from the schema by \`node tools/docs/settings-tables.js\`, do not edit -->`;
export const TABLE_END = '<!-- end settings-table -->';

/**
 * The README text with the table of `namespace` replaced by the one generated from `schema`. Throws when the
 * README has no such table (its markers name the namespace), so that a forgotten table is an error, not a skip.
 */
export function withSettingsTable(readme: string, namespace: string, schema: SettingsSchema): string {
  const start = tableStart(namespace);
  const from = readme.indexOf(start);
  const to = from < 0 ? -1 : readme.indexOf(TABLE_END, from);
  if (from < 0 || to < 0) {
    throw new Error(
      `The README has no settings table for ${namespace}: add the two lines\n${start}\n${TABLE_END}\nwhere the table belongs, then run node tools/docs/settings-tables.js`,
    );
  }
  return `${readme.slice(0, from)}${start}\n\n${settingsTable(namespace, schema)}\n\n${readme.slice(to)}`;
}
