import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@secure-ml/shared';
import { planDocuments, type LayerPlan } from '@secure-ml/shared/testing';
import {
  ACCOUNT,
  guardrailDocument,
  jobGuardrailDocument,
  key,
  planGuardrail,
  readPlan,
  REGION,
  REPO_ROOT,
  scpDocument,
  scpJobsDocument,
  STACKS,
  warnings,
  type Statement,
  PLAN_TIMEOUT_MS,
} from './support/plan';

// The settings cases plan inside the test itself.
jest.setTimeout(PLAN_TIMEOUT_MS);

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** The witness copy of libs/shared/src/catalogue/notebook-instance-types.ts: the default pin. */
const NOTEBOOK_TYPES = [
  'ml.t3.medium',
  'ml.t3.large',
  'ml.t3.xlarge',
  'ml.t3.2xlarge',
  'ml.m5.xlarge',
  'ml.m5.2xlarge',
  'ml.m5.4xlarge',
  'ml.c5.xlarge',
  'ml.c5.2xlarge',
  'ml.c5.4xlarge',
  'ml.g4dn.xlarge',
  'ml.g4dn.2xlarge',
  'ml.g5.xlarge',
  'ml.g5.2xlarge',
];
const DENY_SIDS = [
  'DenyDirectInternetAccess',
  'DenyRootAccess',
  'DenyRootAccessOnUpdate',
  'DenyForeignSubnet',
  'DenyMissingSubnet',
  'DenyForeignSecurityGroup',
  'DenyMissingSecurityGroup',
  'DenyForeignLifecycleConfig',
  'DenyMissingLifecycleConfig',
  'DenyImdsV1',
  'DenyImdsV1OnUpdate',
  'DenyForeignVolumeKey',
  'DenyInstanceTypeOutsideList',
  'DenyNotebookWrites',
];
/** What no person may do, which the SCP exempts the deployment roles from. */
const NOTEBOOK_WRITES = [
  'sagemaker:CreateNotebookInstance*',
  'sagemaker:UpdateNotebookInstance*',
  'sagemaker:DeleteNotebookInstance*',
];
const sid = (statements: Statement[], name: string) => {
  const found = statements.find((s) => s.Sid === name);
  if (!found) throw new Error(`no statement ${name}`);
  return found;
};

describe.each(STACKS)('the guardrail layer in %s', (stack) => {
  let plan: LayerPlan;
  let network: Record<string, unknown>;
  let security: Record<string, unknown>;
  beforeAll(async () => {
    plan = await planGuardrail(stack);
    network = readPlan(REPO_ROOT, stack, 'network').outputs;
    security = readPlan(REPO_ROOT, stack, 'security').outputs;
  }, PLAN_TIMEOUT_MS);

  it('creates two managed policies, attached to nobody: the guardrail under the name and path it had in the security layer, and the job guardrail', () => {
    const aws = plan.resources.filter((r) => r.type.startsWith('aws:') && r.custom);
    expect(aws.map((r) => r.type)).toEqual(['aws:iam/policy:Policy', 'aws:iam/policy:Policy']);
    expect(aws[0]?.inputs).toMatchObject({ name: `sml-${stack}-notebook-guardrail`, path: '/secure-ml/' });
    expect(aws[1]?.inputs).toMatchObject({ name: `sml-${stack}-job-guardrail`, path: '/secure-ml/' });
    expect(plan.outputs).toMatchObject({
      guardrailPolicyArn: `arn:aws:iam::${ACCOUNT}:policy/secure-ml/sml-${stack}-notebook-guardrail`,
      guardrailPolicyName: `sml-${stack}-notebook-guardrail`,
      jobGuardrailPolicyArn: `arn:aws:iam::${ACCOUNT}:policy/secure-ml/sml-${stack}-job-guardrail`,
      jobGuardrailPolicyName: `sml-${stack}-job-guardrail`,
    });
  });

  it('pins every job start to the private subnets, the job group, the data key, encryption and isolation, in the job guardrail and the SCP job document alike', () => {
    const subnets = network['privateSubnetIds'] as string[];
    const [group] = network['jobSecurityGroupIds'] as string[];
    const key = security['dataKeyArn'];
    const jobs = [
      'sagemaker:CreateTrainingJob',
      'sagemaker:CreateProcessingJob',
      'sagemaker:CreateHyperParameterTuningJob',
    ];
    const deny = (Sid: string, Condition: object) => ({
      Sid,
      Effect: 'Deny',
      Action: jobs,
      Resource: '*',
      Condition,
    });
    const expected = [
      deny('DenyJobOutsidePrivateSubnets', {
        'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': subnets },
      }),
      deny('DenyJobWithoutVpc', { Null: { 'sagemaker:VpcSubnets': 'true' } }),
      deny('DenyJobOutsideJobGroup', {
        'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': [group] },
      }),
      deny('DenyJobWithoutGroup', { Null: { 'sagemaker:VpcSecurityGroupIds': 'true' } }),
      deny('DenyJobVolumeNotDataKey', { ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': key } }),
      deny('DenyJobOutputNotDataKey', { ArnNotEquals: { 'sagemaker:OutputKmsKeyArn': key } }),
      deny('DenyJobClearInterContainerTraffic', {
        Bool: { 'sagemaker:InterContainerTrafficEncryption': 'false' },
      }),
      deny('DenyJobUnstatedInterContainerTraffic', {
        Null: { 'sagemaker:InterContainerTrafficEncryption': 'true' },
      }),
      deny('DenyJobWithoutNetworkIsolation', { Bool: { 'sagemaker:NetworkIsolation': 'false' } }),
      deny('DenyJobUnstatedNetworkIsolation', { Null: { 'sagemaker:NetworkIsolation': 'true' } }),
    ];
    expect(group).toMatch(/^sg-/);
    expect(jobGuardrailDocument(plan).Statement).toEqual(expected);
    expect(scpJobsDocument(plan).Statement).toEqual(expected);
  });

  it('denies on Resource "*" in every notebook and lifecycle-configuration statement, of both documents', () => {
    for (const doc of [guardrailDocument(plan), scpDocument(plan)]) {
      const sagemaker = doc.Statement.filter((s) => list(s.Action).some((a) => a.startsWith('sagemaker:')));
      expect(sagemaker.map((s) => s.Sid)).toEqual([
        ...DENY_SIDS,
        'DenyUsingOthersNotebook',
        'DenyOwnerTagWrites',
      ]);
      // The owner deny is about the notebooks and the notebook roles together: every notebook instance of the
      // account, in any region (a Resource of "*" would reach every role of the account through iam:PassRole).
      for (const s of sagemaker.filter((s) => s.Sid !== 'DenyUsingOthersNotebook'))
        expect({ s: s.Sid, effect: s.Effect, r: s.Resource }).toEqual({ s: s.Sid, effect: 'Deny', r: '*' });
      expect(sid(doc.Statement, 'DenyUsingOthersNotebook').Resource).toEqual([
        `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/*`,
        `arn:aws:sagemaker:*:${ACCOUNT}:notebook-instance/*`,
      ]);
    }
  });

  it('pins each setting to this environment, with the Service Authorization Reference keys', () => {
    const doc = guardrailDocument(plan).Statement;
    expect(doc.map((s) => s.Sid)).toEqual([
      ...DENY_SIDS,
      'DenyUsingOthersNotebook',
      'DenyOwnerTagWrites',
      'DenyOwnerSessionTags',
      'DenyPassingNotebookRoleOutsideNotebook',
      'DenyPassingNotebookRoleElsewhere',
    ]);
    expect(sid(doc, 'DenyOwnerTagWrites')).toEqual({
      Sid: 'DenyOwnerTagWrites',
      Effect: 'Deny',
      Action: [
        'iam:Tag*',
        'iam:Untag*',
        'iam:CreateRole',
        'iam:CreateUser',
        'sagemaker:AddTags',
        'sagemaker:DeleteTags',
      ],
      Resource: '*',
      Condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': ['secure-ml:owner'] } },
    });
    expect(sid(doc, 'DenyOwnerSessionTags')).toEqual({
      Sid: 'DenyOwnerSessionTags',
      Effect: 'Deny',
      Action: 'sts:TagSession',
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': ['secure-ml:owner'] },
        Null: { 'saml:aud': 'true' },
      },
    });
    expect(sid(doc, 'DenyPassingNotebookRoleOutsideNotebook')).toEqual({
      Sid: 'DenyPassingNotebookRoleOutsideNotebook',
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-*`,
      Condition: {
        ArnNotLike: { 'iam:AssociatedResourceArn': `arn:aws:sagemaker:*:${ACCOUNT}:notebook-instance/*` },
        Null: { 'iam:AssociatedResourceArn': 'false' },
      },
    });
    expect(doc.filter((s) => s.Effect !== 'Deny')).toEqual([]);
    expect(sid(doc, 'DenyForeignSubnet').Condition).toEqual({
      'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': network['privateSubnetIds'] },
    });
    expect(sid(doc, 'DenyMissingSubnet').Condition).toEqual({ Null: { 'sagemaker:VpcSubnets': 'true' } });
    expect(sid(doc, 'DenyForeignSecurityGroup').Condition).toEqual({
      'ForAnyValue:StringNotEquals': {
        'sagemaker:VpcSecurityGroupIds': [network['notebookSecurityGroupId']],
      },
    });
    expect(sid(doc, 'DenyMissingSecurityGroup').Condition).toEqual({
      Null: { 'sagemaker:VpcSecurityGroupIds': 'true' },
    });
    expect(sid(doc, 'DenyForeignLifecycleConfig')).toMatchObject({
      Action: ['sagemaker:CreateNotebookInstance', 'sagemaker:UpdateNotebookInstance'],
      Condition: {
        'ForAnyValue:ArnNotLike': {
          'sagemaker:NotebookInstanceLifecycleConfigArns': [
            `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance-lifecycle-config/sml-${stack}-lifecycle-*`,
          ],
        },
      },
    });
    expect(sid(doc, 'DenyImdsV1').Condition).toEqual({
      StringNotEquals: { 'sagemaker:MinimumInstanceMetadataServiceVersion': '2' },
    });
    expect(sid(doc, 'DenyImdsV1OnUpdate').Condition).toEqual({
      StringNotEquals: { 'sagemaker:MinimumInstanceMetadataServiceVersion': '2' },
      Null: { 'sagemaker:MinimumInstanceMetadataServiceVersion': 'false' },
    });
    expect(sid(doc, 'DenyForeignVolumeKey').Condition).toEqual({
      ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': security['dataKeyArn'] },
    });
    expect(sid(doc, 'DenyInstanceTypeOutsideList').Condition).toEqual({
      'ForAnyValue:StringNotEquals': { 'sagemaker:InstanceTypes': NOTEBOOK_TYPES },
    });
    expect(sid(doc, 'DenyNotebookWrites')).toEqual({
      Sid: 'DenyNotebookWrites',
      Effect: 'Deny',
      Action: NOTEBOOK_WRITES,
      Resource: '*',
    });
    const owner = "${aws:PrincipalTag/secure-ml:owner, '(none)'}";
    expect(sid(doc, 'DenyUsingOthersNotebook')).toEqual({
      Sid: 'DenyUsingOthersNotebook',
      Effect: 'Deny',
      Action: [
        'iam:PassRole',
        'sagemaker:CreatePresignedNotebookInstanceUrl',
        'sagemaker:DescribeNotebookInstance',
        'sagemaker:StartNotebookInstance',
        'sagemaker:StopNotebookInstance',
      ],
      Resource: [
        `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/*`,
        `arn:aws:sagemaker:*:${ACCOUNT}:notebook-instance/*`,
      ],
      Condition: {
        StringNotEquals: {
          'iam:ResourceTag/secure-ml:owner': owner,
          'aws:ResourceTag/secure-ml:owner': owner,
        },
      },
    });
  });

  it.each(['guardrailScp', 'guardrailScpPeople', 'guardrailScpJobs'])(
    'publishes the SCP document %s minified and within the 5,120 characters AWS Organizations accepts',
    (output) => {
      const text = String(plan.outputs[output]);
      expect(text).toBe(JSON.stringify(JSON.parse(text)));
      expect(text.length).toBeLessThanOrEqual(5120);
    },
  );

  it('has the SCP carry the same denies (without deployment roles, it exempts nobody)', () => {
    expect(scpDocument(plan).Statement).toEqual(guardrailDocument(plan).Statement);
  });

  it('writes the SCP the offline plan publishes to dist/plan/<env>/guardrail-scp.json, byte for byte', () => {
    const file = join(REPO_ROOT, 'dist', 'plan', stack, 'guardrail-scp.json');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(
      String(readPlan(REPO_ROOT, stack, 'guardrail').outputs['guardrailScp']),
    );
    expect(planDocuments('guardrail', plan.outputs)).toEqual([
      ['guardrail-scp.json', plan.outputs['guardrailScp']],
      ['guardrail-scp-people.json', plan.outputs['guardrailScpPeople']],
      ['guardrail-scp-jobs.json', plan.outputs['guardrailScpJobs']],
    ]);
    for (const [file, output] of [
      ['guardrail-scp-people.json', 'guardrailScpPeople'],
      ['guardrail-scp-jobs.json', 'guardrailScpJobs'],
    ] as const)
      expect(readFileSync(join(REPO_ROOT, 'dist', 'plan', stack, file), 'utf8')).toBe(
        String(readPlan(REPO_ROOT, stack, 'guardrail').outputs[output]),
      );
  });

  it('warns that an SCP exempting nobody would stop the notebook deploy', () => {
    expect(warnings.some((w) => w.includes('secure-ml-guardrail:deploymentRoleArns is empty'))).toBe(true);
  });
});

describe('settings', () => {
  const deployRole = 'arn:aws:iam::123456789012:role/sml-github-deploy-dev';

  it('exempts the deployment roles in the SCP from the deployment-only denies, and keeps their conditions', async () => {
    const plan = await planGuardrail('dev', { [key('deploymentRoleArns')]: JSON.stringify([deployRole]) });
    const exempted = scpDocument(plan).Statement.filter((s) =>
      JSON.stringify(s).includes('aws:PrincipalArn'),
    );
    const exemption = { ArnNotLike: { 'aws:PrincipalArn': [deployRole] } };
    const notebookRoles = 'arn:aws:iam::123456789012:role/secure-ml/sml-dev/notebooks/*';
    expect(exempted).toEqual([
      {
        Sid: 'DenyNotebookWrites',
        Effect: 'Deny',
        Action: NOTEBOOK_WRITES,
        Resource: '*',
        Condition: exemption,
      },
      {
        Sid: 'DenyUsingOthersNotebook',
        Effect: 'Deny',
        Action: [
          'iam:PassRole',
          'sagemaker:CreatePresignedNotebookInstanceUrl',
          'sagemaker:DescribeNotebookInstance',
          'sagemaker:StartNotebookInstance',
          'sagemaker:StopNotebookInstance',
        ],
        Resource: [notebookRoles, 'arn:aws:sagemaker:*:123456789012:notebook-instance/*'],
        Condition: {
          StringNotEquals: {
            'iam:ResourceTag/secure-ml:owner': "${aws:PrincipalTag/secure-ml:owner, '(none)'}",
            'aws:ResourceTag/secure-ml:owner': "${aws:PrincipalTag/secure-ml:owner, '(none)'}",
          },
          ...exemption,
        },
      },
      {
        Sid: 'DenyOwnerTagWrites',
        Effect: 'Deny',
        Action: [
          'iam:Tag*',
          'iam:Untag*',
          'iam:CreateRole',
          'iam:CreateUser',
          'sagemaker:AddTags',
          'sagemaker:DeleteTags',
        ],
        Resource: '*',
        Condition: {
          'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': ['secure-ml:owner'] },
          ...exemption,
        },
      },
    ]);
    expect(JSON.stringify(guardrailDocument(plan))).not.toContain(deployRole);
  });

  it('pins the instance types configured instead of the default list', async () => {
    const plan = await planGuardrail('dev', { [key('instanceTypes')]: '["ml.t3.medium"]' });
    expect(sid(guardrailDocument(plan).Statement, 'DenyInstanceTypeOutsideList').Condition).toEqual({
      'ForAnyValue:StringNotEquals': { 'sagemaker:InstanceTypes': ['ml.t3.medium'] },
    });
  });

  it.each([
    [key('instanceTypes'), '["ml.*"]', 'SageMaker instance types written out (ml.t3.medium), no wildcards'],
    [key('deploymentRoleArns'), '["arn:aws:iam::123456789012:role/*"]', 'IAM role ARNs without wildcards'],
    [
      key('deploymentRoleArns'),
      '["arn:aws:iam::123456789012:user/deployer"]',
      'IAM role ARNs without wildcards',
    ],
  ])('refuses %s = %s before registering anything', async (name, value, allowed) => {
    const error = await planGuardrail('dev', { [name]: value }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toContain(value);
    expect((error as Error).message).toContain(allowed);
  });

  it("keeps every SCP document under 5,120 characters at the settings' maxima (40 instance types, 10 deployment roles, both long)", async () => {
    // The review's case: 7 deployment roles of this length overflowed the one document the SCP used to be.
    const types = Array.from({ length: 40 }, (_, i) => `ml.longinstancefamily${i}.48xlarge`);
    const roles = Array.from(
      { length: 10 },
      (_, i) => `arn:aws:iam::123456789012:role/a/long/path/deploy-role-number-${i}`,
    );
    const plan = await planGuardrail('dev', {
      [key('instanceTypes')]: JSON.stringify(types),
      [key('deploymentRoleArns')]: JSON.stringify(roles),
    });
    const sizes = ['guardrailScp', 'guardrailScpPeople', 'guardrailScpJobs'].map(
      (o) => String(plan.outputs[o]).length,
    );
    for (const size of sizes) expect(size).toBeLessThanOrEqual(5120);
    // Together they would not fit one document.
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(5120);
  });

  it('refuses an SCP document over 5,120 characters, naming it and the setting to shorten', async () => {
    // IAM allows paths of up to 512 characters: ten such roles overflow the people document.
    const path = Array.from({ length: 40 }, (_, i) => `segment${i}`).join('/');
    const roles = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::123456789012:role/${path}/deploy-${i}`);
    const error = await planGuardrail('dev', {
      [key('deploymentRoleArns')]: JSON.stringify(roles),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'The guardrail SCP document guardrailScpPeople (the people part) is 14892 characters, over the 5120 AWS Organizations accepts. Fix: shorten secure-ml-guardrail:instanceTypes or secure-ml-guardrail:deploymentRoleArns (pulumi config set --path ... in packages/guardrail)',
    );
  });
});
