import type { Env, Finding, Layer, Res } from './model';
import { LAYER_ORDER } from './model';

/** Pulumi type tokens of @pulumi/aws 7 that the controls read. */
export const T = {
  notebook: 'aws:sagemaker/notebookInstance:NotebookInstance',
  lifecycle: 'aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration',
  key: 'aws:kms/key:Key',
  keyPolicy: 'aws:kms/keyPolicy:KeyPolicy',
  alias: 'aws:kms/alias:Alias',
  role: 'aws:iam/role:Role',
  policy: 'aws:iam/policy:Policy',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  userPolicy: 'aws:iam/userPolicy:UserPolicy',
  groupPolicy: 'aws:iam/groupPolicy:GroupPolicy',
  rolePolicyAttachment: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
  policyAttachment: 'aws:iam/policyAttachment:PolicyAttachment',
  vpc: 'aws:ec2/vpc:Vpc',
  subnet: 'aws:ec2/subnet:Subnet',
  defaultSg: 'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup',
  sg: 'aws:ec2/securityGroup:SecurityGroup',
  sgRule: 'aws:ec2/securityGroupRule:SecurityGroupRule',
  ingressRule: 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
  egressRule: 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule',
  igw: 'aws:ec2/internetGateway:InternetGateway',
  eigw: 'aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway',
  nat: 'aws:ec2/natGateway:NatGateway',
  route: 'aws:ec2/route:Route',
  routeTable: 'aws:ec2/routeTable:RouteTable',
  endpoint: 'aws:ec2/vpcEndpoint:VpcEndpoint',
  nacl: 'aws:ec2/networkAcl:NetworkAcl',
  defaultNacl: 'aws:ec2/defaultNetworkAcl:DefaultNetworkAcl',
  naclRule: 'aws:ec2/networkAclRule:NetworkAclRule',
  topicPolicy: 'aws:sns/topicPolicy:TopicPolicy',
  flowLog: 'aws:ec2/flowLog:FlowLog',
  trail: 'aws:cloudtrail/trail:Trail',
  logGroup: 'aws:cloudwatch/logGroup:LogGroup',
  metricFilter: 'aws:cloudwatch/logMetricFilter:LogMetricFilter',
  alarm: 'aws:cloudwatch/metricAlarm:MetricAlarm',
  topic: 'aws:sns/topic:Topic',
  subscription: 'aws:sns/topicSubscription:TopicSubscription',
  bucket: 'aws:s3/bucket:Bucket',
  publicAccessBlock: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  versioning: 'aws:s3/bucketVersioning:BucketVersioning',
  encryption: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
  logging: 'aws:s3/bucketLogging:BucketLogging',
  ownership: 'aws:s3/bucketOwnershipControls:BucketOwnershipControls',
  lifecycleRules: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
} as const;

/** A value as a message shows it: strings as they are, anything else as JSON. */
export const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const list = (v: unknown): unknown[] =>
  Array.isArray(v) ? (v as unknown[]) : v === undefined || v === null ? [] : [v];
export const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');

export const ofType = (env: Env, ...types: string[]): Res[] =>
  env.resources.filter((r) => types.includes(r.type));

/** `sml-dev-data (Bucket)`: how a finding names a resource. */
export const label = (r: Res): string => `${r.name} (${r.type.split(':').pop() ?? r.type})`;

export const finding = (r: Res, message: string, fix: string): Finding => ({
  resource: label(r),
  urn: r.urn,
  message: `${label(r)}: ${message}`,
  fix,
});
export const missing = (what: string, message: string, fix: string): Finding => ({
  resource: what,
  message: `${what}: ${message}`,
  fix,
});

/** The physical name Pulumi gives a resource: its `name` input when set (log groups, roles, topics). */
export const physicalName = (r: Res): string => str(r.inputs['name']) ?? r.name;

/** The name of a bucket, or of the bucket a bucket setting applies to. */
export const bucketName = (r: Res): string =>
  r.type === T.bucket ? (str(r.inputs['bucket']) ?? r.id ?? r.name) : (str(r.inputs['bucket']) ?? '');

/** The settings resources of one bucket: its public access block, policy, versioning... */
export const settingsOf = (env: Env, bucket: Res, type: string): Res[] =>
  ofType(env, type).filter((s) => bucketName(s) === bucketName(bucket));

/** The layer of a stack's project (`secure-ml-network` -> `network`), from a URN. */
export function layerOfUrn(urn: string): Layer | undefined {
  const project = urn.split('::')[1] ?? '';
  return LAYER_ORDER.find((l) => project === `secure-ml-${l}`);
}

/** The stack of a URN (`urn:pulumi:<stack>::<project>::...`). */
export const stackOfUrn = (urn: string): string => urn.split('::')[0]?.split(':')[2] ?? '';

/**
 * Whether the control may demand that something of `owner` exists: always over the whole environment, and
 * under the real engine only in the owner's own stack (the network stack cannot hold the trail).
 */
export const owns = (env: Env, owner: Layer): boolean => env.scope === 'environment' || env.layer === owner;

/** AWS-managed keys (`alias/aws/s3`, `.../alias/aws/sns`) are not customer-managed. */
export function isCustomerKeyRef(ref: string | undefined): boolean {
  return !!ref && !/(^|:)alias\/aws\//.test(ref);
}

/** The key of this environment that `ref` (key ID, key ARN, alias name or alias ARN) designates. */
export function keyOf(env: Env, ref: string | undefined): Res | undefined {
  if (!ref) return undefined;
  const keys = ofType(env, T.key);
  const byId = (id: string | undefined) =>
    keys.find((k) => !!k.id && (id === k.id || id?.endsWith(`:key/${k.id}`)));
  const direct = byId(ref);
  if (direct) return direct;
  const alias = ofType(env, T.alias).find((a) => {
    const name = str(a.inputs['name']);
    return !!name && (ref === name || ref.endsWith(`:${name}`));
  });
  return alias ? byId(str(alias.inputs['targetKeyId'])) : undefined;
}

/**
 * NB-4, LOG-2, LOG-11, LOG-13, S3-4: a reference to a customer-managed key. Over the whole environment the key
 * must also be one of the environment's keys (the security layer's), which the real engine cannot see.
 */
export function customerKeyProblem(env: Env, ref: string | undefined, setting: string): string | undefined {
  if (!ref) return `${setting} is not set, so AWS encrypts with an AWS-owned or AWS-managed key`;
  if (!isCustomerKeyRef(ref)) return `${setting} is ${ref}, an AWS-managed key whose policy we cannot scope`;
  if (env.scope === 'environment' && ofType(env, T.key).length > 0 && !keyOf(env, ref)) {
    return `${setting} is ${ref}, which is not a key of this environment's security layer`;
  }
  return undefined;
}

/** ARN suffix `log-group:<name>` or `log-group:<name>:*` -> name. */
export const logGroupNameOfArn = (arn: string | undefined): string | undefined =>
  arn?.match(/:log-group:([^:]+)/)?.[1];

/** Role name from a role ARN (`arn:aws:iam::1:role/path/name` -> `name`). */
export const roleNameOfArn = (arn: string | undefined): string | undefined =>
  arn?.match(/:role\/(?:.*\/)?([^/]+)$/)?.[1];

export const layerIndex = (l: Layer | undefined): number => (l ? LAYER_ORDER.indexOf(l) : -1);
