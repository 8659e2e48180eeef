import { servicePrincipals, type Statement } from '../policy-document';
import { admitsAnotherAccount, admitsAnotherAccountWhenSent, whyUnscoped } from '../scoping';

/**
 * The service-role trusts that AWS documents as unable to carry a confused-deputy condition in its plain form,
 * each named by the role it applies to (the physical name's suffix after `<prefix>-<env>-`) and the one service
 * it trusts. Everything else must scope its trust with a plain (not `IfExists`) aws:SourceAccount or
 * aws:SourceArn condition (IAM-3).
 */
export interface TrustException {
  /** The role's purpose, the end of its name: `sml-dev-trail-delivery` is `trail-delivery`. */
  readonly rolePurpose: string;
  /**
   * One role per notebook: the purpose is followed by the notebook's id (`sml-dev-notebook-alice`, libs/shared
   * naming `notebookRoleName`), and nothing else matches.
   */
  readonly perNotebook?: boolean;
  readonly service: string;
  /**
   * `none`: the service rejects any confused-deputy condition, so the trust must carry none at all (an attacker
   * gains nothing from this: the role's own policy is what bounds it). `if-exists`: the service may not send the
   * keys, so they are checked with `...IfExists`, and aws:SourceAccount must still be there in that form.
   */
  readonly allows: 'none' | 'if-exists';
  readonly why: string;
  readonly source: string;
}

export const TRUST_EXCEPTIONS: readonly TrustException[] = [
  {
    rolePurpose: 'trail-delivery',
    service: 'cloudtrail.amazonaws.com',
    allows: 'none',
    why: 'confused-deputy conditions are not applicable to the CloudTrail-to-CloudWatch-Logs role and not supported: CreateTrail fails with InvalidCloudWatchLogsRoleArnException',
    // AWS: "Role policy document for CloudTrail to use CloudWatch Logs for monitoring".
    source:
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html',
  },
  {
    rolePurpose: 'notebook',
    perNotebook: true,
    service: 'sagemaker.amazonaws.com',
    allows: 'if-exists',
    why: "SageMaker's confused-deputy page does not list notebook instances among the features that send aws:SourceAccount or aws:SourceArn; a plain condition on an absent key would stop every notebook from starting",
    // AWS: "Cross-service confused deputy prevention" (Amazon SageMaker AI developer guide).
    source: 'https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html',
  },
  {
    // The execution role of one notebook's SageMaker jobs (`sml-dev-job-alice`, issue 15), for the same reason.
    rolePurpose: 'job',
    perNotebook: true,
    service: 'sagemaker.amazonaws.com',
    allows: 'if-exists',
    why: "SageMaker's confused-deputy page does not say that training, processing or tuning jobs send aws:SourceAccount or aws:SourceArn; a plain condition on an absent key would fail every job",
    source: 'https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html',
  },
];

/** The exception that names this role and this statement's one service, if any. */
export function trustException(roleName: string, s: Statement): TrustException | undefined {
  const services = servicePrincipals(s);
  if (services.length !== 1) return undefined;
  return TRUST_EXCEPTIONS.find(
    (e) =>
      services[0] === e.service &&
      new RegExp(
        `^[a-z][a-z0-9]*-[a-z][a-z0-9]*-${e.rolePurpose}${e.perNotebook ? '-[a-z0-9](?:[a-z0-9-]*[a-z0-9])?' : ''}$`,
      ).test(roleName),
  );
}

/**
 * Why a trust statement fails IAM-3, or undefined when it passes, decided by the condition evaluator. Without
 * an exception, no request on behalf of another account may satisfy the statement (an `IfExists` condition alone
 * holds when the key is absent). The `none` exception passes as it is (whether CloudTrail would accept a
 * condition there is the preflight's question, not the posture's); the `if-exists` exception must still keep out
 * another account whenever the service sends aws:SourceAccount.
 */
export function trustProblem(roleName: string, s: Statement, accountId?: string): string | undefined {
  if (!admitsAnotherAccount(s, accountId)) return undefined;
  const exception = trustException(roleName, s);
  const who = servicePrincipals(s).join(', ');
  if (!exception) return `lets ${who} assume the role for any account: ${whyUnscoped(s, accountId)}`;
  if (exception.allows === 'none') return undefined;
  if (!admitsAnotherAccountWhenSent(s, accountId, 'aws:SourceAccount')) return undefined;
  return `lets ${who} assume the role without naming the account: the ${exception.rolePurpose} exception (${exception.source}) still needs StringEqualsIfExists aws:SourceAccount = the account`;
}
