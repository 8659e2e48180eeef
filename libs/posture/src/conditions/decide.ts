import type { Statement } from '../policy-document';
import { globMatch } from './operators';
import { alwaysHolds, canHold, type RequestKind } from './requests';

/**
 * "Can principal P do A on R?", decided from the documents: which statements name the request's principal,
 * action and resource, and whether their conditions hold for the kinds of request in question. An explicit deny
 * that applies to every request of the kinds wins; otherwise an allow that some request satisfies grants.
 *
 * AWS: "Policy evaluation logic"
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and "The
 * difference between explicit and implicit denies"
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html
 * (an explicit deny in any policy overrides any allow). A key policy's allow to the account root delegates to
 * IAM ("Allows access to the AWS account and enables IAM policies",
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html): here it counts as granting,
 * because an administrator's IAM policies (AdministratorAccess) may allow anything.
 */
export interface Request {
  /** An IAM principal ARN (`arn:aws:iam::<account>:role/name`) or a service principal (`logs.amazonaws.com`). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
}

const accountOfPrincipal = (arn: string) => /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];

/** Whether a statement's Principal (or NotPrincipal) names the request's principal. */
export function namesPrincipal(s: Statement, principal: string): boolean {
  const listed = (p: Statement['principal']): boolean => {
    if (p === '*') return true;
    if (!p) return false;
    const account = accountOfPrincipal(principal);
    return Object.values(p)
      .flat()
      .some(
        (v) =>
          v === '*' ||
          v === principal ||
          (!!account && (v === account || new RegExp(`^arn:[^:]+:iam::${account}:root$`).test(v))),
      );
  };
  if (s.notPrincipal) return !listed(s.notPrincipal);
  return listed(s.principal);
}

const anyMatch = (patterns: readonly string[], value: string, ignoreCase: boolean) =>
  patterns.some((p) => globMatch(p, value, ignoreCase));

/** Whether a statement's Action/NotAction and Resource/NotResource cover the request (actions ignore case). */
export function coversRequest(s: Statement, req: Request): boolean {
  const action =
    s.notActions.length > 0
      ? !anyMatch(s.notActions, req.action, true)
      : anyMatch(s.actions, req.action, true);
  const resource =
    s.notResources.length > 0
      ? !anyMatch(s.notResources, req.resource, false)
      : s.resources.length === 0 || anyMatch(s.resources, req.resource, false);
  return action && resource;
}

const applicable = (statements: readonly Statement[], req: Request, effect: Statement['effect']) =>
  statements.filter((s) => s.effect === effect && namesPrincipal(s, req.principal) && coversRequest(s, req));

/** The deny statements that apply to every request of every kind given: the request is always refused. */
export const denyingStatements = (
  statements: readonly Statement[],
  req: Request,
  kinds: readonly RequestKind[],
): Statement[] =>
  applicable(statements, req, 'Deny').filter((s) => kinds.every((k) => alwaysHolds(s.conditions, k)));

/** The allow statements some request of the kinds satisfies, when no deny always refuses it. */
export function grantingStatements(
  statements: readonly Statement[],
  req: Request,
  kinds: readonly RequestKind[],
): Statement[] {
  if (denyingStatements(statements, req, kinds).length > 0) return [];
  return applicable(statements, req, 'Allow').filter((s) => kinds.some((k) => canHold(s.conditions, k)));
}
