import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@secure-ml/shared';
import { NOTEBOOK_INSTANCE_TYPES } from '@secure-ml/shared/catalogue';
import { renderPolicy } from '../src/policies/documents';
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
  scpOutput,
  allScpDocuments,
  peopleGuardrailDocument,
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
    // The job pins come first; after them what each form packs beside them for size (documents.ts).
    const after = {
      policy: [
        'DenyIdentityProviderWrites',
        'DenyReservedRoleWrites',
        'DenyOwnersOutsideOwnerRoles',
        'DenyOwnerAndNotebookRoleTrusts',
        'DenyOpeningOutsideNetworks',
      ],
      scp: ['DenyReservedRoleWrites', 'DenyOpeningOutsideNetworks', 'DenyPassingNotebookRoleElsewhere'],
    };
    for (const [form, doc] of [
      ['policy', jobGuardrailDocument(plan)],
      ['scp', scpJobsDocument(plan)],
    ] as const) {
      expect(doc.Statement.slice(0, expected.length)).toEqual(expected);
      expect(doc.Statement.slice(expected.length).map((s) => s.Sid)).toEqual(after[form]);
    }
  });

  it('denies on Resource "*" in every notebook and lifecycle-configuration statement, of both documents', () => {
    // The owner-principal deny sits in the notebook SCP document and the job guardrail (packed for size): it is
    // about the notebooks and the notebook roles, like the owner deny, and checked with it below.
    const ownerPrincipals = 'DenyOwnersOutsideOwnerRoles';
    for (const doc of [jobGuardrailDocument(plan), scpDocument(plan)])
      expect(sid(doc.Statement, ownerPrincipals).Resource).toEqual([
        `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/*`,
        `arn:aws:sagemaker:*:${ACCOUNT}:notebook-instance/*`,
      ]);
    for (const doc of [guardrailDocument(plan), scpDocument(plan)]) {
      const sagemaker = doc.Statement.filter(
        (s) => s.Sid !== ownerPrincipals && list(s.Action).some((a) => a.startsWith('sagemaker:')),
      );
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
    const jobDoc = jobGuardrailDocument(plan).Statement;
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
    // IAM Identity Center's roles spared by NotResource (its route may carry no saml:aud), an IAM SAML provider's
    // sessions by saml:aud; every other session tag of the owner key refused.
    expect(sid(doc, 'DenyOwnerSessionTags')).toEqual({
      Sid: 'DenyOwnerSessionTags',
      Effect: 'Deny',
      Action: 'sts:TagSession',
      NotResource: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/*`,
      Condition: {
        'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': ['secure-ml:owner'] },
        Null: { 'saml:aud': 'true' },
      },
    });
    expect(sid(jobDoc, 'DenyReservedRoleWrites')).toEqual({
      Sid: 'DenyReservedRoleWrites',
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy'],
      Resource: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/*`,
    });
    // Unconditional: only Create and Tag carry aws:TagKeys, and any write of a provider changes who signs in.
    expect(sid(jobDoc, 'DenyIdentityProviderWrites')).toEqual({
      Sid: 'DenyIdentityProviderWrites',
      Effect: 'Deny',
      Action: [
        'iam:CreateSAMLProvider',
        'iam:UpdateSAMLProvider',
        'iam:DeleteSAMLProvider',
        'iam:TagSAMLProvider',
        'iam:UntagSAMLProvider',
        'iam:CreateOpenIDConnectProvider',
        'iam:DeleteOpenIDConnectProvider',
        'iam:AddClientIDToOpenIDConnectProvider',
        'iam:RemoveClientIDFromOpenIDConnectProvider',
        'iam:UpdateOpenIDConnectProviderThumbprint',
        'iam:TagOpenIDConnectProvider',
        'iam:UntagOpenIDConnectProvider',
      ],
      Resource: '*',
    });
    // The notebook layer's networks (the stack file's ownerSourceCidrs; the network has no notebook endpoint here).
    expect(network['notebookAccessEndpointIds']).toEqual([]);
    expect(sid(jobDoc, 'DenyOpeningOutsideNetworks')).toEqual({
      Sid: 'DenyOpeningOutsideNetworks',
      Effect: 'Deny',
      Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
      Resource: '*',
      Condition: { NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24'] } },
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

  it('has the SCP documents carry the same denies as the two managed policies, each once (without deployment roles, exempting nobody)', () => {
    const bySid = (statements: Statement[]) =>
      [...statements].sort((a, b) => String(a.Sid).localeCompare(String(b.Sid)));
    const scp = allScpDocuments(plan).Statement;
    const policies = peopleGuardrailDocument(plan).Statement;
    expect(new Set(scp.map((s) => s.Sid)).size).toBe(scp.length);
    expect(bySid(scp)).toEqual(bySid(policies));
  });

  it('keeps in the notebook guardrail every deny it held before review 5, so a person holding only it loses none', () => {
    expect(guardrailDocument(plan).Statement.map((s) => s.Sid)).toEqual(
      expect.arrayContaining([
        'DenyNotebookWrites',
        'DenyUsingOthersNotebook',
        'DenyOwnerTagWrites',
        'DenyOwnerSessionTags',
        'DenyPassingNotebookRoleOutsideNotebook',
        'DenyPassingNotebookRoleElsewhere',
      ]),
    );
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

  it('warns, when no network is configured, that nobody under the guardrail can open a notebook', async () => {
    warnings.length = 0;
    await planGuardrail(stack, { [key('ownerSourceCidrs')]: '[]' });
    expect(warnings.filter((w) => w.includes('Nobody under the guardrail can open a notebook'))).toHaveLength(
      1,
    );
  });
});

describe('settings', () => {
  const deployRole = 'arn:aws:iam::123456789012:role/sml-github-deploy-dev';

  it('exempts the deployment roles in the SCP from the deployment-only denies, and keeps their conditions', async () => {
    const plan = await planGuardrail('dev', { [key('deploymentRoleArns')]: JSON.stringify([deployRole]) });
    const exempted = allScpDocuments(plan).Statement.filter((s) => JSON.stringify(s).includes(deployRole));
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
      {
        // The deployment creates the notebook roles (and the owner roles) and sets whom they trust.
        Sid: 'DenyOwnerAndNotebookRoleTrusts',
        Effect: 'Deny',
        Action: ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy'],
        Resource: ['arn:aws:iam::123456789012:role/secure-ml/sml-dev/owners/*', notebookRoles],
        Condition: exemption,
      },
    ]);
    expect(JSON.stringify(guardrailDocument(plan))).not.toContain(deployRole);
    // The identity-provider, session, owner-principal, reserved-role and opening denies exempt nobody.
    expect(JSON.stringify(scpJobsDocument(plan))).not.toContain(deployRole);
    expect(JSON.stringify(scpOutput(plan, 'guardrailScp'))).not.toContain(deployRole);
  });

  it('pins the instance types configured instead of the default list', async () => {
    const plan = await planGuardrail('dev', { [key('instanceTypes')]: '["ml.t3.medium"]' });
    expect(sid(guardrailDocument(plan).Statement, 'DenyInstanceTypeOutsideList').Condition).toEqual({
      'ForAnyValue:StringNotEquals': { 'sagemaker:InstanceTypes': ['ml.t3.medium'] },
    });
  });

  it.each([
    [key('instanceTypes'), '["ml.*"]', 'instance types AWS offers for notebook instances'],
    [key('deploymentRoleArns'), '["arn:aws:iam::123456789012:role/*"]', 'IAM role ARNs without wildcards'],
    [
      key('deploymentRoleArns'),
      '["arn:aws:iam::123456789012:user/deployer"]',
      'IAM role ARNs without wildcards',
    ],
    [key('ownerSourceCidrs'), '["0.0.0.0/0"]', 'IPv4 CIDRs of /8 to /32'],
    [key('ownerSourceCidrs'), '["0.0.0.0/1","128.0.0.0/1"]', 'IPv4 CIDRs of /8 to /32'],
  ])('refuses %s = %s before registering anything', async (name, value, allowed) => {
    const error = await planGuardrail('dev', { [name]: value }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toContain(value);
    expect((error as Error).message).toContain(allowed);
  });

  it("keeps every SCP document under 5,120 characters and each managed policy under 6,144 at the settings' maxima (40 instance types, 10 deployment roles, 50 CIDRs, all long)", async () => {
    // The review's case: 7 deployment roles of this length overflowed the one document the SCP used to be.
    // The forty longest names AWS offers for notebook instances (the setting takes no other).
    const types = [...NOTEBOOK_INSTANCE_TYPES].sort((a, b) => b.length - a.length).slice(0, 40);
    const roles = Array.from(
      { length: 10 },
      (_, i) => `arn:aws:iam::123456789012:role/a/long/path/deploy-role-number-${i}`,
    );
    const cidrs = Array.from({ length: 50 }, (_, i) => `203.113.${100 + i}.128/25`);
    const plan = await planGuardrail('dev', {
      [key('instanceTypes')]: JSON.stringify(types),
      [key('deploymentRoleArns')]: JSON.stringify(roles),
      [key('ownerSourceCidrs')]: JSON.stringify(cidrs),
    });
    const sizes = ['guardrailScp', 'guardrailScpPeople', 'guardrailScpJobs'].map(
      (o) => String(plan.outputs[o]).length,
    );
    for (const size of sizes) expect(size).toBeLessThanOrEqual(5120);
    // Together they would not fit one document.
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(5120);
    for (const doc of [guardrailDocument(plan), jobGuardrailDocument(plan)])
      expect(JSON.stringify(doc).length).toBeLessThanOrEqual(6144);
    expect(JSON.stringify(jobGuardrailDocument(plan))).toContain(cidrs[49]);
  });

  it('refuses a guardrail managed policy over 6,144 characters, naming it and the setting to shorten', () => {
    // Unreachable with today's settings at their maxima (the test above); the guard is for a statement added later.
    const statement = {
      Sid: 'Big',
      Effect: 'Deny' as const,
      Action: 'sagemaker:*',
      Resource: 'x'.repeat(6144),
    };
    expect(() =>
      renderPolicy(
        { Version: '2012-10-17', Statement: [statement] },
        'notebookGuardrail',
        'sml-dev-notebook-guardrail',
      ),
    ).toThrow(
      /^The guardrail managed policy sml-dev-notebook-guardrail is 62\d\d characters, over the 6144 IAM accepts\. Fix: shorten secure-ml-guardrail:instanceTypes \(pulumi config set --path \.\.\. in packages\/guardrail\)$/,
    );
    expect(renderPolicy({ Version: '2012-10-17', Statement: [] }, 'jobGuardrail', 'x')).toBe(
      '{"Version":"2012-10-17","Statement":[]}',
    );
  });

  it('refuses an instance type AWS does not offer for notebook instances, naming the setting and the catalogue', async () => {
    const error = await planGuardrail('dev', {
      [key('instanceTypes')]: '["ml.t3.medium","ml.t3.mediun"]',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('ml.t3.mediun');
    expect((error as Error).message).toContain('libs/shared/src/catalogue/notebook-instance-types.ts');
  });

  it('refuses an SCP document over 5,120 characters, naming it and the setting to shorten', async () => {
    // IAM allows paths of up to 512 characters: ten such roles overflow the people document.
    const path = Array.from({ length: 40 }, (_, i) => `segment${i}`).join('/');
    const roles = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::123456789012:role/${path}/deploy-${i}`);
    const error = await planGuardrail('dev', {
      [key('deploymentRoleArns')]: JSON.stringify(roles),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'The guardrail SCP document guardrailScpPeople (the people part) is 19534 characters, over the 5120 AWS Organizations accepts. Fix: shorten secure-ml-guardrail:deploymentRoleArns (pulumi config set --path ... in packages/guardrail)',
    );
  });
});
