import { readExamples } from '@secure-ml/shared/testing';
import { evaluateAll } from '../src/evaluate';
import type { Env } from '../src/model';
import { T } from '../src/resources';
import { REPO_ROOT } from '../src/report/main';
import { exampleEnvironment, gradeExample } from '../src/report/examples';

/**
 * The examples of examples/, planned by `npm start` (each layer's plan target plans them) and graded against
 * every mandatory control; the NAT examples are NET-3's declared exception and nothing else.
 */
const EXAMPLES = [
  'alert-address',
  'break-glass',
  'codeartifact-mirror',
  'ecr-endpoints',
  'key-administrators',
  'nat-per-az',
  'nat-single',
  'pip-index',
];
const examples = readExamples(REPO_ROOT);
const envOf = (name: string): Env =>
  exampleEnvironment(
    REPO_ROOT,
    examples.find((e) => e.name === name)!,
  );
const ofType = (env: Env, type: string) => env.resources.filter((r) => r.type === type);

describe('the examples', () => {
  it('are the eight opt-in paths', () => {
    expect(examples.map((e) => e.name)).toEqual(EXAMPLES);
  });

  it.each(EXAMPLES)('%s passes every mandatory control, with only its declared exceptions', (name) => {
    const result = gradeExample(
      REPO_ROOT,
      examples.find((e) => e.name === name)!,
    );
    expect(result.problems).toEqual([]);
    expect(result.failures).toEqual([]);
    expect(result.exceptions).toEqual(name.startsWith('nat-') ? ['NET-3'] : []);
  });

  it('turn on what they say: NAT per AZ and single, ECR and CodeArtifact endpoints, a subscription, admins', () => {
    expect(ofType(envOf('nat-per-az'), T.nat)).toHaveLength(2);
    expect(ofType(envOf('nat-single'), T.nat)).toHaveLength(1);
    const services = (name: string) =>
      ofType(envOf(name), T.endpoint).map((e) =>
        String(e.inputs['serviceName']).split('.').slice(3).join('.'),
      );
    expect(services('ecr-endpoints')).toEqual(expect.arrayContaining(['ecr.api', 'ecr.dkr']));
    expect(services('codeartifact-mirror')).toEqual(
      expect.arrayContaining(['codeartifact.api', 'codeartifact.repositories']),
    );
    const s3 = ofType(envOf('ecr-endpoints'), T.endpoint).find((e) =>
      String(e.inputs['serviceName']).endsWith('.s3'),
    );
    expect(String(s3?.inputs['policy'])).toContain('arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*');
    expect(ofType(envOf('alert-address'), T.subscription)).toHaveLength(1);
    const keys = ofType(envOf('key-administrators'), T.key);
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(String(k.inputs['policy'])).toContain('role/KeyAdmin');
  });

  it('hold KMS-6 on the real key-administrators plan: kms:Encrypt taken out of the deny fails it', () => {
    const env = envOf('key-administrators');
    const withoutEncrypt = (policy: string) => {
      const doc = JSON.parse(policy) as { Statement: { Sid?: string; Action: string[] }[] };
      const deny = doc.Statement.find((st) => st.Sid === 'KeyAdministratorsNeverUse');
      expect(deny?.Action).toContain('kms:Encrypt');
      if (deny) deny.Action = deny.Action.filter((a) => a !== 'kms:Encrypt');
      return JSON.stringify(doc);
    };
    const weakened: Env = {
      ...env,
      resources: env.resources.map((r) =>
        r.type === T.key && r.name === 'data-key'
          ? { ...r, inputs: { ...r.inputs, policy: withoutEncrypt(String(r.inputs['policy'])) } }
          : r,
      ),
    };
    const failing = evaluateAll(weakened).filter((r) => r.mandatory && r.status === 'fail');
    expect(failing.map((r) => r.id)).toEqual(['KMS-6']);
    expect(failing[0]?.findings.map((f) => f.resource)).toEqual(['data-key (Key)']);
  });
});
