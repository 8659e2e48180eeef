import { conditionKeys, servicePrincipals, statementsOf } from '../../policy-document';
import { label, ofType, str, T } from '../../resources';
import { whereOf } from '../arns';
import { allowsTo, roleByArn, rolePolicyStatements } from '../lookup';
import type { PreflightRule } from '../rule';

export const NOTEBOOK_LOG_ACTIONS = [
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:DescribeLogStreams',
  'logs:PutLogEvents',
] as const;

/**
 * The execution role of a notebook instance needs, on /aws/sagemaker/NotebookInstances, the CloudWatch Logs
 * actions the SageMaker execution-role page lists for CreateNotebookInstance; its permissions boundary must
 * allow them too, or the allow is void.
 */
export const notebookRoleLogs: PreflightRule = {
  id: 'NOTEBOOK-ROLE-LOGS',
  requires: `the notebook's execution role and its boundary allow ${NOTEBOOK_LOG_ACTIONS.join(', ')} on /aws/sagemaker/NotebookInstances`,
  source: {
    title: 'How to use SageMaker AI execution roles: CreateNotebookInstance API: Execution Role Permissions',
    url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createnotebookinstance-perms',
  },
  check: (env) =>
    ofType(env, T.notebook).flatMap((nb) => {
      const role = roleByArn(env, nb.inputs['roleArn']);
      if (!role) return [];
      const { partition, region, account } = whereOf(env);
      const group = `arn:${partition}:logs:${region}:${account}:log-group:/aws/sagemaker/NotebookInstances`;
      const stream = `${group}:log-stream:${str(nb.inputs['name']) ?? nb.name}/jupyter.log`;
      const boundaryArn = str(role.inputs['permissionsBoundary']);
      const boundary = ofType(env, T.policy).find((p) => boundaryArn !== undefined && p.id === boundaryArn);
      const layers: [string, ReturnType<typeof statementsOf>][] = [
        ['its policies', rolePolicyStatements(env, role)],
        ...(boundary
          ? [
              ['its permissions boundary', statementsOf(boundary.inputs['policy'])] as [
                string,
                ReturnType<typeof statementsOf>,
              ],
            ]
          : []),
      ];
      return layers.flatMap(([where, statements]) =>
        NOTEBOOK_LOG_ACTIONS.filter(
          (a) => !allowsTo(statements, a, a === 'logs:CreateLogGroup' ? group : stream),
        ).map((a) => ({
          resource: label(role),
          message: `${label(role)}, the execution role of ${label(nb)}: ${where} do not allow ${a} on ${a === 'logs:CreateLogGroup' ? group : `${group}:log-stream:<notebook>/*`}`,
        })),
      );
    }),
};

/**
 * SageMaker's confused-deputy page does not list notebook instances among the features that send
 * aws:SourceAccount or aws:SourceArn: a plain (not IfExists) condition on either would deny SageMaker's
 * AssumeRole when the key is absent and the notebook would never start.
 */
export const notebookRoleTrust: PreflightRule = {
  id: 'NOTEBOOK-ROLE-TRUST',
  requires:
    "the notebook's execution role trusts sagemaker.amazonaws.com, checking aws:SourceAccount and aws:SourceArn only with IfExists",
  source: {
    title: 'Cross-service confused deputy prevention (Amazon SageMaker AI)',
    url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html',
  },
  check: (env) =>
    ofType(env, T.notebook).flatMap((nb) => {
      const role = roleByArn(env, nb.inputs['roleArn']);
      if (!role) return [];
      const trusts = statementsOf(role.inputs['assumeRolePolicy']).filter(
        (s) => s.effect === 'Allow' && servicePrincipals(s).includes('sagemaker.amazonaws.com'),
      );
      if (!trusts.length)
        return [
          {
            resource: label(role),
            message: `${label(role)}, the execution role of ${label(nb)}, does not trust sagemaker.amazonaws.com`,
          },
        ];
      return trusts.flatMap((s) =>
        conditionKeys(s)
          .filter(
            (c) => (c.key === 'aws:sourceaccount' || c.key === 'aws:sourcearn') && !c.op.endsWith('IfExists'),
          )
          .map((c) => ({
            resource: label(role),
            message: `${label(role)} trusts SageMaker only with ${c.op} ${c.key}, a key SageMaker is not documented to send for notebook instances: use ${c.op}IfExists`,
          })),
      );
    }),
};
