import { Naming } from '@secure-ml/shared';
import { alwaysHolds, coversRequest, UNFORESEEN, type RequestKind } from '../conditions';
import type { Env } from '../model';
import type { Statement } from '../policy-document';
import { str } from '../resources';
import { compliantWrites, refuses, UPDATE, type PinValues } from './guardrail-pins';

/**
 * IAM-7's rules for people (issue 14's review): notebooks are configuration, so no person (every principal but the
 * deployment roles the SCP exempts) creates, updates or deletes a notebook, even a compliant one; an update could
 * swap another notebook's role or lifecycle configuration in, which no pin can tell from the deployment's own. And
 * a person passes a notebook role only when it is their own: the role's owner tag equal to their principal tag.
 */
const OWNER_TAG = Naming.OWNER_TAG.toLowerCase();
const PRINCIPAL_OWNER = `aws:principaltag/${OWNER_TAG}`;
const ROLE_OWNER = `iam:resourcetag/${OWNER_TAG}`;

/**
 * The statement with its policy variables replaced by the request's values; none when a variable has no value:
 * AWS may then treat the whole statement as invalid ("IAM policy elements: Variables and tags",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html), so such a deny counts for
 * nothing.
 */
function resolved(s: Statement, vars: Readonly<Record<string, string | undefined>>): Statement | undefined {
  let unresolved = false;
  const sub = (v: string) =>
    v.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
      const value = vars[name.toLowerCase()];
      if (value === undefined) unresolved = true;
      return value ?? '';
    });
  const conditions = Object.fromEntries(
    Object.entries(s.conditions).map(([op, keys]) => [
      op,
      Object.fromEntries(Object.entries(keys).map(([k, values]) => [k, values.map(sub)])),
    ]),
  );
  return unresolved ? undefined : { ...s, conditions };
}

/**
 * A person of the environment's own account (the data key's): an exemption by a wildcard of the account's roles
 * (`role/*`) spares them, which a principal of another account would not show.
 */
const personOf = (values: PinValues) =>
  `arn:aws:iam::${/^arn:[^:]+:kms:[^:]+:(\d{12}):/.exec(values.dataKeyArn)?.[1] ?? '000000000000'}:role/${UNFORESEEN}`;

/** Whether a person tagged `callerOwner` (or untagged) is refused passing a role tagged `roleOwner` to SageMaker. */
function passRefused(
  statements: readonly Statement[],
  person: string,
  role: string,
  callerOwner: string | undefined,
  roleOwner: string | undefined,
): boolean {
  const kind: RequestKind = {
    'iam:passedtoservice': [['sagemaker.amazonaws.com']],
    [ROLE_OWNER]: [roleOwner === undefined ? undefined : [roleOwner]],
    [PRINCIPAL_OWNER]: [callerOwner === undefined ? undefined : [callerOwner]],
    'aws:principalarn': [[person]],
  };
  return statements
    .flatMap((s) => resolved(s, { [PRINCIPAL_OWNER]: callerOwner }) ?? [])
    .some(
      (s) =>
        s.effect === 'Deny' &&
        coversRequest(s, { principal: person, action: 'iam:PassRole', resource: role }) &&
        alwaysHolds(s.conditions, kind),
    );
}

/**
 * A notebook role of a name nobody foresaw: over the environment under the security layer's notebook role path,
 * under the engine under the path the policy's PassRole denies name.
 */
export function unforeseenNotebookRole(env: Env, statements: readonly Statement[]): string {
  const security = env.scope === 'environment' ? (env.outputs.security ?? {}) : {};
  const path = str(security['notebookRolePath']);
  const account = /^arn:[^:]+:kms:[^:]+:(\d{12}):/.exec(str(security['dataKeyArn']) ?? '')?.[1];
  if (path && account) return `arn:aws:iam::${account}:role${path}${UNFORESEEN}`;
  const named = statements
    .filter((s) => s.effect === 'Deny' && s.actions.some((a) => a.toLowerCase() === 'iam:passrole'))
    .flatMap((s) => s.resources)
    .find((r) => r.includes('/notebooks/'));
  return named
    ? named.replace(/[*?]/g, UNFORESEEN)
    : `arn:aws:iam::000000000000:role/secure-ml/${UNFORESEEN}/notebooks/${UNFORESEEN}`;
}

/** What a person may still do that only the deployment may: what the report names. */
export function personMay(
  statements: readonly Statement[],
  values: PinValues,
  notebookRole: string,
): string[] {
  const person = personOf(values);
  const gaps = compliantWrites(values)
    .filter(({ action, contexts }) => !contexts.every((c) => refuses(statements, action, c, person)))
    .map(({ name }) => `a compliant ${name}`);
  const unpinned: [string, string][] = [
    [
      UPDATE,
      'an UpdateNotebookInstance that sets no pinned setting (another role, no lifecycle configuration)',
    ],
    ['sagemaker:DeleteNotebookInstance', 'DeleteNotebookInstance'],
  ];
  for (const [action, what] of unpinned) if (!refuses(statements, action, {}, person)) gaps.push(what);
  const pass = (caller: string | undefined, role: string | undefined) =>
    passRefused(statements, person, notebookRole, caller, role);
  if (!pass('owner-a', 'owner-b'))
    gaps.push(
      "iam:PassRole of another owner's notebook role (iam:ResourceTag vs aws:PrincipalTag secure-ml:owner)",
    );
  if (!pass('owner-a', undefined))
    gaps.push('iam:PassRole of a notebook role without the secure-ml:owner tag');
  if (!pass(undefined, 'owner-b'))
    gaps.push('iam:PassRole of a notebook role by a caller without the secure-ml:owner tag');
  return gaps;
}

/**
 * Whether the statements refuse an owner passing their own notebook role to SageMaker, which StartNotebookInstance
 * needs of its caller: owners could then never start their notebook.
 */
export const refusesOwnersOwnRole = (
  statements: readonly Statement[],
  values: PinValues,
  notebookRole: string,
): boolean => passRefused(statements, personOf(values), notebookRole, 'owner-a', 'owner-a');

/** The roles an SCP exempts by `aws:PrincipalArn` (ArnNotLike or ArnNotEquals): the deployment roles. */
export function exemptedPrincipals(statements: readonly Statement[]): string[] {
  return [
    ...new Set(
      statements.flatMap((s) =>
        Object.entries(s.conditions)
          .filter(([op]) => /^Arn(NotLike|NotEquals)$/i.test(op))
          .flatMap(([, keys]) =>
            Object.entries(keys)
              .filter(([k]) => k.toLowerCase() === 'aws:principalarn')
              .flatMap(([, v]) => v),
          ),
      ),
    ),
  ].filter((arn) => !/[*?]/.test(arn));
}
