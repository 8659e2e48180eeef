/**
 * IAM simulation of the guardrail over the plan's own documents, in dev and prod, for the shared case table
 * (libs/verify/src/cases/guardrail.ts: the same cases `verify` asks IAM's simulator in the deployed account): a
 * data scientist under the IAM policy, an account administrator under the SCP, and the deployment role the SCP
 * exempts from its lifecycle-configuration deny only. Offline the SCP is evaluated as an SCP, under FullAWSAccess.
 * This is IAM-7's simulation (docs/CONTROLS.md).
 */
import type { LayerPlan } from '@secure-ml/shared/testing';
import { guardrailCases, type AccessCase, type GuardrailFacts } from '@secure-ml/verify/cases';
import {
  ACCOUNT,
  guardrailDocument,
  planGuardrail,
  readPlan,
  REGION,
  REPO_ROOT,
  scpDocument,
  STACKS,
  type Document,
  PLAN_TIMEOUT_MS,
} from './support/plan';
import { decide } from './support/simulate';

const deployRole = (stack: string) => `arn:aws:iam::${ACCOUNT}:role/sml-github-deploy-${stack}`;

/** The table's facts as `verify` reads them from the deployed outputs, here from the plans. */
function factsOf(stack: string, security?: LayerPlan, network?: LayerPlan): GuardrailFacts {
  const output = (plan: LayerPlan | undefined, key: string): string => {
    const value = plan?.outputs[key];
    return typeof value === 'string' ? value : 'named only';
  };
  const subnets = network?.outputs['privateSubnetIds'];
  return {
    partition: 'aws',
    account: ACCOUNT,
    region: REGION,
    stem: `sml-${stack}`,
    dataKeyArn: output(security, 'dataKeyArn'),
    logsKeyArn: output(security, 'logsKeyArn'),
    // One notebook's role, under the security layer's notebook role path (the guardrail pins the path).
    notebookRoleArn: `arn:aws:iam::${ACCOUNT}:role${output(security, 'notebookRolePath')}sml-${stack}-notebook-alice`,
    notebookId: 'alice',
    otherNotebookId: 'bob',
    subnetId: Array.isArray(subnets) ? String(subnets[0]) : 'named only',
    securityGroupId: output(network, 'notebookSecurityGroupId'),
    // Written out, not computed by libs/shared naming: the name the notebook layer must give its configuration.
    lifecycleConfigArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance-lifecycle-config/sml-${stack}-lifecycle-alice`,
    deploymentRoleArn: deployRole(stack),
  };
}

/** A role session's ARN for the role a case names in aws:PrincipalArn. */
const sessionOf = (c: AccessCase): string => {
  const role = String(c.context?.['aws:PrincipalArn'] ?? '')
    .split('/')
    .pop();
  return `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session`;
};

describe.each(STACKS)('the guardrail of %s', (stack) => {
  let plan: LayerPlan;
  let table: AccessCase[];
  beforeAll(async () => {
    plan = await planGuardrail(stack, {
      'secure-ml-guardrail:deploymentRoleArns': JSON.stringify([deployRole(stack)]),
    });
    table = guardrailCases(
      factsOf(stack, readPlan(REPO_ROOT, stack, 'security'), readPlan(REPO_ROOT, stack, 'network')),
    );
  }, PLAN_TIMEOUT_MS);

  // Named before any plan exists; each decided case is the table's own, rebuilt with the plans' values.
  const named = guardrailCases(factsOf(stack));

  it('the table holds every person, bypass and compliant request (3 people x (24 bypasses x 2 names + 3) + 4 PassRole)', () => {
    expect(named).toHaveLength(3 * (24 * 2 + 3) + 4);
    expect(new Set(named.map((c) => c.name)).size).toBe(named.length);
  });

  it.each(named.map((c, i) => ({ i, name: c.name, expected: c.expected })))(
    '$name: $expected',
    async ({ i, name, expected }) => {
      const c = table[i];
      expect(c?.name).toBe(name);
      if (!c) return;
      expect(['guardrail', 'guardrail-scp']).toContain(c.subject);
      const attached = (c.attached ?? []) as Document[];
      const policies =
        c.subject === 'guardrail'
          ? { identity: [guardrailDocument(plan), ...attached] }
          : { identity: attached, scp: scpDocument(plan) };
      const decision = await decide(
        {
          principal: sessionOf(c),
          action: c.action,
          resource: c.resource,
          context: (c.context ?? {}) as Record<string, string | string[]>,
        },
        policies,
      );
      expect(decision).toBe(expected);
    },
  );

  describe('PassRole covers every notebook role by the notebook role path, and nothing beside it', () => {
    const role = (pathAndName: string) => `arn:aws:iam::${ACCOUNT}:role${pathAndName}`;
    const pass = (resource: string) =>
      decide(
        {
          principal: `arn:aws:sts::${ACCOUNT}:assumed-role/DataScientist/session`,
          action: 'iam:PassRole',
          resource,
          context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
        },
        { identity: [guardrailDocument(plan)] },
      );
    it.each(['bob', 'carol'])("passes %s's notebook role to SageMaker: Allowed", async (id) => {
      expect(await pass(role(`/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-${id}`))).toBe(
        'Allowed',
      );
    });
    it.each([
      ['outside the notebook role path', `/secure-ml/sml-${stack}-notebook-alice`],
      [
        "under a neighbouring environment's path",
        `/secure-ml/sml-${stack}2/notebooks/sml-${stack}2-notebook-alice`,
      ],
    ])('passes a role %s to SageMaker: ImplicitlyDenied', async (_what, pathAndName) => {
      expect(await pass(role(pathAndName))).toBe('ImplicitlyDenied');
    });
  });
});
