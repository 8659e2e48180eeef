/**
 * A compliant environment built by hand, without the layers: the smallest set of resources, in all four layers,
 * that satisfies every control. Violating cases are this environment with one thing changed.
 */
import { CONTROLS } from '../src/controls';
import { CIS_PATTERNS } from './cis-patterns';
import { evaluateControl } from '../src/evaluate';
import type { ControlResult, Env, Layer, PostureSettings, Res } from '../src/model';
import { DEFAULT_SETTINGS } from '../src/model';
import { T } from '../src/resources';
import { jobGround, JOB_GUARDRAIL, JOB_SG, NOTEBOOK_DATA_STATEMENTS, S3_PREFIX_LIST } from './job-fixtures';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const DATA_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/key-data`;
export const LOGS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/key-logs`;
export const DATA_BUCKET = `sml-dev-data-${ACCOUNT}-${REGION}`;
export const TRAIL_BUCKET = `sml-dev-trail-${ACCOUNT}-${REGION}`;
export const ACCESS_LOG_BUCKET = `sml-dev-access-logs-${ACCOUNT}-${REGION}`;
export const TRAIL_GROUP = '/secure-ml/sml-dev/cloudtrail';
export const FLOW_GROUP = '/secure-ml/sml-dev/vpc-flow-logs';
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:sml-dev-alerts`;
export const S3_ENDPOINT = 'vpce-s3gateway';
export const KEY_ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;

/**
 * A hook as the notebook layer generates it: each file unpacked with a quoted heredoc, then the main one run.
 * Written out here, independently of packages/notebook/src/lifecycle/bundle.ts.
 */
export function bundleOf(files: Readonly<Record<string, string>>, main: string): string {
  return [
    '#!/bin/bash',
    'set -euo pipefail',
    'SECURE_ML_PAYLOAD="$(mktemp -d)"',
    ...Object.entries(files).flatMap(([name, content]) => [
      `cat >"$SECURE_ML_PAYLOAD/${name}" <<'SECURE_ML_PAYLOAD_EOF'`,
      content.replace(/\n$/, ''),
      'SECURE_ML_PAYLOAD_EOF',
    ]),
    `bash "$SECURE_ML_PAYLOAD/${main}"`,
    '',
  ].join('\n');
}

/** Stops the instance once it has been idle long enough. */
export const AUTO_STOP = [
  '#!/bin/bash',
  'set -euo pipefail',
  'idle=$(curl --silent https://localhost:8443/api/status)',
  'if [ "$idle" -ge "$SECURE_ML_IDLE_MINUTES" ]; then',
  '  aws sagemaker stop-notebook-instance --notebook-instance-name "$SECURE_ML_NOTEBOOK_NAME"',
  'fi',
  '',
].join('\n');
/** Schedules the auto-stop every five minutes. */
export const START_SCRIPT = [
  '#!/bin/bash',
  'set -euo pipefail',
  'cp "$SECURE_ML_PAYLOAD/auto-stop.sh" /usr/local/bin/auto-stop.sh',
  "echo '*/5 * * * * /usr/local/bin/auto-stop.sh' | crontab -",
  '',
].join('\n');
export const ON_START = bundleOf({ 'auto-stop.sh': AUTO_STOP, 'on-start.sh': START_SCRIPT }, 'on-start.sh');
export const ON_CREATE = [
  '#!/bin/bash',
  'set -euo pipefail',
  'mkdir -p /home/ec2-user/SageMaker/data',
  '',
].join('\n');
/** What the notebook layer does with a script: the settings exported in front of it. */
export const hookOf = (script: string, idle = '60') =>
  Buffer.from(`#!/bin/bash\nexport SECURE_ML_IDLE_MINUTES='${idle}'\n${script}`).toString('base64');

export function res(
  layer: Layer,
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: { id?: string; protect?: boolean; dependsOn?: string[] } = {},
): Res {
  return {
    type,
    name,
    urn: `urn:pulumi:dev::secure-ml-${layer}::${type}::${name}`,
    ...(extra.id ? { id: extra.id } : {}),
    inputs,
    options: { protect: extra.protect ?? false, dependsOn: extra.dependsOn ?? [] },
    layer,
  };
}

const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/secure-ml/sml-dev-boundary`;
const sourceAccount = { StringEquals: { 'aws:SourceAccount': ACCOUNT } };
const trust = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        Condition: sourceAccount,
      },
    ],
  });
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const tlsOnly = (bucket: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

function keys(): Res[] {
  const root = {
    Sid: 'AccountRoot',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
  const key = (name: string, id: string, ...extra: object[]) =>
    res(
      'security',
      T.key,
      name,
      { enableKeyRotation: true, deletionWindowInDays: 30, policy: JSON.stringify(doc(root, ...extra)) },
      { id },
    );
  return [
    key(
      'data-key',
      'key-data',
      {
        Sid: 'KeyAdministratorsManage',
        Effect: 'Allow',
        Principal: { AWS: [KEY_ADMIN] },
        Action: ['kms:DescribeKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'],
        Resource: '*',
      },
      {
        Sid: 'KeyAdministratorsNeverUse',
        Effect: 'Deny',
        Principal: { AWS: [KEY_ADMIN] },
        Action: [
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
        ],
        Resource: '*',
      },
    ),
    key(
      'logs-key',
      'key-logs',
      {
        Sid: 'CloudWatchLogs',
        Effect: 'Allow',
        Principal: { Service: `logs.${REGION}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*` },
        },
      },
      {
        Sid: 'CloudTrail',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: sourceAccount,
      },
      {
        Sid: 'CloudWatchAlarms',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: sourceAccount,
      },
    ),
  ];
}

export const LIFECYCLE_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance-lifecycle-config/sml-dev-lifecycle`;
const CREATE = 'sagemaker:CreateNotebookInstance';
const UPDATE = 'sagemaker:UpdateNotebookInstance';
const denyIf = (Sid: string, Action: string | string[], Condition?: Record<string, unknown>) => ({
  Sid,
  Effect: 'Deny',
  Action,
  Resource: '*',
  ...(Condition ? { Condition } : {}),
});
/** A guardrail with every pin of IAM-7, written independently of packages/guardrail (other Sids, merged actions). */
export const GUARDRAIL = doc(
  denyIf('NoInternet', CREATE, { StringNotEquals: { 'sagemaker:DirectInternetAccess': 'Disabled' } }),
  denyIf('NoRoot', CREATE, { StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' } }),
  denyIf('NoRootLater', UPDATE, {
    StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' },
    Null: { 'sagemaker:RootAccess': 'false' },
  }),
  denyIf('OwnSubnets', CREATE, {
    'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': ['subnet-a', 'subnet-b'] },
  }),
  denyIf('SomeSubnet', CREATE, { Null: { 'sagemaker:VpcSubnets': 'true' } }),
  denyIf('OwnGroup', CREATE, {
    'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': 'sg-notebook' },
  }),
  denyIf('SomeGroup', CREATE, { Null: { 'sagemaker:VpcSecurityGroupIds': 'true' } }),
  denyIf('OwnLifecycle', [CREATE, UPDATE], {
    'ForAnyValue:ArnNotEquals': { 'sagemaker:NotebookInstanceLifecycleConfigArns': LIFECYCLE_ARN },
  }),
  denyIf('SomeLifecycle', CREATE, { Null: { 'sagemaker:NotebookInstanceLifecycleConfigArns': 'true' } }),
  denyIf('Imds2', CREATE, { StringNotEquals: { 'sagemaker:MinimumInstanceMetadataServiceVersion': '2' } }),
  denyIf('Imds2Later', UPDATE, {
    StringNotEquals: { 'sagemaker:MinimumInstanceMetadataServiceVersion': '2' },
    Null: { 'sagemaker:MinimumInstanceMetadataServiceVersion': 'false' },
  }),
  denyIf('Encrypted', CREATE, { ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': DATA_KEY } }),
  denyIf('Types', [CREATE, UPDATE], {
    'ForAnyValue:StringNotEquals': { 'sagemaker:InstanceTypes': ['ml.t3.medium', 'ml.m5.xlarge'] },
  }),
  // No person writes a notebook or a lifecycle configuration, nor passes a notebook role but their own.
  denyIf('NoPeopleWrites', [
    CREATE,
    UPDATE,
    'sagemaker:DeleteNotebookInstance',
    'sagemaker:CreateNotebookInstanceLifecycleConfig',
    'sagemaker:UpdateNotebookInstanceLifecycleConfig',
    'sagemaker:DeleteNotebookInstanceLifecycleConfig',
  ]),
  {
    Sid: 'OwnRoleOnly',
    Effect: 'Deny',
    Action: 'iam:PassRole',
    Resource: `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/*`,
    Condition: {
      StringNotEquals: { 'iam:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' },
    },
  },
  {
    Sid: 'TaggedCallersOnly',
    Effect: 'Deny',
    Action: 'iam:PassRole',
    Resource: `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/*`,
    Condition: { Null: { 'aws:PrincipalTag/secure-ml:owner': 'true' } },
  },
  // A person opens, starts and stops only their own notebook (here without a default value: the Null deny
  // beside it covers the untagged caller).
  {
    Sid: 'OwnNotebookOnly',
    Effect: 'Deny',
    Action: [
      'sagemaker:StartNotebookInstance',
      'sagemaker:StopNotebookInstance',
      'sagemaker:CreatePresignedNotebookInstanceUrl',
      'sagemaker:DescribeNotebookInstance',
    ],
    Resource: `arn:aws:sagemaker:*:${ACCOUNT}:notebook-instance/*`,
    Condition: {
      StringNotEquals: { 'aws:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' },
    },
  },
  {
    Sid: 'TaggedUsersOnly',
    Effect: 'Deny',
    Action: [
      'sagemaker:StartNotebookInstance',
      'sagemaker:StopNotebookInstance',
      'sagemaker:CreatePresignedNotebookInstanceUrl',
      'sagemaker:DescribeNotebookInstance',
    ],
    Resource: `arn:aws:sagemaker:*:${ACCOUNT}:notebook-instance/*`,
    Condition: { Null: { 'aws:PrincipalTag/secure-ml:owner': 'true' } },
  },
  // Only the deployment writes the owner tag; a session gets it from SAML federation only.
  denyIf(
    'OwnerTagByDeployOnly',
    [
      'iam:TagRole',
      'iam:UntagRole',
      'iam:TagUser',
      'iam:UntagUser',
      'iam:CreateRole',
      'iam:CreateUser',
      'sagemaker:AddTags',
      'sagemaker:DeleteTags',
    ],
    { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': 'secure-ml:owner' } },
  ),
  {
    Sid: 'OwnerSessionTagBySamlOnly',
    Effect: 'Deny',
    Action: 'sts:TagSession',
    NotResource: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*',
    Condition: {
      'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': 'secure-ml:owner' },
      Null: { 'saml:aud': 'true' },
    },
  },
  // Whoever writes an identity provider signs the owner session tag; nobody else makes an Identity Center role.
  denyIf('NoProviderWrites', [
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
  ]),
  {
    Sid: 'NoReservedRoles',
    Effect: 'Deny',
    Action: ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy'],
    Resource: 'arn:aws:iam::*:role/aws-reserved/*',
  },
  // Owner-tagged sessions only from Identity Center's roles and the owner role path; their trusts the deployment's.
  {
    Sid: 'OwnersFromOwnerRolesOnly',
    Effect: 'Deny',
    Action: [
      'iam:PassRole',
      'sagemaker:CreatePresignedNotebookInstanceUrl',
      'sagemaker:DescribeNotebookInstance',
      'sagemaker:StartNotebookInstance',
      'sagemaker:StopNotebookInstance',
    ],
    Resource: [
      `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/*`,
      `arn:aws:sagemaker:*:${ACCOUNT}:notebook-instance/*`,
    ],
    Condition: {
      Null: { 'aws:PrincipalTag/secure-ml:owner': 'false' },
      ArnNotLike: {
        'aws:PrincipalArn': [
          `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/*`,
          `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/owners/*`,
          `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/*`,
        ],
      },
    },
  },
  {
    Sid: 'RoleTrustsByDeployOnly',
    Effect: 'Deny',
    Action: ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy'],
    Resource: [
      `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/owners/*`,
      `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/*`,
    ],
  },
  // Opening from the configured network only (the notebook layer's ownerSourceCidrs; no notebook endpoint).
  denyIf('OpenFromOfficeOnly', 'sagemaker:CreatePresignedNotebookInstanceUrl', {
    NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24'] },
  }),
  // A notebook execution role goes to a notebook instance only, when the request names the resource.
  {
    Sid: 'NotebookRoleToNotebooks',
    Effect: 'Deny',
    Action: 'iam:PassRole',
    Resource: `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-notebook-*`,
    Condition: {
      ArnNotLike: { 'iam:AssociatedResourceArn': `arn:aws:sagemaker:*:${ACCOUNT}:notebook-instance/*` },
      Null: { 'iam:AssociatedResourceArn': 'false' },
    },
  },
);
/** The statements the SCP exempts the deployment role from. */
export const DEPLOYMENT_ONLY_SIDS = [
  'NoPeopleWrites',
  'OwnRoleOnly',
  'TaggedCallersOnly',
  'OwnNotebookOnly',
  'TaggedUsersOnly',
  'OwnerTagByDeployOnly',
  'RoleTrustsByDeployOnly',
];
/** The SCP form: the same denies, the deployment role exempt from the deployment-only ones. */
export const GUARDRAIL_SCP = doc(
  ...GUARDRAIL.Statement.map((s) => {
    const st = s as { Sid: string; Condition?: Record<string, unknown> };
    return DEPLOYMENT_ONLY_SIDS.includes(st.Sid)
      ? {
          ...st,
          Condition: {
            ...st.Condition,
            ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/deployer` },
          },
        }
      : s;
  }),
);

function guardrail(): Res[] {
  return [
    res('guardrail', T.policy, 'guardrail', { name: 'sml-dev-guardrail', policy: JSON.stringify(GUARDRAIL) }),
  ];
}

function security(): Res[] {
  return [
    ...keys(),
    res('security', T.policy, 'notebook-boundary', {
      name: 'sml-dev-boundary',
      path: '/secure-ml/',
      policy: JSON.stringify(
        doc(
          {
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource: `arn:aws:s3:::${DATA_BUCKET}/*`,
          },
          { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: DATA_KEY },
        ),
      ),
    }),
    res('security', T.role, 'trail-delivery', {
      name: 'sml-dev-trail-delivery',
      assumeRolePolicy: trust('cloudtrail.amazonaws.com'),
      inlinePolicies: [
        {
          name: 'deliver',
          policy: JSON.stringify(
            doc({
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${TRAIL_GROUP}:*`,
            }),
          ),
        },
      ],
    }),
    res('security', T.role, 'flow-logs', {
      name: 'sml-dev-flow-logs',
      assumeRolePolicy: trust('vpc-flow-logs.amazonaws.com'),
    }),
  ];
}

const accountOnly = (service: string) =>
  JSON.stringify(
    doc({
      Effect: 'Allow',
      Principal: '*',
      Action: `${service}:*`,
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
    }),
  );

/** The S3 gateway's policy: this account's principals, on the environment's data buckets only (NET-7). */
const DATA_BUCKETS_ONLY = JSON.stringify(
  doc({
    Effect: 'Allow',
    Principal: '*',
    Action: ['s3:ListBucket', 's3:GetObject', 's3:PutObject'],
    Resource: ['arn:aws:s3:::sml-dev-data-*', 'arn:aws:s3:::sml-dev-data-*/*'],
    Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:ResourceAccount': ACCOUNT } },
  }),
);

function network(): Res[] {
  const subnets = ['subnet-a', 'subnet-b'];
  return [
    res('network', T.vpc, 'vpc', { cidrBlock: '10.20.0.0/16' }, { id: 'vpc-0001' }),
    res('network', T.defaultSg, 'default-sg', { vpcId: 'vpc-0001', ingress: [], egress: [] }),
    res('network', T.defaultNacl, 'default-acl', {
      defaultNetworkAclId: 'acl-default',
      ingress: [],
      egress: [],
    }),
    res('network', T.nacl, 'private-acl', {
      vpcId: 'vpc-0001',
      subnetIds: subnets,
      ingress: [
        { ruleNo: 100, action: 'allow', protocol: '-1', cidrBlock: '10.20.0.0/16', fromPort: 0, toPort: 0 },
        {
          ruleNo: 200,
          action: 'allow',
          protocol: 'tcp',
          cidrBlock: '0.0.0.0/0',
          fromPort: 1024,
          toPort: 3388,
        },
        {
          ruleNo: 210,
          action: 'allow',
          protocol: 'tcp',
          cidrBlock: '0.0.0.0/0',
          fromPort: 3390,
          toPort: 65535,
        },
      ],
      egress: [
        { ruleNo: 100, action: 'allow', protocol: '-1', cidrBlock: '10.20.0.0/16', fromPort: 0, toPort: 0 },
        { ruleNo: 200, action: 'allow', protocol: 'tcp', cidrBlock: '0.0.0.0/0', fromPort: 443, toPort: 443 },
      ],
    }),
    ...subnets.map((s) =>
      res('network', T.subnet, s, { vpcId: 'vpc-0001', mapPublicIpOnLaunch: false }, { id: s }),
    ),
    res(
      'network',
      T.sg,
      'notebook-sg',
      { description: 'Notebook instances: no ingress', vpcId: 'vpc-0001' },
      { id: 'sg-notebook' },
    ),
    res(
      'network',
      T.sg,
      'endpoint-sg',
      { description: 'Interface endpoints: 443 from notebooks', vpcId: 'vpc-0001' },
      { id: 'sg-endpoints' },
    ),
    res('network', T.ingressRule, 'endpoint-in', {
      securityGroupId: 'sg-endpoints',
      referencedSecurityGroupId: 'sg-notebook',
      fromPort: 443,
      toPort: 443,
      ipProtocol: 'tcp',
      description: 'HTTPS from notebooks',
    }),
    res('network', T.egressRule, 'notebook-out', {
      securityGroupId: 'sg-notebook',
      referencedSecurityGroupId: 'sg-endpoints',
      fromPort: 443,
      toPort: 443,
      ipProtocol: 'tcp',
      description: 'HTTPS to endpoints',
    }),
    ...['sagemaker.api', 'sagemaker.runtime', 'sts', 'logs', 'monitoring', 'kms'].map((s) =>
      res('network', T.endpoint, `vpce-${s}`, {
        serviceName: `com.amazonaws.${REGION}.${s}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: subnets,
        policy: accountOnly(s.split('.')[0] ?? s),
      }),
    ),
    res(
      'network',
      T.endpoint,
      'vpce-s3',
      { serviceName: `com.amazonaws.${REGION}.s3`, vpcEndpointType: 'Gateway', policy: DATA_BUCKETS_ONLY },
      { id: S3_ENDPOINT },
    ),
  ];
}

/** A bucket with every setting the S3 controls ask for. */
export function secureBucket(
  layer: Layer,
  name: string,
  bucket: string,
  opts: { sse: 'kms' | 'aes'; logTo?: string; policy?: object[] },
): Res[] {
  const by =
    opts.sse === 'kms'
      ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: layer === 'notebook' ? DATA_KEY : LOGS_KEY }
      : { sseAlgorithm: 'AES256' };
  return [
    res(layer, T.bucket, name, { bucket }, { id: bucket }),
    res(layer, T.publicAccessBlock, `${name}-pab`, {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    res(layer, T.bucketPolicy, `${name}-policy`, {
      bucket,
      policy: JSON.stringify(doc(tlsOnly(bucket), ...(opts.policy ?? []))),
    }),
    res(layer, T.versioning, `${name}-versioning`, {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
    }),
    res(layer, T.encryption, `${name}-sse`, {
      bucket,
      rules: [{ applyServerSideEncryptionByDefault: by, bucketKeyEnabled: true }],
    }),
    res(layer, T.ownership, `${name}-ownership`, {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    }),
    res(layer, T.lifecycleRules, `${name}-lifecycle`, {
      bucket,
      rules: [{ id: 'noncurrent', status: 'Enabled', noncurrentVersionExpiration: { noncurrentDays: 90 } }],
    }),
    ...(opts.logTo
      ? [
          res(layer, T.logging, `${name}-logging`, {
            bucket,
            targetBucket: opts.logTo,
            targetPrefix: `${bucket}/`,
          }),
        ]
      : []),
  ];
}

const logGroup = (name: string, groupName: string) =>
  res(
    'logging',
    T.logGroup,
    name,
    { name: groupName, retentionInDays: 365, kmsKeyId: LOGS_KEY },
    { id: groupName },
  );

function logging(): Res[] {
  const trailPolicy = [
    {
      Sid: 'CloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${TRAIL_BUCKET}/AWSLogs/${ACCOUNT}/*`,
      Condition: sourceAccount,
    },
  ];
  return [
    logGroup('trail-group', TRAIL_GROUP),
    logGroup('flow-group', FLOW_GROUP),
    logGroup('notebook-group', '/aws/sagemaker/NotebookInstances'),
    ...secureBucket('logging', 'access-logs', ACCESS_LOG_BUCKET, { sse: 'aes' }),
    ...secureBucket('logging', 'trail-bucket', TRAIL_BUCKET, {
      sse: 'kms',
      logTo: ACCESS_LOG_BUCKET,
      policy: trailPolicy,
    }),
    res('logging', T.trail, 'trail', {
      name: 'sml-dev-trail',
      s3BucketName: TRAIL_BUCKET,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: LOGS_KEY,
      cloudWatchLogsGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${TRAIL_GROUP}:*`,
      cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev-trail-delivery`,
      advancedEventSelectors: [
        { name: 'management', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] },
        {
          name: 'data',
          fieldSelectors: [
            { field: 'eventCategory', equals: ['Data'] },
            { field: 'resources.type', equals: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWiths: ['arn:aws:s3:::sml-dev-data-'] },
          ],
        },
      ],
    }),
    res('logging', T.flowLog, 'flow-log', {
      vpcId: 'vpc-0001',
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${FLOW_GROUP}`,
    }),
    res(
      'logging',
      T.topic,
      'alerts',
      { name: 'sml-dev-alerts', kmsMasterKeyId: LOGS_KEY },
      { id: TOPIC_ARN },
    ),
    res('logging', T.topicPolicy, 'alerts-policy', {
      arn: TOPIC_ARN,
      policy: JSON.stringify(
        doc({
          Sid: 'CloudWatchAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: TOPIC_ARN,
          Condition: {
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
            ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` },
          },
        }),
      ),
    }),
    ...CIS_PATTERNS.flatMap(([cis, pattern], i) => [
      res('logging', T.metricFilter, `cis-${cis}`, {
        logGroupName: TRAIL_GROUP,
        pattern,
        metricTransformation: { name: `cis-${i}`, namespace: 'SecureML/CIS', value: '1' },
      }),
      res('logging', T.alarm, `cis-${cis}-alarm`, {
        metricName: `cis-${i}`,
        namespace: 'SecureML/CIS',
        alarmActions: [TOPIC_ARN],
        actionsEnabled: true,
        // The CIS remediation's alarm, written out here, not imported from the catalogue.
        period: 300,
        evaluationPeriods: 1,
        statistic: 'Sum',
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    ]),
  ];
}

function notebook(): Res[] {
  const perimeter = {
    Sid: 'OnlyThroughTheEndpoint',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${DATA_BUCKET}`, `arn:aws:s3:::${DATA_BUCKET}/*`],
    Condition: {
      StringNotEqualsIfExists: { 'aws:SourceVpce': S3_ENDPOINT },
      BoolIfExists: { 'aws:ViaAWSService': 'false' },
    },
  };
  return [
    ...secureBucket('notebook', 'data-bucket', DATA_BUCKET, {
      sse: 'kms',
      logTo: ACCESS_LOG_BUCKET,
      policy: [perimeter],
    }),
    // One notebook's own role (the notebook layer creates one per notebook, under the security layer's boundary).
    res('notebook', T.role, 'notebook-role', {
      name: 'sml-dev-notebook-alice',
      path: '/secure-ml/sml-dev/notebooks/',
      assumeRolePolicy: trust('sagemaker.amazonaws.com'),
      permissionsBoundary: BOUNDARY,
      tags: { 'secure-ml:notebook-id': 'alice', 'secure-ml:owner': 'alice@example.com' },
    }),
    res('notebook', T.rolePolicy, 'notebook-data-access', {
      role: 'sml-dev-notebook-alice',
      policy: JSON.stringify(doc(...NOTEBOOK_DATA_STATEMENTS)),
    }),
    res('notebook', T.lifecycle, 'lifecycle', {
      name: 'sml-dev-lifecycle',
      onStart: hookOf(ON_START),
      onCreate: hookOf(ON_CREATE),
    }),
    res('notebook', T.notebook, 'notebook', {
      name: 'sml-dev-notebook-alice',
      instanceType: 'ml.t3.medium',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-notebook-alice`,
      subnetId: 'subnet-a',
      securityGroups: ['sg-notebook'],
      directInternetAccess: 'Disabled',
      rootAccess: 'Disabled',
      kmsKeyId: DATA_KEY,
      instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
      platformIdentifier: 'notebook-al2023-v1',
      lifecycleConfigName: 'sml-dev-lifecycle',
      tags: { 'secure-ml:notebook-id': 'alice', 'secure-ml:owner': 'alice@example.com' },
    }),
    res('notebook', T.policy, 'owner-access', {
      name: 'sml-dev-notebook-owner-access',
      policy: JSON.stringify(OWNER_ACCESS),
    }),
  ];
}

/** The networks owners open Jupyter from in the hand-built environment (secure-ml-notebook:ownerSourceCidrs). */
export const OWNER_SOURCE_CIDRS = ['203.0.113.0/24'];
/** The owner access policy, written independently of packages/notebook (other Sids, one network deny per key). */
export const OWNER_ACCESS = doc(
  {
    Sid: 'Mine',
    Effect: 'Allow',
    Action: [
      'sagemaker:DescribeNotebookInstance',
      'sagemaker:StartNotebookInstance',
      'sagemaker:StopNotebookInstance',
      'sagemaker:CreatePresignedNotebookInstanceUrl',
    ],
    Resource: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/sml-dev-notebook-*`,
    Condition: { StringEquals: { 'aws:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}' } },
  },
  // NB-11: every other notebook refused beside the owner's other policies, an untagged caller included.
  {
    Sid: 'NotOthers',
    Effect: 'Deny',
    Action: [
      'sagemaker:StopNotebookInstance',
      'sagemaker:CreatePresignedNotebookInstanceUrl',
      'sagemaker:StartNotebookInstance',
      'sagemaker:DescribeNotebookInstance',
    ],
    Resource: `arn:aws:sagemaker:*:${ACCOUNT}:notebook-instance/*`,
    Condition: {
      StringNotEquals: {
        'aws:ResourceTag/secure-ml:owner': "${aws:PrincipalTag/secure-ml:owner, 'untagged()'}",
      },
    },
  },
  {
    Sid: 'MyRole',
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-notebook-*`,
    Condition: {
      StringEquals: {
        'iam:PassedToService': 'sagemaker.amazonaws.com',
        'iam:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}',
      },
    },
  },
  {
    Sid: 'Interface',
    Effect: 'Allow',
    Action: 'ec2:CreateNetworkInterface',
    Resource: [
      `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-a`,
      `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/*`,
    ],
  },
  {
    Sid: 'OfficeOnly',
    Effect: 'Deny',
    Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    Resource: '*',
    Condition: { NotIpAddressIfExists: { 'aws:SourceIp': OWNER_SOURCE_CIDRS } },
  },
  {
    Sid: 'SomeSource',
    Effect: 'Deny',
    Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    Resource: '*',
    Condition: { Null: { 'aws:SourceIp': 'true' } },
  },
);

export function compliantEnv(settings: Partial<PostureSettings> = {}): Env {
  return {
    stack: 'dev',
    scope: 'environment',
    resources: [
      res('security', 'pulumi:providers:aws', 'default', { region: REGION }),
      ...security(),
      ...network(),
      ...logging(),
      ...guardrail(),
      ...notebook(),
      ...jobGround(),
    ],
    outputs: {
      security: {
        dataKeyArn: DATA_KEY,
        notebookBoundaryArn: BOUNDARY,
        notebookRolePath: '/secure-ml/sml-dev/notebooks/',
      },
      network: {
        s3GatewayEndpointId: S3_ENDPOINT,
        egressMode: 'none',
        privateSubnetIds: ['subnet-a', 'subnet-b'],
        notebookSecurityGroupId: 'sg-notebook',
        endpointSecurityGroupId: 'sg-endpoints',
        jobSecurityGroupIds: [JOB_SG],
        s3PrefixListId: S3_PREFIX_LIST,
      },
      guardrail: { guardrailScp: JSON.stringify(GUARDRAIL_SCP), guardrailScpJobs: JOB_GUARDRAIL },
      notebook: { dataBucketName: DATA_BUCKET },
    },
    settings: {
      ...DEFAULT_SETTINGS,
      // As the example stack files say: prod protects its stateful resources, dev opts out.
      protectedStacks: ['prod'],
      lifecycleScripts: [ON_START, ON_CREATE],
      accountId: ACCOUNT,
      jobsEnabled: true,
      jobNetworkIsolation: true,
      ownerSourceCidrs: OWNER_SOURCE_CIDRS,
      ...settings,
    },
  };
}

/** The environment with the inputs of one resource (by logical name) changed; `undefined` removes an input. */
export function patch(
  env: Env,
  name: string,
  inputs: Record<string, unknown>,
  options: Partial<Res['options']> = {},
): Env {
  if (!env.resources.some((r) => r.name === name)) throw new Error(`fixture has no resource ${name}`);
  return {
    ...env,
    resources: env.resources.map((r) => {
      if (r.name !== name) return r;
      const next: Record<string, unknown> = { ...r.inputs, ...inputs };
      for (const [k, v] of Object.entries(inputs)) if (v === undefined) delete next[k];
      return { ...r, inputs: next, options: { ...r.options, ...options } };
    }),
  };
}

export const without = (env: Env, drop: (r: Res) => boolean): Env => ({
  ...env,
  resources: env.resources.filter((r) => !drop(r)),
});
export const adding = (env: Env, ...more: Res[]): Env => ({ ...env, resources: [...env.resources, ...more] });

export function run(id: string, env: Env): ControlResult {
  const control = CONTROLS.find((c) => c.id === id);
  if (!control) throw new Error(`no control ${id}`);
  return evaluateControl(control, env);
}
