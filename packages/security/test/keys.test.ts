import {
  environmentsIn,
  type LayerPlan,
  ofType,
  planForTest,
  REPO_ROOT,
  resource,
} from '@secure-ml/shared/testing';
// The program is `export =` (what the Pulumi CLI loads), which only this import form reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import program = require('../src/index');
import {
  ACCOUNT,
  key,
  keyPolicy,
  list,
  managedPolicy,
  planSecurity,
  REGION,
  statement,
  warnings,
} from './support/plan';

const ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;

describe('security keys', () => {
  it.each(environmentsIn(REPO_ROOT))(
    'creates a rotating data key and logs key with a 30-day window in %s',
    async (stack) => {
      const plan = await planForTest('security', program, { stack });
      const keys = ofType(plan, 'aws:kms/key:Key');
      expect(keys.map((k) => k.name).sort()).toEqual(['data-key', 'logs-key']);
      for (const key of keys) {
        expect(key.inputs).toMatchObject({
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          keyUsage: 'ENCRYPT_DECRYPT',
          bypassPolicyLockoutSafetyCheck: false,
        });
        expect(key.options.protect).toBe(stack === 'prod');
      }
      expect(resource(plan, 'aws:kms/alias:Alias', 'data-key-alias').inputs['name']).toBe(
        `alias/sml-${stack}-data`,
      );
      expect(resource(plan, 'aws:kms/alias:Alias', 'logs-key-alias').inputs['name']).toBe(
        `alias/sml-${stack}-logs`,
      );
    },
  );

  it('takes the deletion window from config, and warns that a shorter one fails KMS-2', async () => {
    const plan = await planSecurity('dev', { [key('deletionWindowDays')]: '7' });
    for (const k of ofType(plan, 'aws:kms/key:Key')) expect(k.inputs['deletionWindowInDays']).toBe(7);
    expect(warnings.join('\n')).toContain('secure-ml-security:deletionWindowDays = 7');
    expect(warnings.join('\n')).toContain('KMS-2 will fail');
  });
});

describe.each(environmentsIn(REPO_ROOT))('key policies in %s', (stack) => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planSecurity(stack);
  });

  it('delegate to IAM through the account root with listed actions, never kms:*', () => {
    for (const purpose of ['data', 'logs'] as const) {
      const root = statement(keyPolicy(plan, purpose), 'AccountIamPoliciesMayGrantUse');
      expect(root.Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
      expect(list(root.Action)).toEqual(expect.arrayContaining(['kms:PutKeyPolicy', 'kms:Decrypt']));
      for (const s of keyPolicy(plan, purpose).Statement) expect(list(s.Action)).not.toContain('kms:*');
    }
  });

  it("name no notebook role (they are the notebook layer's, created later, and use the key through IAM) and give no one grants by name", () => {
    const data = keyPolicy(plan, 'data');
    expect(JSON.stringify(data)).not.toContain('notebook');
    expect(data.Statement.map((s) => s.Sid)).toEqual(['AccountIamPoliciesMayGrantUse']);
    expect(data.Statement.map((s) => s.Sid)).not.toContain('SageMakerVolumeGrantsOnly');
    // The data key serves no service principal directly: logs, trail and alarms use the logs key.
    expect(
      data.Statement.filter((s) => s.Principal !== undefined && 'Service' in (s.Principal as object)),
    ).toHaveLength(0);
  });

  it('give callers of Create/StartNotebookInstance a managed policy with the volume grant through SageMaker only', () => {
    const caller = managedPolicy(plan, 'notebook-caller-key');
    const dataKeyArn = String(plan.outputs['dataKeyArn']);
    expect(caller.Statement).toEqual([
      {
        Sid: 'VolumeGrantThroughSageMaker',
        Effect: 'Allow',
        Action: 'kms:CreateGrant',
        Resource: dataKeyArn,
        Condition: {
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
          StringEquals: { 'kms:ViaService': `sagemaker.${REGION}.amazonaws.com` },
        },
      },
      { Sid: 'DescribeDataKey', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: dataKeyArn },
    ]);
  });

  it('let CloudWatch Logs use the logs key only for the environment log groups and the SageMaker notebook and job groups', () => {
    const logs = statement(keyPolicy(plan, 'logs'), 'CloudWatchLogsForEnvironmentLogGroups');
    expect(logs.Principal).toEqual({ Service: `logs.${REGION}.amazonaws.com` });
    expect(logs.Condition).toEqual({
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': [
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/secure-ml/sml-${stack}/*`,
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/NotebookInstances`,
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/TrainingJobs`,
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/ProcessingJobs`,
        ],
      },
    });
  });

  it('let CloudTrail use the logs key only for the environment trail, and CloudWatch only from this account', () => {
    const policy = keyPolicy(plan, 'logs');
    const trail = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/sml-${stack}-trail`;
    expect(statement(policy, 'CloudTrailEncryptsEnvironmentTrail').Condition).toEqual({
      StringEquals: { 'aws:SourceArn': trail },
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/sml-${stack}-trail`,
      },
    });
    expect(statement(policy, 'CloudTrailDescribesKeyForEnvironmentTrail').Condition).toEqual({
      StringEquals: { 'aws:SourceArn': trail },
    });
    const alarms = statement(policy, 'CloudWatchAlarmsPublishToAlertsTopic');
    expect(alarms.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(alarms.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': ACCOUNT } });
  });

  it('never name the notebook role on the logs key', () => {
    expect(JSON.stringify(keyPolicy(plan, 'logs'))).not.toContain('notebook');
  });

  it('have no key-administrator statements when none is configured', () => {
    for (const purpose of ['data', 'logs'] as const) {
      expect(keyPolicy(plan, purpose).Statement.map((s) => s.Sid)).not.toEqual(
        expect.arrayContaining(['KeyAdministratorsManage']),
      );
    }
  });
});

/** The key administrators' allow and deny, as the KMS developer guide divides management from use. */
const MANAGEMENT = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];
const CRYPTOGRAPHIC = [
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:RetireGrant',
];

describe('key administrators from config', () => {
  it('manage both keys with no cryptographic action, and are explicitly denied every one', async () => {
    const plan = await planSecurity('dev', { [key('keyAdministratorArns')]: JSON.stringify([ADMIN]) });
    for (const purpose of ['data', 'logs'] as const) {
      const policy = keyPolicy(plan, purpose);
      const manage = statement(policy, 'KeyAdministratorsManage');
      expect(manage.Principal).toEqual({ AWS: [ADMIN] });
      // Written out, not imported from src/policies/actions.ts: moving an action between the lists must fail here.
      expect(list(manage.Action).sort()).toEqual(MANAGEMENT);
      const never = statement(policy, 'KeyAdministratorsNeverUse');
      expect(never).toMatchObject({ Effect: 'Deny', Principal: { AWS: [ADMIN] } });
      expect(list(never.Action).sort()).toEqual(CRYPTOGRAPHIC);
      expect(never.Condition).toBeUndefined();
    }
  });
});
