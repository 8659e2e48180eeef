import { canHold } from '../conditions';
import { resourceControl, stackControl } from '../define';
import { trustProblem } from './trust-exceptions';
import type { Control, Env, Finding, Res } from '../model';
import {
  conditionKeys,
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

/** IAM-7: what the guardrail must deny, per action, and how we recognise each condition. */
const GUARDRAIL: { action: string; what: string; test: (s: Statement) => boolean }[] = [
  {
    action: 'sagemaker:CreateNotebookInstance',
    what: 'direct internet access not Disabled',
    test: (s) => negates(s, 'sagemaker:DirectInternetAccess', 'Disabled'),
  },
  {
    action: 'sagemaker:CreateNotebookInstance',
    what: 'root access not Disabled',
    test: (s) => negates(s, 'sagemaker:RootAccess', 'Disabled'),
  },
  {
    action: 'sagemaker:CreateNotebookInstance',
    what: 'no VPC subnet',
    test: (s) => isNull(s, 'sagemaker:VpcSubnets'),
  },
  {
    action: 'sagemaker:CreateNotebookInstance',
    what: 'no volume KMS key',
    test: (s) => isNull(s, 'sagemaker:VolumeKmsKeyArn') || isNull(s, 'sagemaker:VolumeKmsKey'),
  },
  {
    action: 'sagemaker:UpdateNotebookInstance',
    what: 'root access not Disabled',
    test: (s) => negates(s, 'sagemaker:RootAccess', 'Disabled'),
  },
];
const negates = (s: Statement, key: string, value: string) =>
  conditionKeys(s).some(
    (c) =>
      c.key === key.toLowerCase() &&
      /^StringNotEquals(IgnoreCase)?(IfExists)?$/.test(c.op) &&
      c.values.includes(value),
  );
/** `sagemaker:VolumeKmsKeyArn` is the key CreateNotebookInstance sends; `VolumeKmsKey` is its deprecated name. */
const isNull = (s: Statement, key: string) =>
  conditionKeys(s).some((c) => c.key === key.toLowerCase() && c.op === 'Null' && c.values.includes('true'));

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
      'the engine checks every role that trusts sagemaker.amazonaws.com in the security stack; offline, the roleArn of each notebook is followed to its role',
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
                'use notebookRoleArn of the security layer',
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
      if (owns(env, 'security') && executionRoles.size === 0)
        found.push(
          missing(
            'security layer',
            'no role trusts sagemaker.amazonaws.com: there is no notebook execution role',
            'create the notebook execution role in the security layer',
          ),
        );
      return found;
    },
  }),
  stackControl({
    id: 'IAM-7',
    standards: ['preventive'],
    check:
      'a managed guardrail policy denies sagemaker:CreateNotebookInstance unless DirectInternetAccess and RootAccess are Disabled, VpcSubnets and VolumeKmsKeyArn are given, and sagemaker:UpdateNotebookInstance unless RootAccess is Disabled (Update accepts no other of these keys)',
    examines: [T.policy],
    evaluate(env) {
      if (!owns(env, 'security')) return [];
      const denies = ofType(env, T.policy).map((p) => ({
        p,
        deny: statementsOf(p.inputs['policy']).filter((s) => s.effect === 'Deny'),
      }));
      const best = denies.find(({ deny }) =>
        GUARDRAIL.every((g) => deny.some((s) => grants(s, g.action) && g.test(s))),
      );
      if (best) return [];
      const closest = denies.sort((a, b) => score(b.deny) - score(a.deny))[0];
      const gaps = GUARDRAIL.filter((g) => !closest?.deny.some((s) => grants(s, g.action) && g.test(s))).map(
        (g) => `${g.action.split(':')[1] ?? ''} with ${g.what}`,
      );
      const fix =
        'add Deny statements: StringNotEquals sagemaker:DirectInternetAccess/RootAccess "Disabled", Null sagemaker:VpcSubnets/VolumeKmsKeyArn "true"';
      return [
        closest
          ? finding(closest.p, `does not deny ${gaps.join(', ')}`, fix)
          : missing(
              'security layer',
              'no managed policy denies unsafe notebook creation',
              `create the guardrail policy; ${fix}`,
            ),
      ];
    },
  }),
];

const score = (deny: Statement[]) =>
  GUARDRAIL.filter((g) => deny.some((s) => grants(s, g.action) && g.test(s))).length;
