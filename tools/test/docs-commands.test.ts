import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYER_NAMES } from '@secure-ml/shared/layers';
import { REPO_ROOT } from './support/repo-root';
import { projectTargets } from './support/nx';
import { VERBS } from '../src/pulumi/run';

// Every `pulumi`, `nx` and `node tools/...` command in the docs and in the stack files' comments, checked
// against the repository: projects, targets, configurations, paths, and the Pulumi flags each subcommand has
// (read from the CLI's source, pkg/cmd/pulumi, and its docs). A command a reader copies must run verbatim.

const DOCS = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs')).map((f) => `docs/${f}`),
  'libs/posture/README.md',
  ...LAYER_NAMES.map((l) => `packages/${l}/README.md`),
];
const STACK_FILES = LAYER_NAMES.flatMap((l) =>
  readdirSync(join(REPO_ROOT, 'packages', l))
    .filter((f) => /^Pulumi\.[a-z0-9]+\.yaml$/.test(f))
    .map((f) => `packages/${l}/${f}`),
);

interface Command {
  readonly file: string;
  readonly text: string;
}

/** The shell of a doc: its sh code blocks (continuations joined) and its inline code spans. */
function shellOf(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  if (file.endsWith('.yaml'))
    return text
      .split('\n')
      .filter((l) => /^\s*#/.test(l))
      .map((l) => l.replace(/^\s*#/, ''));
  const blocks = [...text.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const prose = text.replace(/```[\s\S]*?```/g, '');
  const spans = [...prose.replace(/`\n/g, '` ').matchAll(/`([^`]+)`/g)].map((m) =>
    (m[1] ?? '').replace(/\s+/g, ' '),
  );
  return [...blocks.flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n')), ...spans];
}

/** Each command that starts with one of `heads`, cut at the shell operators that end it. */
function commandsOf(heads: RegExp): Command[] {
  return [...DOCS, ...STACK_FILES].flatMap((file) =>
    shellOf(file).flatMap((line) =>
      [...line.matchAll(heads)].map((m) => {
        const rest = line.slice(m.index);
        const end = rest.search(/\s(&&|\|\||;|\||#)\s|\)|;\s|\s#|`|$/);
        return { file, text: rest.slice(0, end < 0 ? undefined : end).trim() };
      }),
    ),
  );
}

const words = (text: string) => text.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
const unquote = (w: string) => w.replace(/^["']|["']$/g, '');
/** A shell variable or a placeholder the reader fills in (`<layer>`, `<your-org>/<env>`). */
const isVariable = (w: string) => /\$|<[a-z-]+>/.test(w);

// Flags of the Pulumi subcommands the docs use (pkg/cmd/pulumi/...: stack/, config/, operations/, state/,
// cancel/, whoami/; plus the global --cwd, --stack, --non-interactive, --yes where the command has them).
const PULUMI_FLAGS: Record<string, string[]> = {
  'stack output': ['--stack', '--cwd', '--json', '--show-secrets'],
  'stack export': ['--stack', '--cwd', '--file', '--show-secrets'],
  'stack import': ['--stack', '--cwd', '--file'],
  'stack init': ['--cwd', '--secrets-provider'],
  'stack select': ['--cwd', '--stack'],
  'stack rm': ['--stack', '--cwd', '--yes', '--preserve-config', '--force'],
  'stack change-secrets-provider': ['--stack', '--cwd'],
  'stack ls': ['--cwd', '--json'],
  'config set': ['--stack', '--cwd', '--secret', '--path'],
  'config rm': ['--stack', '--cwd'],
  'state unprotect': ['--stack', '--cwd', '--all', '--yes'],
  import: ['--stack', '--cwd', '--yes'],
  preview: [
    '--stack',
    '--cwd',
    '--diff',
    '--refresh',
    '--expect-no-changes',
    '--policy-pack',
    '--policy-pack-config',
  ],
  up: ['--stack', '--cwd', '--yes', '--diff', '--skip-preview', '--policy-pack', '--policy-pack-config'],
  destroy: ['--stack', '--cwd', '--yes'],
  refresh: ['--stack', '--cwd', '--yes', '--clear-pending-creates'],
  cancel: ['--stack', '--cwd', '--yes'],
  login: [],
  whoami: ['--json'],
  'org set-default': [],
};
/** Subcommands that act on one stack of one layer: they need the stack and the layer's directory. */
const STACK_SCOPED = Object.keys(PULUMI_FLAGS).filter(
  (c) => !['login', 'whoami', 'org set-default'].includes(c),
);
const subcommandOf = (argv: string[]) =>
  Object.keys(PULUMI_FLAGS)
    .sort((a, b) => b.length - a.length)
    .find((sub) => `${argv.join(' ')} `.startsWith(`${sub} `));
/**
 * Prose that names a command rather than giving one: the subcommand and flags only, no value a reader would
 * type ("`pulumi up --yes --diff` previews first", "`pulumi destroy` stops at them"). Anything with a value,
 * a stack or a directory is a command, and must run verbatim.
 */
function isMention(text: string): boolean {
  const argv = words(text).slice(1);
  const sub = subcommandOf(argv);
  if (!sub) return false;
  const rest = argv.slice(sub.split(' ').length);
  return rest.every((w) => w.startsWith('--') && !['--stack', '--cwd'].includes(w));
}

const pulumiCommands = commandsOf(/(?<![\w/-])pulumi (?=[a-z])/g).filter(
  (c) => subcommandOf(words(c.text).slice(1)) !== undefined && !isMention(c.text),
);

describe('the pulumi commands of the docs', () => {
  it('were found (the extraction works)', () => {
    expect(pulumiCommands.length).toBeGreaterThan(20);
  });

  it.each(pulumiCommands.map((c) => [`${c.file}: ${c.text}`, c] as const))('%s', (_name, command) => {
    const argv = words(command.text).slice(1);
    const sub = subcommandOf(argv);
    const flags = argv.filter((w) => w.startsWith('--')).map((w) => w.split('=')[0]);
    expect(flags.filter((f) => !PULUMI_FLAGS[sub as string]?.includes(f ?? ''))).toEqual([]);
    if (!STACK_SCOPED.includes(sub as string)) return;
    const cwd = argv[argv.indexOf('--cwd') + 1];
    expect({ command: command.text, cwd: argv.includes('--cwd') }).toEqual({
      command: command.text,
      cwd: true,
    });
    const dir = unquote(cwd ?? '');
    if (!isVariable(dir)) expect(existsSync(join(REPO_ROOT, dir, 'Pulumi.yaml'))).toBe(true);
    else expect(dir).toMatch(/^(packages\/(\$[\w{}]+|<layer>)|\$dir)$/);
    const stackNamed = argv.includes('--stack') || /^stack (init|select)$/.test(sub as string);
    expect({ command: command.text, stack: stackNamed }).toEqual({ command: command.text, stack: true });
    if (sub === 'stack rm') expect(argv).toContain('--preserve-config');
  });

  it('run on the same backend as the Nx targets wherever a doc has stack commands', () => {
    for (const file of DOCS) {
      const scoped = pulumiCommands.filter(
        (c) => c.file === file && !/^pulumi (login|whoami|org)/.test(c.text),
      );
      if (!scoped.length || file !== 'docs/runbook.md') continue;
      expect(readFileSync(join(REPO_ROOT, file), 'utf8')).toContain(
        'export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$PWD/.pulumi-state}"',
      );
    }
  });
});

/** Each Nx project's targets and their configurations, as Nx resolves them (the local plugin included). */
const PROJECTS = projectTargets();
const TARGETS = new Set(Object.values(PROJECTS).flatMap((t) => Object.keys(t)));
const NX_FLAGS = [
  '-t',
  '-c',
  '-p',
  '--excludeTaskDependencies',
  '--outputStyle',
  '--skip-nx-cache',
  '--base',
  '--head',
  '--affected',
];
const nxCommands = commandsOf(/npx nx (?=[a-z])/g);

describe('the nx commands of the docs', () => {
  it('were found', () => expect(nxCommands.length).toBeGreaterThan(15));

  it.each(nxCommands.map((c) => [`${c.file}: ${c.text}`, c] as const))('%s', (_name, command) => {
    const all = words(command.text).slice(2).map(unquote);
    // Arguments after `--` go to the target's command, not to Nx.
    const argv = all.includes('--') ? all.slice(0, all.indexOf('--')) : all;
    const [verb] = argv;
    if (verb === 'g') {
      // A generator of the workspace (tools/nx-plugin/generators.json), with flags its schema knows.
      const [collection, name] = (argv[1] ?? '').split(':');
      expect(collection).toBe('@secure-ml/tools');
      const generators = JSON.parse(
        readFileSync(join(REPO_ROOT, 'tools', 'nx-plugin', 'generators.json'), 'utf8'),
      ) as { generators: Record<string, { schema: string }> };
      const generator = generators.generators[name ?? ''];
      expect(generator).toBeDefined();
      const schema = JSON.parse(
        readFileSync(join(REPO_ROOT, 'tools', 'nx-plugin', generator?.schema ?? ''), 'utf8'),
      ) as { properties: Record<string, unknown> };
      for (const flag of argv.filter((w) => w.startsWith('--')))
        expect([...Object.keys(schema.properties), 'dry-run']).toContain(flag.slice(2).split('=')[0]);
      return;
    }
    expect(['run', 'run-many', 'affected', 'show']).toContain(verb);
    for (const flag of argv.filter((w) => w.startsWith('-'))) expect(NX_FLAGS).toContain(flag.split('=')[0]);
    const targets =
      verb === 'run'
        ? [argv[1]?.split(':')[1]]
        : argv
            .slice(argv.indexOf('-t') + 1)
            .filter((w, i, all) => !w.startsWith('-') && all.slice(0, i).every((x) => !x.startsWith('-')));
    const project = verb === 'run' ? (argv[1]?.split(':')[0] ?? '') : undefined;
    if (project !== undefined && !isVariable(project)) expect(Object.keys(PROJECTS)).toContain(project);
    if (verb !== 'show') for (const t of targets) if (!isVariable(t ?? '')) expect(TARGETS).toContain(t);
    const p = argv.indexOf('-p');
    if (p >= 0)
      for (const name of (argv[p + 1] ?? '').split(',')) expect(Object.keys(PROJECTS)).toContain(name);
    const c = argv.indexOf('-c');
    const configuration = argv[c + 1] ?? '';
    if (c >= 0 && !isVariable(configuration))
      for (const t of targets) {
        const owners = project && !isVariable(project) ? [project] : LAYER_NAMES;
        for (const owner of owners)
          expect(Object.keys(PROJECTS[owner]?.[t ?? '']?.configurations ?? {})).toContain(configuration);
      }
  });
});

const nodeCommands = commandsOf(/node tools\/\S+/g);

describe('the node tools/ commands of the docs', () => {
  it('were found', () => expect(nodeCommands.length).toBeGreaterThan(3));

  it.each(nodeCommands.map((c) => [`${c.file}: ${c.text}`, c] as const))('%s', (_name, command) => {
    const [, script, verb, layer] = words(command.text).map(unquote);
    expect(existsSync(join(REPO_ROOT, script ?? ''))).toBe(true);
    if (script !== 'tools/pulumi/run.js') return;
    if (!isVariable(verb ?? '') && verb !== '<verb>') expect(Object.keys(VERBS)).toContain(verb);
    if (!isVariable(layer ?? '')) expect(LAYER_NAMES).toContain(layer);
  });
});
