import { CONTROLS } from '../src/controls';
import { T } from '../src/resources';
import {
  accountOf,
  addResource,
  addStatement,
  byName,
  bySid,
  decoded,
  describeMutations,
  drop,
  encoded,
  replace,
  scpStatements,
  set,
  statements,
  type Edit,
  type Mutation,
  type Raw,
} from './mutate';

/**
 * The mutation suite: the real dev and prod plans of dist/plan (what `npm start` grades), weakened one realistic
 * edit at a time, as a user or a careless change would. Each edit must make exactly the controls listed fail
 * (one, except where two controls check the same setting by design), with a finding that names the resource.
 * Every control has at least one edit; every way around the gate that issue 12 lists is a row.
 */
/**
 * Every notebook's on-start hook and the repository's on-start.sh with the auto-stop no longer scheduled (the script
 * is shared, so every hook changes with it): NB-7 still passes.
 */
const autoStopNeverScheduled: Edit = (env) => {
  const line = /^schedule auto-stop .*$/m;
  const hooks = env.resources.filter((r) => r.type === T.lifecycle);
  if (hooks.length < 2)
    throw new Error('expected a lifecycle configuration per notebook: update this mutation');
  const next = hooks.reduce(
    (e, hook) =>
      replace(e, hook.name, (r) => {
        const text = decoded(r, 'onStart');
        if (!line.test(text))
          throw new Error('the on-start hook no longer schedules auto-stop: update this mutation');
        return {
          ...r,
          inputs: { ...r.inputs, onStart: encoded(text.replace(line, 'log "auto-stop left to the user"')) },
        };
      }),
    env,
  );
  const scripts = (env.settings.lifecycleScripts ?? []).map((s) =>
    s.replace(line, 'log "auto-stop left to the user"'),
  );
  return { ...next, settings: { ...next.settings, lifecycleScripts: scripts } };
};

/** Key administrators configured, with kms:Encrypt moved from their deny to their allow. */
const encryptMovedToManagement: Edit = (env) =>
  statements('data-key', (all) => {
    const admin = `arn:aws:iam::${accountOf(env)}:role/KeyAdmin`;
    return [
      ...all,
      {
        Sid: 'KeyAdministratorsManage',
        Effect: 'Allow',
        Principal: { AWS: [admin] },
        Action: [
          'kms:DescribeKey',
          'kms:PutKeyPolicy',
          'kms:ScheduleKeyDeletion',
          'kms:CancelKeyDeletion',
          'kms:Encrypt',
        ],
        Resource: '*',
      },
      {
        Sid: 'KeyAdministratorsNeverUse',
        Effect: 'Deny',
        Principal: { AWS: [admin] },
        Action: [
          'kms:CreateGrant',
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyPair',
          'kms:GenerateDataKeyPairWithoutPlaintext',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
        ],
        Resource: '*',
      },
    ];
  })(env);

const MUTATIONS: Mutation[] = [
  [
    ['NB-1'],
    'direct internet access Enabled',
    set('alice-notebook', { directInternetAccess: 'Enabled' }),
    'alice-notebook (NotebookInstance)',
  ],
  [
    ['NB-2'],
    "no security group on bob's notebook",
    set('bob-notebook', { securityGroups: [] }),
    'bob-notebook (NotebookInstance)',
  ],
  [
    ['NB-3'],
    'root access Enabled',
    set('alice-notebook', { rootAccess: 'Enabled' }),
    'alice-notebook (NotebookInstance)',
  ],
  [
    ['NB-4'],
    "the AWS-managed SageMaker key on bob's notebook",
    set('bob-notebook', { kmsKeyId: 'alias/aws/sagemaker' }),
    'bob-notebook (NotebookInstance)',
  ],
  [
    ['NB-5'],
    'IMDSv1 allowed',
    set('alice-notebook', {
      instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '1' },
    }),
    'alice-notebook (NotebookInstance)',
  ],
  [
    ['NB-6'],
    "the Amazon Linux 2 platform on bob's notebook",
    set('bob-notebook', { platformIdentifier: 'notebook-al2-v3' }),
    'bob-notebook (NotebookInstance)',
  ],
  [
    ['NB-7'],
    "an on-create hook that is a placeholder in bob's lifecycle configuration",
    set('bob-lifecycle', { onCreate: encoded('#!/bin/bash\n# TODO: the real setup\n') }),
    'bob-lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    ['NB-8'],
    'the auto-stop never scheduled by the on-start hook',
    autoStopNeverScheduled,
    'alice-lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    ['NB-11'],
    "the owner access policy without its deny of notebooks not tagged as the caller's (sagemaker:* elsewhere opens bob's)",
    statements('owner-access', (all) => all.filter((s) => s['Sid'] !== 'NoOtherNotebook')),
    'owner-access (Policy)',
  ],
  [
    ['NB-11'],
    "the owner access policy's opening deny admitting one more network than ownerSourceCidrs (10.0.0.0/8)",
    statements(
      'owner-access',
      bySid('OpenFromConfiguredNetworksOnly', (s) => ({
        ...s,
        Condition: {
          ...(s['Condition'] as Raw),
          NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/8'] },
        },
      })),
    ),
    'owner-access (Policy)',
  ],
  [
    ['JOB-1', 'IAM-6'],
    "alice's job role without its permissions boundary",
    set('alice-job-role', { permissionsBoundary: undefined }),
    'alice-job-role (Role)',
  ],
  [
    ['JOB-1'],
    "the job role's data key use through S3 made IfExists (the key then works outside S3)",
    statements(
      'alice-job-data-access',
      bySid('UseDataKeyThroughS3', (s) => ({
        ...s,
        Condition: { StringEqualsIfExists: (s['Condition'] as Record<string, Raw>)['StringEquals'] },
      })),
    ),
    'alice-job-role (Role)',
  ],
  [
    ['JOB-1'],
    "alice's job role reaching every notebook's prefix",
    statements(
      'alice-job-data-access',
      bySid('ReadWriteOwnPrefix', (s) => ({ ...s, Resource: String(s['Resource']).replace('/alice/', '/') })),
    ),
    'alice-job-role (Role)',
  ],
  [
    ['NB-12'],
    "alice's execution role reaching every notebook's prefix (a wildcard in place of her id)",
    statements(
      'alice-data-access',
      bySid('ReadWriteOwnPrefix', (s) => ({ ...s, Resource: String(s['Resource']).replace('/alice/', '/') })),
    ),
    'alice-role (Role)',
  ],
  [
    ['NB-12'],
    "alice's own prefix without its closing / (notebooks/alice* also matches notebooks/alice-x/)",
    statements(
      'alice-data-access',
      bySid('ReadWriteOwnPrefix', (s) => ({
        ...s,
        Resource: String(s['Resource']).replace('/alice/*', '/alice*'),
      })),
    ),
    'alice-role (Role)',
  ],
  [
    ['NB-12'],
    "alice's listing without s3:prefix (every notebook's keys)",
    statements(
      'alice-data-access',
      bySid('ListOwnAndSharedPrefixes', (s) => ({ ...s, Condition: undefined })),
    ),
    'alice-role (Role)',
  ],
  [
    ['NB-12'],
    "alice's listing with a StringLike that admits notebooks/*",
    statements(
      'alice-data-access',
      bySid('ListOwnAndSharedPrefixes', (s) => ({
        ...s,
        Condition: { StringLike: { 's3:prefix': ['notebooks/*', 'shared/', 'shared/*'] } },
      })),
    ),
    'alice-role (Role)',
  ],
  [
    ['NB-12'],
    'alice allowed PutObject on shared/',
    statements(
      'alice-data-access',
      bySid('ReadSharedPrefix', (s) => ({ ...s, Action: [...(s['Action'] as string[]), 's3:PutObject'] })),
    ),
    'alice-role (Role)',
  ],
  [
    ['NB-12'],
    "the data bucket's policy allowing alice's role every notebook's objects",
    (env) => {
      const role = byName(env, 'alice-role').inputs;
      const bucket = `arn:aws:s3:::${String(byName(env, 'Bucket:data').inputs['bucket'])}`;
      return addStatement('data-policy', {
        Sid: 'AliceReadsEveryone',
        Effect: 'Allow',
        Principal: {
          AWS: `arn:aws:iam::${accountOf(env)}:role${String(role['path'])}${String(role['name'])}`,
        },
        Action: 's3:GetObject',
        Resource: `${bucket}/notebooks/*`,
      })(env);
    },
    'alice-role (Role)',
  ],
  [
    ['NB-12'],
    "alice's execution role without its own prefix (a lock-out)",
    statements('alice-data-access', (all) => all.filter((s) => s['Sid'] !== 'ReadWriteOwnPrefix')),
    'alice-role (Role)',
  ],
  [
    ['JOB-2'],
    'the job group let out to the endpoints on every port',
    set('network-jobs-to-endpoints', { fromPort: 0, toPort: 65535 }),
    'network-jobs-to-endpoints (SecurityGroupEgressRule)',
  ],
  [
    ['JOB-2'],
    'the job group admitting the notebook group',
    (env) =>
      addResource(
        'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
        'network-jobs-from-notebooks',
        'secure-ml-network',
        {
          description: 'notebooks to jobs',
          ipProtocol: '-1',
          referencedSecurityGroupId: byName(env, 'network-notebook').id,
          securityGroupId: byName(env, 'network-jobs').id,
        },
      )(env),
    'network-jobs-from-notebooks (SecurityGroupIngressRule)',
  ],
  [['JOB-3'], 'no processing-job log group', drop('processing-job-log-group'), 'logging layer'],
  [
    ['JOB-3', 'LOG-10'],
    'the training-job log group kept 30 days',
    set('training-job-log-group', { retentionInDays: 30 }),
    'training-job-log-group (LogGroup)',
  ],
  [
    ['JOB-4'],
    "alice's job-start policy without the security group's Null deny",
    statements('alice-job-start', (all) => all.filter((s) => s['Sid'] !== 'DenyJobWithoutGroup')),
    'alice-role (Role)',
  ],
  [
    ['JOB-4'],
    "bob's subnet pin widened to a wildcard subnet",
    statements(
      'bob-job-start',
      bySid('DenyJobOutsidePrivateSubnets', (s) => ({
        ...s,
        Condition: { 'ForAnyValue:StringNotLike': { 'sagemaker:VpcSubnets': ['subnet-*'] } },
      })),
    ),
    'bob-role (Role)',
  ],
  [
    ['JOB-4'],
    "alice's volume key pinned to a key of another account",
    statements(
      'alice-job-start',
      bySid('DenyJobVolumeNotDataKey', (s) => ({
        ...s,
        Condition: {
          ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': 'arn:aws:kms:eu-west-1:999999999999:key/foreign' },
        },
      })),
    ),
    'alice-role (Role)',
  ],
  [
    ['JOB-4'],
    "alice may pass a second role: bob's job role",
    (env) =>
      statements(
        'alice-job-start',
        bySid('PassOwnJobRoleToSageMaker', (s) => ({
          ...s,
          Resource: [String(s['Resource']), String(s['Resource']).replace('-job-alice', '-job-bob')],
        })),
      )(env),
    'alice-role (Role)',
  ],
  [
    ['JOB-4'],
    "bob's jobs may run without network isolation",
    statements('bob-job-start', (all) => all.filter((s) => !String(s['Sid']).includes('NetworkIsolation'))),
    'bob-role (Role)',
  ],
  [
    ['NB-9'],
    "bob's notebook run as alice's role (her role passes for his notebook, his data under her tag)",
    (env) => {
      const alice = env.resources.find((r) => r.type === T.notebook && r.name === 'alice-notebook');
      return set('bob-notebook', { roleArn: alice?.inputs['roleArn'] })(env);
    },
    'bob-notebook (NotebookInstance)',
  ],
  [
    ['NB-9'],
    "alice's role tagged with bob as its owner",
    (env) => {
      const role = env.resources.find((r) => r.type === T.role && r.name === 'alice-role');
      const tags = (role?.inputs['tags'] ?? {}) as Record<string, string>;
      return set('alice-role', { tags: { ...tags, 'secure-ml:owner': 'bob@example.com' } })(env);
    },
    'alice-role (Role)',
  ],
  [
    ['NB-10', 'NB-11'],
    'the owner access deny of every other notebook dropped, and the allow matched IfExists',
    statements('owner-access', (all) =>
      all
        .filter((s) => s['Sid'] !== 'NoOtherNotebook')
        .map((s) =>
          s['Sid'] === 'OwnNotebookOnly'
            ? {
                ...s,
                Condition: {
                  StringEqualsIfExists: (s['Condition'] as Record<string, Raw>)['StringEquals'],
                },
              }
            : s,
        ),
    ),
    'owner-access (Policy)',
  ],
  [
    ['NB-10', 'NB-11'],
    'opening from anywhere: the network deny dropped from the owner access policy',
    statements('owner-access', (all) => all.filter((s) => s['Sid'] !== 'OpenFromConfiguredNetworksOnly')),
    'owner-access (Policy)',
  ],
  [
    ['NB-10'],
    'the owner may pass every notebook role (the owner tag match dropped from PassRole)',
    statements(
      'owner-access',
      bySid('PassOwnNotebookRoleToStart', (s) => ({
        ...s,
        Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      })),
    ),
    'owner-access (Policy)',
  ],
  [['KMS-1'], 'rotation off', set('data-key', { enableKeyRotation: false }), 'data-key (Key)'],
  [['KMS-2'], 'a seven-day deletion window', set('logs-key', { deletionWindowInDays: 7 }), 'logs-key (Key)'],
  [
    ['KMS-3'],
    'decrypt for everyone',
    addStatement('data-key', {
      Sid: 'Everyone',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
    }),
    'data-key (Key)',
  ],
  [
    ['NB-12', 'KMS-4'],
    'the notebook may decrypt with every key',
    addStatement('alice-data-access', {
      Sid: 'AnyKey',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: '*',
    }),
    'alice-data-access (RolePolicy)',
  ],
  [
    ['KMS-5'],
    "the alarms' key grant inverted to StringNotEquals aws:SourceAccount",
    (env) =>
      statements(
        'logs-key',
        bySid('CloudWatchAlarmsPublishToAlertsTopic', (s) => ({
          ...s,
          Condition: { StringNotEquals: { 'aws:SourceAccount': accountOf(env) } },
        })),
      )(env),
    'logs-key (Key)',
  ],
  [
    ['KMS-6'],
    'kms:Encrypt moved from the cryptographic to the management list',
    encryptMovedToManagement,
    'data-key (Key)',
  ],
  [
    ['NB-12', 'IAM-1'],
    'everything but IAM and KMS on everything',
    addStatement('bob-runtime', {
      Sid: 'Broad',
      Effect: 'Allow',
      NotAction: ['iam:*', 'kms:*'],
      Resource: '*',
    }),
    'bob-runtime (RolePolicy)',
  ],
  [
    ['NB-12', 'IAM-2'],
    'all of S3 on the data buckets',
    addStatement('alice-data-access', {
      Sid: 'AllOfS3',
      Effect: 'Allow',
      Action: 's3:*',
      Resource: 'arn:aws:s3:::sml-*',
    }),
    'alice-data-access (RolePolicy)',
  ],
  [
    ['IAM-3'],
    'the flow-log trust scoped only by ArnLikeIfExists aws:SourceArn',
    statements(
      'flow-logs-role',
      (all) =>
        all.map((s) => ({
          ...s,
          Condition: { ArnLikeIfExists: (s['Condition'] as Record<string, Raw>)['ArnLike'] },
        })),
      'assumeRolePolicy',
    ),
    'flow-logs-role (Role)',
  ],
  [
    ['IAM-4'],
    'AmazonSageMakerFullAccess attached',
    set('bob-role', { managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSageMakerFullAccess'] }),
    'bob-role (Role)',
  ],
  [
    ['JOB-4', 'IAM-5'],
    'PassRole to StringLike iam:PassedToService * (alice may then pass any role, her job role to any service: JOB-4 too)',
    addStatement('alice-runtime', {
      Sid: 'PassAnywhere',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: 'arn:aws:iam::*:role/*',
      Condition: { StringLike: { 'iam:PassedToService': '*' } },
    }),
    'alice-runtime (RolePolicy)',
  ],
  [
    ['IAM-6'],
    'no permissions boundary',
    set('alice-role', { permissionsBoundary: undefined }),
    'alice-role (Role)',
  ],
  [
    ['IAM-6'],
    "no permissions boundary on bob's role",
    set('bob-role', { permissionsBoundary: undefined }),
    'bob-role (Role)',
  ],
  [
    ['IAM-7'],
    'the guardrail no longer denies root access',
    statements('notebook-guardrail', (all) => all.filter((s) => !String(s['Sid']).includes('RootAccess'))),
    'notebook-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    'the root-access deny that never fires: StringNotEquals on both values',
    statements(
      'notebook-guardrail',
      bySid('DenyRootAccess', (s) => ({
        ...s,
        Condition: { StringNotEquals: { 'sagemaker:RootAccess': ['Disabled', 'Enabled'] } },
      })),
    ),
    'notebook-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    "the direct-internet deny's Resource narrowed to the environment's notebook names",
    statements(
      'notebook-guardrail',
      bySid('DenyDirectInternetAccess', (s) => ({
        ...s,
        Resource: 'arn:aws:sagemaker:*:*:notebook-instance/sml-*',
      })),
    ),
    'notebook-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    'the foreign-subnet deny with one more ANDed condition that never holds',
    statements(
      'notebook-guardrail',
      bySid('DenyForeignSubnet', (s) => ({
        ...s,
        Condition: { ...(s['Condition'] as Raw), StringEquals: { 'aws:PrincipalTag/guardrail': 'enforced' } },
      })),
    ),
    'notebook-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    'the SCP document no longer denies IMDSv1',
    scpStatements((all) => all.filter((s) => s['Sid'] !== 'DenyImdsV1')),
    'guardrail layer',
  ],
  [
    ['IAM-7'],
    'the identity-provider deny without UpdateSAMLProvider (a person swaps the SAML metadata and signs any owner in)',
    statements(
      'job-guardrail',
      bySid('DenyIdentityProviderWrites', (s) => ({
        ...s,
        Action: (s['Action'] as string[]).filter((a) => a !== 'iam:UpdateSAMLProvider'),
      })),
    ),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    'the identity-provider writes matched by a pattern of SAML only (iam:*SAMLProvider: every OIDC write left open)',
    statements(
      'job-guardrail',
      bySid('DenyIdentityProviderWrites', (s) => ({ ...s, Action: 'iam:*SAMLProvider' })),
    ),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    "the session-tag deny sparing every role, not only IAM Identity Center's (NotResource role/*)",
    statements(
      'notebook-guardrail',
      bySid('DenyOwnerSessionTags', (s) => ({ ...s, NotResource: 'arn:aws:iam::*:role/*' })),
    ),
    'notebook-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    'the session-tag deny without its Identity Center exemption (owners signing in through the portal may be refused)',
    statements(
      'notebook-guardrail',
      bySid('DenyOwnerSessionTags', ({ NotResource: _spared, ...s }) => ({ ...s, Resource: '*' })),
    ),
    'notebook-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    "the reserved-role deny narrowed to one region's Identity Center path (a role made under the global path is spared)",
    statements(
      'job-guardrail',
      bySid('DenyReservedRoleWrites', (s) => ({
        ...s,
        Resource: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/eu-west-1/*',
      })),
    ),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    'the SCP without the reserved-role deny',
    scpStatements((all) => all.filter((s) => s['Sid'] !== 'DenyReservedRoleWrites')),
    'guardrail layer',
  ],
  [
    ['IAM-7'],
    "the guardrail's opening deny admitting one more network than ownerSourceCidrs (10.0.0.0/8)",
    statements(
      'job-guardrail',
      bySid('DenyOpeningOutsideNetworks', (s) => ({
        ...s,
        Condition: { NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/8'] } },
      })),
    ),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    "the guardrail's opening deny only when the request carries aws:SourceIp (Null false): any endpoint opens",
    statements(
      'job-guardrail',
      bySid('DenyOpeningOutsideNetworks', (s) => ({
        ...s,
        Condition: {
          NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24'] },
          Null: { 'aws:SourceIp': 'false' },
        },
      })),
    ),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    "the guardrail's opening deny naming no network while the notebook layer names one (owners locked out)",
    statements(
      'job-guardrail',
      bySid('DenyOpeningOutsideNetworks', ({ Condition: _networks, ...s }) => s),
    ),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    'the SCP without the opening deny',
    scpStatements((all) => all.filter((s) => s['Sid'] !== 'DenyOpeningOutsideNetworks')),
    'guardrail layer',
  ],
  [
    ['IAM-7'],
    'the owner-principal deny admitting every role of the account (a role trusting an outside account, tagged there, opens any notebook)',
    statements(
      'job-guardrail',
      bySid('DenyOwnersOutsideOwnerRoles', (s) => ({
        ...s,
        Condition: {
          Null: { 'aws:PrincipalTag/secure-ml:owner': 'false' },
          ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/*'] },
        },
      })),
    ),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    'the owner-principal deny held only for untagged callers (Null true): it never holds for a forged owner',
    statements(
      'job-guardrail',
      bySid('DenyOwnersOutsideOwnerRoles', (s) => ({
        ...s,
        Condition: { ...(s['Condition'] as Raw), Null: { 'aws:PrincipalTag/secure-ml:owner': 'true' } },
      })),
    ),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    "the SCP's owner-principal deny without the notebook role path (each notebook's idle auto-stop refused)",
    scpStatements(
      bySid('DenyOwnersOutsideOwnerRoles', (s) => {
        const condition = s['Condition'] as Record<string, Record<string, string[]>>;
        const principals = condition['ArnNotLike']?.['aws:PrincipalArn'] ?? [];
        return {
          ...s,
          Condition: {
            ...condition,
            ArnNotLike: { 'aws:PrincipalArn': principals.filter((p) => !p.includes('/notebooks/')) },
          },
        };
      }),
    ),
    'guardrail layer',
  ],
  [
    ['IAM-7'],
    'the SCP without the owner-principal deny',
    scpStatements((all) => all.filter((s) => s['Sid'] !== 'DenyOwnersOutsideOwnerRoles')),
    'guardrail layer',
  ],
  [
    ['IAM-7'],
    'the role-trust deny on the notebook roles only (a person creates a role under the owner path, or re-trusts an owner role)',
    statements(
      'job-guardrail',
      bySid('DenyOwnerAndNotebookRoleTrusts', (s) => ({
        ...s,
        Resource: (s['Resource'] as string[]).filter((r) => !r.includes('/owners/')),
      })),
    ),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    "the job guardrail without the security group's Null deny",
    statements('job-guardrail', (all) => all.filter((s) => s['Sid'] !== 'DenyJobWithoutGroup')),
    'job-guardrail (Policy)',
  ],
  [
    ['IAM-7'],
    "the SCP's job subnet pin exempting an administrator role",
    scpStatements(
      bySid('DenyJobOutsidePrivateSubnets', (s) => ({
        ...s,
        Condition: {
          ...(s['Condition'] as Raw),
          ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/Admin'] },
        },
      })),
    ),
    'guardrail layer',
  ],
  [
    ['NET-1'],
    'the default security group allows all egress',
    (env) =>
      set('network-default-sg', {
        egress: [
          {
            protocol: '-1',
            fromPort: 0,
            toPort: 0,
            cidrBlocks: [String(byName(env, 'network-vpc').inputs['cidrBlock'])],
          },
        ],
      })(env),
    'network-default-sg (DefaultSecurityGroup)',
  ],
  [
    ['NET-2'],
    'public IPs on launch',
    set('Subnet:network-private-1', { mapPublicIpOnLaunch: true }),
    'network-private-1 (Subnet)',
  ],
  [
    ['NET-3'],
    'a NAT gateway while egress is off',
    (env) => ({
      ...env,
      resources: [
        ...env.resources,
        {
          ...byName(env, 'network-vpc'),
          type: T.nat,
          name: 'network-nat',
          urn: 'urn:pulumi:x::secure-ml-network::aws:ec2/natGateway:NatGateway::network-nat',
          inputs: { subnetId: 'subnet-x' },
        },
      ],
    }),
    'network-nat (NatGateway)',
  ],
  [
    ['NET-4'],
    'HTTPS to the whole internet instead of the S3 prefix list',
    set('network-notebook-to-s3', { prefixListId: undefined, cidrIpv4: '0.0.0.0/0' }),
    'network-notebook-to-s3 (SecurityGroupEgressRule)',
  ],
  [
    ['NET-5'],
    'a rule without description',
    set('network-notebook-to-s3', { description: undefined }),
    'network-notebook-to-s3 (SecurityGroupEgressRule)',
  ],
  [
    ['NET-6'],
    'private DNS off on sts',
    set('network-vpce-sts', { privateDnsEnabled: false }),
    'network-vpce-sts (VpcEndpoint)',
  ],
  [
    ['NET-7'],
    'StringEquals aws:PrincipalAccount turned into StringLike *',
    statements(
      'network-vpce-sts',
      bySid('OnlyPrincipalsOfThisAccount', (s) => ({
        ...s,
        Condition: { StringLike: { 'aws:PrincipalAccount': '*' } },
      })),
    ),
    'network-vpce-sts (VpcEndpoint)',
  ],
  [
    ['NET-7'],
    "the S3 endpoint's data-bucket statement without aws:ResourceAccount (its name pattern matches anyone's bucket)",
    statements(
      'network-vpce-s3',
      bySid('EnvironmentDataBuckets', (s) => {
        const equals = { ...((s['Condition'] as Raw)['StringEquals'] as Raw) };
        delete equals['aws:ResourceAccount'];
        return { ...s, Condition: { StringEquals: equals } };
      }),
    ),
    'network-vpce-s3 (VpcEndpoint)',
  ],
  [
    ['NET-8'],
    "the subnets' ACL open to all protocols and ports outbound",
    (env) =>
      set('network-private-acl', {
        egress: [
          ...(byName(env, 'network-private-acl').inputs['egress'] as Raw[]),
          { ruleNo: 300, action: 'allow', protocol: '-1', cidrBlock: '0.0.0.0/0', fromPort: 0, toPort: 0 },
        ],
      })(env),
    'network-private-acl (NetworkAcl)',
  ],
  [
    ['NET-8'],
    'SSH from anywhere admitted by the ACL',
    (env) =>
      set('network-private-acl', {
        ingress: [
          ...(byName(env, 'network-private-acl').inputs['ingress'] as Raw[]),
          { ruleNo: 300, action: 'allow', protocol: 'tcp', cidrBlock: '0.0.0.0/0', fromPort: 22, toPort: 22 },
        ],
      })(env),
    'network-private-acl (NetworkAcl)',
  ],
  [['LOG-1'], 'a single-region trail', set('trail', { isMultiRegionTrail: false }), 'trail (Trail)'],
  [
    ['LOG-2'],
    'the AWS-managed CloudTrail key',
    set('trail', { kmsKeyId: 'alias/aws/cloudtrail' }),
    'trail (Trail)',
  ],
  [['LOG-3'], 'log file validation off', set('trail', { enableLogFileValidation: false }), 'trail (Trail)'],
  [
    ['LOG-4'],
    'no delivery to CloudWatch Logs',
    set('trail', { cloudWatchLogsRoleArn: undefined }),
    'trail (Trail)',
  ],
  [
    ['LOG-5'],
    'the trail bucket readable by anyone',
    (env) =>
      addStatement('trail-bucket-policy', {
        Sid: 'PublicRead',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${String(byName(env, 'trail-bucket').inputs['bucket'])}/*`,
      })(env),
    'trail-bucket (Bucket)',
  ],
  [
    ['LOG-6', 'S3-5'],
    'the trail bucket without access logging',
    drop('trail-bucket-access-logs'),
    'trail-bucket (Bucket)',
  ],
  [
    ['LOG-7'],
    'no data events of the data bucket',
    (env) =>
      set('trail', {
        advancedEventSelectors: (byName(env, 'trail').inputs['advancedEventSelectors'] as Raw[]).slice(0, 1),
      })(env),
    'trail (Trail)',
  ],
  [
    ['LOG-8'],
    'the root-usage pattern with an extra clause',
    (env) =>
      set('cis-RootAccountUsage', {
        pattern: `${String(byName(env, 'cis-RootAccountUsage').inputs['pattern']).slice(0, -1)} && $.sourceIPAddress != "203.0.113.7"}`,
      })(env),
    'logging layer',
  ],
  [
    ['LOG-9'],
    'an alarm with actions disabled',
    set('cis-RootAccountUsage-alarm', { actionsEnabled: false }),
    'cis-RootAccountUsage-alarm (MetricAlarm)',
  ],
  [
    ['LOG-10'],
    'thirty days of trail logs',
    set('trail-log-group', { retentionInDays: 30 }),
    'trail-log-group (LogGroup)',
  ],
  [
    ['LOG-11'],
    'an unencrypted trail log group',
    set('trail-log-group', { kmsKeyId: undefined }),
    'trail-log-group (LogGroup)',
  ],
  [
    ['LOG-12'],
    'flow logs of accepted traffic only',
    set('vpc-flow-logs', { trafficType: 'ACCEPT' }),
    'vpc-flow-logs (FlowLog)',
  ],
  [
    ['LOG-13'],
    'the AWS-managed SNS key',
    set('alerts', { kmsMasterKeyId: 'alias/aws/sns' }),
    'alerts (Topic)',
  ],
  [
    ['LOG-14'],
    'the SageMaker log group left to SageMaker',
    drop('notebook-log-group'),
    '/aws/sagemaker/NotebookInstances',
  ],
  [
    ['LOG-15'],
    "the alarm topic policy's aws:SourceArn dropped",
    statements(
      'alerts-policy',
      bySid('CloudWatchAlarmsPublish', (s) => {
        const { ArnLike: _dropped, ...rest } = s['Condition'] as Record<string, Raw>;
        return { ...s, Condition: rest };
      }),
    ),
    'alerts-policy (TopicPolicy)',
  ],
  [
    ['S3-1'],
    'public policies allowed on the data bucket',
    set('data-public-access', { blockPublicPolicy: false }),
    'data (Bucket)',
  ],
  [
    ['S3-2'],
    'the TLS deny only for other accounts',
    (env) =>
      statements(
        'data-policy',
        bySid('DenyInsecureTransport', (s) => ({
          ...s,
          Condition: {
            ...(s['Condition'] as Raw),
            StringNotEquals: { 'aws:PrincipalAccount': accountOf(env) },
          },
        })),
      )(env),
    'data (Bucket)',
  ],
  [
    ['S3-3'],
    'versioning suspended',
    set('data-versioning', { versioningConfiguration: { status: 'Suspended' } }),
    'data (Bucket)',
  ],
  [
    ['S3-4'],
    'SSE-S3 on the data bucket',
    set('data-encryption', { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] }),
    'data (Bucket)',
  ],
  [['S3-5'], 'no access logging of the data bucket', drop('data-logging'), 'data (Bucket)'],
  [
    ['S3-6'],
    'ACLs enabled',
    set('data-ownership', { rule: { objectOwnership: 'ObjectWriter' } }),
    'data (Bucket)',
  ],
  [
    ['S3-7'],
    'the perimeter deny neutered by one more ANDed condition that never holds',
    statements(
      'data-policy',
      bySid('DenyOutsideVpcEndpoint', (s) => ({
        ...s,
        Condition: { ...(s['Condition'] as Raw), StringEquals: { 'aws:PrincipalTag/perimeter': 'enforced' } },
      })),
    ),
    'data (Bucket)',
  ],
  [['S3-8'], 'the data bucket with forceDestroy', set('data', { forceDestroy: true }), 'data (Bucket)'],
  [
    ['DUR-1'],
    "[33] prod's data bucket and trail lose protect (and the log buckets retainOnDelete)",
    (env) =>
      ['data', 'trail', 'trail-bucket'].reduce(
        (e, name) =>
          replace(e, name, (r) => ({
            ...r,
            options: { ...r.options, protect: false, retainOnDelete: false },
          })),
        env,
      ),
    'data (Bucket)',
    ['prod'],
  ],
];

describe('the mutation table', () => {
  it('has 103 edits and at least one for every control', () => {
    expect(MUTATIONS).toHaveLength(103);
    const covered = new Set(MUTATIONS.flatMap(([ids]) => ids));
    expect(CONTROLS.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});

describeMutations(MUTATIONS);
