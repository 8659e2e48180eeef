import { KMS_CRYPTOGRAPHIC_ACTIONS, KMS_LOGS_SERVICE_ACTIONS, KMS_MANAGEMENT_ACTIONS } from './actions';
import {
  accountRoot,
  environmentLogGroupsPattern,
  policyDocument,
  regionalService,
  sagemakerJobLogGroupArns,
  sagemakerNotebookLogGroupArn,
  service,
  trailArn,
  type PolicyDocument,
  type PolicyEnv,
  type PolicyStatement,
} from './document';

/**
 * The statements both keys share: the account root and the key administrators. In a key policy `Resource: "*"`
 * means "this key" and nothing else.
 */
function commonStatements(env: PolicyEnv, administrators: readonly string[]): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      // Without this statement only the principals named below could ever touch the key, and a mistake in this
      // policy would lock the account out of it for good. Naming the account root delegates to IAM: a principal
      // of this account gets an action only when one of its IAM policies also grants it (the notebook role's
      // boundary and the guardrail then decide). The actions are listed, not `kms:*`, so that no action AWS adds
      // later is delegated by surprise.
      // No wildcard principal in any key policy (KMS-3): the account root, named roles and scoped services only.
      Sid: 'AccountIamPoliciesMayGrantUse',
      Effect: 'Allow',
      Principal: { AWS: accountRoot(env) },
      Action: [...KMS_MANAGEMENT_ACTIONS, ...KMS_CRYPTOGRAPHIC_ACTIONS],
      Resource: '*',
    },
  ];
  if (administrators.length === 0) return statements;
  statements.push(
    {
      // The people or pipelines that rotate, tag, re-policy and schedule deletion of the key, named in config.
      Sid: 'KeyAdministratorsManage',
      Effect: 'Allow',
      Principal: { AWS: [...administrators] },
      Action: [...KMS_MANAGEMENT_ACTIONS],
      Resource: '*',
    },
    {
      // Separation of duties: an administrator's own IAM policies (often broad, such as AdministratorAccess)
      // would otherwise reach the key's material through the account-root statement. An explicit deny wins
      // over every allow, so managing the key never comes with reading what it protects.
      // KMS-6: every cryptographic action, with no condition.
      Sid: 'KeyAdministratorsNeverUse',
      Effect: 'Deny',
      Principal: { AWS: [...administrators] },
      Action: [...KMS_CRYPTOGRAPHIC_ACTIONS],
      Resource: '*',
    },
  );
  return statements;
}

export interface DataKeyPolicyArgs {
  readonly administrators: readonly string[];
}

/**
 * Key policy of the data key (notebook volumes, the data bucket). It names no notebook role: there is one per
 * notebook, created by the notebook layer after this key, and a key policy may only name principals that exist
 * (KMS rejects an unknown one). Each role gets the key from its own IAM policy (only through S3, for the data
 * bucket) by the account-root statement, and its boundary caps it to this key's alias.
 */
export function dataKeyPolicy(env: PolicyEnv, args: DataKeyPolicyArgs): PolicyDocument {
  return policyDocument([
    ...commonStatements(env, args.administrators),
    // No kms:CreateGrant for the notebook roles: SageMaker creates the volume's grant with the credentials of
    // whoever calls CreateNotebookInstance or StartNotebookInstance, never with the notebook role's. That caller
    // gets it from its IAM policy through the account-root statement (notebookCallerKeyPolicy, attached by
    // whoever grants access). AWS: "Amazon SageMaker API Permissions: Actions, Permissions, and Resources
    // Reference", https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html
  ]);
}

/** Key policy of the logs key (CloudTrail, CloudWatch Logs, the alerts topic). No person or workload uses it. */
export function logsKeyPolicy(
  env: PolicyEnv,
  args: { readonly administrators: readonly string[] },
): PolicyDocument {
  const trail = trailArn(env);
  return policyDocument([
    ...commonStatements(env, args.administrators),
    {
      // CloudWatch Logs encrypts the environment's log groups, and the SageMaker notebook and job groups the
      // logging layer creates (the job groups only exist with secure-ml-logging:jobs; naming them costs nothing). The encryption context carries the log group's ARN, so a log group of another environment, or
      // of another account, can never be encrypted (or read) with this key (confused deputy).
      // Every service grant is scoped to this account's resources (KMS-5).
      Sid: 'CloudWatchLogsForEnvironmentLogGroups',
      Effect: 'Allow',
      Principal: { Service: regionalService('logs', env) },
      Action: [...KMS_LOGS_SERVICE_ACTIONS],
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': [
            environmentLogGroupsPattern(env),
            sagemakerNotebookLogGroupArn(env),
            ...sagemakerJobLogGroupArns(env),
          ],
        },
      },
    },
    {
      // CloudTrail encrypts the environment's trail's log files: only for requests made on behalf of that trail
      // (aws:SourceArn) and only with that trail in the encryption context (a multi-region trail writes from every
      // region, so the region is a wildcard; account and trail name are not).
      Sid: 'CloudTrailEncryptsEnvironmentTrail',
      Effect: 'Allow',
      Principal: { Service: service('cloudtrail') },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceArn': trail },
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${env.partition}:cloudtrail:*:${env.accountId}:trail/${env.naming.trailName}`,
        },
      },
    },
    {
      // CloudTrail checks the key when the trail is created or updated; the request carries no encryption context,
      // so it is scoped by the trail it is made for.
      Sid: 'CloudTrailDescribesKeyForEnvironmentTrail',
      Effect: 'Allow',
      Principal: { Service: service('cloudtrail') },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': trail } },
    },
    {
      // Alarms publish to the encrypted alerts topic; SNS asks KMS with CloudWatch's identity. Only alarms of this
      // account may do so (aws:SourceAccount), so another account's alarms cannot use our key.
      Sid: 'CloudWatchAlarmsPublishToAlertsTopic',
      Effect: 'Allow',
      Principal: { Service: service('cloudwatch') },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': env.accountId } },
    },
  ]);
}
