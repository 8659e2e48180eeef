/**
 * The shared delegation case table (libs/verify/src/cases/delegation.ts, which `verify` also sends to IAM's
 * simulator in the deployed account), decided offline with the security plan's delegation policy: what the notebook
 * team's deployment role may do in IAM, alone, beside the runbook's platform grant and beside administrator access.
 */
import { delegationCases, type AccessCase, type DelegationFacts } from '@secure-ml/verify/cases';
import { Naming } from '@secure-ml/shared';
import type { LayerPlan } from '@secure-ml/shared/testing';
import { ACCOUNT, managedPolicy, planSecurity, type Document } from './support/plan';
import { decide } from './support/simulate';
import { REPO_ROOT, environmentsIn } from '@secure-ml/shared/testing';

const DEPLOYER = `arn:aws:sts::${ACCOUNT}:assumed-role/sml-notebook-deploy/pulumi`;

const factsOf = (plan: LayerPlan, stack: string): DelegationFacts => {
  const naming = new Naming('sml', stack);
  return {
    partition: 'aws',
    account: ACCOUNT,
    stem: naming.stem,
    iamPath: naming.iamPath,
    notebookRolePath: String(plan.outputs['notebookRolePath']),
    boundaryArn: String(plan.outputs['notebookBoundaryArn']),
    delegationArn: String(plan.outputs['notebookRoleDelegationPolicyArn']),
  };
};

/** Names only, for the test titles; every decided case is rebuilt from the plan's own facts. */
const NAMED = delegationCases({
  partition: 'aws',
  account: ACCOUNT,
  stem: 'sml-dev',
  iamPath: '/secure-ml/',
  notebookRolePath: '/secure-ml/sml-dev/notebooks/',
  boundaryArn: 'named only',
  delegationArn: 'named only',
});

it('runs the whole shared table (its groups written out, so that a dropped case fails here)', () => {
  const group = (prefix: string) => NAMED.filter((c) => c.name.startsWith(prefix)).length;
  expect(group('beside the platform grant: ')).toBe(47);
  expect(group('beside administrator access: ')).toBe(39);
  expect(NAMED).toHaveLength(25 + 47 + 39);
  expect(new Set(NAMED.map((c) => c.name)).size).toBe(NAMED.length);
});

describe.each(environmentsIn(REPO_ROOT))(
  'IAM simulation: the notebook team deployment role in %s',
  (stack) => {
    let plan: LayerPlan;
    let delegation: Document;
    let cases: AccessCase[];
    beforeAll(async () => {
      plan = await planSecurity(stack);
      delegation = managedPolicy(plan, 'notebook-role-delegation');
      cases = delegationCases(factsOf(plan, stack));
    });

    it('is the published managed policy, its document published as it is, under the published path', () => {
      expect(plan.outputs['notebookRoleDelegation']).toBe(JSON.stringify(delegation));
      expect(plan.outputs['notebookBoundaryArn']).toBe(
        `arn:aws:iam::${ACCOUNT}:policy/secure-ml/sml-${stack}-notebook-boundary`,
      );
      expect(plan.outputs['notebookRolePath']).toBe(`/secure-ml/sml-${stack}/notebooks/`);
    });

    it('the platform-grant group asks every deny of the delegation policy', () => {
      const denies = delegation.Statement.filter((s) => s.Effect === 'Deny').map((s) => s.Sid);
      expect(denies).toEqual([
        'DenyRolesWithoutTheBoundary',
        'DenyRolesOutsideTheNotebookPath',
        'DenyChangingRolesWithoutTheBoundary',
        'DenyRewritingTrusts',
        'DenyRemovingAnyBoundary',
        'DenyEditingTheEnvironmentsPolicies',
        'DenyAttachingPoliciesThatAreNotTheNotebookTeams',
        'DenyUsersGroupsAndInstanceProfiles',
        'DenyPassingNotebookRolesToOtherServices',
        'DenyPassingOtherRoles',
      ]);
      const asked = cases
        .filter((c) => c.name.startsWith('beside the platform grant: '))
        .map((c) => c.statement);
      expect([...new Set(asked)]).toEqual(denies);
    });

    it.each(NAMED.map((c, i) => [c.name, c.expected, i] as const))('%s: %s', async (name, expected, i) => {
      const c = cases[i] as AccessCase;
      expect(c.name).toBe(name);
      if (c.subject !== 'delegation') throw new Error(`${c.name}: no offline subject ${c.subject} here`);
      const request = {
        principal: DEPLOYER,
        action: c.action,
        resource: c.resource,
        context: { 'aws:PrincipalAccount': ACCOUNT, ...(c.context as Record<string, string> | undefined) },
      };
      const identity = [delegation, ...((c.attached ?? []) as unknown as Document[])];
      expect(await decide(request, { identity })).toBe(expected);
    });
  },
);
