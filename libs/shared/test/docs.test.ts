import { setting, settingsTable, withSettingsTable } from '../src';

const schema = {
  cidr: setting.text({
    pattern: /^10\./,
    allowed: 'a 10.x range | or none',
    example: '10.0.0.0/16',
    description: 'The range.',
    onChange: 'replaces the VPC',
  }),
  zones: setting.integer({ min: 1, max: 3, default: 2, description: 'Zones.', onChange: 'adds subnets' }),
  names: setting.list(
    { pattern: /^[a-z]+$/, allowed: 'names' },
    { example: '["a"]', default: ['a', 'b'], description: 'Names.', onChange: 'updates in place' },
  ),
  mirror: setting.optional(
    setting.text({
      pattern: /^https:/,
      allowed: 'a URL',
      example: 'https://x',
      description: 'Mirror.',
      onChange: 'restarts',
    }),
  ),
  tags: setting.stringMap({
    keyPattern: /^.+$/,
    valuePattern: /^.*$/,
    allowed: 'a map',
    example: '{}',
    default: {},
    description: 'Tags.',
    onChange: 'updates tags',
  }),
} as const;

describe('settingsTable', () => {
  it('renders a row per setting with type, default (required, unset or the value), allowed, description and change', () => {
    expect(settingsTable('net', schema)).toBe(
      [
        '| Key | Type | Default | Allowed | What it does | Changing it |',
        '| --- | --- | --- | --- | --- | --- |',
        '| `net:cidr` | string | **required** | a 10.x range \\| or none | The range. | replaces the VPC |',
        '| `net:zones` | integer | `2` | an integer from 1 to 3 | Zones. | adds subnets |',
        '| `net:names` | list | `a`, `b` | a list of names | Names. | updates in place |',
        '| `net:mirror` | string | unset | a URL, or unset | Mirror. | restarts |',
        '| `net:tags` | map | `{}` | a map | Tags. | updates tags |',
      ].join('\n'),
    );
  });
});

describe('withSettingsTable', () => {
  const start =
    '<!-- settings-table net: generated from the schema by `node tools/docs/settings-tables.js`, do not edit -->';
  it('replaces only what lies between the markers of its namespace', () => {
    const readme = `# x\n\n${start}\nold table\n<!-- end settings-table -->\n\ntail\n`;
    const out = withSettingsTable(readme, 'net', { zones: schema.zones });
    expect(out).toBe(
      `# x\n\n${start}\n\n| Key | Type | Default | Allowed | What it does | Changing it |\n| --- | --- | --- | --- | --- | --- |\n| \`net:zones\` | integer | \`2\` | an integer from 1 to 3 | Zones. | adds subnets |\n\n<!-- end settings-table -->\n\ntail\n`,
    );
    expect(withSettingsTable(out, 'net', { zones: schema.zones })).toBe(out);
  });

  it('refuses a README without the table, naming the markers to add', () => {
    expect(() => withSettingsTable('# x\n', 'net', schema)).toThrow(
      /has no settings table for net: add the two lines/,
    );
  });
});
