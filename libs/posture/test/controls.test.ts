import { CONTROLS } from '../src/controls';
import type { Env } from '../src/model';
import { T } from '../src/resources';
import {
  ACCESS_LOG_BUCKET,
  ACCOUNT,
  adding,
  AUTO_STOP,
  bundleOf,
  compliantEnv,
  DATA_BUCKET,
  hookOf,
  LOGS_KEY,
  ON_CREATE,
  ON_START,
  OWNER_ACCESS,
  patch,
  res,
  run,
  START_SCRIPT,
  TRAIL_BUCKET,
  without,
} from './fixtures';

const env = compliantEnv();
const policyOf = (name: string) =>
  JSON.parse(String(env.resources.find((r) => r.name === name)?.inputs['policy'])) as {
    Statement: Record<string, unknown>[];
  };
const withStatements = (name: string, edit: (s: Record<string, unknown>[]) => Record<string, unknown>[]) =>
  patch(env, name, {
    policy: JSON.stringify({ Version: '2012-10-17', Statement: edit(policyOf(name).Statement) }),
  });
const managed = (name: string, ...Statement: object[]) =>
  res('security', T.policy, name, { name, policy: JSON.stringify({ Version: '2012-10-17', Statement }) });
const trustOf = (service: string, Condition: object | undefined) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        ...(Condition ? { Condition } : {}),
      },
    ],
  });
const dropType = (type: string, name?: string) =>
  without(env, (r) => r.type === type && (name === undefined || r.name === name));

/**
 * Violating cases, at least one per control: [control, what is wrong, the environment, the resource the message
 * must name]. Each is the compliant environment with one thing changed.
 */
const VIOLATIONS: [string, string, Env, string][] = [
  [
    'NB-9',
    "the notebook's role tagged with another owner (she could pass it, he could not)",
    patch(env, 'notebook-role', {
      tags: { 'secure-ml:notebook-id': 'alice', 'secure-ml:owner': 'bob@example.com' },
    }),
    'notebook-role (Role)',
  ],
  [
    'NB-9',
    'the notebook run by a role outside the notebook role path',
    patch(env, 'notebook-role', { path: '/secure-ml/' }),
    'notebook-role (Role)',
  ],
  [
    'NB-10',
    'the owner allow matched with StringEqualsIfExists (an untagged notebook opens for anyone)',
    patch(env, 'owner-access', {
      policy: JSON.stringify({
        ...OWNER_ACCESS,
        // Without NB-11's deny of other notebooks, which would refuse the untagged notebook whatever the allow says.
        Statement: OWNER_ACCESS.Statement.filter((s) => (s as { Sid: string }).Sid !== 'NotOthers').map(
          (s) =>
            (s as { Sid: string }).Sid === 'Mine'
              ? {
                  ...s,
                  Condition: {
                    StringEqualsIfExists: {
                      'aws:ResourceTag/secure-ml:owner': '${aws:PrincipalTag/secure-ml:owner}',
                    },
                  },
                }
              : s,
        ),
      }),
    }),
    'owner-access (Policy)',
  ],
  [
    'NB-10',
    'opening allowed from anywhere (the network denies dropped)',
    patch(env, 'owner-access', {
      policy: JSON.stringify({
        ...OWNER_ACCESS,
        Statement: OWNER_ACCESS.Statement.filter((s) => (s as { Effect: string }).Effect === 'Allow'),
      }),
    }),
    'owner-access (Policy)',
  ],
  [
    'NB-10',
    'the configured network missing from the opening deny (owners locked out)',
    patch(env, 'owner-access', {
      policy: JSON.stringify({
        ...OWNER_ACCESS,
        Statement: OWNER_ACCESS.Statement.map((s) =>
          (s as { Sid: string }).Sid === 'OfficeOnly'
            ? { ...s, Condition: { NotIpAddressIfExists: { 'aws:SourceIp': ['192.0.2.0/24'] } } }
            : s,
        ),
      }),
    }),
    'owner-access (Policy)',
  ],
  [
    'NB-10',
    'the owner policy grants sagemaker:* on its notebooks',
    patch(env, 'owner-access', {
      policy: JSON.stringify({
        ...OWNER_ACCESS,
        Statement: [...OWNER_ACCESS.Statement, { Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' }],
      }),
    }),
    'owner-access (Policy)',
  ],
  [
    'JOB-1',
    "the job role reads every notebook's prefix",
    patch(env, 'job-data-access', {
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${DATA_BUCKET}/notebooks/*` },
        ],
      }),
    }),
    'job-role (Role)',
  ],
  [
    'JOB-2',
    'the job group admits the notebooks',
    adding(
      env,
      res('network', T.ingressRule, 'jobs-from-notebooks', {
        securityGroupId: 'sg-jobs',
        referencedSecurityGroupId: 'sg-notebook',
        ipProtocol: '-1',
        description: 'notebooks to jobs',
      }),
    ),
    'jobs-from-notebooks (SecurityGroupIngressRule)',
  ],
  [
    'JOB-3',
    'the training-job log group kept for a week',
    patch(env, 'training-log-group', { retentionInDays: 7 }),
    'training-log-group (LogGroup)',
  ],
  [
    'JOB-4',
    'the job-start policy without its subnet pin',
    withStatements('job-start', (all) => all.filter((s) => s['Sid'] !== 'DenyJobOutsidePrivateSubnets')),
    'notebook-role (Role)',
  ],
  [
    'NB-1',
    'direct internet access left at the default',
    patch(env, 'notebook', { directInternetAccess: undefined }),
    'notebook (NotebookInstance)',
  ],
  [
    'NB-1',
    'direct internet access Enabled',
    patch(env, 'notebook', { directInternetAccess: 'Enabled' }),
    'notebook (NotebookInstance)',
  ],
  ['NB-2', 'no subnet', patch(env, 'notebook', { subnetId: undefined }), 'notebook (NotebookInstance)'],
  [
    'NB-2',
    'no security group',
    patch(env, 'notebook', { securityGroups: [] }),
    'notebook (NotebookInstance)',
  ],
  [
    'NB-3',
    'root access Enabled',
    patch(env, 'notebook', { rootAccess: 'Enabled' }),
    'notebook (NotebookInstance)',
  ],
  ['NB-4', 'no volume key', patch(env, 'notebook', { kmsKeyId: undefined }), 'notebook (NotebookInstance)'],
  [
    'NB-4',
    'AWS-managed key',
    patch(env, 'notebook', { kmsKeyId: 'alias/aws/sagemaker' }),
    'notebook (NotebookInstance)',
  ],
  [
    'NB-4',
    'a key of another environment',
    patch(env, 'notebook', { kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/other' }),
    'notebook (NotebookInstance)',
  ],
  [
    'NB-5',
    'IMDSv1 allowed',
    patch(env, 'notebook', {
      instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '1' },
    }),
    'notebook (NotebookInstance)',
  ],
  [
    'NB-6',
    'Amazon Linux 2 platform',
    patch(env, 'notebook', { platformIdentifier: 'notebook-al2-v3' }),
    'notebook (NotebookInstance)',
  ],
  [
    'NB-7',
    'no lifecycle configuration',
    patch(env, 'notebook', { lifecycleConfigName: undefined }),
    'notebook (NotebookInstance)',
  ],
  [
    'NB-7',
    'hook over 16384 characters',
    patch(env, 'lifecycle', { onCreate: hookOf(`${ON_CREATE}${'# padding\n'.repeat(1700)}`) }),
    'lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    'NB-7',
    'placeholder script',
    patch(env, 'lifecycle', { onCreate: hookOf('#!/bin/bash\n# TODO: write the real script\n') }),
    'lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    'NB-7',
    'script not from the repository',
    patch(env, 'lifecycle', { onCreate: hookOf('#!/bin/bash\nrm -rf /home/ec2-user/SageMaker\n') }),
    'lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    'NB-11',
    'an owner access policy whose allow is its only statement (no deny of other notebooks, no opening deny)',
    patch(env, 'owner-access', {
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sagemaker:*NotebookInstance*', Resource: '*' }],
      }),
    }),
    'owner-access (Policy)',
  ],
  [
    'NB-12',
    "a notebook role that reads every notebook's prefix",
    patch(env, 'notebook-data-access', {
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${DATA_BUCKET}/notebooks/*` },
        ],
      }),
    }),
    'notebook-role (Role)',
  ],
  [
    'NB-8',
    'no on-start hook',
    patch(env, 'lifecycle', { onStart: undefined }),
    'lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    'NB-8',
    'no idle stop',
    patch(env, 'lifecycle', { onStart: Buffer.from(ON_CREATE).toString('base64') }),
    'lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    'NB-8',
    'downloads from the internet',
    patch(env, 'lifecycle', {
      onStart: hookOf(
        `${ON_START}curl -fsSL https://raw.githubusercontent.com/aws-samples/x/autostop.py -o /tmp/a.py\n`,
      ),
    }),
    'lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    'NB-8',
    'pip install at start',
    patch(env, 'lifecycle', { onStart: hookOf(`${ON_START}pip install requests\n`) }),
    'lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  ['KMS-1', 'rotation off', patch(env, 'data-key', { enableKeyRotation: false }), 'data-key (Key)'],
  [
    'KMS-2',
    'seven-day deletion window',
    patch(env, 'logs-key', { deletionWindowInDays: 7 }),
    'logs-key (Key)',
  ],
  ['KMS-2', 'unprotected key in prod', { ...env, stack: 'prod' }, 'data-key (Key)'],
  [
    'KMS-3',
    'wildcard principal',
    withStatements('data-key', (s) => [
      ...s,
      { Sid: 'Everyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' },
    ]),
    'data-key (Key)',
  ],
  [
    'KMS-4',
    'Decrypt on every key',
    adding(env, managed('reader', { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })),
    'reader (Policy)',
  ],
  [
    'KMS-4',
    'kms:* on every key, inline',
    patch(env, 'notebook-data-access', {
      policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }),
    }),
    'notebook-data-access (RolePolicy)',
  ],
  [
    'KMS-5',
    'CloudTrail grant without condition',
    withStatements('logs-key', (s) =>
      s.map((x) => (x['Sid'] === 'CloudTrail' ? { ...x, Condition: undefined } : x)),
    ),
    'logs-key (Key)',
  ],
  [
    'IAM-1',
    'admin policy',
    adding(env, managed('admin', { Effect: 'Allow', Action: '*', Resource: '*' })),
    'admin (Policy)',
  ],
  [
    'IAM-2',
    's3:* in a managed policy',
    adding(
      env,
      managed('s3-all', { Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::${DATA_BUCKET}` }),
    ),
    's3-all (Policy)',
  ],
  [
    'IAM-2',
    'service wildcard in an inline role policy',
    patch(env, 'trail-delivery', {
      inlinePolicies: [
        {
          name: 'all-logs',
          policy: JSON.stringify({
            Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: 'arn:aws:logs:*' }],
          }),
        },
      ],
    }),
    'trail-delivery (Role)',
  ],
  [
    'IAM-3',
    'trust without SourceAccount',
    patch(env, 'flow-logs', {
      assumeRolePolicy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
    'flow-logs (Role)',
  ],
  [
    'IAM-3',
    'a trust scoped only by IfExists conditions, which hold when the key is absent',
    patch(env, 'flow-logs', {
      assumeRolePolicy: trustOf('vpc-flow-logs.amazonaws.com', {
        StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' },
        ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*' },
      }),
    }),
    'flow-logs (Role)',
  ],
  [
    'IAM-3',
    'an unconditioned CloudTrail trust on a role that is not the trail delivery role',
    patch(env, 'flow-logs', { assumeRolePolicy: trustOf('cloudtrail.amazonaws.com', undefined) }),
    'flow-logs (Role)',
  ],
  [
    'IAM-3',
    'the trail delivery role trusting another service unconditioned',
    patch(env, 'trail-delivery', { assumeRolePolicy: trustOf('logs.amazonaws.com', undefined) }),
    'trail-delivery (Role)',
  ],
  [
    'IAM-3',
    'the notebook trust with IfExists on the notebook ARN only (no account)',
    patch(env, 'notebook-role', {
      assumeRolePolicy: trustOf('sagemaker.amazonaws.com', {
        ArnLikeIfExists: {
          'aws:SourceArn': 'arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/sml-dev-*',
        },
      }),
    }),
    'notebook-role (Role)',
  ],
  [
    'IAM-3',
    'the notebook trust with IfExists naming another account',
    patch(env, 'notebook-role', {
      assumeRolePolicy: trustOf('sagemaker.amazonaws.com', {
        StringEqualsIfExists: { 'aws:SourceAccount': '210987654321' },
      }),
    }),
    'notebook-role (Role)',
  ],
  [
    'IAM-4',
    'AmazonSageMakerFullAccess attached',
    adding(
      env,
      res('security', T.rolePolicyAttachment, 'sm-full', {
        role: 'sml-dev-notebook',
        policyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
      }),
    ),
    'sm-full (RolePolicyAttachment)',
  ],
  [
    'IAM-4',
    'S3 full access in managedPolicyArns',
    patch(env, 'notebook-role', { managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'] }),
    'notebook-role (Role)',
  ],
  [
    'IAM-5',
    'PassRole to any service',
    adding(env, managed('passer', { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })),
    'passer (Policy)',
  ],
  [
    'IAM-6',
    'notebook role without boundary',
    patch(env, 'notebook-role', { permissionsBoundary: undefined }),
    'notebook-role (Role)',
  ],
  [
    'IAM-6',
    'notebook runs as a role of no environment',
    patch(env, 'notebook', { roleArn: 'arn:aws:iam::123456789012:role/Admin' }),
    'notebook (NotebookInstance)',
  ],
  [
    'IAM-7',
    'no guardrail at all (neither the guardrail nor the job guardrail policy)',
    without(env, (r) => r.type === T.policy && ['guardrail', 'job-guardrail'].includes(r.name)),
    'guardrail layer',
  ],
  [
    'NET-1',
    'default security group keeps a rule',
    patch(env, 'default-sg', {
      egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['10.20.0.0/16'] }],
    }),
    'default-sg (DefaultSecurityGroup)',
  ],
  ['NET-1', 'default security group not adopted', dropType(T.defaultSg), 'vpc (Vpc)'],
  [
    'NET-2',
    'public IPs on launch',
    patch(env, 'subnet-a', { mapPublicIpOnLaunch: true }),
    'subnet-a (Subnet)',
  ],
  [
    'NET-3',
    'internet gateway without egress enabled',
    adding(env, res('network', T.igw, 'igw', { vpcId: 'vpc-0001' })),
    'igw (InternetGateway)',
  ],
  [
    'NET-3',
    'NAT gateway without egress enabled',
    adding(env, res('network', T.nat, 'nat', { subnetId: 'subnet-a' })),
    'nat (NatGateway)',
  ],
  [
    'NET-4',
    'egress to the internet',
    patch(env, 'notebook-out', { referencedSecurityGroupId: undefined, cidrIpv4: '0.0.0.0/0' }),
    'notebook-out (SecurityGroupEgressRule)',
  ],
  [
    'NET-4',
    'inline IPv6 ingress from anywhere',
    patch(env, 'notebook-sg', {
      ingress: [{ description: 'ssh', fromPort: 22, toPort: 22, protocol: 'tcp', ipv6CidrBlocks: ['::/0'] }],
    }),
    'notebook-sg (SecurityGroup)',
  ],
  [
    'NET-5',
    'group without description',
    patch(env, 'endpoint-sg', { description: undefined }),
    'endpoint-sg (SecurityGroup)',
  ],
  [
    'NET-5',
    'rule without description',
    patch(env, 'endpoint-in', { description: undefined }),
    'endpoint-in (SecurityGroupIngressRule)',
  ],
  ['NET-6', 'no sts endpoint', dropType(T.endpoint, 'vpce-sts'), 'sts'],
  [
    'NET-6',
    'private DNS off',
    patch(env, 'vpce-kms', { privateDnsEnabled: false }),
    'vpce-kms (VpcEndpoint)',
  ],
  ['NET-6', 'no S3 gateway endpoint', dropType(T.endpoint, 'vpce-s3'), 'S3 gateway'],
  [
    'NET-7',
    'the data-bucket pattern without aws:ResourceAccount (a same-named bucket of another account matches it)',
    withStatements('vpce-s3', (all) =>
      all.map((s) => ({ ...s, Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } })),
    ),
    'arn:aws:s3:::sml-dev-data-*',
  ],
  [
    'NET-7',
    'default full-access endpoint policy',
    patch(env, 'vpce-logs', { policy: undefined }),
    'vpce-logs (VpcEndpoint)',
  ],
  [
    'NET-7',
    'bare */*/*',
    patch(env, 'vpce-sts', {
      policy: JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
      }),
    }),
    'vpce-sts (VpcEndpoint)',
  ],
  [
    'NET-7',
    'another account',
    patch(env, 'vpce-sts', {
      policy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 'sts:*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalAccount': '999999999999' } },
          },
        ],
      }),
    }),
    'vpce-sts (VpcEndpoint)',
  ],
  ['LOG-1', 'single-region trail', patch(env, 'trail', { isMultiRegionTrail: false }), 'trail (Trail)'],
  [
    'LOG-1',
    'write-only management events',
    patch(env, 'trail', {
      advancedEventSelectors: undefined,
      eventSelectors: [{ readWriteType: 'WriteOnly', includeManagementEvents: true }],
    }),
    'trail (Trail)',
  ],
  ['LOG-1', 'no trail', dropType(T.trail), 'logging layer'],
  ['LOG-2', 'trail not encrypted', patch(env, 'trail', { kmsKeyId: undefined }), 'trail (Trail)'],
  [
    'LOG-3',
    'no log file validation',
    patch(env, 'trail', { enableLogFileValidation: false }),
    'trail (Trail)',
  ],
  [
    'LOG-4',
    'no CloudWatch Logs delivery',
    patch(env, 'trail', { cloudWatchLogsGroupArn: undefined }),
    'trail (Trail)',
  ],
  [
    'LOG-4',
    'delivery role allowed logs:* everywhere',
    patch(env, 'trail-delivery', {
      inlinePolicies: [
        {
          name: 'deliver',
          policy: JSON.stringify({
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DeleteLogGroup'],
                Resource: '*',
              },
            ],
          }),
        },
      ],
    }),
    'trail-delivery (Role)',
  ],
  [
    'LOG-5',
    'trail bucket without public access block',
    dropType(T.publicAccessBlock, 'trail-bucket-pab'),
    'trail-bucket (Bucket)',
  ],
  [
    'LOG-5',
    'trail bucket readable by anyone',
    withStatements('trail-bucket-policy', (s) => [
      ...s,
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${TRAIL_BUCKET}/*` },
    ]),
    'trail-bucket (Bucket)',
  ],
  [
    'LOG-6',
    'trail bucket logs to itself',
    patch(env, 'trail-bucket-logging', { targetBucket: TRAIL_BUCKET }),
    'trail-bucket (Bucket)',
  ],
  [
    'LOG-7',
    'data events of another prefix',
    patch(env, 'trail', {
      advancedEventSelectors: [
        { name: 'm', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] },
        {
          name: 'd',
          fieldSelectors: [
            { field: 'eventCategory', equals: ['Data'] },
            { field: 'resources.type', equals: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWiths: ['arn:aws:s3:::other-'] },
          ],
        },
      ],
    }),
    'trail (Trail)',
  ],
  [
    'LOG-7',
    'write events only',
    patch(env, 'trail', {
      advancedEventSelectors: undefined,
      eventSelectors: [
        { readWriteType: 'All', includeManagementEvents: true },
        {
          readWriteType: 'WriteOnly',
          includeManagementEvents: false,
          dataResources: [{ type: 'AWS::S3::Object', values: [`arn:aws:s3:::${DATA_BUCKET}/`] }],
        },
      ],
    }),
    'trail (Trail)',
  ],
  ['LOG-8', 'root-usage filter missing', dropType(T.metricFilter, 'cis-4.3'), 'logging layer'],
  [
    'LOG-8',
    'IAM filter drops CreatePolicy',
    patch(env, 'cis-4.4', { pattern: '{ ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicy) }' }),
    'logging layer',
  ],
  ['LOG-8', 'filter without alarm', dropType(T.alarm, 'cis-4.10-alarm'), 'cis-4.10 (LogMetricFilter)'],
  [
    'LOG-9',
    'alarm without action',
    patch(env, 'cis-4.1-alarm', { alarmActions: [] }),
    'cis-4.1-alarm (MetricAlarm)',
  ],
  [
    'LOG-9',
    'alarm actions disabled',
    patch(env, 'cis-4.2-alarm', { actionsEnabled: false }),
    'cis-4.2-alarm (MetricAlarm)',
  ],
  [
    'LOG-9',
    'address configured, no subscription',
    { ...env, settings: { ...env.settings, alertAddressConfigured: true } },
    'logging layer',
  ],
  [
    'LOG-10',
    'retention unset',
    patch(env, 'flow-group', { retentionInDays: undefined }),
    'flow-group (LogGroup)',
  ],
  [
    'LOG-10',
    'retention 90 days',
    patch(env, 'trail-group', { retentionInDays: 90 }),
    'trail-group (LogGroup)',
  ],
  [
    'LOG-11',
    'log group unencrypted',
    patch(env, 'flow-group', { kmsKeyId: undefined }),
    'flow-group (LogGroup)',
  ],
  [
    'LOG-12',
    'flow log of rejected traffic only',
    patch(env, 'flow-log', { trafficType: 'REJECT' }),
    'flow-log (FlowLog)',
  ],
  ['LOG-12', 'VPC without flow log', dropType(T.flowLog), 'vpc (Vpc)'],
  [
    'LOG-13',
    'topic with the AWS-managed key',
    patch(env, 'alerts', { kmsMasterKeyId: 'alias/aws/sns' }),
    'alerts (Topic)',
  ],
  [
    'LOG-13',
    'key CloudWatch may not use',
    withStatements('logs-key', (s) => s.filter((x) => x['Sid'] !== 'CloudWatchAlarms')),
    'alerts (Topic)',
  ],
  ['LOG-14', 'SageMaker creates its own group', dropType(T.logGroup, 'notebook-group'), 'logging layer'],
  [
    'LOG-14',
    'notebook group not encrypted',
    patch(env, 'notebook-group', { kmsKeyId: undefined }),
    'notebook-group (LogGroup)',
  ],
  [
    'S3-1',
    'one setting of the public access block off',
    patch(env, 'data-bucket-pab', { restrictPublicBuckets: false }),
    'data-bucket (Bucket)',
  ],
  [
    'S3-2',
    'no TLS-only statement',
    withStatements('access-logs-policy', (s) => s.filter((x) => x['Sid'] !== 'DenyInsecureTransport')),
    'access-logs (Bucket)',
  ],
  [
    'S3-3',
    'versioning suspended',
    patch(env, 'data-bucket-versioning', { versioningConfiguration: { status: 'Suspended' } }),
    'data-bucket (Bucket)',
  ],
  [
    'S3-4',
    'SSE-S3 on the data bucket',
    patch(env, 'data-bucket-sse', {
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }),
    'data-bucket (Bucket)',
  ],
  [
    'S3-4',
    'AWS-managed S3 key',
    patch(env, 'trail-bucket-sse', {
      rules: [
        { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' } },
      ],
    }),
    'trail-bucket (Bucket)',
  ],
  [
    'S3-5',
    'data bucket without access logging',
    dropType(T.logging, 'data-bucket-logging'),
    'data-bucket (Bucket)',
  ],
  [
    'S3-6',
    'ACLs enabled',
    patch(env, 'trail-bucket-ownership', { rule: { objectOwnership: 'ObjectWriter' } }),
    'trail-bucket (Bucket)',
  ],
  [
    'S3-7',
    'no endpoint condition',
    withStatements('data-bucket-policy', (s) => s.filter((x) => x['Sid'] !== 'OnlyThroughTheEndpoint')),
    'data-bucket (Bucket)',
  ],
  [
    'S3-7',
    'another endpoint',
    withStatements('data-bucket-policy', (s) =>
      s.map((x) =>
        x['Sid'] === 'OnlyThroughTheEndpoint'
          ? { ...x, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-elsewhere' } } }
          : x,
      ),
    ),
    'data-bucket (Bucket)',
  ],
  ['S3-7', 'no data bucket', without(env, (r) => r.name.startsWith('data-bucket')), 'notebook layer'],
  [
    'S3-8',
    'force-destroyed trail bucket',
    patch(env, 'trail-bucket', { forceDestroy: true }),
    'trail-bucket (Bucket)',
  ],
  [
    'S3-8',
    'noncurrent versions kept forever',
    patch(env, 'access-logs-lifecycle', {
      rules: [{ id: 'x', status: 'Enabled', expiration: { days: 365 } }],
    }),
    'access-logs (Bucket)',
  ],
  [
    'LOG-8',
    'root-usage pattern with an extra clause',
    patch(env, 'cis-4.3', {
      pattern:
        '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent" && $.sourceIPAddress != "203.0.113.7"}',
    }),
    'logging layer',
  ],
  // The ways around the gate that issue 12 lists, each on the hand-built environment (the real-plan mutation
  // suite, test/mutations.test.ts, makes the same edits on the real plans).
  [
    'IAM-3',
    'trust scoped only by ArnLikeIfExists aws:SourceArn',
    patch(env, 'flow-logs', {
      assumeRolePolicy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*' },
            },
          },
        ],
      }),
    }),
    'flow-logs (Role)',
  ],
  [
    'IAM-5',
    'PassRole to StringLike iam:PassedToService *',
    adding(
      env,
      managed('passer', {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::123456789012:role/x',
        Condition: { StringLike: { 'iam:PassedToService': '*' } },
      }),
    ),
    'passer (Policy)',
  ],
  [
    'NET-7',
    'StringLike aws:PrincipalAccount *',
    patch(env, 'vpce-sts', {
      policy: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: { StringLike: { 'aws:PrincipalAccount': '*' } },
          },
        ],
      }),
    }),
    'vpce-sts (VpcEndpoint)',
  ],
  [
    'KMS-5',
    'CloudTrail grant inverted to StringNotEquals aws:SourceAccount',
    withStatements('logs-key', (s) =>
      s.map((x) =>
        x['Sid'] === 'CloudTrail'
          ? { ...x, Condition: { StringNotEquals: { 'aws:SourceAccount': '123456789012' } } }
          : x,
      ),
    ),
    'logs-key (Key)',
  ],
  [
    'KMS-6',
    'kms:Encrypt moved from the administrators deny to their allow',
    withStatements('data-key', (s) =>
      s.map((x) =>
        x['Sid'] === 'KeyAdministratorsNeverUse'
          ? { ...x, Action: (x['Action'] as string[]).filter((a) => a !== 'kms:Encrypt') }
          : x['Sid'] === 'KeyAdministratorsManage'
            ? { ...x, Action: [...(x['Action'] as string[]), 'kms:Encrypt'] }
            : x,
      ),
    ),
    'data-key (Key)',
  ],
  [
    'KMS-6',
    'the administrators deny only without MFA',
    withStatements('data-key', (s) =>
      s.map((x) =>
        x['Sid'] === 'KeyAdministratorsNeverUse'
          ? { ...x, Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }
          : x,
      ),
    ),
    'data-key (Key)',
  ],
  [
    'NET-8',
    'subnet ACL open to all protocols and ports outbound',
    patch(env, 'private-acl', {
      egress: [
        { ruleNo: 300, action: 'allow', protocol: '-1', cidrBlock: '0.0.0.0/0', fromPort: 0, toPort: 0 },
      ],
    }),
    'private-acl (NetworkAcl)',
  ],
  [
    'NET-8',
    'SSH admitted from anywhere',
    patch(env, 'private-acl', {
      ingress: [
        { ruleNo: 300, action: 'allow', protocol: 'tcp', cidrBlock: '0.0.0.0/0', fromPort: 22, toPort: 22 },
      ],
    }),
    'private-acl (NetworkAcl)',
  ],
  ['NET-8', 'default ACL not adopted', dropType(T.defaultNacl), 'vpc (Vpc)'],
  [
    'NET-8',
    'default ACL keeps an allow-all rule',
    patch(env, 'default-acl', {
      ingress: [
        { ruleNo: 100, action: 'allow', protocol: '-1', cidrBlock: '10.20.0.0/16', fromPort: 0, toPort: 0 },
      ],
    }),
    'default-acl (DefaultNetworkAcl)',
  ],
  [
    'LOG-15',
    'alarm topic policy without aws:SourceArn',
    withStatements('alerts-policy', (s) =>
      s.map((x) => ({ ...x, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } })),
    ),
    'alerts-policy (TopicPolicy)',
  ],
  [
    'LOG-15',
    'alarm topic policy open to any account',
    withStatements('alerts-policy', (s) => s.map((x) => ({ ...x, Condition: undefined }))),
    'alerts-policy (TopicPolicy)',
  ],
  ['LOG-15', 'no topic policy', dropType(T.topicPolicy), 'alerts (Topic)'],
  [
    'S3-7',
    'perimeter deny neutered by one more ANDed condition that never holds',
    withStatements('data-bucket-policy', (s) =>
      s.map((x) =>
        x['Sid'] === 'OnlyThroughTheEndpoint'
          ? {
              ...x,
              Condition: {
                ...(x['Condition'] as object),
                StringEquals: { 'aws:PrincipalTag/never-set': 'true' },
              },
            }
          : x,
      ),
    ),
    'data-bucket (Bucket)',
  ],
  [
    'S3-8',
    'force-destroyed data bucket',
    patch(env, 'data-bucket', { forceDestroy: true }),
    'data-bucket (Bucket)',
  ],
  [
    'DUR-1',
    'a protected environment whose data bucket is not protected',
    { ...env, settings: { ...env.settings, protectedStacks: ['dev'] } },
    'data-bucket (Bucket)',
  ],
  [
    'NB-8',
    'auto-stop unpacked but never scheduled',
    patch(env, 'lifecycle', {
      onStart: hookOf(
        bundleOf(
          { 'auto-stop.sh': AUTO_STOP, 'on-start.sh': START_SCRIPT.replace(/^echo .*crontab -$/m, 'true') },
          'on-start.sh',
        ),
      ),
    }),
    'lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
];

describe('every control on the hand-built compliant environment', () => {
  it.each(CONTROLS.map((c) => [c.id]))('%s passes and examines at least one resource', (id) => {
    const result = run(id, env);
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('pass');
  });
});

describe('violating cases', () => {
  it('cover every control', () => {
    const covered = new Set(VIOLATIONS.map(([id]) => id));
    expect(CONTROLS.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(VIOLATIONS)('%s reports %s, naming the resource and the fix', (id, _what, bad, resource) => {
    const result = run(id, bad);
    expect(result.status).toBe('fail');
    const named = result.findings.filter((f) => f.resource === resource || f.message.includes(resource));
    expect(named).not.toHaveLength(0);
    for (const f of named) {
      expect(f.message).toContain(f.resource.split(' ')[0]);
      expect(f.fix.length).toBeGreaterThan(10);
    }
  });
});

describe('allowed exceptions stay allowed', () => {
  it('the access-log bucket may use SSE-S3 and needs no access logging of its own (S3-4, S3-5)', () => {
    expect(run('S3-4', env).status).toBe('pass');
    expect(run('S3-5', env).status).toBe('pass');
    expect(env.resources.some((r) => r.type === T.logging && r.inputs['bucket'] === ACCESS_LOG_BUCKET)).toBe(
      false,
    );
  });

  it('the trail delivery role trusts CloudTrail without a condition, as CloudTrail requires (IAM-3)', () => {
    const bare = patch(env, 'trail-delivery', {
      assumeRolePolicy: trustOf('cloudtrail.amazonaws.com', undefined),
    });
    expect(run('IAM-3', bare).status).toBe('pass');
  });

  it('the notebook role may scope with StringEqualsIfExists on the account (IAM-3)', () => {
    const ifExists = patch(env, 'notebook-role', {
      assumeRolePolicy: trustOf('sagemaker.amazonaws.com', {
        StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' },
        ArnLikeIfExists: {
          'aws:SourceArn': 'arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/sml-dev-*',
        },
      }),
    });
    expect(run('IAM-3', ifExists).status).toBe('pass');
  });

  it('egress enabled in config allows the NAT gateway (NET-3)', () => {
    const nat = adding(env, res('network', T.nat, 'nat', {}), res('network', T.igw, 'igw', {}));
    expect(run('NET-3', { ...nat, settings: { ...nat.settings, egressEnabled: true } }).status).toBe('pass');
  });

  it('reading the Amazon Linux repositories through the S3 endpoint needs no account condition (NET-7)', () => {
    const repo = {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*'],
    };
    expect(
      run(
        'NET-7',
        withStatements('vpce-s3', (s) => [...s, repo]),
      ).status,
    ).toBe('pass');
    expect(
      run(
        'NET-7',
        withStatements('vpce-s3', (s) => [...s, { ...repo, Action: 's3:PutObject' }]),
      ).status,
    ).toBe('fail');
  });

  it('without an alert address, a topic without subscription is an advisory note, not a failure (LOG-9)', () => {
    const result = run('LOG-9', env);
    expect(result.status).toBe('pass');
    expect(result.notes.join()).toMatch(/advisory/);
  });

  it('a CIS pattern written with other spacing and quoting is the same pattern (LOG-8)', () => {
    const respaced = patch(env, 'cis-4.6', {
      pattern: '{ ( $.eventName = "ConsoleLogin" ) && ( $.errorMessage = "Failed authentication" ) }',
    });
    expect(run('LOG-8', respaced).status).toBe('pass');
    const unquoted = patch(env, 'cis-4.6', {
      pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage=Failed authentication)}',
    });
    expect(run('LOG-8', unquoted).status).toBe('fail');
  });

  it('a curl to the local Jupyter server is not internet access (NB-8)', () => {
    expect(
      Buffer.from(
        String(env.resources.find((r) => r.name === 'lifecycle')?.inputs['onStart']),
        'base64',
      ).toString(),
    ).toContain('https://localhost:8443');
    expect(run('NB-8', env).status).toBe('pass');
  });

  it('a prod key that is protected passes KMS-2', () => {
    const prod = {
      ...env,
      stack: 'prod',
      resources: env.resources.map((r) =>
        r.type === T.key ? { ...r, options: { ...r.options, protect: true } } : r,
      ),
    };
    expect(run('KMS-2', prod).status).toBe('pass');
    expect(LOGS_KEY).toContain('key-logs');
  });

  it('without a list of protected stacks, every stack must protect its keys and buckets (KMS-2, DUR-1)', () => {
    const { protectedStacks: _listed, ...unlisted } = env.settings;
    const stage = { ...env, stack: 'stage', settings: unlisted };
    expect(run('KMS-2', stage).status).toBe('fail');
    expect(run('DUR-1', stage).status).toBe('fail');
    expect(run('DUR-1', { ...stage, settings: { ...unlisted, protectedStacks: [] } }).status).toBe('pass');
  });
});
