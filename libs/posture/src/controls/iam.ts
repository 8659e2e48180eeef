import { canHold } from '../conditions';
import { resourceControl, stackControl } from '../define';
import { missingPins, pinValuesOf, refusedCompliant, type Pin } from './guardrail-pins';
import { trustProblem } from './trust-exceptions';
import type { Control, Env, Finding, Res } from '../model';
import {
  grants,
  identityPolicies,
  IDENTITY_POLICY_TYPES,
  servicePrincipals,
  statementsOf,
  type Statement,
} from '../policy-document';
import {
  finding,
  missing,
  ofType,
  owns,
  physicalName,
  roleNameOfArn,
  show,
  str,
  strings,
  T,
} from '../resources';

/** A service nobody should pass the role to: IAM-5 asks whether the grant holds for it. */
const UNFORESEEN_SERVICE = 'unforeseen.amazonaws.com';
const own = (r: Res, env: Env) => identityPolicies({ ...env, resources: [r] });
const sid = (s: Statement) => s.sid ?? '(no Sid)';
const AWS_FULL_ACCESS = /^arn:[^:]+:iam::aws:policy\/(.*\/)?[A-Za-z0-9]*FullAccess$/;

/** Roles SageMaker assumes: the notebook execution role. */
export const trustsSageMaker = (role: Res): boolean =>
  statementsOf(role.inputs['assumeRolePolicy']).some(
    (s) => s.effect === 'Allow' && servicePrincipals(s).includes('sagemaker.amazonaws.com'),
  );

export const iamControls: Control[] = [
  resourceControl({
    id: 'IAM-1',
    standards: ['IAM.1'],
    check: 'no identity policy allows Action "*" on Resource "*"',
    examines: IDENTITY_POLICY_TYPES,
    inspect: (r, env) =>
      own(r, env).flatMap((p) =>
        p.statements
          .filter(
            (s) =>
              s.effect === 'Allow' &&
              s.resources.includes('*') &&
              (s.actions.includes('*') || s.notActions.length > 0),
          )
          .map((s) =>
            finding(
              r,
              `${p.where} statement ${sid(s)} allows every action on every resource`,
              'grant the actions the principal needs on the ARNs it needs',
            ),
          ),
      ),
  }),
  resourceControl({
    id: 'IAM-2',
    standards: ['IAM.21', 'CKV2_AWS_68'],
    check: 'no customer-managed or inline policy allows a whole service ("service:*" or "*")',
    examines: IDENTITY_POLICY_TYPES,
    inspect: (r, env) =>
      own(r, env).flatMap((p) =>
        p.statements
          .filter((s) => s.effect === 'Allow')
          .flatMap((s) =>
            s.actions
              .filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a))
              .map((a) =>
                finding(
                  r,
                  `${p.where} statement ${sid(s)} allows ${a}`,
                  `list the ${a.split(':')[0] ?? ''} actions the principal needs instead of ${a}`,
                ),
              ),
          ),
      ),
  }),
  resourceControl({
    id: 'IAM-3',
    standards: ['confused deputy'],
    check:
      "every service-role trust policy is scoped to the environment's account: no request on behalf of another account satisfies it (aws:SourceAccount or aws:SourceArn required, not only if sent, not inverted, not a wildcard), except the trusts AWS documents as unable to carry one (trust-exceptions.ts, each by role name with its AWS page)",
    examines: [T.role],
    inspect: (r, env) =>
      statementsOf(r.inputs['assumeRolePolicy'])
        .filter((s) => s.effect === 'Allow' && servicePrincipals(s).length > 0)
        .flatMap((s) => {
          const problem = trustProblem(physicalName(r), s, env.settings.accountId);
          return problem
            ? [
                finding(
                  r,
                  `trust statement ${sid(s)} ${problem}`,
                  'add Condition StringEquals aws:SourceAccount = the account ID (and aws:SourceArn where the service sends it)',
                ),
              ]
            : [];
        }),
  }),
  resourceControl({
    id: 'IAM-4',
    standards: ['least privilege'],
    check: 'no AWS-managed *FullAccess policy is attached to any role',
    examines: [T.role, T.rolePolicyAttachment, T.policyAttachment],
    inspect(r) {
      const arns =
        r.type === T.role ? strings(r.inputs['managedPolicyArns']) : strings(r.inputs['policyArn']);
      return arns
        .filter((a) => AWS_FULL_ACCESS.test(a))
        .map((a) =>
          finding(
            r,
            `attaches ${a}`,
            'replace it with a customer-managed policy that lists the actions and resources the role needs',
          ),
        );
    },
  }),
  resourceControl({
    id: 'IAM-5',
    standards: ['least privilege'],
    check: 'iam:PassRole is granted only with an iam:PassedToService condition',
    examines: IDENTITY_POLICY_TYPES,
    inspect: (r, env) =>
      own(r, env).flatMap((p) =>
        p.statements
          .filter(
            (s) =>
              s.effect === 'Allow' &&
              grants(s, 'iam:PassRole') &&
              canHold(s.conditions, { 'iam:passedtoservice': [undefined, [UNFORESEEN_SERVICE]] }),
          )
          .map((s) =>
            finding(
              r,
              `${p.where} statement ${sid(s)} allows iam:PassRole to any service`,
              'add Condition StringEquals iam:PassedToService = sagemaker.amazonaws.com',
            ),
          ),
      ),
  }),
  stackControl({
    id: 'IAM-6',
    standards: ['delegation'],
    check:
      'the notebook execution role (the role SageMaker assumes, and the roleArn of every notebook) has a permissions boundary',
    perLayer:
      'the engine checks every role that trusts sagemaker.amazonaws.com in the notebook stack; offline, the roleArn of each notebook is followed to its role',
    examines: [T.role, T.notebook],
    evaluate(env) {
      const roles = ofType(env, T.role);
      const found: Finding[] = [];
      const executionRoles = new Set(roles.filter(trustsSageMaker));
      if (env.scope === 'environment') {
        for (const nb of ofType(env, T.notebook)) {
          const name = roleNameOfArn(str(nb.inputs['roleArn']));
          const role = roles.find((r) => physicalName(r) === name);
          if (role) executionRoles.add(role);
          else
            found.push(
              finding(
                nb,
                `roleArn ${show(nb.inputs['roleArn'])} is not a role of this environment`,
                "give each notebook its own execution role in the notebook layer (under the security layer's notebookRolePath and boundary)",
              ),
            );
        }
      }
      for (const role of executionRoles) {
        if (!str(role.inputs['permissionsBoundary']))
          found.push(
            finding(
              role,
              'is a notebook execution role without a permissions boundary',
              'set permissionsBoundary to the notebook boundary policy (notebookBoundaryArn)',
            ),
          );
      }
      if (owns(env, 'notebook') && executionRoles.size === 0)
        found.push(
          missing(
            'notebook layer',
            'no role trusts sagemaker.amazonaws.com: there is no notebook execution role',
            'create each notebook its own execution role in the notebook layer',
          ),
        );
      return found;
    },
  }),
  stackControl({
    id: 'IAM-7',
    standards: ['preventive'],
    check:
      'a managed guardrail policy (and, over the environment, its SCP form) refuses, on a notebook of any name and whatever else the sender chooses (judged by the condition evaluator), CreateNotebookInstance with direct internet or root access, outside the private subnets or notebook security group (or without them), with another lifecycle configuration (or none), IMDSv1, another volume key or an unlisted instance type; UpdateNotebookInstance enabling root, IMDSv1, another lifecycle configuration or an unlisted type; and every create, update and delete of a lifecycle configuration; and lets a fully compliant create and update through',
    perLayer:
      "the engine checks the guardrail stack's policy for every pin and its form; offline, each pin's values are also checked against the network layer's subnets and group, the security layer's data key and the notebook layer's lifecycle configuration, and the SCP document is checked too",
    examines: [T.policy],
    evaluate(env) {
      if (!owns(env, 'guardrail')) return [];
      const policies = ofType(env, T.policy).map((p) => {
        const statements = statementsOf(p.inputs['policy']);
        const values = pinValuesOf(env, statements);
        return { p, gaps: missingPins(statements, values), refused: refusedCompliant(statements, values) };
      });
      const closest = policies.sort((a, b) => a.gaps.length - b.gaps.length)[0];
      const found: Finding[] = [];
      if (!closest)
        found.push(
          missing('guardrail layer', 'no managed policy denies unsafe notebook creation', GUARDRAIL_FIX),
        );
      else {
        if (closest.gaps.length)
          found.push(
            finding(
              closest.p,
              `does not deny ${closest.gaps.map((g) => g.what).join('; ')}`,
              fixFor(closest.gaps),
            ),
          );
        if (closest.refused.length)
          found.push(finding(closest.p, refusedMessage(closest.refused), REFUSED_FIX));
      }
      if (env.scope === 'environment' && env.outputs.guardrail) {
        const scp = str(env.outputs.guardrail['guardrailScp']);
        const statements = scp ? statementsOf(scp) : [];
        const values = pinValuesOf(env, statements);
        const gaps = missingPins(statements, values, { deploymentExemptFromLifecycleDeny: true });
        const refused = refusedCompliant(statements, values);
        if (!scp)
          found.push(missing('guardrail layer', 'publishes no SCP document (guardrailScp)', GUARDRAIL_FIX));
        else {
          if (gaps.length)
            found.push(
              missing(
                'guardrail layer',
                `its SCP document (guardrailScp) does not deny ${gaps.map((g) => g.what).join('; ')}`,
                fixFor(gaps),
              ),
            );
          if (refused.length)
            found.push(
              missing('guardrail layer', `its SCP document ${refusedMessage(refused)}`, REFUSED_FIX),
            );
        }
      }
      return found;
    },
  }),
];

const GUARDRAIL_FIX =
  'deploy the guardrail layer (packages/guardrail), whose policy denies each of these on Resource "*"';
const REFUSED_FIX =
  "pin each condition to this environment's own values (the network layer's subnets and group, the security layer's data key, the notebook layer's lifecycle configuration and instance type)";
const refusedMessage = (actions: readonly string[]) =>
  `refuses even a compliant ${actions.join(' and ')} (this environment's own subnet, group, key, lifecycle configuration and instance type): nobody could work under it`;
const fixFor = (gaps: readonly Pin[]) =>
  `add, each on Resource "*" and with no other condition: ${[...new Set(gaps.map((g) => g.form))].join('; ')}`;
