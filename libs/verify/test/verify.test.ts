import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidatePolicyCommand } from '@aws-sdk/client-accessanalyzer';
import { GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import {
  GetRoleCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { DescribeNotebookInstanceCommand } from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  ACCOUNT,
  allMocks,
  DELEGATION_DOCUMENT,
  GUARDRAIL_AS_SENT,
  healthy,
  HEALTHY_NOTEBOOK,
  mocks,
  jobFactsOf,
  OUTPUTS,
  principalAnswer,
} from './support/healthy';
import { checksOf, failed, verify } from './support/run';
import { jobCases } from '../src/cases';

beforeEach(healthy);

/** A check of the owner beside the guardrail (layers/owner-access.ts), told apart by its title. */
const isOwnerCase = (c: { title: string }) => c.title.startsWith('guardrail owner ');

describe('a healthy environment', () => {
  it('guardrail: its policy and its SCP document pass Access Analyzer, and AWS decides every shared case as the table does, exit 0', async () => {
    const run = await verify('guardrail');
    const checks = checksOf(run.reportDir, 'guardrail');
    expect(checks.slice(0, 5).map((c) => [c.result, c.title])).toEqual([
      ['pass', expect.stringContaining('guardrail policy')],
      ['pass', expect.stringContaining('job guardrail policy')],
      ['pass', expect.stringContaining('guardrail SCP document (guardrailScp)')],
      ['pass', expect.stringContaining('guardrail SCP document (guardrailScpPeople)')],
      ['pass', expect.stringContaining('guardrail SCP document (guardrailScpJobs)')],
    ]);
    // No deployment role is configured in dev: a data scientist and an administrator, 27 bypasses on two names
    // and 2 compliant requests each, and 8 PassRole cases (own, another owner's and untagged, to SageMaker and EC2).
    const access = checks.slice(5).filter((c) => !isOwnerCase(c));
    expect(access).toHaveLength(2 * (27 * 2 + 2) + 8);
    expect(access.filter((c) => c.result !== 'pass')).toEqual([]);
    // The owner beside the guardrail: 31 cases under each form (cases/owners.ts), all decided by AWS.
    const owners = checks.filter(isOwnerCase);
    expect(owners).toHaveLength(2 * 31);
    expect(owners.filter((c) => c.result !== 'pass')).toEqual([]);
    expect(run.code).toBe(0);
    const types = mocks.accessAnalyzer
      .commandCalls(ValidatePolicyCommand)
      .map((c) => c.args[0].input.policyType);
    // The two managed policies and the three SCP documents (the notebook, people and job parts), each validated alone.
    expect(types).toEqual([
      'IDENTITY_POLICY',
      'IDENTITY_POLICY',
      'SERVICE_CONTROL_POLICY',
      'SERVICE_CONTROL_POLICY',
      'SERVICE_CONTROL_POLICY',
    ]);
  });

  it.each(['security', 'network', 'logging', 'notebook'] as const)(
    '%s: every check passes, exit 0',
    async (layer) => {
      const run = await verify(layer);
      const checks = checksOf(run.reportDir, layer);
      expect(failed(checks)).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.errors).toEqual([]);
      expect(checks.length).toBeGreaterThan(3);
    },
  );

  it('reads the stack outputs of the layer and of every layer it reads, through the wrapper', async () => {
    const run = await verify('notebook');
    const layers = run.pulumiCalls.map((args) => args[args.indexOf('--cwd') + 1]?.split('/').pop());
    expect(layers.sort()).toEqual(['logging', 'network', 'notebook', 'security']);
    for (const args of run.pulumiCalls)
      expect(args.slice(0, 5)).toEqual(['stack', 'output', '--json', '--stack', 'dev']);
  });

  it('writes a JSON report with the account and the time', async () => {
    const run = await verify('network');
    const report = JSON.parse(readFileSync(join(run.reportDir, 'verify-network.json'), 'utf8'));
    expect(report).toMatchObject({
      layer: 'network',
      stack: 'dev',
      account: '123456789012',
      verifiedAt: '2026-12-01T12:00:00.000Z',
    });
  });
});

describe('what verify must report', () => {
  it('a trail delivery error fails the delivery check and quotes the error', async () => {
    mocks.cloudtrail
      .on(GetTrailStatusCommand)
      .resolves({ IsLogging: true, LatestDeliveryError: 'AccessDenied' });
    const run = await verify('logging');
    expect(failed(checksOf(run.reportDir, 'logging'))).toEqual([
      expect.objectContaining({
        id: 'LOG-1',
        title: 'the trail delivers to its bucket without error',
        evidence: expect.stringContaining('AccessDenied'),
      }),
    ]);
    expect(run.code).toBe(1);
  });

  it('a CloudWatch Logs delivery error of the trail fails LOG-4', async () => {
    mocks.cloudtrail
      .on(GetTrailStatusCommand)
      .resolves({ IsLogging: true, LatestCloudWatchLogsDeliveryError: 'Role not assumable' });
    const run = await verify('logging');
    expect(failed(checksOf(run.reportDir, 'logging')).map((c) => c.id)).toEqual(['LOG-4']);
  });

  it('the simulator disagreeing with the offline simulation is printed side by side and fails', async () => {
    mocks.iam.on(SimulatePrincipalPolicyCommand, { ActionNames: ['iam:CreateUser'] }).resolves({
      EvaluationResults: [
        { EvalActionName: 'iam:CreateUser', EvalResourceName: 'x', EvalDecision: 'allowed' },
      ],
    });
    const run = await verify('notebook');
    const wrong = failed(checksOf(run.reportDir, 'notebook'));
    expect(wrong.map((c) => [c.title, c.evidence])).toEqual([
      ['notebook alice role creates an IAM user', 'offline ImplicitlyDenied, AWS Allowed'],
      [
        'notebook alice role with admin attached: creates an IAM user',
        'offline ImplicitlyDenied, AWS Allowed',
      ],
      [
        'notebook alice job with admin attached: creates an IAM user',
        'offline ImplicitlyDenied, AWS Allowed',
      ],
      ['notebook bob role creates an IAM user', 'offline ImplicitlyDenied, AWS Allowed'],
      ['notebook bob role with admin attached: creates an IAM user', 'offline ImplicitlyDenied, AWS Allowed'],
      ['notebook bob job with admin attached: creates an IAM user', 'offline ImplicitlyDenied, AWS Allowed'],
    ]);
    expect(run.code).toBe(1);
  });

  it("sends each notebook's own role, its deployed boundary and the attached policies to the simulator", async () => {
    await verify('notebook');
    const calls = mocks.iam.commandCalls(SimulatePrincipalPolicyCommand);
    expect(calls.length).toBeGreaterThan(10);
    const roles = new Set(calls.map((call) => call.args[0].input.PolicySourceArn));
    // Jobs are on in dev: each notebook's job role is asked after its notebook role.
    expect([...roles]).toEqual([
      OUTPUTS.notebook.notebooks.alice.roleArn,
      `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-job-alice`,
      OUTPUTS.notebook.notebooks.bob.roleArn,
      `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-job-bob`,
    ]);
    for (const call of calls) expect(call.args[0].input.PermissionsBoundaryPolicyInputList).toHaveLength(1);
    const admin = calls.find((c) => c.args[0].input.ActionNames?.[0] === 'ec2:RunInstances');
    expect(admin?.args[0].input.PolicyInputList).toEqual([
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    ]);
    expect(admin?.args[0].input.ContextEntries).toEqual([]);
    const pass = calls.find((c) => c.args[0].input.ActionNames?.[0] === 'iam:PassRole');
    expect(pass?.args[0].input.ContextEntries).toEqual([
      {
        ContextKeyName: 'iam:PassedToService',
        ContextKeyType: 'string',
        ContextKeyValues: ['ec2.amazonaws.com'],
      },
    ]);
  });

  it('never sends a case with a resource policy: it is reported as decided offline only', async () => {
    const run = await verify('notebook');
    const skipped = checksOf(run.reportDir, 'notebook').filter((c) => c.result === 'skip');
    expect(skipped.map((c) => c.title)).toContain(
      'notebook alice role decrypts with the data key directly, not through S3',
    );
    for (const c of skipped) expect(c.evidence).toMatch(/decided offline only/);
    const sent = mocks.iam
      .commandCalls(SimulatePrincipalPolicyCommand)
      .map((c) => c.args[0].input.ActionNames?.[0]);
    expect(sent).not.toContain('kms:Decrypt');
  });

  it('an Access Analyzer SECURITY_WARNING fails; a SUGGESTION is evidence only', async () => {
    mocks.accessAnalyzer
      .on(ValidatePolicyCommand, { validatePolicyResourceType: 'AWS::S3::Bucket' })
      .resolves({
        findings: [
          {
            findingType: 'SECURITY_WARNING',
            issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
            findingDetails: 'wide',
            learnMoreLink: 'l',
            locations: [],
          },
          {
            findingType: 'SUGGESTION',
            issueCode: 'EMPTY_ARRAY_CONDITION',
            findingDetails: 'empty',
            learnMoreLink: 'l',
            locations: [],
          },
        ],
      });
    const run = await verify('notebook');
    const [finding, ...rest] = failed(checksOf(run.reportDir, 'notebook'));
    expect(rest).toEqual([]);
    expect(finding?.title).toBe(
      `Access Analyzer validates the bucket policy of ${OUTPUTS.notebook.dataBucketName}`,
    );
    expect(finding?.evidence).toBe(
      'SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE: wide; SUGGESTION EMPTY_ARRAY_CONDITION: empty',
    );
  });

  it('validates each policy with its policy type and, for buckets and trusts, its resource type', async () => {
    await verify('security');
    const inputs = mocks.accessAnalyzer.commandCalls(ValidatePolicyCommand).map((c) => c.args[0].input);
    const kinds = inputs.map((i) => `${i.policyType} ${i.validatePolicyResourceType ?? '-'}`).sort();
    // The guardrail policy is validated by the guardrail layer's verify (test above), no longer here.
    // The service roles' inline policies and trusts, the boundary and the delegation policy, the two key
    // policies; the notebook roles are validated by the notebook layer's verify.
    expect(kinds).toEqual([
      'IDENTITY_POLICY -',
      'IDENTITY_POLICY -',
      'IDENTITY_POLICY -',
      'IDENTITY_POLICY -',
      'RESOURCE_POLICY -',
      'RESOURCE_POLICY -',
      'RESOURCE_POLICY AWS::IAM::AssumeRolePolicyDocument',
      'RESOURCE_POLICY AWS::IAM::AssumeRolePolicyDocument',
    ]);
  });

  it('a notebook with root access enabled fails NB-3 alone', async () => {
    mocks.sagemaker
      .on(DescribeNotebookInstanceCommand, { NotebookInstanceName: 'sml-dev-notebook-alice' })
      .resolves({ ...HEALTHY_NOTEBOOK, RootAccess: 'Enabled' });
    const run = await verify('notebook');
    expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => [c.id, c.evidence])).toEqual([
      ['NB-3', 'RootAccess Enabled'],
    ]);
  });
});

describe('when verify cannot start', () => {
  it('without credentials: exit 2, one message, and nothing else is read', async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    const run = await verify('security');
    expect(run.code).toBe(2);
    expect(run.errors).toEqual([
      'verify could not confirm AWS credentials for the dev account: STS GetCallerIdentity failed (Could not load credentials from any providers). Set AWS_PROFILE or sign in (aws sso login), check the network path to AWS, then run it again. Nothing was read.',
    ]);
    const others = allMocks.filter((m) => m !== mocks.sts).flatMap((m) => m.calls() as unknown[]);
    expect(others).toHaveLength(0);
    expect(run.pulumiCalls).toHaveLength(0);
  });

  it('without a deployed stack: exit 2, naming the stack and the command that deploys it', async () => {
    const run = await verify('logging', { missing: 'network' });
    expect(run.code).toBe(2);
    expect(run.errors).toEqual([
      "verify: the network stack (dev) could not be read: error: no stack named 'dev' found. Deploy it first: npx nx run network:deploy -c dev",
    ]);
  });

  it('with a stack that publishes an older contract: exit 2, naming the keys', async () => {
    const { dataKeyArn: _gone, ...older } = OUTPUTS.security;
    const run = await verify('security', { outputs: { security: older } });
    expect(run.code).toBe(2);
    expect(run.errors[0]).toMatch(
      /^verify: the security stack \(dev\) does not publish what verify reads: dataKeyArn \(an ARN of kms/,
    );
  });
});

describe('the guardrail cases in AWS (SimulateCustomPolicy)', () => {
  const customCalls = () => mocks.iam.commandCalls(SimulateCustomPolicyCommand).map((c) => c.args[0].input);
  const sent = (action: string, contextKey: string, value: string) =>
    customCalls().filter(
      (input) =>
        input.ActionNames?.[0] === action &&
        input.ContextEntries?.some(
          (e) => e.ContextKeyName === contextKey && e.ContextKeyValues?.includes(value),
        ),
    );

  it('sends the deployed guardrail policy for the data scientist and the published SCP for the administrator, each with the attached policies after it', async () => {
    await verify('guardrail');
    const rootByScientist = sent(
      'sagemaker:CreateNotebookInstance',
      'aws:PrincipalArn',
      'arn:aws:iam::123456789012:role/DataScientist',
    ).find((input) =>
      input.ContextEntries?.some(
        (e) => e.ContextKeyName === 'sagemaker:RootAccess' && e.ContextKeyValues?.[0] === 'Enabled',
      ),
    );
    expect(rootByScientist?.PolicyInputList).toEqual([
      // Both guardrail managed policies, which a person holds together, as one deny-only document.
      GUARDRAIL_AS_SENT,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' }],
      }),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
      }),
    ]);
    const byAdministrator = sent(
      'sagemaker:CreateNotebookInstance',
      'aws:PrincipalArn',
      'arn:aws:iam::123456789012:role/Administrator',
    );
    // 17 bypasses of the create pins, each on two names, and the compliant create.
    expect(byAdministrator.length).toBe(17 * 2 + 1);
    for (const input of byAdministrator)
      expect(input.PolicyInputList).toEqual([
        // The three SCP documents' statements, sent as one (they only deny).
        '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sagemaker:DeleteNotebookInstanceLifecycleConfig","Resource":"*"},{"Effect":"Deny","Action":"sagemaker:DeleteNotebookInstance","Resource":"*"},{"Effect":"Deny","Action":"sagemaker:CreateTrainingJob","Resource":"*","Condition":{"Null":{"sagemaker:VpcSubnets":"true"}}}]}',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      ]);
  });

  it('sends a compliant create with every pinned key, each typed as the Service Authorization Reference types it', async () => {
    await verify('guardrail');
    const entry = (ContextKeyName: string, ContextKeyType: string, ...ContextKeyValues: string[]) => ({
      ContextKeyName,
      ContextKeyType,
      ContextKeyValues,
    });
    const compliant = [
      entry('sagemaker:DirectInternetAccess', 'string', 'Disabled'),
      entry('sagemaker:RootAccess', 'string', 'Disabled'),
      entry('sagemaker:VpcSubnets', 'stringList', 'subnet-0a1b2c3d4e5f60001'),
      entry('sagemaker:VpcSecurityGroupIds', 'stringList', 'sg-0a1b2c3d4e5f60001'),
      entry(
        'sagemaker:NotebookInstanceLifecycleConfigArns',
        'stringList',
        'arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance-lifecycle-config/sml-dev-lifecycle-guardrail-check',
      ),
      entry('sagemaker:MinimumInstanceMetadataServiceVersion', 'string', '2'),
      entry(
        'sagemaker:VolumeKmsKeyArn',
        'string',
        'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ),
      entry('sagemaker:InstanceTypes', 'stringList', 'ml.t3.medium'),
      entry('aws:PrincipalArn', 'string', 'arn:aws:iam::123456789012:role/DataScientist'),
    ];
    const found = customCalls().filter(
      (input) => JSON.stringify(input.ContextEntries) === JSON.stringify(compliant),
    );
    expect(found.map((input) => [input.ActionNames, input.ResourceArns])).toEqual([
      [
        ['sagemaker:CreateNotebookInstance'],
        ['arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/sml-dev-notebook'],
      ],
    ]);
  });

  it('the deployment role in secure-ml-guardrail:deploymentRoleArns is tried too: exempt from the deployment-only denies', async () => {
    const deployer = 'arn:aws:iam::123456789012:role/sml-github-deploy-dev';
    const run = await verify('guardrail', {
      config: { guardrail: { 'secure-ml-guardrail:deploymentRoleArns': JSON.stringify([deployer]) } },
    });
    const access = checksOf(run.reportDir, 'guardrail')
      .slice(5)
      .filter((c) => !isOwnerCase(c));
    expect(access).toHaveLength(3 * (27 * 2 + 2) + 10);
    expect(access.filter((c) => c.result !== 'pass')).toEqual([]);
    expect(
      sent('sagemaker:CreateNotebookInstanceLifecycleConfig', 'aws:PrincipalArn', deployer),
    ).toHaveLength(2);
  });

  it('AWS allowing a bypass the table denies fails verify, printed side by side', async () => {
    mocks.iam
      .on(SimulateCustomPolicyCommand, { ActionNames: ['sagemaker:CreateNotebookInstanceLifecycleConfig'] })
      .resolves({
        EvaluationResults: [
          {
            EvalActionName: 'sagemaker:CreateNotebookInstanceLifecycleConfig',
            EvalResourceName: 'x',
            EvalDecision: 'allowed',
          },
        ],
      });
    const run = await verify('guardrail');
    expect(failed(checksOf(run.reportDir, 'guardrail')).map((c) => [c.title, c.evidence])).toEqual([
      [
        'guardrail data scientist (guardrail policy, sagemaker:* and iam:PassRole besides): create a lifecycle configuration',
        'offline ExplicitlyDenied, AWS Allowed',
      ],
      [
        'guardrail data scientist (guardrail policy, sagemaker:* and iam:PassRole besides): create a lifecycle configuration, named outside the environment',
        'offline ExplicitlyDenied, AWS Allowed',
      ],
      [
        'guardrail administrator (SCP, not exempt): create a lifecycle configuration',
        'offline ExplicitlyDenied, AWS Allowed',
      ],
      [
        'guardrail administrator (SCP, not exempt): create a lifecycle configuration, named outside the environment',
        'offline ExplicitlyDenied, AWS Allowed',
      ],
    ]);
    expect(run.code).toBe(1);
  });

  it('an SCP output holding an Allow is not sent as an identity policy: its cases are decided offline only', async () => {
    const scp = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const run = await verify('guardrail', {
      outputs: { guardrail: { ...OUTPUTS.guardrail, guardrailScp: scp } },
    });
    const skipped = checksOf(run.reportDir, 'guardrail').filter((c) => c.result === 'skip');
    // The administrator's cases, and the owner's under the SCP (24).
    expect(skipped).toHaveLength(27 * 2 + 2 + 3 + 31);
    for (const c of skipped) expect(c.evidence).toMatch(/the SCP holds an Allow/);
    expect(customCalls().some((input) => input.PolicyInputList?.[0] === scp)).toBe(false);
  });
});

describe("security: the notebook team's delegation, decided by IAM's simulator", () => {
  const delegationCalls = () =>
    mocks.iam
      .commandCalls(SimulateCustomPolicyCommand)
      .map((c) => c.args[0].input)
      .filter((input) => input.PolicyInputList?.[0] === DELEGATION_DOCUMENT);

  it('sends every case of the shared table with the deployed delegation first, and AWS agrees: all pass', async () => {
    const run = await verify('security');
    const access = checksOf(run.reportDir, 'security').filter((c) => c.title.startsWith('delegation '));
    // 25 on the delegation alone, 47 beside the runbook's platform grant, 39 denies again beside AdministratorAccess.
    expect(access).toHaveLength(25 + 47 + 39);
    expect(access.filter((c) => c.result !== 'pass')).toEqual([]);
    expect(delegationCalls()).toHaveLength(25 + 47 + 39);
    const create = delegationCalls().find(
      (input) =>
        input.ActionNames?.[0] === 'iam:CreateRole' &&
        input.ResourceArns?.[0] ===
          `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-notebook-carol` &&
        input.PolicyInputList?.length === 1,
    );
    expect(create?.ContextEntries).toEqual([
      {
        ContextKeyName: 'iam:PermissionsBoundary',
        ContextKeyType: 'string',
        ContextKeyValues: [OUTPUTS.security.notebookBoundaryArn],
      },
    ]);
    expect(run.code).toBe(0);
  });

  it('AWS letting the deployment role remove a boundary fails verify, printed side by side', async () => {
    mocks.iam
      .on(SimulateCustomPolicyCommand, { ActionNames: ['iam:DeleteRolePermissionsBoundary'] })
      .resolves({
        EvaluationResults: [
          {
            EvalActionName: 'iam:DeleteRolePermissionsBoundary',
            EvalResourceName: 'x',
            EvalDecision: 'allowed',
          },
        ],
      });
    const run = await verify('security');
    expect(failed(checksOf(run.reportDir, 'security')).map((c) => [c.title, c.evidence])).toEqual([
      ['delegation removes the boundary of a notebook role', 'offline ExplicitlyDenied, AWS Allowed'],
      [
        'delegation with administrator access as well: removes the boundary of a notebook role',
        'offline ExplicitlyDenied, AWS Allowed',
      ],
      [
        'delegation beside the platform grant: removes the boundary of a notebook role',
        'offline ExplicitlyDenied, AWS Allowed',
      ],
      [
        'delegation beside administrator access: removes the boundary of a notebook role',
        'offline ExplicitlyDenied, AWS Allowed',
      ],
    ]);
    expect(run.code).toBe(1);
  });
});

describe("notebook: each notebook's jobs, decided by IAM's simulator (jobs are on in dev)", () => {
  const jobRoleArn = (id: string) =>
    `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-job-${id}`;

  it("sends the shared job table with each notebook's role and job role, and AWS agrees: all pass", async () => {
    const run = await verify('notebook');
    const checks = checksOf(run.reportDir, 'notebook');
    // The checks of the job table, found by its case names (what each decides is asserted below, not derived).
    const jobs = (id: 'alice' | 'bob') => {
      const names = new Set(jobCases(jobFactsOf(id)).map((c) => c.name));
      return checks.filter((c) => names.has(c.title.replace(new RegExp(`^notebook ${id} (role )?`), '')));
    };
    for (const id of ['alice', 'bob'] as const) {
      // 75 starts, passes and stops by the notebook role; 17 for the job role, 3 of them decided offline only
      // (the bucket perimeter and the data key's policy are resource policies).
      expect(jobs(id)).toHaveLength(75 + 17);
      expect(
        jobs(id)
          .filter((c) => c.result === 'skip')
          .map((c) => c.title),
      ).toEqual([
        `notebook ${id} job reads its notebook prefix from outside the S3 endpoint (the bucket perimeter)`,
        `notebook ${id} job uses the data key through S3 for the data bucket`,
        `notebook ${id} job decrypts with the data key directly, not through S3`,
      ]);
      expect(jobs(id).filter((c) => c.result === 'fail')).toEqual([]);
      expect(
        checks.find(
          (c) =>
            c.title ===
            `the job role of notebook ${id} carries the notebook boundary, under the notebook role path`,
        )?.result,
      ).toBe('pass');
    }
    expect(run.code).toBe(0);
    const start = mocks.iam
      .commandCalls(SimulatePrincipalPolicyCommand)
      .map((c) => c.args[0].input)
      .find(
        (input) =>
          input.ActionNames?.[0] === 'sagemaker:CreateTrainingJob' &&
          input.PolicySourceArn === OUTPUTS.notebook.notebooks.alice.roleArn &&
          input.ContextEntries?.length === 9,
      );
    expect(start?.ContextEntries?.find((e) => e.ContextKeyName === 'sagemaker:VpcSubnets')).toEqual({
      ContextKeyName: 'sagemaker:VpcSubnets',
      ContextKeyType: 'stringList',
      ContextKeyValues: [...OUTPUTS.network.privateSubnetIds],
    });
  });

  it('AWS allowing a training job in a foreign subnet fails verify, for each notebook, side by side', async () => {
    mocks.iam.on(SimulatePrincipalPolicyCommand).callsFake((input: Parameters<typeof principalAnswer>[0]) => {
      const subnets = input.ContextEntries?.find((e) => e.ContextKeyName === 'sagemaker:VpcSubnets');
      const foreign =
        input.ActionNames[0] === 'sagemaker:CreateTrainingJob' &&
        JSON.stringify(subnets?.ContextKeyValues) === JSON.stringify(['subnet-0f0e1d2c3b4a59687']);
      return foreign
        ? {
            EvaluationResults: [
              {
                EvalActionName: 'sagemaker:CreateTrainingJob',
                EvalResourceName: 'x',
                EvalDecision: 'allowed',
              },
            ],
          }
        : principalAnswer(input);
    });
    const run = await verify('notebook');
    expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => [c.title, c.evidence])).toEqual([
      [
        'notebook alice role starts a training job with a foreign subnet',
        'offline ExplicitlyDenied, AWS Allowed',
      ],
      [
        'notebook bob role starts a training job with a foreign subnet',
        'offline ExplicitlyDenied, AWS Allowed',
      ],
    ]);
    expect(run.code).toBe(1);
  });

  it('a job role without the notebook boundary fails IAM-6, naming what it carries', async () => {
    mocks.iam.on(GetRoleCommand, { RoleName: 'sml-dev-job-bob' }).resolves({
      Role: {
        RoleName: 'sml-dev-job-bob',
        Arn: jobRoleArn('bob'),
        Path: '/secure-ml/sml-dev/notebooks/',
        RoleId: 'AROAEXAMPLE',
        CreateDate: new Date('2026-11-01T00:00:00Z'),
      },
    });
    const run = await verify('notebook');
    expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => [c.id, c.title, c.evidence])).toEqual([
      [
        'IAM-6',
        'the job role of notebook bob carries the notebook boundary, under the notebook role path',
        'PermissionsBoundaryArn none, Path /secure-ml/sml-dev/notebooks/',
      ],
    ]);
  });

  it('with jobs off, no job case is sent and a job role under the path is a stranger', async () => {
    const run = await verify('notebook', { config: { notebook: { 'secure-ml-notebook:jobs': 'false' } } });
    const sources = mocks.iam
      .commandCalls(SimulatePrincipalPolicyCommand)
      .map((c) => c.args[0].input.PolicySourceArn);
    expect(sources.filter((arn) => arn?.includes('-job-'))).toEqual([]);
    expect(failed(checksOf(run.reportDir, 'notebook')).map((c) => [c.id, c.evidence])).toEqual([
      ['IAM-6', `not published: ${jobRoleArn('alice')} ${jobRoleArn('bob')}`],
    ]);
  });
});
