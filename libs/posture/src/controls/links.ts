/**
 * Three hops from a control ID (docs/CONTROLS.md, "From a control to its code and tests"): the layer code that
 * makes the control hold, the pack's check, and the tests that prove it. test/links.test.ts holds every path true
 * and every named file mentioning the ID, and the table of CONTROLS.md equal to this one.
 */
export interface ControlLinks {
  /** Layer (or shared) sources that establish what the control checks. */
  readonly layer: readonly string[];
  /** The pack's source that defines the control. */
  readonly check: string;
  readonly tests: readonly string[];
}

export const CONTROL_LINKS: Readonly<Record<string, ControlLinks>> = {
  'NB-1': {
    layer: ['packages/notebook/src/instance.ts'],
    check: 'libs/posture/src/controls/notebook.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'libs/posture/test/report.test.ts',
    ],
  },
  'NB-2': {
    layer: ['packages/notebook/src/instance.ts'],
    check: 'libs/posture/src/controls/notebook.ts',
    tests: ['libs/posture/test/controls.test.ts', 'libs/posture/test/mutations.test.ts'],
  },
  'NB-3': {
    layer: ['packages/notebook/src/instance.ts'],
    check: 'libs/posture/src/controls/notebook.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'libs/posture/test/report.test.ts',
    ],
  },
  'NB-4': {
    layer: ['packages/notebook/src/instance.ts'],
    check: 'libs/posture/src/controls/notebook.ts',
    tests: ['libs/posture/test/controls.test.ts', 'libs/posture/test/mutations.test.ts'],
  },
  'NB-5': {
    layer: ['packages/notebook/src/instance.ts'],
    check: 'libs/posture/src/controls/notebook.ts',
    tests: ['libs/posture/test/controls.test.ts', 'libs/posture/test/mutations.test.ts'],
  },
  'NB-6': {
    layer: ['packages/notebook/src/instance.ts'],
    check: 'libs/posture/src/controls/notebook.ts',
    tests: ['libs/posture/test/controls.test.ts', 'libs/posture/test/mutations.test.ts'],
  },
  'NB-7': {
    layer: ['packages/notebook/src/instance.ts'],
    check: 'libs/posture/src/controls/notebook.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'libs/posture/test/policies.test.ts',
    ],
  },
  'NB-8': {
    layer: ['packages/notebook/src/lifecycle/configuration.ts'],
    check: 'libs/posture/src/controls/notebook.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
    ],
  },
  'NB-9': {
    layer: ['packages/notebook/src/notebooks/notebook.ts'],
    check: 'libs/posture/src/controls/notebook-people.ts',
    tests: ['libs/posture/test/controls.test.ts', 'libs/posture/test/mutations.test.ts'],
  },
  'NB-10': {
    layer: ['packages/notebook/src/owner-access.ts'],
    check: 'libs/posture/src/controls/notebook-people.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/notebook/test/owner-access.simulation.test.ts',
    ],
  },
  'NB-11': {
    layer: ['packages/notebook/src/owner-access.ts'],
    check: 'libs/posture/src/controls/owner-access.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'libs/posture/test/owner-access-control.test.ts',
    ],
  },
  'NB-12': {
    layer: ['packages/notebook/src/notebooks/policies.ts', 'packages/notebook/src/bucket-policy.ts'],
    check: 'libs/posture/src/controls/notebook-reach.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/notebook-reach.test.ts',
      'libs/posture/test/mutations.test.ts',
    ],
  },
  'JOB-1': {
    layer: ['packages/notebook/src/jobs/job-role.ts', 'packages/notebook/src/jobs/policies.ts'],
    check: 'libs/posture/src/controls/jobs.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/jobs.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/notebook/test/jobs.simulation.test.ts',
    ],
  },
  'JOB-2': {
    layer: ['packages/network/src/job-security-group.ts'],
    check: 'libs/posture/src/controls/jobs.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/jobs.test.ts',
      'libs/posture/test/mutations.test.ts',
    ],
  },
  'JOB-3': {
    layer: ['packages/logging/src/log-groups.ts'],
    check: 'libs/posture/src/controls/jobs.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/jobs.test.ts',
      'libs/posture/test/mutations.test.ts',
    ],
  },
  'JOB-4': {
    layer: ['libs/shared/src/catalogue/job-pins.ts', 'packages/notebook/src/jobs/policies.ts'],
    check: 'libs/posture/src/controls/jobs.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/jobs.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/notebook/test/jobs.simulation.test.ts',
    ],
  },
  'KMS-1': {
    layer: ['packages/security/src/keys.ts'],
    check: 'libs/posture/src/controls/kms.ts',
    tests: ['libs/posture/test/controls.test.ts', 'libs/posture/test/mutations.test.ts'],
  },
  'KMS-2': {
    layer: [
      'packages/security/src/index.ts',
      'packages/security/src/keys.ts',
      'packages/security/src/settings.ts',
    ],
    check: 'libs/posture/src/controls/kms.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/security/test/keys.test.ts',
    ],
  },
  'KMS-3': {
    layer: ['packages/security/src/policies/key-policies.ts'],
    check: 'libs/posture/src/controls/kms.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/security/test/support/hygiene.ts',
    ],
  },
  'KMS-4': {
    layer: ['packages/notebook/src/notebooks/policies.ts'],
    check: 'libs/posture/src/controls/kms.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/security/test/support/hygiene.ts',
    ],
  },
  'KMS-5': {
    layer: ['packages/security/src/policies/key-policies.ts'],
    check: 'libs/posture/src/controls/kms.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/security/test/support/hygiene.ts',
    ],
  },
  'KMS-6': {
    layer: ['libs/shared/src/catalogue/kms-actions.ts', 'packages/security/src/policies/key-policies.ts'],
    check: 'libs/posture/src/controls/kms-administrators.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/examples.test.ts',
      'libs/posture/test/kms-actions.test.ts',
      'libs/posture/test/mutations.test.ts',
    ],
  },
  'IAM-1': {
    layer: ['packages/security/src/policies/actions.ts'],
    check: 'libs/posture/src/controls/iam.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/security/test/support/hygiene.ts',
    ],
  },
  'IAM-2': {
    layer: ['packages/security/src/policies/actions.ts'],
    check: 'libs/posture/src/controls/iam.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/security/test/support/hygiene.ts',
    ],
  },
  'IAM-3': {
    layer: ['packages/notebook/src/notebooks/policies.ts', 'packages/security/src/policies/service-roles.ts'],
    check: 'libs/posture/src/controls/iam.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/notebook/test/notebooks.test.ts',
      'packages/security/test/roles.test.ts',
      'packages/security/test/support/hygiene.ts',
    ],
  },
  'IAM-4': {
    layer: ['packages/notebook/src/notebooks/notebook.ts', 'packages/security/src/roles.ts'],
    check: 'libs/posture/src/controls/iam.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/notebook/test/notebooks.test.ts',
      'packages/security/test/roles.test.ts',
    ],
  },
  'IAM-5': {
    layer: ['packages/security/src/policies/delegation.ts'],
    check: 'libs/posture/src/controls/iam.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/security/test/hygiene.test.ts',
      'packages/security/test/support/hygiene.ts',
    ],
  },
  'IAM-6': {
    layer: ['packages/notebook/src/notebooks/notebook.ts', 'packages/security/src/roles.ts'],
    check: 'libs/posture/src/controls/iam.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/notebook/test/notebooks.test.ts',
      'packages/security/test/roles.test.ts',
    ],
  },
  'IAM-7': {
    layer: [
      'packages/guardrail/src/index.ts',
      'packages/guardrail/src/pins.ts',
      'packages/guardrail/src/policies/jobs.ts',
      'packages/guardrail/src/policies/people.ts',
      'packages/guardrail/src/policies/rules.ts',
    ],
    check: 'libs/posture/src/controls/iam.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/iam-7.test.ts',
      'libs/posture/test/mutations.test.ts',
      'libs/posture/test/owner-access-guardrail.simulation.test.ts',
      'packages/guardrail/test/simulate-guardrail.test.ts',
      'packages/guardrail/test/simulate-job-pins.test.ts',
    ],
  },
  'NET-1': {
    layer: ['packages/network/src/vpc-core.ts'],
    check: 'libs/posture/src/controls/network.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/network/test/isolation.test.ts',
    ],
  },
  'NET-2': {
    layer: ['packages/network/src/subnets.ts'],
    check: 'libs/posture/src/controls/network.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/network/test/isolation.test.ts',
    ],
  },
  'NET-3': {
    layer: [
      'libs/shared/src/contracts/network.ts',
      'libs/shared/src/plan/examples.ts',
      'packages/network/src/index.ts',
      'packages/network/src/nat-egress.ts',
      'packages/network/src/security-groups.ts',
      'packages/network/src/settings.ts',
      'packages/network/src/warnings.ts',
    ],
    check: 'libs/posture/src/controls/network.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/examples.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/network/test/egress.test.ts',
      'packages/network/test/isolation.test.ts',
    ],
  },
  'NET-4': {
    layer: ['packages/network/src/settings.ts'],
    check: 'libs/posture/src/controls/network.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/network/test/isolation.test.ts',
    ],
  },
  'NET-5': {
    layer: ['packages/network/src/security-groups.ts'],
    check: 'libs/posture/src/controls/network.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/network/test/isolation.test.ts',
    ],
  },
  'NET-6': {
    layer: ['libs/shared/src/catalogue/endpoints.ts', 'packages/network/src/endpoints.ts'],
    check: 'libs/posture/src/controls/network.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'libs/posture/test/report.test.ts',
      'packages/network/test/config.test.ts',
      'packages/network/test/endpoints.test.ts',
    ],
  },
  'NET-7': {
    layer: ['packages/network/src/policies.ts'],
    check: 'libs/posture/src/controls/network.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/network/test/endpoints.test.ts',
    ],
  },
  'NET-8': {
    layer: ['packages/network/src/nacl-rules.ts'],
    check: 'libs/posture/src/controls/network-acls.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
    ],
  },
  'LOG-1': {
    layer: ['packages/logging/src/trail.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/trail.test.ts',
    ],
  },
  'LOG-2': {
    layer: ['packages/logging/src/trail.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/trail.test.ts',
    ],
  },
  'LOG-3': {
    layer: ['packages/logging/src/trail.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/trail.test.ts',
    ],
  },
  'LOG-4': {
    layer: ['packages/logging/src/trail.ts', 'packages/security/src/roles.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/trail.test.ts',
    ],
  },
  'LOG-5': {
    layer: ['packages/logging/src/buckets.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/policies.test.ts',
    ],
  },
  'LOG-6': {
    layer: ['packages/logging/src/buckets.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/buckets.test.ts',
    ],
  },
  'LOG-7': {
    layer: ['packages/logging/src/trail.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/trail.test.ts',
    ],
  },
  'LOG-8': {
    layer: ['libs/shared/src/catalogue/cis-patterns.ts', 'packages/logging/src/cis-alarms.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/cis.test.ts',
    ],
  },
  'LOG-9': {
    layer: ['packages/logging/src/cis-alarms.ts', 'packages/logging/src/settings.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'libs/posture/test/report.test.ts',
      'packages/logging/test/alerts.test.ts',
      'packages/logging/test/cis.test.ts',
      'packages/logging/test/policies.test.ts',
    ],
  },
  'LOG-10': {
    layer: ['packages/logging/src/log-groups.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/log-groups.test.ts',
    ],
  },
  'LOG-11': {
    layer: ['packages/logging/src/log-groups.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/log-groups.test.ts',
    ],
  },
  'LOG-12': {
    layer: ['packages/logging/src/flow-logs.ts', 'packages/security/src/roles.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/flow-logs.test.ts',
    ],
  },
  'LOG-13': {
    layer: ['packages/logging/src/alerts.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/alerts.test.ts',
      'packages/logging/test/policies.test.ts',
    ],
  },
  'LOG-14': {
    layer: ['packages/logging/src/log-groups.ts'],
    check: 'libs/posture/src/controls/logging.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/log-groups.test.ts',
    ],
  },
  'LOG-15': {
    layer: ['packages/logging/src/alerts.ts'],
    check: 'libs/posture/src/controls/alerts-topic.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
    ],
  },
  'S3-1': {
    layer: ['libs/shared/src/aws/secure-bucket.ts', 'packages/notebook/src/bucket.ts'],
    check: 'libs/posture/src/controls/s3.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/buckets.test.ts',
      'packages/notebook/test/bucket.test.ts',
    ],
  },
  'S3-2': {
    layer: [
      'libs/shared/src/aws/secure-bucket.ts',
      'packages/notebook/src/bucket-policy.ts',
      'packages/notebook/src/bucket.ts',
    ],
    check: 'libs/posture/src/controls/s3.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/policies.test.ts',
      'packages/notebook/test/bucket.test.ts',
    ],
  },
  'S3-3': {
    layer: ['libs/shared/src/aws/secure-bucket.ts', 'packages/notebook/src/bucket.ts'],
    check: 'libs/posture/src/controls/s3.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/buckets.test.ts',
      'packages/notebook/test/bucket.test.ts',
    ],
  },
  'S3-4': {
    layer: ['packages/logging/src/buckets.ts', 'packages/notebook/src/bucket.ts'],
    check: 'libs/posture/src/controls/s3.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/buckets.test.ts',
      'packages/notebook/test/bucket.test.ts',
    ],
  },
  'S3-5': {
    layer: ['packages/notebook/src/bucket.ts'],
    check: 'libs/posture/src/controls/s3.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/buckets.test.ts',
      'packages/notebook/test/bucket.test.ts',
    ],
  },
  'S3-6': {
    layer: ['libs/shared/src/aws/secure-bucket.ts', 'packages/notebook/src/bucket.ts'],
    check: 'libs/posture/src/controls/s3.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/logging/test/buckets.test.ts',
      'packages/notebook/test/bucket.test.ts',
    ],
  },
  'S3-7': {
    layer: ['packages/notebook/src/bucket-policy.ts', 'packages/notebook/src/bucket.ts'],
    check: 'libs/posture/src/controls/s3.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'packages/notebook/test/bucket.test.ts',
    ],
  },
  'S3-8': {
    layer: ['libs/shared/src/aws/secure-bucket.ts', 'packages/notebook/src/bucket.ts'],
    check: 'libs/posture/src/controls/s3.ts',
    tests: [
      'libs/posture/test/controls.test.ts',
      'libs/posture/test/mutations-review.test.ts',
      'libs/posture/test/mutations.test.ts',
      'libs/shared/test/secure-bucket.test.ts',
      'packages/logging/test/buckets.test.ts',
      'packages/notebook/test/bucket.test.ts',
    ],
  },
  'DUR-1': {
    layer: ['libs/shared/src/context.ts'],
    check: 'libs/posture/src/controls/protection.ts',
    tests: ['libs/posture/test/controls.test.ts', 'libs/posture/test/mutations.test.ts'],
  },
};
