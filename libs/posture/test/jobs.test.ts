import type { Env } from '../src/model';
import { T } from '../src/resources';
import { adding, compliantEnv, patch, res, run, without } from './fixtures';
import {
  JOB_DATA_STATEMENTS,
  JOB_DENIES,
  JOB_ROLE_ARN,
  JOB_SG,
  JOB_START_STATEMENTS,
  PASS_OWN_JOB_ROLE,
} from './job-fixtures';

/**
 * JOB-1..4 (issue 15) on the hand-built compliant environment (fixtures.ts, job-fixtures.ts): each weakening an
 * attacker or a careless change would make is reported with its exact message; with jobs off and no job ground
 * planned each control is "not applicable", never a pass.
 */
const env = compliantEnv();
type Raw = Record<string, unknown>;
const startPolicy = (statements: Raw[]) =>
  patch(env, 'job-start', { policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
const withoutDeny = (sid: string) => startPolicy(JOB_START_STATEMENTS.filter((s) => s.Sid !== sid));
const replaceDeny = (sid: string, next: (s: Raw) => Raw) =>
  startPolicy(JOB_START_STATEMENTS.map((s) => (s.Sid === sid ? next(s as Raw) : s)));
const dataPolicy = (statements: Raw[]) =>
  patch(env, 'job-data-access', { policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
const messages = (id: string, e: Env) => run(id, e).findings.map((f) => f.message);

const ROLE = 'job-role (Role)';
const STARTER = 'notebook-role (Role)';
const SUBNETS_FIX_FORM =
  "ForAnyValue:StringNotEquals sagemaker:VpcSubnets = the network layer's private subnets";

describe('the JOB controls on the compliant environment', () => {
  it.each(['JOB-1', 'JOB-2', 'JOB-3', 'JOB-4'])('%s passes and examines the job ground', (id) => {
    const result = run(id, env);
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('pass');
  });
});

describe('with jobs off and no job ground planned', () => {
  const off: Env = {
    ...without(
      env,
      (r) =>
        [
          'job-role',
          'job-data-access',
          'job-start',
          'jobs',
          'training-log-group',
          'processing-log-group',
        ].includes(r.name) || r.inputs['securityGroupId'] === JOB_SG,
    ),
    outputs: { ...env.outputs, network: { ...env.outputs.network, jobSecurityGroupIds: [] } },
    settings: { ...env.settings, jobsEnabled: false },
  };
  it.each(['JOB-1', 'JOB-2', 'JOB-3', 'JOB-4'])('%s is not applicable (not a vacuous pass)', (id) => {
    expect(run(id, off).status).toBe('not applicable');
  });

  it('JOB-4 still applies to a job-start policy left on a notebook role: any role that may start a job is judged', () => {
    const leftover = adding(
      off,
      res('notebook', T.rolePolicy, 'stray-start', {
        role: 'sml-dev-notebook-alice',
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [JOB_START_STATEMENTS[0]] }),
      }),
    );
    expect(run('JOB-4', leftover).status).toBe('fail');
  });
});

describe('with jobs on but the job ground missing, each control fails rather than passing on nothing', () => {
  it('JOB-1: a notebook without its job role', () => {
    expect(
      messages(
        'JOB-1',
        without(env, (r) => r.name === 'job-role'),
      ),
    ).toEqual([
      'notebook (NotebookInstance): has no job role (<stem>-job-alice) while secure-ml-notebook:jobs is true',
    ]);
  });
  it('JOB-2: no job group', () => {
    const none = {
      ...env,
      outputs: { ...env.outputs, network: { ...env.outputs.network, jobSecurityGroupIds: [] } },
    };
    expect(messages('JOB-2', none)).toEqual([
      'network layer: no job security group (jobSecurityGroupIds) while secure-ml-notebook:jobs is true',
    ]);
  });
  it('JOB-3: no processing-job log group', () => {
    expect(
      messages(
        'JOB-3',
        without(env, (r) => r.name === 'processing-log-group'),
      ),
    ).toEqual([
      'logging layer: no log group /aws/sagemaker/ProcessingJobs: the first job would have SageMaker create it unencrypted and kept forever',
    ]);
  });
  it('JOB-4: no job-start policy at all', () => {
    expect(
      messages(
        'JOB-4',
        without(env, (r) => r.name === 'job-start'),
      ),
    ).toEqual(['notebook layer: no notebook role may start a job while secure-ml-notebook:jobs is true']);
  });
});

describe('JOB-1: the job role', () => {
  it.each([
    [
      'no permissions boundary',
      patch(env, 'job-role', { permissionsBoundary: undefined }),
      `${ROLE}: is without a permissions boundary`,
    ],
    [
      'bounded by AdministratorAccess',
      patch(env, 'job-role', { permissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
      `${ROLE}: is bounded by arn:aws:iam::aws:policy/AdministratorAccess, an AWS-managed policy, not the security layer's boundary policy`,
    ],
    [
      'off the notebook role path',
      patch(env, 'job-role', { path: '/' }),
      `${ROLE}: path is /, not the notebook role path /secure-ml/sml-dev/notebooks/`,
    ],
    [
      "another notebook's prefix, by a wildcard",
      dataPolicy(
        JOB_DATA_STATEMENTS.map((s) =>
          s.Sid === 'ReadWriteOwnPrefix'
            ? { ...s, Resource: 'arn:aws:s3:::sml-dev-data-123456789012-eu-west-1/notebooks/*' }
            : s,
        ) as Raw[],
      ),
      `${ROLE}: reads another notebook's prefix (notebooks/<other>/, notebooks/alice-<other>/, notebooks/alice0/, notebooks/alic/); writes another notebook's prefix (notebooks/<other>/, notebooks/alice-<other>/, notebooks/alice0/, notebooks/alic/) (granted by job-data-access (RolePolicy))`,
    ],
    [
      'every bucket',
      dataPolicy([
        ...JOB_DATA_STATEMENTS,
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      ] as Raw[]),
      `${ROLE}: reads another notebook's prefix (notebooks/<other>/, notebooks/alice-<other>/, notebooks/alice0/, notebooks/alic/); reads a key outside notebooks/ and shared/; reads a bucket other than the data bucket (granted by job-data-access (RolePolicy))`,
    ],
    [
      'listing every prefix',
      dataPolicy(
        JOB_DATA_STATEMENTS.map((s) =>
          s.Sid === 'ListOwnAndSharedPrefixes' ? { ...s, Condition: undefined } : s,
        ) as Raw[],
      ),
      `${ROLE}: lists another notebook's prefix (notebooks/<other>/, notebooks/alice-<other>/, notebooks/alice0/, notebooks/alic/); lists beyond its prefixes (s3:ListBucket without s3:prefix, s3:ListBucket with s3:prefix "", s3:ListBucket with s3:prefix "notebooks/", s3:ListBucket with s3:prefix "notebooks/alice") (granted by job-data-access (RolePolicy))`,
    ],
    [
      'writing shared/',
      dataPolicy(
        JOB_DATA_STATEMENTS.map((s) =>
          s.Sid === 'ReadSharedPrefix' ? { ...s, Action: ['s3:GetObject', 's3:PutObject'] } : s,
        ) as Raw[],
      ),
      `${ROLE}: writes shared/ (read-only for notebooks) (granted by job-data-access (RolePolicy))`,
    ],
    [
      'the data key outside S3 (an IfExists on kms:ViaService)',
      dataPolicy(
        JOB_DATA_STATEMENTS.map((s) =>
          s.Sid === 'UseDataKeyThroughS3'
            ? {
                ...s,
                Condition: { StringEqualsIfExists: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
              }
            : s,
        ) as Raw[],
      ),
      `${ROLE}: uses the data key (kms:Decrypt) other than through S3; uses the data key (kms:GenerateDataKey) other than through S3 (granted by job-data-access (RolePolicy))`,
    ],
    [
      'a grant that is not for an AWS resource',
      dataPolicy(
        JOB_DATA_STATEMENTS.map((s) =>
          s.Sid === 'VolumeGrantThroughSageMaker'
            ? { ...s, Condition: { StringEquals: { 'kms:ViaService': 'sagemaker.eu-west-1.amazonaws.com' } } }
            : s,
        ) as Raw[],
      ),
      `${ROLE}: creates a grant on the data key that is not for an AWS resource (granted by job-data-access (RolePolicy))`,
    ],
  ])('reports %s', (_what, bad, message) => {
    expect(run('JOB-1', bad).status).toBe('fail');
    expect(messages('JOB-1', bad)).toEqual([message]);
  });
});

describe('JOB-2: the job security group', () => {
  const rule = (type: string, name: string, inputs: Raw) =>
    res('network', type, name, { securityGroupId: JOB_SG, description: 'x', ...inputs });
  it.each([
    [
      'ingress from the notebooks',
      adding(
        env,
        rule(T.ingressRule, 'jobs-from-notebooks', {
          ipProtocol: 'tcp',
          fromPort: 0,
          toPort: 65535,
          referencedSecurityGroupId: 'sg-notebook',
        }),
      ),
      'jobs-from-notebooks (SecurityGroupIngressRule): a ingress rule of the job group jobs admits sg-notebook (only the job group itself may reach a job)',
    ],
    [
      'ingress from the VPC',
      adding(env, rule(T.ingressRule, 'jobs-from-vpc', { ipProtocol: '-1', cidrIpv4: '10.20.0.0/16' })),
      'jobs-from-vpc (SecurityGroupIngressRule): a ingress rule of the job group jobs admits ["10.20.0.0/16"] (only the job group itself may reach a job)',
    ],
    [
      'egress to the VPC on 443',
      adding(
        env,
        rule(T.egressRule, 'jobs-to-vpc', {
          ipProtocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrIpv4: '10.20.0.0/16',
        }),
      ),
      'jobs-to-vpc (SecurityGroupEgressRule): a egress rule of the job group jobs lets jobs out to ["10.20.0.0/16"] on tcp 443-443 (only the group itself, and tcp 443 to the endpoint group or the S3 prefix list)',
    ],
    [
      'egress to the endpoints on every port',
      patch(env, 'jobs-to-endpoints', { fromPort: 0, toPort: 65535 }),
      'jobs-to-endpoints (SecurityGroupEgressRule): a egress rule of the job group jobs lets jobs out to sg-endpoints on tcp 0-65535 (only the group itself, and tcp 443 to the endpoint group or the S3 prefix list)',
    ],
    [
      'egress to the notebook group',
      patch(env, 'jobs-to-endpoints', { referencedSecurityGroupId: 'sg-notebook' }),
      'jobs-to-endpoints (SecurityGroupEgressRule): a egress rule of the job group jobs lets jobs out to sg-notebook on tcp 443-443 (only the group itself, and tcp 443 to the endpoint group or the S3 prefix list)',
    ],
    [
      'egress to another prefix list',
      patch(env, 'jobs-to-s3', { prefixListId: 'pl-unforeseen' }),
      'jobs-to-s3 (SecurityGroupEgressRule): a egress rule of the job group jobs lets jobs out to pl-unforeseen on tcp 443-443 (only the group itself, and tcp 443 to the endpoint group or the S3 prefix list)',
    ],
    [
      'inline egress to anywhere',
      patch(env, 'jobs', { egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }] }),
      'jobs (SecurityGroup): inline egress of the job group lets jobs out to ["0.0.0.0/0"] on -1 0-0 (only the group itself, and tcp 443 to the endpoint group or the S3 prefix list)',
    ],
  ])('reports %s', (_what, bad, message) => {
    expect(messages('JOB-2', bad)).toEqual([message]);
  });
});

describe('JOB-3: the job log groups', () => {
  it.each([
    [
      'unencrypted',
      patch(env, 'training-log-group', { kmsKeyId: undefined }),
      'training-log-group (LogGroup): kmsKeyId is not set, so AWS encrypts with an AWS-owned or AWS-managed key',
    ],
    [
      'kept 30 days',
      patch(env, 'processing-log-group', { retentionInDays: 30 }),
      'processing-log-group (LogGroup): retentionInDays is 30',
    ],
  ])('reports %s', (_what, bad, message) => {
    expect(messages('JOB-3', bad)).toEqual([message]);
  });

  it('reports a group created in the notebook layer, which may come after the first job', () => {
    const late = {
      ...env,
      resources: env.resources.map((r) =>
        r.name === 'training-log-group' ? { ...r, layer: 'notebook' as const } : r,
      ),
    };
    expect(messages('JOB-3', late)).toEqual([
      'job-role (Role): may start jobs before /aws/sagemaker/TrainingJobs exists',
      'notebook-role (Role): may start jobs before /aws/sagemaker/TrainingJobs exists',
    ]);
  });
});

describe('JOB-4: what a notebook role may start', () => {
  const gap = (what: string) => `${STARTER}: may start ${what}`;
  it.each([
    ['the subnet pin dropped', withoutDeny('DenyJobOutsidePrivateSubnets'), gap('a job in a foreign subnet')],
    [
      'a subnet of elsewhere added to the pin',
      replaceDeny('DenyJobOutsidePrivateSubnets', (s) => ({
        ...s,
        Condition: {
          'ForAnyValue:StringNotEquals': {
            'sagemaker:VpcSubnets': ['subnet-a', 'subnet-b', 'subnet-elsewhere'],
          },
        },
      })),
      gap('a job in a foreign subnet'),
    ],
    [
      'a wildcard subnet',
      replaceDeny('DenyJobOutsidePrivateSubnets', (s) => ({
        ...s,
        Condition: { 'ForAnyValue:StringNotLike': { 'sagemaker:VpcSubnets': ['subnet-*'] } },
      })),
      gap('a job in a foreign subnet'),
    ],
    [
      'ForAllValues instead of ForAnyValue (one own subnet beside a foreign one)',
      replaceDeny('DenyJobOutsidePrivateSubnets', (s) => ({
        ...s,
        Condition: { 'ForAllValues:StringNotEquals': { 'sagemaker:VpcSubnets': ['subnet-a', 'subnet-b'] } },
      })),
      gap('a job in a foreign subnet'),
    ],
    ["the subnets' Null deny dropped", withoutDeny('DenyJobWithoutVpc'), gap('a job without a subnet')],
    [
      'the group pin dropped',
      withoutDeny('DenyJobOutsideJobGroup'),
      gap('a job with a foreign security group'),
    ],
    [
      "the group's Null deny dropped",
      withoutDeny('DenyJobWithoutGroup'),
      gap('a job without a security group'),
    ],
    [
      'a foreign volume key',
      replaceDeny('DenyJobVolumeNotDataKey', (s) => ({
        ...s,
        Condition: {
          ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': 'arn:aws:kms:eu-west-1:999999999999:key/other' },
        },
      })),
      gap('a job with another volume key or none'),
      `${STARTER}: is refused a compliant sagemaker:CreateTrainingJob, sagemaker:CreateProcessingJob, sagemaker:CreateHyperParameterTuningJob`,
    ],
    [
      'the output key pinned by a pattern any key matches',
      replaceDeny('DenyJobOutputNotDataKey', (s) => ({
        ...s,
        Condition: { ArnNotLike: { 'sagemaker:OutputKmsKeyArn': 'arn:aws:kms:*:*:key/*' } },
      })),
      gap('a job with another output key or none'),
    ],
    [
      'inter-container encryption unstated allowed',
      withoutDeny('DenyJobUnstatedInterContainerTraffic'),
      gap('a job that does not state inter-container traffic encryption'),
    ],
    [
      'inter-container encryption off allowed',
      withoutDeny('DenyJobClearInterContainerTraffic'),
      gap('a job with inter-container traffic encryption off'),
    ],
    [
      'network isolation off allowed',
      withoutDeny('DenyJobWithoutNetworkIsolation'),
      gap('a job without network isolation'),
    ],
    [
      'the isolation deny neutered by an extra condition that never holds',
      replaceDeny('DenyJobUnstatedNetworkIsolation', (s) => ({
        ...s,
        Condition: { ...(s['Condition'] as Raw), StringEquals: { 'aws:PrincipalTag/jobs': 'pinned' } },
      })),
      gap('a job that does not state network isolation'),
    ],
    [
      "the denies' Resource narrowed to training jobs",
      startPolicy(
        JOB_START_STATEMENTS.map((s) =>
          s.Sid === 'DenyJobWithoutGroup' ? { ...s, Resource: 'arn:aws:sagemaker:*:*:training-job/*' } : s,
        ) as Raw[],
      ),
      gap('a job without a security group'),
    ],
    [
      'a second role passable',
      startPolicy(
        JOB_START_STATEMENTS.map((s) =>
          s.Sid === 'PassOwnJobRoleToSageMaker'
            ? {
                ...s,
                Resource: [
                  JOB_ROLE_ARN,
                  'arn:aws:iam::123456789012:role/secure-ml/sml-dev/notebooks/sml-dev-job-*',
                ],
              }
            : s,
        ) as Raw[],
      ),
      `${STARTER}: may pass arn:aws:iam::123456789012:role/secure-ml/sml-dev/notebooks/sml-dev-job-unforeseen-value-0000 (not its own job role) to SageMaker (iam:PassRole granted in job-start (RolePolicy))`,
    ],
    [
      'its job role passable to any service',
      startPolicy(
        JOB_START_STATEMENTS.map((s) =>
          s.Sid === 'PassOwnJobRoleToSageMaker' ? { ...s, Condition: undefined } : s,
        ) as Raw[],
      ),
      `${STARTER}: may pass its job role without iam:PassedToService; may pass its job role to ec2.amazonaws.com (iam:PassRole granted in job-start (RolePolicy))`,
    ],
    [
      'no pass of its own job role (no job could start)',
      startPolicy(JOB_START_STATEMENTS.filter((s) => s !== PASS_OWN_JOB_ROLE) as Raw[]),
      `${STARTER}: cannot pass its own job role to SageMaker (no job could start) (iam:PassRole granted in no policy)`,
    ],
  ] as [string, Env, ...string[]][])('reports %s', (_what, bad, ...expected) => {
    expect(run('JOB-4', bad).status).toBe('fail');
    expect(messages('JOB-4', bad)).toEqual(expected);
  });

  it('names the form of each missing deny in the fix', () => {
    const [f] = run('JOB-4', withoutDeny('DenyJobOutsidePrivateSubnets')).findings;
    expect(f?.fix).toContain(SUBNETS_FIX_FORM);
  });

  it('reports a compliant job refused (a deny that holds for the own subnets too)', () => {
    const bad = replaceDeny('DenyJobOutsideJobGroup', (s) => ({
      ...s,
      Condition: { 'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': ['sg-other'] } },
    }));
    expect(messages('JOB-4', bad)).toEqual([
      `${STARTER}: may start a job with a foreign security group`,
      `${STARTER}: is refused a compliant sagemaker:CreateTrainingJob, sagemaker:CreateProcessingJob, sagemaker:CreateHyperParameterTuningJob`,
    ]);
  });

  it('does not require network isolation where secure-ml-notebook:jobNetworkIsolation is false', () => {
    const relaxed = withoutDeny('DenyJobWithoutNetworkIsolation');
    const open = { ...relaxed, settings: { ...relaxed.settings, jobNetworkIsolation: false } };
    const both = startPolicy(JOB_START_STATEMENTS.filter((s) => !String(s.Sid).includes('NetworkIsolation')));
    expect(run('JOB-4', open).status).toBe('pass');
    expect(run('JOB-4', { ...both, settings: { ...both.settings, jobNetworkIsolation: false } }).status).toBe(
      'pass',
    );
    expect(run('JOB-4', both).status).toBe('fail');
  });

  it('has a literal copy of every pin (ten denies)', () => {
    expect(JOB_DENIES).toHaveLength(10);
  });
});

describe("IAM-7: the guardrail's job pins (the job guardrail policy and the SCP's job document)", () => {
  const jobGuardrail = (statements: Raw[]) =>
    patch(env, 'job-guardrail', { policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
  const scpJobs = (statements: Raw[]) => ({
    ...env,
    outputs: {
      ...env.outputs,
      guardrail: {
        ...env.outputs.guardrail,
        guardrailScpJobs: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      },
    },
  });
  const JOB_ACTIONS = '(a job start: CreateTrainingJob, CreateProcessingJob, CreateHyperParameterTuningJob)';

  it('passes with the same ten denies as the notebook role carries', () => {
    expect(run('IAM-7', env).findings).toEqual([]);
  });

  it.each([
    [
      'the job guardrail without its network-isolation denies',
      jobGuardrail(JOB_DENIES.filter((s) => !s.Sid.includes('NetworkIsolation')) as Raw[]),
      `job-guardrail (Policy): does not deny a job without network isolation; a job that does not state network isolation ${JOB_ACTIONS}`,
    ],
    [
      'the job guardrail gone',
      without(env, (r) => r.name === 'job-guardrail'),
      'guardrail (Policy): does not deny a job in a foreign subnet; a job without a VPC configuration; a job with a foreign security group; a job without a security group; a job without a subnet; a job with another volume key or none; a job with another output key or none; a job with inter-container traffic encryption off; a job that does not state inter-container traffic encryption; a job without network isolation; a job that does not state network isolation ' +
        JOB_ACTIONS,
    ],
    [
      "the SCP's job document exempting a role by name from the subnet pin",
      scpJobs(
        JOB_DENIES.map((s) =>
          s.Sid === 'DenyJobOutsidePrivateSubnets'
            ? {
                ...s,
                Condition: {
                  ...s.Condition,
                  ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/Admin'] },
                },
              }
            : s,
        ) as Raw[],
      ),
      // The exemption also makes the role one the SCP exempts, whose compliant notebook writes it then refuses.
      "guardrail layer: its SCP document refuses the deployment role it exempts even a compliant CreateNotebookInstance and UpdateNotebookInstance (this environment's own subnet, group, key, lifecycle configuration and instance type): the notebook layer could not deploy under it\n" +
        `guardrail layer: its SCP documents (guardrailScp, guardrailScpPeople, guardrailScpJobs) do not deny a job in a foreign subnet ${JOB_ACTIONS}`,
    ],
    [
      "the SCP's job document pinned to another job group (compliant jobs refused, foreign ones let through)",
      scpJobs(
        JOB_DENIES.map((s) =>
          s.Sid === 'DenyJobOutsideJobGroup'
            ? {
                ...s,
                Condition: {
                  'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': ['sg-other'] },
                },
              }
            : s,
        ) as Raw[],
      ),
      `guardrail layer: its SCP documents (guardrailScp, guardrailScpPeople, guardrailScpJobs) do not deny a job with a foreign security group ${JOB_ACTIONS}\nguardrail layer: its SCP documents: refuses a fully compliant sagemaker:CreateTrainingJob, sagemaker:CreateProcessingJob, sagemaker:CreateHyperParameterTuningJob (the private subnets, the job group, the data key, encryption and isolation): nobody under it could start a job, and in the SCP form, which binds the notebook roles too, no notebook`,
    ],
  ] as [string, Env, string][])('reports %s', (_what, bad, message) => {
    expect(messages('IAM-7', bad).join('\n')).toBe(message);
  });
});
