/**
 * The simulator and the deployment joined from the plans, shared by the notebook layer's simulation tests: every
 * document is read from a plan and joined the way AWS joins them (by name, ID or ARN), never rewritten by hand.
 */
import {
  runSimulation,
  runUnsafeSimulation,
  type EvaluationResult,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import { createValidatedPolicy, validateResourcePolicy } from '@cloud-copilot/iam-policy';
import {
  environmentsIn,
  type LayerPlan,
  MOCK_ACCOUNT,
  ofType,
  type PlannedResource,
  readPlan,
  REPO_ROOT,
} from '@secure-ml/shared/testing';
import type { AccessCase, CaseFacts } from '@secure-ml/verify/cases';
import { planNotebook, T, type Statement } from '../plan';

export const ACCOUNT = MOCK_ACCOUNT;
export const ENVS = environmentsIn(REPO_ROOT);
export type Env = (typeof ENVS)[number];
/** Another environment of the repository than `env` (there are at least two: tools/test/stack-config.test.ts). */
export const other = (env: Env): Env => ENVS.find((e) => e !== env) ?? env;

export interface Document {
  readonly Version: string;
  readonly Statement: Statement[];
}

// ---------------------------------------------------------------------------------------------------------------
// The simulator, strict: a refused case, an unknown context key or a multi-resource answer fails the test.
// ---------------------------------------------------------------------------------------------------------------

export interface Ask {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
}
export interface Policies {
  readonly identity?: readonly Document[];
  readonly boundary?: Document;
  /** The resource's own policy: bucket policy, key policy, trust policy. */
  readonly resource?: Document;
  /** The policy of the VPC endpoint the request goes through, if it goes through one. */
  readonly endpoint?: Document;
}

/** Encryption-context keys use `:` inside the variable part, which iam-simulate 0.1.173 does not recognise. */
const ENCRYPTION_CONTEXT = /^kms:EncryptionContext:/i;

export async function decide(ask: Ask, policies: Policies): Promise<EvaluationResult> {
  const simulation: Simulation = {
    request: {
      principal: ask.principal,
      action: ask.action,
      resource: { resource: ask.resource, accountId: ACCOUNT },
      // AWS sends the bucket owner's account as aws:ResourceAccount; the simulator takes it from here.
      contextVariables: {
        ...(ask.action.startsWith('s3:') ? { 'aws:ResourceAccount': ACCOUNT } : {}),
        ...ask.context,
      },
    },
    identityPolicies: (policies.identity ?? []).map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(policies.boundary
      ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: policies.boundary }] }
      : {}),
    ...(policies.resource ? { resourcePolicy: policies.resource } : {}),
    ...(policies.endpoint ? { vpcEndpointPolicies: [{ name: 'endpoint', policy: policies.endpoint }] } : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error')
    throw new Error(`The simulator refused ${ask.action}: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`Expected one resource for ${ask.resource}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  const unknown = ignored.filter((k) => !ENCRYPTION_CONTEXT.test(k));
  if (unknown.length) throw new Error(`${ask.action} has no context key ${unknown.join(', ')}: fix the case`);
  if (!ignored.length) return result.overallResult;
  // Same, already validated, inputs through the engine that evaluates kms:EncryptionContext:<key> as AWS does.
  // That engine ignores endpoint policies, so a KMS case must not go through one (S3 calls KMS, not the VPC).
  if (policies.endpoint) throw new Error('An encryption-context case cannot also go through a VPC endpoint');
  const resourcePolicy =
    policies.resource &&
    createValidatedPolicy(policies.resource, validateResourcePolicy, { name: 'resource-policy' });
  return runUnsafeSimulation({ ...simulation, ...(resourcePolicy ? { resourcePolicy } : {}) }, {});
}

// ---------------------------------------------------------------------------------------------------------------
// The deployment, joined from the plans the way AWS joins it.
// ---------------------------------------------------------------------------------------------------------------

export const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || !value)
    throw new Error(`${what} is not a string: ${JSON.stringify(value)}`);
  return value;
};
export const parse = (r: PlannedResource, field = 'policy'): Document =>
  JSON.parse(text(r.inputs[field], `${r.type} ${r.name}.${field}`)) as Document;

/** The one resource of a type whose ID (or an input) has this value: how AWS finds what an ARN or ID names. */
export function find(plan: LayerPlan, type: string, match: (r: PlannedResource) => boolean, what: string) {
  const found = ofType(plan, type).filter(match);
  if (found.length !== 1) throw new Error(`${what}: ${found.length} ${type} in the ${plan.layer} plan match`);
  return found[0] as PlannedResource;
}

export interface Deployment {
  readonly env: Env;
  /** The notebook (of the `notebooks` map) whose role the requests are made with. */
  readonly id: string;
  readonly region: string;
  readonly role: { readonly arn: string; readonly name: string; readonly session: string };
  /** Every identity policy on the notebook's role (all the notebook layer's). */
  readonly identity: Document[];
  /** The notebook layer's policies on the role (what its boundary must admit): the same documents. */
  readonly notebookGrants: Document[];
  readonly boundary: Document;
  readonly bucket: { readonly name: string; readonly arn: string; readonly policy: Document };
  readonly dataKey: { readonly arn: string; readonly alias: string; readonly policy: Document };
  readonly logsKey: { readonly arn: string; readonly alias: string; readonly policy: Document };
  readonly endpoints: {
    readonly s3: Document;
    readonly s3Id: string;
    readonly sagemakerApi: Document;
    readonly logs: Document;
  };
  readonly notebook: { readonly name: string; readonly arn: string; readonly dataPrefix: string };
  readonly logging: LayerPlan;
  readonly security: LayerPlan;
  /** The notebook plan the documents come from (its job roles among them). */
  readonly notebookPlan: LayerPlan;
}

function key(security: LayerPlan, purpose: 'data' | 'logs') {
  const id = text(security.outputs[`${purpose}KeyId`], `${purpose}KeyId`);
  const resource = find(security, 'aws:kms/key:Key', (r) => r.id === id, `${purpose} key`);
  const alias = find(
    security,
    'aws:kms/alias:Alias',
    (r) => r.inputs['targetKeyId'] === id,
    `alias of the ${purpose} key`,
  );
  return {
    arn: text(security.outputs[`${purpose}KeyArn`], `${purpose}KeyArn`),
    alias: text(alias.inputs['name'], 'alias name'),
    policy: parse(resource),
  };
}

export interface NotebookEntry {
  readonly notebookName: string;
  readonly notebookArn: string;
  readonly roleArn: string;
  readonly roleName: string;
  readonly dataPrefix: string;
}

export async function deployment(
  env: Env,
  notebookConfig: Record<string, string> = {},
  id = 'alice',
): Promise<Deployment> {
  const security = readPlan(REPO_ROOT, env, 'security');
  const network = readPlan(REPO_ROOT, env, 'network');
  const logging = readPlan(REPO_ROOT, env, 'logging');
  const notebook = await planNotebook(env, notebookConfig);
  const entry = (notebook.outputs['notebooks'] as Record<string, NotebookEntry> | undefined)?.[id];
  if (!entry) throw new Error(`The ${env} notebook plan publishes no notebook ${id}`);
  const roleName = entry.roleName;
  const role = find(notebook, 'aws:iam/role:Role', (r) => r.id === roleName, `role of notebook ${id}`);
  const boundaryArn = text(role.inputs['permissionsBoundary'], 'permissionsBoundary of the notebook role');
  const onRole = (plan: LayerPlan) =>
    ofType(plan, T.rolePolicy)
      .filter((r) => r.inputs['role'] === roleName)
      .map((r) => parse(r));
  const region = text(security.outputs['dataKeyArn'], 'dataKeyArn').split(':')[3] as string;
  const bucketName = text(notebook.outputs['dataBucketName'], 'dataBucketName');
  const s3Id = text(network.outputs['s3GatewayEndpointId'], 's3GatewayEndpointId');
  const endpoint = (service: string) =>
    parse(
      find(
        network,
        'aws:ec2/vpcEndpoint:VpcEndpoint',
        (r) => r.inputs['serviceName'] === `com.amazonaws.${region}.${service}`,
        `${service} endpoint`,
      ),
    );
  return {
    env,
    id,
    region,
    role: {
      arn: entry.roleArn,
      name: roleName,
      // SageMaker assumes the role for the instance; the session ARN carries the role name, not its path.
      session: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/SageMaker`,
    },
    identity: onRole(notebook),
    notebookGrants: onRole(notebook),
    boundary: parse(find(security, 'aws:iam/policy:Policy', (r) => r.id === boundaryArn, 'boundary')),
    bucket: {
      name: bucketName,
      arn: text(notebook.outputs['dataBucketArn'], 'dataBucketArn'),
      policy: parse(
        find(notebook, T.bucketPolicy, (r) => r.inputs['bucket'] === bucketName, 'bucket policy'),
      ),
    },
    dataKey: key(security, 'data'),
    logsKey: key(security, 'logs'),
    endpoints: {
      s3: parse(
        find(network, 'aws:ec2/vpcEndpoint:VpcEndpoint', (r) => r.id === s3Id, 'S3 gateway endpoint'),
      ),
      s3Id,
      sagemakerApi: endpoint('sagemaker.api'),
      logs: endpoint('logs'),
    },
    notebook: { name: entry.notebookName, arn: entry.notebookArn, dataPrefix: entry.dataPrefix },
    logging,
    security,
    notebookPlan: notebook,
  };
}

/** What AWS puts in every request of an IAM role session of our account. */
export const sessionContext = (d: Deployment) => ({
  'aws:PrincipalArn': d.role.arn,
  'aws:PrincipalAccount': ACCOUNT,
  'aws:PrincipalIsAWSService': 'false',
});
/** The notebook role, with everything attached to it and its boundary. */
export const asNotebook = (d: Deployment, more: Omit<Policies, 'identity' | 'boundary'> = {}): Policies => ({
  identity: d.identity,
  boundary: d.boundary,
  ...more,
});
/** An object of the notebook's own prefix (`notebooks/<id>/datasets/train.csv`), or of `prefix`. */
export const objectOf = (d: Deployment, bucketArn: string, prefix = d.notebook.dataPrefix) =>
  `${bucketArn}/${prefix}datasets/train.csv`;
/** An S3 request of the notebook; `via` is the endpoint it goes through, if any. */
export function s3Ask(
  d: Deployment,
  action: string,
  bucketArn: string,
  via?: string,
  tls = true,
  prefix = d.notebook.dataPrefix,
): Ask {
  return {
    principal: d.role.session,
    action,
    resource: objectOf(d, bucketArn, prefix),
    context: {
      ...sessionContext(d),
      'aws:SecureTransport': String(tls),
      ...(via ? { 'aws:SourceVpce': via } : {}),
    },
  };
}
/** The KMS request S3 makes with the notebook's identity for an SSE-KMS object under a bucket key. */
export function kmsViaS3(d: Deployment, action: string, bucketArn = d.bucket.arn): Ask {
  return {
    principal: d.role.session,
    action,
    resource: d.dataKey.arn,
    context: {
      ...sessionContext(d),
      'aws:SecureTransport': 'true',
      'aws:ViaAWSService': 'true',
      'kms:ViaService': `s3.${d.region}.amazonaws.com`,
      'kms:CallerAccount': ACCOUNT,
      // With a bucket key, the context is the bucket's ARN (not the object's).
      'kms:EncryptionContext:aws:s3:arn': bucketArn,
      'kms:ResourceAliases': [d.dataKey.alias],
    },
  };
}
/**
 * The key policy reduced to its account-root statement: IAM policies decide alone, so what a layer's identity
 * policy grants can be told apart from what the key policy grants the role by name.
 */
export const delegationOnly = (policy: Document): Document => ({
  ...policy,
  Statement: policy.Statement.filter(
    (s) => JSON.stringify(s.Principal) === JSON.stringify({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
  ),
});
export const sagemakerLogGroup = (d: Deployment) =>
  text(d.logging.outputs['notebookLogGroupArn'], 'notebookLogGroupArn');

// ---------------------------------------------------------------------------------------------------------------
// The shared case tables (libs/verify/src/cases/) decided over a deployment.
// ---------------------------------------------------------------------------------------------------------------

/** Each example notebook against the other: one role reaching the other's prefix, streams or jobs fails. */
export const NOTEBOOK_PAIRS = [
  ['alice', 'bob'],
  ['bob', 'alice'],
] as const;

/** A case table's facts for this deployment's notebook, against `otherId`'s. */
export const caseFactsOf = (d: Deployment, otherId: string): CaseFacts => ({
  partition: 'aws',
  account: ACCOUNT,
  region: d.region,
  stem: `sml-${d.env}`,
  dataKeyArn: d.dataKey.arn,
  logsKeyArn: d.logsKey.arn,
  notebookRoleArn: d.role.arn,
  notebookId: d.id,
  otherNotebookId: otherId,
});

/** A notebook-role case's policies: the role's own and what the case attaches, the boundary, its resource policy. */
export function notebookRoleCasePolicies(d: Deployment, c: AccessCase): Policies {
  const resource =
    c.resourcePolicy === 'data-key'
      ? d.dataKey.policy
      : c.resourcePolicy === 'logs-key'
        ? d.logsKey.policy
        : c.resourcePolicy === 'data-bucket'
          ? d.bucket.policy
          : (c.resourcePolicy as Document | undefined);
  return {
    identity: [...d.identity, ...((c.attached ?? []) as unknown as Document[])],
    boundary: d.boundary,
    ...(resource ? { resource } : {}),
  };
}
