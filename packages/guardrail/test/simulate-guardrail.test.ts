/**
 * IAM simulation of the guardrail over the plan's own documents, in dev and prod: the IAM policy for a data
 * scientist with broad SageMaker permissions, and the SCP for an account administrator (not exempt) and for the
 * deployment role (exempt from the lifecycle-configuration deny only). One case per bypass, every other
 * condition compliant; each denied case also on a notebook (or lifecycle configuration) named outside the
 * environment's pattern, which only `Resource: "*"` covers. This is IAM-7's simulation (docs/CONTROLS.md).
 */
import type { LayerPlan } from '@secure-ml/shared/testing';
import {
  COMPLIANT,
  environmentOf,
  FURTHER_BYPASSES,
  ISSUE_BYPASSES,
  resourceArn,
  type Bypass,
  type Environment,
} from './support/cases';
import {
  ACCOUNT,
  guardrailDocument,
  planGuardrail,
  readPlan,
  REPO_ROOT,
  scpDocument,
  STACKS,
  type Document,
  PLAN_TIMEOUT_MS,
} from './support/plan';
import { decide, type Decision } from './support/simulate';

const allow = (Action: string): Document => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource: '*' }],
});
const session = (role: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session`;
const roleArn = (role: string) => `arn:aws:iam::${ACCOUNT}:role/${role}`;
const deployRole = (stack: string) => roleArn(`sml-github-deploy-${stack}`);

interface Subject {
  readonly who: string;
  readonly principal: (stack: string) => string;
  /**
   * `aws:PrincipalArn` as AWS sets it for a role session: the role's ARN, not the session's ("AWS global condition
   * context keys", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html). The
   * simulator does not derive it, so each case carries it.
   */
  readonly principalArn: (stack: string) => string;
  readonly policies: (plan: LayerPlan) => { identity: Document[]; scp?: Document };
  /** What a bypass gets: denied, except where the subject is exempt. */
  readonly bypass: (b: Bypass) => Decision;
}

/** Under the IAM policy: a data scientist whose other policy allows every SageMaker action and PassRole. */
const DATA_SCIENTIST: Subject = {
  who: 'IAM policy: a data scientist with sagemaker:* besides the guardrail',
  principal: () => session('DataScientist'),
  principalArn: () => roleArn('DataScientist'),
  policies: (plan) => ({ identity: [guardrailDocument(plan), allow('sagemaker:*'), allow('iam:PassRole')] }),
  bypass: () => 'ExplicitlyDenied',
};
/** Under the SCP: an administrator of the account, who could detach the IAM policy but not the SCP. */
const ADMINISTRATOR: Subject = {
  who: 'SCP: an account administrator (not exempt)',
  principal: () => session('Administrator'),
  principalArn: () => roleArn('Administrator'),
  policies: (plan) => ({ identity: [allow('*')], scp: scpDocument(plan) }),
  bypass: () => 'ExplicitlyDenied',
};
/** Under the SCP: the deployment role, exempt only from the deny on writing lifecycle configurations. */
const DEPLOYMENT: Subject = {
  who: 'SCP: the deployment role named in secure-ml-guardrail:deploymentRoleArns',
  principal: (stack) => `arn:aws:sts::${ACCOUNT}:assumed-role/sml-github-deploy-${stack}/pipeline`,
  principalArn: deployRole,
  policies: (plan) => ({ identity: [allow('*')], scp: scpDocument(plan) }),
  bypass: (b) => (b.on === 'lifecycle' ? 'Allowed' : 'ExplicitlyDenied'),
};

describe.each(STACKS)('the guardrail of %s', (stack) => {
  let plan: LayerPlan;
  let env: Environment;
  beforeAll(async () => {
    plan = await planGuardrail(stack, {
      'secure-ml-guardrail:deploymentRoleArns': JSON.stringify([deployRole(stack)]),
    });
    env = environmentOf(stack, readPlan(REPO_ROOT, stack, 'security'), readPlan(REPO_ROOT, stack, 'network'));
  }, PLAN_TIMEOUT_MS);

  describe.each([DATA_SCIENTIST, ADMINISTRATOR, DEPLOYMENT])('$who', (subject) => {
    const decision = (action: string, resource: string, context: Record<string, string | string[]>) =>
      decide(
        {
          principal: subject.principal(stack),
          action,
          resource,
          context: { ...context, 'aws:PrincipalArn': subject.principalArn(stack) },
        },
        subject.policies(plan),
      );

    describe.each([
      ['issue 13', ISSUE_BYPASSES],
      ['further bypasses', FURTHER_BYPASSES],
    ] as const)('%s', (_group, bypasses) => {
      const rows = bypasses.flatMap((b) =>
        [false, true].map((outside) => ({
          title: `${b.name}${outside ? ', named outside the environment' : ''}`,
          expected: subject.bypass(b),
          b,
          outside,
        })),
      );
      it.each(rows)('$title: $expected', async ({ b, outside, expected }) => {
        expect(await decision(b.action, resourceArn(b.on, env, outside), b.context(env))).toBe(expected);
      });
    });

    it.each(COMPLIANT)('$name: Allowed', async (c) => {
      expect(await decision(c.action, resourceArn('notebook', env, false), c.context(env))).toBe('Allowed');
    });
  });

  describe('PassRole (IAM policy: the guardrail alone, or beside a broad PassRole policy)', () => {
    // Any notebook's role: each is under the notebook role path (`/secure-ml/<stem>/notebooks/`).
    const notebookRole = (id = 'alice') =>
      `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}/notebooks/sml-${stack}-notebook-${id}`;
    const pass = (service: string, resource: string, identity: Document[]) =>
      decide(
        {
          principal: session('DataScientist'),
          action: 'iam:PassRole',
          resource,
          context: { 'iam:PassedToService': service },
        },
        { identity },
      );
    it('passes the notebook role to SageMaker (guardrail alone): Allowed', async () => {
      expect(await pass('sagemaker.amazonaws.com', notebookRole(), [guardrailDocument(plan)])).toBe(
        'Allowed',
      );
    });
    it('passes the notebook role to EC2, even with a broad PassRole policy: ExplicitlyDenied', async () => {
      expect(
        await pass('ec2.amazonaws.com', notebookRole(), [guardrailDocument(plan), allow('iam:PassRole')]),
      ).toBe('ExplicitlyDenied');
    });
    it("passes bob's notebook role, or a third notebook's, to SageMaker (guardrail alone): Allowed", async () => {
      for (const id of ['bob', 'carol'])
        expect(await pass('sagemaker.amazonaws.com', notebookRole(id), [guardrailDocument(plan)])).toBe(
          'Allowed',
        );
    });
    it("passes a role outside the notebook role path, or a neighbouring environment's, to SageMaker: ImplicitlyDenied", async () => {
      for (const arn of [
        `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}-notebook-alice`,
        `arn:aws:iam::${ACCOUNT}:role/secure-ml/sml-${stack}2/notebooks/sml-${stack}2-notebook-alice`,
      ])
        expect(await pass('sagemaker.amazonaws.com', arn, [guardrailDocument(plan)])).toBe(
          'ImplicitlyDenied',
        );
    });
    it('passes another role to SageMaker (guardrail alone): ImplicitlyDenied', async () => {
      expect(
        await pass('sagemaker.amazonaws.com', `arn:aws:iam::${ACCOUNT}:role/Admin`, [
          guardrailDocument(plan),
        ]),
      ).toBe('ImplicitlyDenied');
    });
    it('SCP: an administrator passes the notebook role to EC2: ExplicitlyDenied', async () => {
      expect(
        await decide(
          {
            principal: session('Administrator'),
            action: 'iam:PassRole',
            resource: notebookRole(),
            context: {
              'iam:PassedToService': 'ec2.amazonaws.com',
              'aws:PrincipalArn': roleArn('Administrator'),
            },
          },
          { identity: [allow('*')], scp: scpDocument(plan) },
        ),
      ).toBe('ExplicitlyDenied');
    });
  });
});
