/**
 * The shared case table of a notebook role (libs/verify/src/cases/notebook-role.ts, which `verify` also sends to
 * IAM's simulator in the deployed account), decided offline for each notebook of each example environment: the
 * notebook's own role policies (notebook plan) under the security layer's boundary (security plan), with the key
 * policy where a case names one. Each notebook is checked against the other, so that one role reaching another
 * notebook's prefix, streams or instance fails here.
 */
import { notebookRoleCases, type AccessCase } from '@secure-ml/verify/cases';
import {
  ACCOUNT,
  caseFactsOf,
  decide,
  deployment,
  ENVS,
  NOTEBOOK_PAIRS,
  notebookRoleCasePolicies,
  type Deployment,
} from './support/deployment';

/** Names only, for the test titles; every decided case is rebuilt from the plan's own facts. */
const NAMED = notebookRoleCases({
  partition: 'aws',
  account: ACCOUNT,
  region: 'eu-west-1',
  stem: 'sml-dev',
  dataKeyArn: 'named only',
  logsKeyArn: 'named only',
  notebookRoleArn: 'named only',
  notebookId: 'alice',
  otherNotebookId: 'bob',
});

it('runs the whole shared table (its length written out, so that a dropped case fails here)', () => {
  expect(NAMED).toHaveLength(51);
});

describe.each(ENVS.flatMap((env) => NOTEBOOK_PAIRS.map(([own, other]) => [env, own, other] as const)))(
  "%s: %s's role against the shared case table (the other notebook: %s)",
  (env, own, other) => {
    let d: Deployment;
    let cases: AccessCase[];
    beforeAll(async () => {
      d = await deployment(env, {}, own);
      cases = notebookRoleCases(caseFactsOf(d, other));
    });
    it.each(NAMED.map((c, i) => [c.name, c.expected, i] as const))('%s: %s', async (name, expected, i) => {
      const c = cases[i] as AccessCase;
      expect(c.name).toBe(name);
      if (c.subject !== 'notebook-role') throw new Error(`${c.name}: no offline subject ${c.subject} here`);
      const context = {
        'aws:PrincipalArn': d.role.arn,
        'aws:PrincipalAccount': ACCOUNT,
        ...(c.context as Record<string, string | string[]> | undefined),
      };
      expect(
        await decide(
          { principal: d.role.session, action: c.action, resource: c.resource, context },
          notebookRoleCasePolicies(d, c),
        ),
      ).toBe(expected);
    });
  },
);
