import { planForTest, resource, type LayerPlan, type TestPlanOptions } from '@secure-ml/shared/testing';
import program from '../src/index';

export const T = {
  notebook: 'aws:sagemaker/notebookInstance:NotebookInstance',
  lifecycle: 'aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration',
  bucket: 'aws:s3/bucket:Bucket',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  role: 'aws:iam/role:Role',
} as const;

/**
 * The notebook plan of a stack, with config overrides on top of its Pulumi.<stack>.yaml; the upstream outputs
 * are those of the real security, network and logging plans (Nx plans them first).
 */
export function planNotebook(
  stack = 'dev',
  config: Record<string, string | undefined> = {},
  upstream?: TestPlanOptions['upstream'],
): Promise<LayerPlan> {
  return planForTest('notebook', program, { stack, config, ...(upstream ? { upstream } : {}) });
}

/** A hook's script as SageMaker receives it, decoded: of notebook `id` (alice, in both example stacks). */
export function hookOf(plan: LayerPlan, hook: 'onCreate' | 'onStart', id = 'alice'): string {
  return Buffer.from(String(resource(plan, T.lifecycle, `${id}-lifecycle`).inputs[hook]), 'base64').toString(
    'utf8',
  );
}

/** One statement of a policy as IAM reads it. */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** A JSON policy input, parsed. */
export function policyOf(plan: LayerPlan, type: string, name: string): { Statement: Statement[] } {
  return JSON.parse(String(resource(plan, type, name).inputs['policy'])) as { Statement: Statement[] };
}
