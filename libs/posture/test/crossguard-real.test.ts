import { join } from 'node:path';
import { LAYER_NAMES } from '@secure-ml/shared';
import type { Layer, Res } from '../src/model';
import { environmentOf, readPlans, settingsFor } from '../src/plans';
import { REPO_ROOT } from '../src/report/main';
import { runEngineOn, UNKNOWN } from './engine';
import { environmentsIn } from '@secure-ml/shared/testing';

/**
 * The CrossGuard path over the real plans: the pack as `pulumi preview --policy-pack libs/posture` runs it, one
 * layer's stack at a time, with the policy config tools/pulumi/run.js writes from the same stack files. Then the
 * same stacks as a first preview sees them: every input computed from a resource of the stack that does not
 * exist yet is unknown, so the policies that read one are reported "can't run during preview" (advisory) and
 * run again at `pulumi up`; none passes or fails on a value it cannot see.
 */
/** The policy config the real-path wrapper writes for a stack, each policy's own section (tools/src/pulumi/stack-file.ts). */
const wrapperConfigOf = (stack: string): Record<string, Record<string, unknown>> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackFile = require(join(REPO_ROOT, 'tools', 'src', 'pulumi', 'stack-file.ts')) as {
    policyConfigFor(facts: { stack: string; accountId: string }): Record<string, Record<string, unknown>>;
  };
  return stackFile.policyConfigFor({ stack, accountId: '123456789012' });
};

/** A first preview: any input that carries the ID of a resource of the same stack is not known yet. */
function firstPreview(resources: readonly Res[]): Res[] {
  const ids = resources.map((r) => r.id).filter((id): id is string => !!id && id.length >= 8);
  const unknown = (v: unknown): unknown => {
    if (typeof v === 'string') return ids.some((id) => v.includes(id)) ? UNKNOWN : v;
    if (Array.isArray(v)) return v.map(unknown);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unknown(x)]));
    return v;
  };
  return resources.map((r) => {
    const { id: _notYet, ...rest } = r;
    return { ...rest, inputs: unknown(r.inputs) as Record<string, unknown> };
  });
}

/**
 * What a first preview defers, per layer: the policies that read a value computed from a resource not yet
 * created (a key policy naming a role's ARN, a bucket setting naming its bucket's ID...). Written out from the
 * engine's rule; the network layer's controls read only values known before deploy (CIDRs, flags, names).
 */
const DEFERRED: Readonly<Record<string, readonly string[]>> = {
  // The key policies name no role any more (the notebook roles are the notebook layer's): known at once.
  security: ['kms-4', 'iam-1', 'iam-2', 'iam-3', 'iam-5'],
  // The job group's rules name it by ID, unknown before the first deploy (JOB-2).
  network: ['job-2'],
  // The guardrail's pins are other layers' outputs (stack references), known before its own first deploy.
  guardrail: [],
  // The job log groups' key is the security layer's, read through a reference not resolved yet (JOB-3, as LOG-14).
  logging: [
    'job-3',
    'log-4',
    'log-5',
    'log-6',
    'log-8',
    'log-9',
    'log-12',
    'log-14',
    'log-15',
    's3-1',
    's3-2',
    's3-3',
    's3-4',
    's3-5',
    's3-6',
    's3-7',
    's3-8',
  ],
  // Each notebook's role: its trust names its notebook's ARN and its policies the bucket's, not yet known.
  // The job roles and job-start policies (JOB-1, JOB-4) as the notebook roles. Each notebook's roleArn (NB-9) is
  // its role's, known after the role exists. NB-12 (each role's reach) as JOB-1: the policies name the data bucket
  // and key, and the bucket policy its own ARN, none known before the first deploy.
  notebook: [
    'nb-7',
    'nb-9',
    'nb-12',
    'job-1',
    'job-4',
    'kms-4',
    'iam-1',
    'iam-2',
    'iam-3',
    'iam-5',
    'iam-6',
    's3-1',
    's3-2',
    's3-3',
    's3-4',
    's3-5',
    's3-6',
    's3-7',
    's3-8',
  ],
};

describe.each(environmentsIn(REPO_ROOT))('the %s stacks under the engine', (stack) => {
  const plans = readPlans(REPO_ROOT, stack);
  const env = environmentOf(plans, stack, settingsFor(REPO_ROOT, stack, plans));
  const layerOf = (layer: Layer) => env.resources.filter((r) => r.layer === layer);
  const policyConfig = wrapperConfigOf(stack);

  it('cover every layer of the registry, each with its expected deferrals', () => {
    expect(plans.map((p) => p.layer).sort()).toEqual([...LAYER_NAMES].sort());
    expect(Object.keys(DEFERRED).sort()).toEqual([...LAYER_NAMES].sort());
  });

  it.each(plans.map((p): [Layer] => [p.layer]))('report no violation on the %s stack', async (layer) => {
    const run = await runEngineOn(layerOf(layer), {}, policyConfig);
    expect(run.violations).toEqual([]);
    expect(run.cannotRunDuringPreview).toEqual([]);
  });

  it("fails NB-12 on the notebook stack alone when the data bucket's policy grants alice's role every prefix", async () => {
    const notebook = layerOf('notebook');
    const role = notebook.find((r) => r.name === 'alice-role');
    const bucket = notebook.find((r) => r.name === 'data' && r.type === 'aws:s3/bucket:Bucket');
    const roleArn = `arn:aws:iam::123456789012:role${String(role?.inputs['path'])}${String(role?.inputs['name'])}`;
    const widened = notebook.map((r) => {
      if (r.name !== 'data-policy') return r;
      const doc = JSON.parse(String(r.inputs['policy'])) as { Statement: object[] };
      const grant = {
        Sid: 'AliceReadsEveryone',
        Effect: 'Allow',
        Principal: { AWS: roleArn },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${String(bucket?.inputs['bucket'])}/notebooks/*`,
      };
      return {
        ...r,
        inputs: { ...r.inputs, policy: JSON.stringify({ ...doc, Statement: [...doc.Statement, grant] }) },
      };
    });
    const run = await runEngineOn(widened, {}, policyConfig);
    expect(run.violations.map((v) => [v.policy, v.urn])).toEqual([['nb-12', role?.urn]]);
    expect(run.violations[0]?.message).toContain("reads another notebook's prefix");
  });

  it.each(plans.map((p): [Layer] => [p.layer]))(
    'on a first preview of %s, fail nothing and defer what it cannot see',
    async (layer) => {
      const run = await runEngineOn(firstPreview(layerOf(layer)), {}, policyConfig);
      expect(run.violations).toEqual([]);
      expect(run.cannotRunDuringPreview).toEqual(DEFERRED[layer]);
    },
  );
});
