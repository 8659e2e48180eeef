/**
 * Runs a shared case table (libs/verify/src/cases: the same cases `verify` asks IAM's simulator in the deployed
 * account) offline, against the policies of this layer's plan.
 */
import type { LayerPlan } from '@secure-ml/shared/testing';
import type { AccessCase, CaseFacts } from '@secure-ml/verify/cases';
import { ACCOUNT, keyPolicy, REGION, type Document } from './plan';
import { type Case, notebookPolicies, NOTEBOOK, STEM } from './cases';

/** The facts a table is written against, read from the plan as `verify` reads them from the stack outputs. */
export const factsOf = (plan: LayerPlan): CaseFacts => ({
  partition: 'aws',
  account: ACCOUNT,
  region: REGION,
  stem: STEM,
  dataKeyArn: String(plan.outputs['dataKeyArn']),
  logsKeyArn: String(plan.outputs['logsKeyArn']),
  notebookRoleArn: String(plan.outputs['notebookRoleArn']),
});

/** Facts for naming the tests before any plan exists; every decided request is rebuilt from the plan's own. */
const NAMING_FACTS: CaseFacts = {
  partition: 'aws',
  account: ACCOUNT,
  region: REGION,
  stem: STEM,
  dataKeyArn: 'not decided: named only',
  logsKeyArn: 'not decided: named only',
  notebookRoleArn: 'not decided: named only',
};

/** Each case of `table` as an offline simulation case, decided with the plan's documents. */
export function offlineCases(table: (facts: CaseFacts) => AccessCase[]): Case[] {
  return table(NAMING_FACTS).map((named, i) => {
    const pick = (plan: LayerPlan): AccessCase => {
      const built = table(factsOf(plan));
      const found = built[i];
      if (!found || found.name !== named.name)
        throw new Error(`The case table changed between naming and deciding at ${i}: ${named.name}`);
      return found;
    };
    return {
      name: named.name,
      expected: named.expected,
      request: (plan) => {
        const c = pick(plan);
        if (c.subject !== 'notebook-role') throw new Error(`${c.name}: no offline subject ${c.subject} here`);
        return {
          principal: NOTEBOOK,
          action: c.action,
          resource: c.resource,
          ...(c.context ? { context: c.context as Record<string, string | string[]> } : {}),
        };
      },
      policies: (plan) => {
        const c = pick(plan);
        const resource =
          c.resourcePolicy === 'data-key'
            ? keyPolicy(plan, 'data')
            : c.resourcePolicy === 'logs-key'
              ? keyPolicy(plan, 'logs')
              : (c.resourcePolicy as Document | undefined);
        return notebookPolicies(plan, (c.attached ?? []) as Document[], resource);
      },
    };
  });
}
