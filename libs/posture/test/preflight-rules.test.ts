import { PREFLIGHT_RULES, runPreflight } from '../src/preflight';
import { T } from '../src/resources';
import { byName, doc, editing, json, planned } from './preflight-support';
import { REPO_ROOT, environmentsIn } from '@secure-ml/shared/testing';

const env = planned('dev');
const ruleIds = (e: typeof env) => [...new Set(runPreflight(e).map((f) => f.rule))].sort();
const findingsOf = (e: typeof env, id: string) => runPreflight(e).filter((f) => f.rule === id);

describe('the preflight over the offline plans', () => {
  it.each(environmentsIn(REPO_ROOT))('finds nothing AWS would reject in %s', (stack) => {
    expect(runPreflight(planned(stack))).toEqual([]);
  });

  it('has one rule per documented acceptance rule, each citing an AWS page', () => {
    expect(PREFLIGHT_RULES.map((r) => r.id)).toEqual([
      'TRAIL-ROLE-TRUST',
      'TRAIL-KEY-POLICY',
      'TRAIL-BUCKET-POLICY',
      'TRAIL-BUCKET-KEY',
      'TRAIL-DATA-SELECTOR',
      'ALARM-TOPIC-KEY',
      'FLOW-LOG-ROLE',
      'NOTEBOOK-ROLE-LOGS',
      'NOTEBOOK-ROLE-TRUST',
      'LIFECYCLE-HOOK',
      'REPLICATION',
      'LAYER-REGION',
      'MIRROR-ENDPOINTS',
    ]);
    for (const r of PREFLIGHT_RULES) expect(r.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });
});

const trustWith = (Condition: object | undefined) => (inputs: Record<string, unknown>) => {
  const d = doc(inputs['assumeRolePolicy']);
  d.Statement = d.Statement.map((s) => {
    const { Condition: _old, ...rest } = s;
    return Condition ? { ...rest, Condition } : rest;
  });
  return { ...inputs, assumeRolePolicy: json(d) };
};
const statementsWithout = (field: string, sid: string) => (inputs: Record<string, unknown>) => {
  const d = doc(inputs[field]);
  const kept = d.Statement.filter((s) => s['Sid'] !== sid);
  if (kept.length === d.Statement.length) throw new Error(`no statement ${sid}`);
  return { ...inputs, [field]: json({ ...d, Statement: kept }) };
};
const editStatement =
  (field: string, sid: string, edit: (s: Record<string, unknown>) => Record<string, unknown>) =>
  (inputs: Record<string, unknown>) => {
    const d = doc(inputs[field]);
    if (!d.Statement.some((s) => s['Sid'] === sid)) throw new Error(`no statement ${sid}`);
    return {
      ...inputs,
      [field]: json({ ...d, Statement: d.Statement.map((s) => (s['Sid'] === sid ? edit(s) : s)) }),
    };
  };

/** [rule, the violation it exists for, the environment with that violation]. */
/** The dev plan with a notebook role policy that uses a CodeArtifact mirror, as codeArtifactDomain makes it. */
const mirrorPolicy = {
  type: T.rolePolicy,
  name: 'notebook-mirror',
  urn: 'urn:pulumi:dev::secure-ml-notebook::aws:iam/rolePolicy:RolePolicy::notebook-mirror',
  inputs: {
    role: 'sml-dev-notebook',
    policy: json({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'codeartifact:GetAuthorizationToken', Resource: '*' }],
    }),
  },
  options: { protect: false, dependsOn: [] },
  layer: 'notebook' as const,
};
const endpoint = (service: string) => ({
  type: T.endpoint,
  name: `endpoint-${service}`,
  urn: `urn:pulumi:dev::secure-ml-network::aws:ec2/vpcEndpoint:VpcEndpoint::endpoint-${service}`,
  inputs: { serviceName: `com.amazonaws.eu-west-1.${service}`, vpcEndpointType: 'Interface' },
  options: { protect: false, dependsOn: [] },
  layer: 'network' as const,
});
const withMirror = (...endpoints: string[]) => ({
  ...env,
  resources: [...env.resources, mirrorPolicy, ...endpoints.map(endpoint)],
});

const VIOLATIONS: [string, string, typeof env][] = [
  [
    'TRAIL-ROLE-TRUST',
    'the trail role trusts CloudTrail only with aws:SourceAccount and aws:SourceArn (issue 11 item 1)',
    editing(
      env,
      byName(T.role, 'trail-delivery-role'),
      trustWith({
        StringEquals: {
          'aws:SourceAccount': '123456789012',
          'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/sml-dev-trail',
        },
      }),
    ),
  ],
  [
    'TRAIL-ROLE-TRUST',
    'the trail role trusts another service',
    editing(env, byName(T.role, 'trail-delivery-role'), (i) => ({
      ...i,
      assumeRolePolicy: json({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    })),
  ],
  [
    'TRAIL-KEY-POLICY',
    'the logs key does not let CloudTrail generate data keys',
    editing(
      env,
      byName(T.key, 'logs-key'),
      statementsWithout('policy', 'CloudTrailEncryptsEnvironmentTrail'),
    ),
  ],
  [
    'TRAIL-KEY-POLICY',
    'the logs key lets CloudTrail encrypt only for another trail',
    editing(
      env,
      byName(T.key, 'logs-key'),
      editStatement('policy', 'CloudTrailEncryptsEnvironmentTrail', (s) => ({
        ...s,
        Condition: {
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:123456789012:trail/other',
          },
        },
      })),
    ),
  ],
  [
    'TRAIL-KEY-POLICY',
    'the logs key does not let CloudTrail describe it',
    editing(
      env,
      byName(T.key, 'logs-key'),
      statementsWithout('policy', 'CloudTrailDescribesKeyForEnvironmentTrail'),
    ),
  ],
  [
    'TRAIL-BUCKET-POLICY',
    'the trail bucket policy lacks the GetBucketAcl grant',
    editing(
      env,
      (r) => r.type === T.bucketPolicy && r.name === 'trail-bucket-policy',
      (i) => {
        const d = doc(i['policy']);
        return {
          ...i,
          policy: json({ ...d, Statement: d.Statement.filter((s) => s['Action'] !== 's3:GetBucketAcl') }),
        };
      },
    ),
  ],
  [
    'TRAIL-BUCKET-KEY',
    'the trail bucket enables an S3 Bucket Key (issue 11 item 7)',
    editing(env, byName(T.encryption, 'trail-bucket-encryption'), (i) => ({
      ...i,
      rules: (i['rules'] as Record<string, unknown>[]).map((r) => ({ ...r, bucketKeyEnabled: true })),
    })),
  ],
  [
    'TRAIL-DATA-SELECTOR',
    'the data selector names a partial bucket name (issue 11 item 6)',
    editing(env, byName(T.trail, 'trail'), (i) => ({
      ...i,
      advancedEventSelectors: [
        {
          name: 'data',
          fieldSelectors: [
            { field: 'eventCategory', equals: ['Data'] },
            { field: 'resources.type', equals: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWiths: ['arn:aws:s3:::sml-dev-data-'] },
          ],
        },
      ],
    })),
  ],
  [
    'ALARM-TOPIC-KEY',
    'the key of the alerts topic does not let CloudWatch publish',
    editing(
      env,
      byName(T.key, 'logs-key'),
      statementsWithout('policy', 'CloudWatchAlarmsPublishToAlertsTopic'),
    ),
  ],
  [
    'FLOW-LOG-ROLE',
    'the flow-log role lacks DescribeLogGroups (issue 11 item 5)',
    editing(
      env,
      (r) => r.type === T.rolePolicy && r.name === 'flow-logs-delivery',
      statementsWithout('policy', 'FindFlowLogGroup'),
    ),
  ],
  [
    'NOTEBOOK-ROLE-LOGS',
    'the notebook role lacks DescribeLogStreams on its log group (issue 11 item 8)',
    editing(
      env,
      (r) => r.type === T.rolePolicy && r.name === 'alice-runtime',
      statementsWithout('policy', 'NotebookLogGroup'),
    ),
  ],
  [
    'NOTEBOOK-ROLE-LOGS',
    "the boundary does not allow what the role's policy grants",
    editing(env, byName(T.policy, 'notebook-boundary'), statementsWithout('policy', 'NotebookLogGroup')),
  ],
  [
    'NOTEBOOK-ROLE-TRUST',
    'the notebook trust requires aws:SourceAccount with plain StringEquals (issue 11 item 9)',
    editing(
      env,
      byName(T.role, 'alice-role'),
      trustWith({ StringEquals: { 'aws:SourceAccount': '123456789012' } }),
    ),
  ],
  [
    'LIFECYCLE-HOOK',
    'the on-start hook is over 16384 characters of base64',
    editing(
      env,
      (r) => r.type === T.lifecycle,
      (i) => ({
        ...i,
        onStart: Buffer.from(`#!/bin/bash\n${'echo padding\n'.repeat(1300)}`).toString('base64'),
      }),
    ),
  ],
  [
    'LIFECYCLE-HOOK',
    'the on-create hook has no shebang',
    editing(
      env,
      (r) => r.type === T.lifecycle,
      (i) => ({ ...i, onCreate: Buffer.from('set -e\necho hi\n').toString('base64') }),
    ),
  ],
  [
    'LIFECYCLE-HOOK',
    'the on-start hook is not base64',
    editing(
      env,
      (r) => r.type === T.lifecycle,
      (i) => ({ ...i, onStart: '#!/bin/bash\necho raw' }),
    ),
  ],
  [
    'REPLICATION',
    'replication of the SSE-KMS data bucket that does not select KMS objects, into an unversioned bucket',
    {
      ...env,
      resources: [
        ...env.resources,
        {
          type: 'aws:s3/bucketReplicationConfig:BucketReplicationConfig',
          name: 'bad-replication',
          urn: 'urn:pulumi:dev::secure-ml-notebook::aws:s3/bucketReplicationConfig:BucketReplicationConfig::bad-replication',
          inputs: {
            bucket: 'sml-dev-data-123456789012-eu-west-1',
            role: 'arn:aws:iam::123456789012:role/secure-ml/sml-dev-notebook',
            rules: [{ id: 'all', status: 'Enabled', destination: { bucket: 'arn:aws:s3:::elsewhere' } }],
          },
          options: { protect: false, dependsOn: [] },
          layer: 'notebook',
        },
      ],
    },
  ],
  [
    'LAYER-REGION',
    'the notebook layer in another region than the others',
    editing(
      env,
      (r) => r.type === 'pulumi:providers:aws' && r.name === 'notebook-aws',
      (i) => ({ ...i, region: 'us-east-1' }),
    ),
  ],
  ['MIRROR-ENDPOINTS', 'a CodeArtifact mirror without its endpoints', withMirror()],
];

describe('cross-layer rules', () => {
  it("LAYER-REGION names each layer's region and the files to change", () => {
    const bad = editing(env, byName('pulumi:providers:aws', 'notebook-aws'), (i) => ({
      ...i,
      region: 'us-east-1',
    }));
    expect(findingsOf(bad, 'LAYER-REGION').map((f) => f.message)).toEqual([
      'the layers of dev name different regions (security: eu-west-1, network: eu-west-1, logging: eu-west-1, guardrail: eu-west-1, notebook: us-east-1). Fix: set aws:region to one value in every packages/<layer>/Pulumi.dev.yaml (packages/notebook differ from packages/security)',
    ]);
  });

  it('LAYER-REGION ignores a provider of another name (the replica bucket lives in another region on purpose)', () => {
    const replica = {
      ...endpoint('x'),
      type: 'pulumi:providers:aws',
      name: 'replica-aws',
      inputs: { region: 'eu-central-1' },
    };
    expect(findingsOf({ ...env, resources: [...env.resources, replica] }, 'LAYER-REGION')).toEqual([]);
  });

  it('MIRROR-ENDPOINTS: a mirror with both CodeArtifact endpoints passes; with one, the other is named', () => {
    expect(
      findingsOf(withMirror('codeartifact.api', 'codeartifact.repositories'), 'MIRROR-ENDPOINTS'),
    ).toEqual([]);
    expect(findingsOf(withMirror('codeartifact.api'), 'MIRROR-ENDPOINTS').map((f) => f.message)).toEqual([
      'notebook-mirror (RolePolicy) uses a CodeArtifact mirror (secure-ml-notebook:codeArtifactDomain), but the network layer has no codeartifact.repositories endpoint: pip cannot reach the mirror. Fix: add "codeartifact.repositories" to secure-ml-network:interfaceEndpoints in packages/network/Pulumi.dev.yaml',
    ]);
  });

  it('both look at the whole environment only: one stack under the real engine cannot see the others', () => {
    const bad = editing(env, byName('pulumi:providers:aws', 'notebook-aws'), (i) => ({
      ...i,
      region: 'us-east-1',
    }));
    expect(findingsOf({ ...bad, scope: 'layer', layer: 'notebook' }, 'LAYER-REGION')).toEqual([]);
    expect(findingsOf({ ...withMirror(), scope: 'layer', layer: 'notebook' }, 'MIRROR-ENDPOINTS')).toEqual(
      [],
    );
  });
});

describe('each rule catches the violation it exists for', () => {
  it('covers every rule', () => {
    expect([...new Set(VIOLATIONS.map(([id]) => id))].sort()).toEqual(
      PREFLIGHT_RULES.map((r) => r.id).sort(),
    );
  });

  it.each(VIOLATIONS)('%s: %s', (id, _what, bad) => {
    const found = findingsOf(bad, id);
    expect(found).not.toHaveLength(0);
    for (const f of found) {
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
    // The violation trips its own rule; whatever else it trips is a rule of the same resource, never noise.
    expect(ruleIds(bad)).toContain(id);
  });
});
