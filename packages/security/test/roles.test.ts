import { LAYERS } from '@secure-ml/shared';
import { ofType, resource, type LayerPlan } from '@secure-ml/shared/testing';
import {
  ACCOUNT,
  key,
  list,
  managedPolicy,
  planSecurity,
  REGION,
  rolePolicy,
  STACKS,
  statement,
  trustPolicy,
} from './support/plan';

const ROLES = ['trail-delivery-role', 'flow-logs-role'];

describe.each(STACKS)('roles in %s', (stack) => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planSecurity(stack);
  });
  const stem = `sml-${stack}`;

  it('creates no notebook role: the notebook layer creates one per notebook under the boundary (IAM-6)', () => {
    const boundary = resource(plan, 'aws:iam/policy:Policy', 'notebook-boundary');
    expect(boundary.id).toBe(`arn:aws:iam::${ACCOUNT}:policy/secure-ml/${stem}-notebook-boundary`);
    expect(boundary.inputs['path']).toBe('/secure-ml/');
    expect(JSON.stringify(ofType(plan, 'aws:iam/role:Role'))).not.toContain('sagemaker.amazonaws.com');
    expect(plan.outputs['notebookRolePath']).toBe(`/secure-ml/${stem}/notebooks/`);
  });

  it('conditions every service trust on this account and the resource acting (IAM-3)', () => {
    expect(
      ofType(plan, 'aws:iam/role:Role')
        .map((r) => r.name)
        .sort(),
    ).toEqual([...ROLES].sort());
    // Literal conditions: each service gets the form its AWS page documents (see the policy modules).
    const expected: Record<string, { service: string; condition: unknown }> = {
      // CloudTrail rejects confused-deputy conditions on this role (InvalidCloudWatchLogsRoleArnException).
      'trail-delivery-role': { service: 'cloudtrail.amazonaws.com', condition: undefined },
      'flow-logs-role': {
        service: 'vpc-flow-logs.amazonaws.com',
        condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
          ArnLike: { 'aws:SourceArn': `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc-flow-log/*` },
        },
      },
    };
    for (const role of ROLES) {
      const [trust, ...more] = trustPolicy(plan, role).Statement;
      expect(more).toHaveLength(0);
      const want = expected[role]!;
      expect(trust).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: want.service },
        Action: 'sts:AssumeRole',
      });
      expect(trust!.Condition).toEqual(want.condition);
    }
  });

  it('attaches no managed policy to any role, and names no FullAccess policy anywhere (IAM-4)', () => {
    for (const type of [
      'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
      'aws:iam/policyAttachment:PolicyAttachment',
      'aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive',
    ]) {
      expect(ofType(plan, type)).toHaveLength(0);
    }
    for (const role of ofType(plan, 'aws:iam/role:Role')) {
      expect(role.inputs['managedPolicyArns']).toBeUndefined();
      expect(role.inputs['inlinePolicies']).toBeUndefined();
    }
    expect(JSON.stringify(plan.resources)).not.toMatch(/FullAccess|arn:aws:iam::aws:policy/);
  });

  it('gives each role exactly one inline policy, with itself as parent', () => {
    const owners = Object.fromEntries(
      ofType(plan, 'aws:iam/rolePolicy:RolePolicy').map((p) => [p.name, p.parent?.split('::').pop()]),
    );
    expect(owners).toEqual({
      'trail-delivery-delivery': 'trail-delivery-role',
      'flow-logs-delivery': 'flow-logs-role',
    });
  });

  it("caps every notebook role: the environment's data buckets, the data key by alias, its notebooks' streams and instances", () => {
    const boundary = managedPolicy(plan, 'notebook-boundary');
    expect(boundary.Statement.map((s) => s.Sid)).toEqual([
      'CapDataBuckets',
      'CapDataObjects',
      'CapDataKey',
      'CapOwnLogStreams',
      'NotebookLogGroup',
      'CapEnvironmentNotebooks',
      'CapPackageMirrorRead',
      'CapCodeArtifactBearerToken',
      'CapJobs',
      'CapJobLists',
      'CapPassJobRoles',
      'CapJobLogs',
      'CapJobNetworkDescribe',
      'CapJobNetworkInterfaces',
      'CapJobVolumeGrant',
    ]);
    // CodeArtifact reads only from this account's domains and repositories by default (packageMirrorAccounts).
    expect(statement(boundary, 'CapPackageMirrorRead').Resource).toEqual([
      `arn:aws:codeartifact:${REGION}:${ACCOUNT}:domain/*`,
      `arn:aws:codeartifact:${REGION}:${ACCOUNT}:repository/*`,
    ]);
    expect(plan.outputs['notebookPackageMirrorAccounts']).toEqual([ACCOUNT]);
    // Jobs (issue 15): the environment's job roles, to SageMaker only; the volume grant only through SageMaker.
    expect(statement(boundary, 'CapPassJobRoles')).toEqual({
      Sid: 'CapPassJobRoles',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: `arn:aws:iam::${ACCOUNT}:role/secure-ml/${stem}/notebooks/${stem}-job-*`,
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    });
    expect(statement(boundary, 'CapJobVolumeGrant').Condition).toEqual({
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/${stem}-data` },
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
      StringEquals: { 'kms:ViaService': `sagemaker.${REGION}.amazonaws.com` },
    });
    // The SageMaker execution-role page's CloudWatch Logs actions, on SageMaker's notebook log group only.
    expect(statement(boundary, 'NotebookLogGroup')).toEqual({
      Sid: 'NotebookLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
      Resource: [
        `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/NotebookInstances`,
        `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/NotebookInstances:*`,
      ],
    });
    expect(statement(boundary, 'CapDataObjects').Resource).toBe(`arn:aws:s3:::${stem}-data-*/*`);
    // Every notebook's streams (`<stem>-notebook-<id>/...`), and no other environment's (`sml-dev2-...`).
    expect(statement(boundary, 'CapOwnLogStreams').Resource).toBe(
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/NotebookInstances:log-stream:${stem}-notebook-*`,
    );
    expect(statement(boundary, 'CapEnvironmentNotebooks').Resource).toBe(
      `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/${stem}-*`,
    );
    expect(JSON.stringify(boundary)).not.toContain('ecr:');
  });

  it('lets each delivery role write only into its own log group', () => {
    const group = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/secure-ml/${stem}/${name}`;
    const trail = rolePolicy(plan, 'trail-delivery-delivery');
    expect(trail.Statement.flatMap((s) => list(s.Resource))).toEqual([`${group('cloudtrail')}:log-stream:*`]);
    const flow = rolePolicy(plan, 'flow-logs-delivery');
    // DescribeLogGroups accepts only "*" and reads no log events; every other grant names the flow-log group.
    for (const s of flow.Statement.filter((s) => s.Sid !== 'FindFlowLogGroup'))
      for (const r of list(s.Resource)) expect(r.startsWith(group('vpc-flow-logs'))).toBe(true);
    expect(statement(flow, 'FindFlowLogGroup')).toEqual({
      Sid: 'FindFlowLogGroup',
      Effect: 'Allow',
      Action: 'logs:DescribeLogGroups',
      Resource: '*',
    });
    // What the VPC user guide says the policy must include (CreateLogGroup aside: the group exists, encrypted).
    const actions = flow.Statement.flatMap((s) => list(s.Action)).sort();
    expect(actions).toEqual([
      'logs:CreateLogStream',
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
      'logs:PutLogEvents',
    ]);
    expect(JSON.stringify([trail, flow])).not.toContain('logs:CreateLogGroup');
  });

  it('leaves the guardrail to its own layer (packages/guardrail): no policy here denies notebook creation', () => {
    const managed = plan.resources.filter((r) => r.type === 'aws:iam/policy:Policy').map((r) => r.name);
    expect(managed.sort()).toEqual(['notebook-boundary', 'notebook-caller-key', 'notebook-role-delegation']);
    expect(JSON.stringify(plan.resources)).not.toContain('sagemaker:CreateNotebookInstanceLifecycleConfig');
  });

  it('creates every AWS resource through the layer provider (region and default tags)', () => {
    const aws = plan.resources.filter((r) => r.type.startsWith('aws:'));
    expect(aws).toHaveLength(11);
    for (const r of aws) expect(r.provider).toMatch(/\$pulumi:providers:aws::security-aws::/);
  });

  it('publishes exactly the contract keys, each pointing at the resource it names', () => {
    expect(Object.keys(plan.outputs).sort()).toEqual(Object.keys(LAYERS.security.outputs).sort());
    const id = (type: string, name: string) => resource(plan, type, name).id;
    expect(plan.outputs).toMatchObject({
      dataKeyId: id('aws:kms/key:Key', 'data-key'),
      logsKeyId: id('aws:kms/key:Key', 'logs-key'),
      notebookRolePath: `/secure-ml/${stem}/notebooks/`,
      notebookBoundaryArn: id('aws:iam/policy:Policy', 'notebook-boundary'),
      notebookRoleDelegationPolicyArn: id('aws:iam/policy:Policy', 'notebook-role-delegation'),
      notebookRoleDelegation: resource(plan, 'aws:iam/policy:Policy', 'notebook-role-delegation').inputs[
        'policy'
      ],
      notebookEcrRepositoryArns: [],
      notebookPackageMirrorAccounts: [ACCOUNT],
      trailDeliveryRoleArn: `arn:aws:iam::${ACCOUNT}:role/secure-ml/${stem}-trail-delivery`,
      flowLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/secure-ml/${stem}-flow-logs`,
    });
    expect(plan.outputs['dataKeyArn']).toBe(
      `arn:aws:kms:${REGION}:${ACCOUNT}:key/${String(plan.outputs['dataKeyId'])}`,
    );
  });
});

describe('optional ECR pull', () => {
  const repos = [
    `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/ml/base`,
    `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/ml/gpu`,
  ];

  it('caps read-only pulls to exactly the configured repositories in the boundary, and publishes them for the notebook layer', async () => {
    const plan = await planSecurity('dev', { [key('ecrPullRepositoryArns')]: JSON.stringify(repos) });
    expect(plan.outputs['notebookEcrRepositoryArns']).toEqual(repos);
    for (const document of [managedPolicy(plan, 'notebook-boundary')]) {
      expect(statement(document, 'EcrLogin')).toMatchObject({
        Action: 'ecr:GetAuthorizationToken',
        Resource: '*',
      });
      const pull = statement(document, 'PullConfiguredImages');
      expect(pull.Resource).toEqual(repos);
      expect(list(pull.Action).sort()).toEqual([
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
      ]);
    }
  });

  it('grants no ECR permission at all when unset', async () => {
    const plan = await planSecurity('dev');
    expect(JSON.stringify(managedPolicy(plan, 'notebook-boundary'))).not.toContain('ecr:');
    expect(plan.outputs['notebookEcrRepositoryArns']).toEqual([]);
  });
});

describe('package mirror accounts (CodeArtifact)', () => {
  it('caps CodeArtifact reads to this account and the configured ones, each once, and publishes them for the notebook layer', async () => {
    const plan = await planSecurity('dev', {
      [key('packageMirrorAccounts')]: JSON.stringify(['111122223333', ACCOUNT]),
    });
    expect(plan.outputs['notebookPackageMirrorAccounts']).toEqual([ACCOUNT, '111122223333']);
    expect(statement(managedPolicy(plan, 'notebook-boundary'), 'CapPackageMirrorRead').Resource).toEqual([
      `arn:aws:codeartifact:${REGION}:${ACCOUNT}:domain/*`,
      `arn:aws:codeartifact:${REGION}:${ACCOUNT}:repository/*`,
      `arn:aws:codeartifact:${REGION}:111122223333:domain/*`,
      `arn:aws:codeartifact:${REGION}:111122223333:repository/*`,
    ]);
  });
});
