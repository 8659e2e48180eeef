/**
 * A healthy dev environment as AWS describes it: stack outputs shaped like the layer contracts, and each API's
 * response shaped like its documented response. A test breaks one thing and expects verify to report exactly it.
 */
import { AccessAnalyzerClient, ValidatePolicyCommand } from '@aws-sdk/client-accessanalyzer';
import { CloudTrailClient, GetTrailCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeFlowLogsCommand,
  DescribeInternetGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRolesCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeNotebookInstanceCommand,
  type DescribeNotebookInstanceCommandOutput,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import {
  delegationCases,
  guardrailCases,
  jobCases,
  notebookRoleCases,
  ownerBesideGuardrailCases,
  ownerCases,
  type AccessCase,
  type OwnerFacts,
} from '../../src/cases';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
const iamArn = (rest: string) => `arn:aws:iam::${ACCOUNT}:${rest}`;
const regional = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;

/** One notebook of the notebook layer's `notebooks` output, as the contract describes it. */
function published(id: string) {
  return {
    notebookName: `sml-dev-notebook-${id}`,
    notebookArn: regional('sagemaker', `notebook-instance/sml-dev-notebook-${id}`),
    notebookConsoleUrl: `https://${REGION}.console.aws.amazon.com/sagemaker/home?region=${REGION}#/notebook-instances/sml-dev-notebook-${id}`,
    owner: `${id}@example.com`,
    roleArn: iamArn(`role/secure-ml/sml-dev/notebooks/sml-dev-notebook-${id}`),
    roleName: `sml-dev-notebook-${id}`,
    lifecycleConfigName: `sml-dev-lifecycle-${id}`,
    dataPrefix: `notebooks/${id}/`,
  };
}

export const OUTPUTS = {
  security: {
    dataKeyArn: regional('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    dataKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    logsKeyArn: regional('kms', 'key/0987dcba-09fe-87dc-65ba-ab0987654321'),
    logsKeyId: '0987dcba-09fe-87dc-65ba-ab0987654321',
    notebookRolePath: '/secure-ml/sml-dev/notebooks/',
    notebookBoundaryArn: iamArn('policy/secure-ml/sml-dev-notebook-boundary'),
    notebookRoleDelegationPolicyArn: iamArn('policy/secure-ml/sml-dev-notebook-role-delegation'),
    notebookRoleDelegation: '{"Version":"2012-10-17","Statement":[]}',
    notebookEcrRepositoryArns: [],
    notebookPackageMirrorAccounts: [ACCOUNT],
    trailDeliveryRoleArn: iamArn('role/secure-ml/sml-dev-trail-delivery'),
    flowLogsRoleArn: iamArn('role/secure-ml/sml-dev-flow-logs'),
  },
  network: {
    vpcId: 'vpc-0a1b2c3d4e5f60001',
    vpcCidr: '10.20.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
    privateRouteTableIds: ['rtb-0a1b2c3d4e5f60001', 'rtb-0a1b2c3d4e5f60002'],
    notebookSecurityGroupId: 'sg-0a1b2c3d4e5f60001',
    endpointSecurityGroupId: 'sg-0a1b2c3d4e5f60002',
    jobSecurityGroupIds: ['sg-0a1b2c3d4e5f60003'],
    s3GatewayEndpointId: 'vpce-0a1b2c3d4e5f60001',
    notebookAccessEndpointIds: [],
    s3PrefixListId: 'pl-6da54004',
    egressMode: 'none',
  },
  logging: {
    trailArn: regional('cloudtrail', 'trail/sml-dev-trail'),
    trailBucketName: `sml-dev-trail-${ACCOUNT}-${REGION}`,
    accessLogBucketName: `sml-dev-access-logs-${ACCOUNT}-${REGION}`,
    trailLogGroupName: '/secure-ml/sml-dev/cloudtrail',
    trailLogGroupArn: regional('logs', 'log-group:/secure-ml/sml-dev/cloudtrail'),
    flowLogGroupName: '/secure-ml/sml-dev/vpc-flow-logs',
    flowLogGroupArn: regional('logs', 'log-group:/secure-ml/sml-dev/vpc-flow-logs'),
    notebookLogGroupName: '/aws/sagemaker/NotebookInstances',
    notebookLogGroupArn: regional('logs', 'log-group:/aws/sagemaker/NotebookInstances'),
    jobLogGroupArns: [],
    alertsTopicArn: regional('sns', 'sml-dev-alerts'),
  },
  guardrail: {
    guardrailPolicyArn: iamArn('policy/secure-ml/sml-dev-notebook-guardrail'),
    guardrailPolicyName: 'sml-dev-notebook-guardrail',
    jobGuardrailPolicyArn: iamArn('policy/secure-ml/sml-dev-job-guardrail'),
    jobGuardrailPolicyName: 'sml-dev-job-guardrail',
    guardrailScp:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sagemaker:DeleteNotebookInstanceLifecycleConfig","Resource":"*"}]}',
    // The guardrail's SCP is three documents (packages/guardrail/src/policies/documents.ts); verify sends them as one.
    guardrailScpPeople:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sagemaker:DeleteNotebookInstance","Resource":"*"}]}',
    guardrailScpJobs:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sagemaker:CreateTrainingJob","Resource":"*","Condition":{"Null":{"sagemaker:VpcSubnets":"true"}}}]}',
  },
  notebook: {
    notebooks: { alice: published('alice'), bob: published('bob') },
    dataBucketName: `sml-dev-data-${ACCOUNT}-${REGION}`,
    dataBucketArn: `arn:aws:s3:::sml-dev-data-${ACCOUNT}-${REGION}`,
    ownerAccessPolicyArn: iamArn('policy/secure-ml/sml-dev-notebook-owner-access'),
    ownerTagKey: 'secure-ml:owner',
  },
} as const;

/** The notebook as DescribeNotebookInstance reports it when it keeps every setting we set. */
export const HEALTHY_NOTEBOOK = {
  NotebookInstanceName: 'sml-dev-notebook-alice',
  NotebookInstanceStatus: 'InService',
  DirectInternetAccess: 'Disabled',
  RootAccess: 'Disabled',
  SubnetId: OUTPUTS.network.privateSubnetIds[0],
  SecurityGroups: [OUTPUTS.network.notebookSecurityGroupId],
  KmsKeyId: OUTPUTS.security.dataKeyArn,
  InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '2' },
  NotebookInstanceLifecycleConfigName: 'sml-dev-lifecycle-alice',
} as const satisfies Omit<DescribeNotebookInstanceCommandOutput, '$metadata'>;

const [JOB_GROUP_ID = ''] = OUTPUTS.network.jobSecurityGroupIds;
const HTTPS = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443 } as const;
/** The job security group as DescribeSecurityGroups reports it with the network layer's rules (job-security-group.ts). */
export const JOB_GROUP: Required<Pick<SecurityGroup, 'GroupId' | 'IpPermissions' | 'IpPermissionsEgress'>> &
  SecurityGroup = {
  GroupId: JOB_GROUP_ID,
  GroupName: 'sml-dev-jobs-20261101000000000000000001',
  VpcId: OUTPUTS.network.vpcId,
  IpPermissions: [
    {
      IpProtocol: '-1',
      UserIdGroupPairs: [{ GroupId: JOB_GROUP_ID }],
      IpRanges: [],
      Ipv6Ranges: [],
      PrefixListIds: [],
    },
  ],
  IpPermissionsEgress: [
    {
      IpProtocol: '-1',
      UserIdGroupPairs: [{ GroupId: JOB_GROUP_ID }],
      IpRanges: [],
      Ipv6Ranges: [],
      PrefixListIds: [],
    },
    {
      ...HTTPS,
      UserIdGroupPairs: [{ GroupId: OUTPUTS.network.endpointSecurityGroupId }],
      IpRanges: [],
      Ipv6Ranges: [],
      PrefixListIds: [],
    },
    {
      ...HTTPS,
      UserIdGroupPairs: [],
      IpRanges: [],
      Ipv6Ranges: [],
      PrefixListIds: [{ PrefixListId: OUTPUTS.network.s3PrefixListId }],
    },
  ],
};
/** SageMaker's job log groups as DescribeLogGroups reports them when the logging layer made them (jobs on). */
export const JOB_LOG_GROUPS = ['/aws/sagemaker/TrainingJobs', '/aws/sagemaker/ProcessingJobs'].map(
  (name) => ({
    logGroupName: name,
    arn: regional('logs', `log-group:${name}:*`),
    kmsKeyId: OUTPUTS.security.logsKeyArn,
    retentionInDays: 365,
  }),
);

/** A small valid document, URL-encoded as IAM returns documents. */
const DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
});
const encoded = encodeURIComponent(DOCUMENT);
/** The job guardrail as IAM holds it: told apart from the notebook guardrail (DOCUMENT) by its statement. */
export const JOB_GUARDRAIL_DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyOwnerSessionTags', Effect: 'Deny', Action: 'sts:TagSession', Resource: '*' }],
});
/** The two guardrail policies a person holds, as verify sends them to the simulator: one deny-only document. */
export const GUARDRAIL_AS_SENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    ...(JSON.parse(DOCUMENT) as { Statement: unknown[] }).Statement,
    ...(JSON.parse(JOB_GUARDRAIL_DOCUMENT) as { Statement: unknown[] }).Statement,
  ],
});
/** The delegation policy as IAM holds it: told apart from the other managed policies by its statement. */
export const DELEGATION_DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenyRewritingTrusts', Effect: 'Deny', Action: 'iam:UpdateAssumeRolePolicy', Resource: '*' },
  ],
});
const DELEGATION_ENCODED = encodeURIComponent(DELEGATION_DOCUMENT);
/** The owner access policy as IAM holds it: told apart from the guardrail policy by its statement. */
export const OWNER_ACCESS_DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'OwnNotebookOnly', Effect: 'Allow', Action: 'sagemaker:StartNotebookInstance', Resource: '*' },
  ],
});
/** A notebook role's trust as the notebook layer writes it (packages/notebook/src/notebooks/policies.ts), encoded. */
export const SAGEMAKER_TRUST = encodeURIComponent(
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEqualsIfExists: { 'aws:SourceAccount': ACCOUNT } },
      },
    ],
  }),
);
/** A role under the notebook role path as IAM lists it (ListRoles: no boundary, no tags). */
export const listedRole = (name: string, trust = SAGEMAKER_TRUST) => ({
  RoleName: name,
  Arn: iamArn(`role/secure-ml/sml-dev/notebooks/${name}`),
  Path: '/secure-ml/sml-dev/notebooks/',
  RoleId: 'AROAEXAMPLE',
  CreateDate: new Date('2026-11-01T00:00:00Z'),
  AssumeRolePolicyDocument: trust,
});

export const mocks = {
  sts: mockClient(STSClient),
  iam: mockClient(IAMClient),
  accessAnalyzer: mockClient(AccessAnalyzerClient),
  kms: mockClient(KMSClient),
  ec2: mockClient(EC2Client),
  cloudtrail: mockClient(CloudTrailClient),
  logs: mockClient(CloudWatchLogsClient),
  cloudwatch: mockClient(CloudWatchClient),
  sns: mockClient(SNSClient),
  sagemaker: mockClient(SageMakerClient),
  s3: mockClient(S3Client),
};
export const allMocks = Object.values(mocks);

interface SimulationInput {
  ActionNames: string[];
  ResourceArns?: string[];
  PolicyInputList?: string[];
  PolicySourceArn?: string;
  ContextEntries?: { ContextKeyName?: string; ContextKeyValues?: string[] }[];
}

/** The case tables' facts for this environment, written out as the outputs above give them. */
const CASE_FACTS = {
  partition: 'aws',
  account: ACCOUNT,
  region: REGION,
  stem: 'sml-dev',
  dataKeyArn: OUTPUTS.security.dataKeyArn,
  logsKeyArn: OUTPUTS.security.logsKeyArn,
  // alice's role, against bob's notebook (the notebook layer's verify asks about each notebook's role in turn).
  notebookRoleArn: OUTPUTS.notebook.notebooks.alice.roleArn,
  notebookId: 'alice',
  otherNotebookId: 'bob',
};
/** The notebook whose role (or job role) a simulation names: bob's is asked against alice's, alice's against bob's. */
const notebookOfRole = (roleArn: string | undefined): 'alice' | 'bob' =>
  roleArn?.endsWith('-bob') ? 'bob' : 'alice';
const factsOf = (id: 'alice' | 'bob') =>
  id === 'bob'
    ? {
        ...CASE_FACTS,
        notebookRoleArn: OUTPUTS.notebook.notebooks.bob.roleArn,
        notebookId: 'bob',
        otherNotebookId: 'alice',
      }
    : CASE_FACTS;
const jobRole = (id: string) => iamArn(`role/secure-ml/sml-dev/notebooks/sml-dev-job-${id}`);
/** Jobs are on in dev (packages/notebook/Pulumi.dev.yaml): the job case table's facts of one notebook. */
export const jobFactsOf = (id: 'alice' | 'bob') => ({
  ...factsOf(id),
  subnetIds: OUTPUTS.network.privateSubnetIds,
  jobSecurityGroupId: OUTPUTS.network.jobSecurityGroupIds[0],
  vpcId: OUTPUTS.network.vpcId,
  s3EndpointId: OUTPUTS.network.s3GatewayEndpointId,
  jobRoleArn: jobRole(id),
  otherJobRoleArn: jobRole(id === 'bob' ? 'alice' : 'bob'),
  networkIsolationRequired: true,
});
export const DELEGATION_FACTS = {
  partition: 'aws',
  account: ACCOUNT,
  stem: 'sml-dev',
  iamPath: '/secure-ml/',
  notebookRolePath: OUTPUTS.security.notebookRolePath,
  boundaryArn: OUTPUTS.security.notebookBoundaryArn,
  delegationArn: OUTPUTS.security.notebookRoleDelegationPolicyArn,
};
/** The guardrail layer reads no notebook: its verify names one the notebook layer may create (`guardrail-check`). */
export const GUARDRAIL_FACTS = {
  ...CASE_FACTS,
  notebookRoleArn: iamArn('role/secure-ml/sml-dev/notebooks/sml-dev-notebook-guardrail-check'),
  notebookId: 'guardrail-check',
  otherNotebookId: 'guardrail-check-other',
  subnetId: OUTPUTS.network.privateSubnetIds[0],
  securityGroupId: OUTPUTS.network.notebookSecurityGroupId,
  lifecycleConfigArn: regional(
    'sagemaker',
    'notebook-instance-lifecycle-config/sml-dev-lifecycle-guardrail-check',
  ),
  deploymentRoleArn: iamArn('role/sml-github-deploy-dev'),
};

/**
 * The owner table's facts (layers/owner-access.ts), written out: each notebook against the other with the owners
 * the notebooks output publishes, and for the guardrail (which reads no notebook) its `guardrail-check` names with
 * owners no notebook has. dev's owners open from 203.0.113.0/24 (packages/notebook/Pulumi.dev.yaml), no endpoint.
 */
export const ownerFactsOf = (id: 'alice' | 'bob' | 'guardrail-check'): OwnerFacts => {
  const other = { alice: 'bob', bob: 'alice', 'guardrail-check': 'guardrail-check-other' }[id];
  const role = (of: string) => iamArn(`role/secure-ml/sml-dev/notebooks/sml-dev-notebook-${of}`);
  const published = id !== 'guardrail-check';
  return {
    ...CASE_FACTS,
    notebookRoleArn: role(id),
    notebookId: id,
    otherNotebookId: other,
    owner: published ? `${id}@example.com` : `owner-of-${id}@example.invalid`,
    otherOwner: published ? `${other}@example.com` : `owner-of-${other}@example.invalid`,
    otherNotebookRoleArn: role(other),
    jobRoleArn: jobRole(id),
    subnetId: OUTPUTS.network.privateSubnetIds[0],
    notebookSecurityGroupId: OUTPUTS.network.notebookSecurityGroupId,
    sourceCidrs: ['203.0.113.0/24'],
    sourceVpceIds: [],
  };
};

/** Decisions AWS gives in a healthy environment: IAM's own words for each case's expected outcome. */
const IAM_WORDS = {
  Allowed: 'allowed',
  ExplicitlyDenied: 'explicitDeny',
  ImplicitlyDenied: 'implicitDeny',
} as const;

/**
 * What a request sends, as one string: its action, resource, attached documents and context (each value a list,
 * as IAM's ContextEntry carries it). A case and the request made of it give the same string.
 */
const sent = (
  action: string | undefined,
  resource: string | undefined,
  attached: readonly string[],
  context: Record<string, unknown>,
) => JSON.stringify([action, resource, attached, context]);

/**
 * Each table's expected outcomes by what the request of a case sends (the first case of a table wins, as a search
 * from the top would find it). verify sends one request per case, and a table is several hundred cases: built and
 * searched afresh for each request it was most of this project's test time. Keyed by the facts as well as the
 * table, so that a table of other facts is never answered from a stale index.
 */
const INDEXES = new Map<string, Map<string, AccessCase['expected']>>();
function indexOf(table: string, facts: unknown, cases: () => AccessCase[]) {
  const key = `${table} ${JSON.stringify(facts)}`;
  let index = INDEXES.get(key);
  if (!index) {
    index = new Map();
    for (const c of cases()) {
      const context = Object.fromEntries(Object.entries(c.context ?? {}).map(([k, v]) => [k, [v].flat()]));
      const request = sent(
        c.action,
        c.resource,
        (c.attached ?? []).map((d) => JSON.stringify(d)),
        context,
      );
      if (!index.has(request)) index.set(request, c.expected);
    }
    INDEXES.set(key, index);
  }
  return index;
}

// AWS agreeing with the case tables: each request is found in its table by everything it sends.
function answer(
  input: SimulationInput,
  table: Map<string, AccessCase['expected']>,
  attached: readonly string[],
) {
  const context = Object.fromEntries(
    (input.ContextEntries ?? []).map((e) => [e.ContextKeyName, e.ContextKeyValues]),
  );
  const expected = table.get(sent(input.ActionNames[0], input.ResourceArns?.[0], attached, context));
  return {
    EvaluationResults: [
      {
        EvalActionName: input.ActionNames[0],
        EvalResourceName: input.ResourceArns?.[0],
        EvalDecision: IAM_WORDS[expected ?? 'ImplicitlyDenied'],
      },
    ],
    IsTruncated: false,
  };
}

/** IAM's SimulatePrincipalPolicy agreeing with the tables: a notebook role's cases, or its job role's. */
export function principalAnswer(input: SimulationInput) {
  const notebook = notebookOfRole(input.PolicySourceArn);
  const jobFacts = jobFactsOf(notebook);
  const roleFacts = factsOf(notebook);
  const table = input.PolicySourceArn?.includes(':role/secure-ml/sml-dev/notebooks/sml-dev-job-')
    ? indexOf('job-role', jobFacts, () => jobCases(jobFacts).filter((c) => c.subject === 'job-role'))
    : indexOf('notebook-role', [roleFacts, jobFacts], () => [
        ...notebookRoleCases(roleFacts),
        ...jobCases(jobFacts).filter((c) => c.subject === 'notebook-role'),
      ]);
  return answer(input, table, input.PolicyInputList ?? []);
}

/**
 * IAM's SimulateCustomPolicy agreeing with the tables. Its first documents are the subject's own: the delegation,
 * the owner access policy (then the guardrail policy, for the owner beside it), the guardrail or its SCP; the
 * rest are what the case attaches.
 */
export function customAnswer(input: SimulationInput) {
  const [first, second, ...rest] = input.PolicyInputList ?? [];
  const besideFacts = ownerFactsOf('guardrail-check');
  const beside = (subject: AccessCase['subject']) =>
    ownerBesideGuardrailCases(besideFacts).filter((c) => c.subject === subject);
  const others = [second, ...rest].filter(Boolean) as string[];
  if (first === DELEGATION_DOCUMENT)
    return answer(
      input,
      indexOf('delegation', DELEGATION_FACTS, () => delegationCases(DELEGATION_FACTS)),
      others,
    );
  if (first === OWNER_ACCESS_DOCUMENT && second === GUARDRAIL_AS_SENT)
    return answer(
      input,
      indexOf('owner-guardrail', besideFacts, () => beside('owner-guardrail')),
      rest,
    );
  if (first === OWNER_ACCESS_DOCUMENT) {
    const owners = [ownerFactsOf('alice'), ownerFactsOf('bob')];
    return answer(
      input,
      indexOf('owner', owners, () => owners.flatMap((f) => ownerCases(f))),
      others,
    );
  }
  const guardrail = () => [...guardrailCases(GUARDRAIL_FACTS), ...beside('guardrail-scp')];
  return answer(input, indexOf('guardrail', [GUARDRAIL_FACTS, besideFacts], guardrail), others);
}

/** Resets every mock to the healthy environment's answers. */
export function healthy(): void {
  for (const m of allMocks) m.reset();
  mocks.sts.on(GetCallerIdentityCommand).resolves({
    Account: ACCOUNT,
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/secure-ml-verify/ci`,
    UserId: 'AROAEXAMPLE:ci',
  });
  mocks.kms.on(DescribeKeyCommand).resolves({
    KeyMetadata: { KeyId: 'k', KeyManager: 'CUSTOMER', KeyState: 'Enabled' },
  });
  mocks.kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });
  mocks.kms.on(GetKeyPolicyCommand).resolves({ Policy: DOCUMENT, PolicyName: 'default' });
  mocks.iam.on(GetRoleCommand).callsFake((input: { RoleName: string }) => {
    const notebookRole = /^sml-dev-(notebook|job)-/.test(input.RoleName);
    const path = notebookRole ? OUTPUTS.security.notebookRolePath : '/secure-ml/';
    return {
      Role: {
        RoleName: input.RoleName,
        Arn: iamArn(`role${path}${input.RoleName}`),
        Path: path,
        RoleId: 'AROAEXAMPLE',
        CreateDate: new Date('2026-11-01T00:00:00Z'),
        AssumeRolePolicyDocument: notebookRole ? SAGEMAKER_TRUST : encoded,
        ...(notebookRole
          ? {
              PermissionsBoundary: {
                PermissionsBoundaryType: 'Policy',
                PermissionsBoundaryArn: OUTPUTS.security.notebookBoundaryArn,
              },
            }
          : {}),
      },
    };
  });
  mocks.iam.on(ListRolesCommand).resolves({
    Roles: [
      listedRole('sml-dev-notebook-alice'),
      listedRole('sml-dev-notebook-bob'),
      // The job roles' trust is the notebook roles' (packages/notebook/src/jobs/policies.ts, jobTrustPolicy).
      listedRole('sml-dev-job-alice'),
      listedRole('sml-dev-job-bob'),
    ],
    IsTruncated: false,
  });
  mocks.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['access'], IsTruncated: false });
  mocks.iam.on(GetRolePolicyCommand).callsFake((input: { RoleName: string; PolicyName: string }) => ({
    RoleName: input.RoleName,
    PolicyName: input.PolicyName,
    PolicyDocument: encoded,
  }));
  mocks.iam.on(GetPolicyCommand).resolves({ Policy: { DefaultVersionId: 'v3' } });
  mocks.iam.on(GetPolicyVersionCommand).callsFake((input: { PolicyArn: string }) => ({
    PolicyVersion: {
      Document:
        input.PolicyArn === OUTPUTS.security.notebookRoleDelegationPolicyArn
          ? DELEGATION_ENCODED
          : input.PolicyArn === OUTPUTS.notebook.ownerAccessPolicyArn
            ? encodeURIComponent(OWNER_ACCESS_DOCUMENT)
            : input.PolicyArn === OUTPUTS.guardrail.jobGuardrailPolicyArn
              ? encodeURIComponent(JOB_GUARDRAIL_DOCUMENT)
              : encoded,
      VersionId: 'v3',
      IsDefaultVersion: true,
    },
  }));
  mocks.iam.on(SimulatePrincipalPolicyCommand).callsFake(principalAnswer);
  // SimulateCustomPolicy's first document is the guardrail (or its SCP) or the delegation; the rest are what the
  // case attaches.
  mocks.iam.on(SimulateCustomPolicyCommand).callsFake((input: SimulationInput) => customAnswer(input));
  mocks.accessAnalyzer.on(ValidatePolicyCommand).resolves({ findings: [] });
  mocks.ec2.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [] });
  mocks.ec2.on(DescribeSecurityGroupsCommand).callsFake((input: { GroupIds?: string[] }) => ({
    SecurityGroups: input.GroupIds?.includes(JOB_GROUP.GroupId)
      ? [JOB_GROUP]
      : [{ GroupId: 'sg-0default', GroupName: 'default', IpPermissions: [], IpPermissionsEgress: [] }],
  }));
  mocks.logs.on(DescribeLogGroupsCommand).callsFake((input: { logGroupNamePrefix?: string }) => ({
    logGroups: JOB_LOG_GROUPS.filter((g) => g.logGroupName.startsWith(input.logGroupNamePrefix ?? '')),
  }));
  mocks.ec2.on(DescribeVpcEndpointsCommand).resolves({
    VpcEndpoints: [
      {
        VpcEndpointId: OUTPUTS.network.s3GatewayEndpointId,
        VpcEndpointType: 'Gateway',
        ServiceName: `com.amazonaws.${REGION}.s3`,
        State: 'Available',
        PolicyDocument: DOCUMENT,
      },
      {
        VpcEndpointId: 'vpce-0a1b2c3d4e5f60002',
        VpcEndpointType: 'Interface',
        ServiceName: `com.amazonaws.${REGION}.sagemaker.api`,
        State: 'Available',
        PrivateDnsEnabled: true,
        PolicyDocument: DOCUMENT,
      },
    ],
  });
  mocks.ec2.on(DescribeFlowLogsCommand).resolves({
    FlowLogs: [{ FlowLogId: 'fl-0a1b2c3d4e5f60001', FlowLogStatus: 'ACTIVE', DeliverLogsStatus: 'SUCCESS' }],
  });
  mocks.cloudtrail.on(GetTrailStatusCommand).resolves({
    IsLogging: true,
    LatestDeliveryTime: new Date('2026-12-01T10:00:00Z'),
  });
  mocks.cloudtrail.on(GetTrailCommand).resolves({
    Trail: {
      Name: 'sml-dev-trail',
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      KmsKeyId: OUTPUTS.security.logsKeyArn,
    },
  });
  mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: ['root-account-usage', 'unauthorized-api-calls'].map((metric) => ({
      AlarmName: `sml-dev-${metric}`,
      ActionsEnabled: true,
      AlarmActions: [OUTPUTS.logging.alertsTopicArn],
    })),
  });
  mocks.sns.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: DOCUMENT } });
  mocks.sns.on(ListSubscriptionsByTopicCommand).resolves({
    Subscriptions: [{ SubscriptionArn: `${OUTPUTS.logging.alertsTopicArn}:5f3e`, Protocol: 'email' }],
  });
  mocks.s3.on(GetBucketPolicyCommand).resolves({ Policy: DOCUMENT });
  // Each notebook of the map as SageMaker reports it: bob's is alice's with his own name and configuration.
  mocks.sagemaker.on(DescribeNotebookInstanceCommand).callsFake((input: { NotebookInstanceName: string }) =>
    input.NotebookInstanceName === 'sml-dev-notebook-bob'
      ? {
          ...HEALTHY_NOTEBOOK,
          NotebookInstanceName: 'sml-dev-notebook-bob',
          NotebookInstanceLifecycleConfigName: 'sml-dev-lifecycle-bob',
        }
      : HEALTHY_NOTEBOOK,
  );
  mocks.logs.on(DescribeLogStreamsCommand).resolves({
    logStreams: [{ logStreamName: 'sml-dev-notebook/LifecycleConfigOnStart' }],
  });
}
