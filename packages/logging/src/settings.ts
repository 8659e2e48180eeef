import { setting } from '@secure-ml/shared';

/**
 * Retention periods CloudWatch Logs accepts (PutRetentionPolicy; the `retentionInDays` doc of
 * @pulumi/aws LogGroup). 0 ("never expire") is left out on purpose: a bounded retention is a decision we want
 * the environment to state.
 */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Security Hub CloudWatch.16 and CKV_AWS_338: log groups keep at least one year. */
export const MIN_LOG_RETENTION_DAYS = 365;

/**
 * Plain addresses SNS e-mail subscriptions accept: a local part of letters, digits and `._%+-`, an `@`, and a
 * domain of dot-separated labels ending in a TLD of two or more letters. Deliberately stricter than RFC 5322:
 * a quoted local part or an IP-literal domain is almost always a typo in a stack file.
 */
export const EMAIL_PATTERN =
  /^[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Settings of the `secure-ml-logging:` namespace. */
export const loggingSettings = {
  /**
   * Days every log group of this layer (trail, flow logs, notebooks, jobs) keeps events. Only CloudWatch's accepted
   * values from 365 up. @default 365
   */
  logRetentionDays: setting.integerIn(CLOUDWATCH_RETENTION_DAYS, {
    min: MIN_LOG_RETENTION_DAYS,
    default: MIN_LOG_RETENTION_DAYS,
    description:
      'Days the trail, flow-log, notebook and job log groups keep events (CloudWatch Logs retention).',
    onChange:
      'updates the retention of every log group of this layer in place; shortening it deletes older events',
  }),
  /**
   * Where the security alarms are e-mailed. Unset means no subscription: the alarms still fire into the topic
   * and LOG-9 reports the missing subscriber as advisory. The address receives a confirmation mail from SNS.
   * @default unset
   */
  alertEmail: setting.optional(
    setting.text({
      pattern: EMAIL_PATTERN,
      allowed: 'an e-mail address such as secops@example.com',
      example: 'secops@example.com',
      description:
        'Address the security alarms are e-mailed to (an SNS subscription it must confirm); unset, nobody is subscribed and LOG-9 is advisory.',
      onChange: 'replaces the e-mail subscription (the new address must confirm again)',
    }),
  ),
  /**
   * Days after which objects in the trail and access-log buckets move to S3 Glacier Instant Retrieval (still
   * readable in milliseconds for an investigation; billed for at least 90 days). @default 90
   */
  logTransitionDays: setting.integer({
    min: 30,
    max: 3650,
    default: 90,
    description: 'Days after which trail and access-log objects move to S3 Glacier Instant Retrieval.',
    onChange: 'updates the lifecycle rules of the two log buckets in place',
  }),
  /**
   * Days after which current log objects expire. At least a year, and later than the transition.
   * @default 2557 (seven years, a common audit retention)
   */
  logExpirationDays: setting.integer({
    min: 365,
    max: 3653,
    default: 2557,
    description: 'Days after which current trail and access-log objects expire; later than the transition.',
    onChange: 'updates the lifecycle rules in place; shortening it expires older logs',
  }),
  /**
   * Days a noncurrent (overwritten or deleted) object version is kept before it expires; versioning keeps
   * tampering visible for this long. @default 90
   */
  noncurrentVersionExpirationDays: setting.integer({
    min: 1,
    max: 3650,
    default: 90,
    description: 'Days an overwritten or deleted log object version is kept before it expires.',
    onChange: 'updates the lifecycle rules of the two log buckets in place',
  }),
  /**
   * Creates SageMaker's job log groups, /aws/sagemaker/TrainingJobs and /aws/sagemaker/ProcessingJobs, encrypted
   * with the logs key and retained like the others, before any job writes (issue 15). @default false: a job
   * started anyway would create them unencrypted and kept forever (LOG-14 then fails for them once jobs are on).
   * IMPORTANT: an account where jobs already ran has these groups; import them first (docs/runbook.md).
   */
  jobs: setting.boolean({
    default: false,
    description:
      'Creates /aws/sagemaker/TrainingJobs and /aws/sagemaker/ProcessingJobs encrypted and retained before any SageMaker job writes; turn on with secure-ml-network:jobs and secure-ml-notebook:jobs.',
    onChange:
      'adds or removes the two job log groups (protected in prod: removing them stops at protect); nothing else changes',
  }),
} as const;
