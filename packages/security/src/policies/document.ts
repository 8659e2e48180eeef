import type * as aws from '@pulumi/aws';
import { Naming } from '@secure-ml/shared';

/**
 * The plain values every policy document of this layer is built from. Documents are pure functions of it, so
 * tests can build them directly and the program builds them once the provider has answered account and
 * partition (inside `apply`).
 */
export interface PolicyEnv {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly naming: Naming;
}

export type PolicyDocument = aws.iam.PolicyDocument;
export type PolicyStatement = aws.iam.PolicyStatement;

/** A policy document of the current policy language version. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: [...statements] };
}

/** The account root as a principal: "IAM policies of this account decide", not "the root user". */
export const accountRoot = (env: PolicyEnv): string => `arn:${env.partition}:iam::${env.accountId}:root`;

/**
 * A global service principal (`sagemaker.amazonaws.com`). The commercial, GovCloud and China partitions all
 * name these principals with `amazonaws.com`.
 */
export const service = (name: string): string => `${name}.amazonaws.com`;

/** A regional service principal (`logs.eu-west-1.amazonaws.com`), which CloudWatch Logs requires in key policies. */
export const regionalService = (name: string, env: PolicyEnv): string =>
  `${name}.${env.region}.amazonaws.com`;

/** The log group SageMaker writes notebook logs to; the logging layer creates it, encrypted with the logs key. */
export const sagemakerNotebookLogGroupArn = (env: PolicyEnv): string =>
  env.naming.logGroupArn('/aws/sagemaker/NotebookInstances', env.partition, env.region, env.accountId);

/**
 * SageMaker's job log groups (/aws/sagemaker/TrainingJobs, /aws/sagemaker/ProcessingJobs), which the logging
 * layer creates encrypted with the logs key when jobs are on (issue 15).
 */
export const sagemakerJobLogGroupArns = (env: PolicyEnv): string[] =>
  Object.values(Naming.SAGEMAKER_JOB_LOG_GROUPS).map((name) =>
    env.naming.logGroupArn(name, env.partition, env.region, env.accountId),
  );

/** Every log group of this environment (`/secure-ml/<prefix>-<env>/*`), created later by the logging layer. */
export const environmentLogGroupsPattern = (env: PolicyEnv): string =>
  env.naming.logGroupArnPattern(env.partition, env.region, env.accountId);

export const trailArn = (env: PolicyEnv): string =>
  env.naming.trailArn(env.partition, env.region, env.accountId);
