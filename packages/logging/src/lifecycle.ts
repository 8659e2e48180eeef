import type * as aws from '@pulumi/aws';
import { assertNoConfigProblems } from '@secure-ml/shared';

/** The lifecycle of every log bucket, in days (from `secure-ml-logging:` settings). */
export interface LogLifecycle {
  readonly transitionDays: number;
  readonly expirationDays: number;
  readonly noncurrentDays: number;
}

const NAMESPACE = 'secure-ml-logging';

/**
 * Problems between lifecycle settings that are each valid alone. S3 rejects a rule whose objects expire before
 * (or on the day) they transition, so this fails at start-up instead of halfway through a deployment.
 */
export function lifecycleProblems(lifecycle: LogLifecycle, stack: string): string[] {
  const problems: string[] = [];
  if (lifecycle.expirationDays <= lifecycle.transitionDays) {
    problems.push(
      `${NAMESPACE}:logExpirationDays = ${lifecycle.expirationDays} is not later than ${NAMESPACE}:logTransitionDays = ${lifecycle.transitionDays}: ` +
        `objects must transition before they expire. Fix: pulumi config set ${NAMESPACE}:logExpirationDays '${Math.max(365, lifecycle.transitionDays + 1)}' --stack ${stack} --cwd packages/logging`,
    );
  }
  if (lifecycle.noncurrentDays > lifecycle.expirationDays) {
    problems.push(
      `${NAMESPACE}:noncurrentVersionExpirationDays = ${lifecycle.noncurrentDays} is longer than ${NAMESPACE}:logExpirationDays = ${lifecycle.expirationDays}: ` +
        `an overwritten log version would outlive the current one. Fix: pulumi config set ${NAMESPACE}:noncurrentVersionExpirationDays '${lifecycle.expirationDays}' --stack ${stack} --cwd packages/logging`,
    );
  }
  return problems;
}

/** Throws one ConfigError listing every lifecycle problem, before any bucket is registered. */
export function assertLifecycle(lifecycle: LogLifecycle, stack: string, file: string): void {
  assertNoConfigProblems(file, lifecycleProblems(lifecycle, stack));
}

/**
 * The one lifecycle rule of every log bucket: archive, then expire, current objects; expire noncurrent versions
 * (S3-8); abort incomplete uploads.
 */
export function logLifecycleRules(
  lifecycle: LogLifecycle,
): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
  return [
    {
      id: 'archive-then-expire-logs',
      status: 'Enabled',
      filter: {},
      transitions: [{ days: lifecycle.transitionDays, storageClass: 'GLACIER_IR' }],
      expiration: { days: lifecycle.expirationDays },
      noncurrentVersionExpiration: { noncurrentDays: lifecycle.noncurrentDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
  ];
}
