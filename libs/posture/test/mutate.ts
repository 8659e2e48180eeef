import { evaluateAll } from '../src/evaluate';
import type { Env, Res } from '../src/model';
import { loadEnvironment } from '../src/plans';
import { REPO_ROOT } from '../src/report/main';
import { T } from '../src/resources';
import { environmentsIn } from '@secure-ml/shared/testing';

/**
 * Edits of a real plan for the mutation suites (mutations.test.ts, mutations-review.test.ts): each returns a
 * weakened copy of the environment; the plans on disk are never touched.
 */
export type Raw = Record<string, unknown>;
export type Edit = (env: Env) => Env;

/** The one resource of that logical name (`Subnet:network-private-1` when several types share it). */
export const byName = (env: Env, name: string): Res => {
  const [type, logical] = name.includes(':') ? name.split(':') : [undefined, name];
  const found = env.resources.filter((r) => r.name === logical && (!type || r.type.endsWith(`:${type}`)));
  if (found.length !== 1) throw new Error(`the plan has ${found.length} resources named ${name}`);
  return found[0]!;
};
export const replace = (env: Env, name: string, next: (r: Res) => Res | undefined): Env => {
  const target = byName(env, name);
  return {
    ...env,
    resources: env.resources.flatMap((r) => (r === target ? [next(r)].filter((x): x is Res => !!x) : [r])),
  };
};
export const set =
  (name: string, inputs: Raw): Edit =>
  (env) =>
    replace(env, name, (r) => ({ ...r, inputs: { ...r.inputs, ...inputs } }));
export const drop =
  (name: string): Edit =>
  (env) =>
    replace(env, name, () => undefined);
/** Edits the statements of a JSON policy input (`policy`, `assumeRolePolicy`). */
export const statements =
  (name: string, edit: (s: Raw[]) => Raw[], input = 'policy'): Edit =>
  (env) =>
    replace(env, name, (r) => {
      const doc = JSON.parse(String(r.inputs[input])) as { Statement: Raw[] };
      return {
        ...r,
        inputs: { ...r.inputs, [input]: JSON.stringify({ ...doc, Statement: edit(doc.Statement) }) },
      };
    });
export const bySid = (sid: string, edit: (s: Raw) => Raw) => (all: Raw[]) => {
  if (!all.some((s) => s['Sid'] === sid)) throw new Error(`no statement ${sid}`);
  return all.map((s) => (s['Sid'] === sid ? edit(s) : s));
};
export const decoded = (r: Res, hook: string) =>
  Buffer.from(String(r.inputs[hook]), 'base64').toString('utf8');
export const encoded = (text: string) => Buffer.from(text).toString('base64');
export const accountOf = (env: Env) => env.settings.accountId ?? '';

export const addStatement = (name: string, statement: Raw): Edit =>
  statements(name, (all) => [...all, statement]);

/**
 * Edits the statements of the guardrail layer's SCP documents (its `guardrailScp`, `guardrailScpPeople` and
 * `guardrailScpJobs` outputs) as one list, as they are attached side by side: each statement the edit keeps goes
 * back to its document (by Sid), a new one to the first.
 */
export const scpStatements =
  (edit: (s: Raw[]) => Raw[]): Edit =>
  (env) => {
    const outputs = ['guardrailScp', 'guardrailScpPeople', 'guardrailScpJobs'];
    const docs = outputs.flatMap((o) => {
      const published = env.outputs.guardrail?.[o];
      return typeof published === 'string' ? [{ o, doc: JSON.parse(published) as { Statement: Raw[] } }] : [];
    });
    if (!docs.length) throw new Error('the guardrail layer publishes no guardrailScp');
    const home = new Map(
      docs.flatMap(({ o, doc }) => doc.Statement.map((s) => [String(s['Sid']), o] as const)),
    );
    const edited = edit(docs.flatMap(({ doc }) => doc.Statement));
    const first = docs[0]?.o;
    const guardrail = Object.fromEntries(
      docs.map(({ o, doc }) => [
        o,
        JSON.stringify({
          ...doc,
          Statement: edited.filter((s) => (home.get(String(s['Sid'])) ?? first) === o),
        }),
      ]),
    );
    return { ...env, outputs: { ...env.outputs, guardrail: { ...env.outputs.guardrail, ...guardrail } } };
  };

/** Adds a resource of the plan's shape (its layer read from the URN's project). */
export const addResource =
  (type: string, name: string, project: string, inputs: Raw): Edit =>
  (env) => ({
    ...env,
    resources: [
      ...env.resources,
      {
        type,
        name,
        urn: `urn:pulumi:${env.stack}::${project}::${type}::${name}`,
        inputs,
        options: { protect: false, dependsOn: [] },
        layer: project.replace(/^secure-ml-/, '') as Res['layer'],
      },
    ],
  });

/**
 * [expected failing controls, what the edit does, the edit, the resource the finding must name, and the stacks it
 * applies to when not every one: a protection removed matters only where the stack files protect].
 */
export type Mutation = [string[], string, Edit, string, string[]?];

export const mandatoryFailures = (env: Env): string[] =>
  evaluateAll(env)
    .filter((r) => r.mandatory && r.status === 'fail')
    .map((r) => r.id);

/**
 * Over the real dev and prod plans: nothing fails before any edit; each edit makes exactly its controls fail,
 * each with a finding that names the resource.
 */
export function describeMutations(table: readonly Mutation[]): void {
  describe.each(environmentsIn(REPO_ROOT))('the real %s plans', (stack) => {
    const env = loadEnvironment(REPO_ROOT, stack);

    it('pass every mandatory control before any edit', () => {
      expect(mandatoryFailures(env)).toEqual([]);
    });

    const rows = table.filter(([, , , , stacks]) => !stacks || stacks.includes(stack));
    it.each(rows)('%j fail, and only they, when %s', (ids, _what, edit, resource) => {
      const weakened = edit(env);
      expect(mandatoryFailures(weakened)).toEqual(ids);
      const failing = evaluateAll(weakened).filter((r) => ids.includes(r.id));
      expect(failing).toHaveLength(ids.length);
      for (const result of failing) {
        const named = result.findings.filter((f) => f.resource === resource || f.message.includes(resource));
        expect(named.length).toBeGreaterThan(0);
      }
    });
  });
}

/**
 * Edits one script of the lifecycle hooks the way a change to packages/notebook/lifecycle/<file> would: inside
 * the on-start hook (the heredoc that unpacks it, or the hook itself) and in the repository's copy that NB-7
 * compares with, so that only what the script does changes.
 */
export const editHook =
  (file: string, edit: (text: string) => string): Edit =>
  (env) => {
    const marker = `cat >"$SECURE_ML_PAYLOAD/${file}" <<'SECURE_ML_PAYLOAD_EOF'\n`;
    // Every notebook's lifecycle configuration carries the same scripts: each is edited alike.
    const hooks = env.resources.filter((r) => r.type === T.lifecycle);
    if (hooks.length === 0) throw new Error('the plan has no lifecycle configuration: update this mutation');
    const next = hooks.reduce(
      (e, lifecycle) =>
        replace(e, lifecycle.name, (r) => {
          const hook = decoded(r, 'onStart');
          const start = hook.indexOf(marker);
          if (start < 0) throw new Error(`the on-start hook does not unpack ${file}: update this mutation`);
          const body = start + marker.length;
          const end = hook.indexOf('\nSECURE_ML_PAYLOAD_EOF', body);
          const edited = edit(hook.slice(body, end));
          if (edited === hook.slice(body, end)) throw new Error(`the edit changes nothing in ${file}`);
          return {
            ...r,
            inputs: { ...r.inputs, onStart: encoded(hook.slice(0, body) + edited + hook.slice(end)) },
          };
        }),
      env,
    );
    const scripts = (env.settings.lifecycleScripts ?? []).map(edit);
    return { ...next, settings: { ...next.settings, lifecycleScripts: scripts } };
  };
