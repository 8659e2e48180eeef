import { setting, type SettingsOf } from '@secure-ml/shared';

/**
 * An IAM role or user ARN without wildcards: `arn:<partition>:iam::<12 digits>:role/<path/>name`. The account
 * root (`:root`) is refused because the key policies already name it, and a wildcard would let any principal
 * that matches manage the keys. Names follow IAM's character set (letters, digits and `+=,.@_-`).
 */
export const KEY_ADMINISTRATOR_ARN =
  /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/**
 * An ECR repository ARN without wildcards: `arn:<partition>:ecr:<region>:<12 digits>:repository/<name>`.
 * Names follow ECR's rule (lowercase segments separated by `.`, `_`, `-` or `/`).
 */
export const ECR_REPOSITORY_ARN =
  /^arn:aws(-[a-z]+)*:ecr:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d:\d{12}:repository\/(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** The deletion window KMS.3 and our control KMS-2 expect; anything shorter only warns (see index.ts). */
export const RECOMMENDED_DELETION_WINDOW_DAYS = 30;

/** Settings of the `secure-ml-security:` namespace. */
export const securitySettings = {
  /**
   * Principals that manage both keys (rotation, policy, aliases, tags, scheduling deletion) but can never use
   * them: their key-policy statement has no cryptographic action and a second statement denies those actions
   * explicitly. Roles or users of any account, listed by full ARN. Unset or empty means the keys are managed
   * only through IAM policies of this account (the account-root statement).
   * IMPORTANT: each principal must exist when the key policy is written, or KMS rejects the policy. Do not list
   * the role deployments run as: administrators are denied kms:CreateGrant, which creating the notebook needs.
   * @default []
   */
  keyAdministratorArns: setting.list(
    {
      pattern: KEY_ADMINISTRATOR_ARN,
      allowed: 'IAM role or user ARNs without wildcards (arn:aws:iam::111122223333:role/KeyAdmin)',
    },
    {
      example: '["arn:aws:iam::111122223333:role/KeyAdmin"]',
      default: [],
      maxItems: 10,
      description:
        'Principals that manage both keys but can never use them; each must exist, and never the role deployments run as.',
      onChange: 'updates both key policies in place',
    },
  ),
  /**
   * Days a scheduled key deletion waits; KMS accepts 7 to 30. Security Hub KMS.3 and KMS-2 expect 30: a shorter
   * window is accepted for throw-away environments but warned about. @default 30
   */
  deletionWindowDays: setting.integer({
    min: 7,
    max: 30,
    default: RECOMMENDED_DELETION_WINDOW_DAYS,
    description:
      'Days a scheduled key deletion waits before the keys are gone (below 30 warns and fails KMS-2).',
    onChange: 'updates the keys in place; applies to the next scheduled deletion',
  }),
  /**
   * ECR repositories the notebook may pull images from (read-only: no push, no repository changes). Unset means
   * the notebook role has no ECR permission at all. `ecr:GetAuthorizationToken` is then granted on `*`, the only
   * resource that action accepts; it returns a token that is useless without the pull permissions on a repository.
   * @default unset
   */
  ecrPullRepositoryArns: setting.optional(
    setting.list(
      {
        pattern: ECR_REPOSITORY_ARN,
        allowed:
          'ECR repository ARNs without wildcards (arn:aws:ecr:eu-west-1:111122223333:repository/team/image)',
      },
      {
        example: '["arn:aws:ecr:eu-west-1:111122223333:repository/ml/base"]',
        maxItems: 20,
        description:
          'ECR repositories the notebook may pull images from (read-only); unset, no ECR permission.',
        onChange: 'updates the notebook role policy and its boundary in place',
      },
    ),
  ),
  /**
   * Accounts, besides this one, whose CodeArtifact repositories notebooks may read packages from (a pip mirror in a
   * shared-services account of the organization). The boundary caps CodeArtifact reads to repositories and domains
   * of this account and of these, by the account in their ARNs, so that a policy the notebook team attaches cannot
   * open a package channel to a repository of any other account. Empty means this account only.
   * @default []
   */
  packageMirrorAccounts: setting.list(
    { pattern: /^\d{12}$/, allowed: '12-digit AWS account IDs' },
    {
      example: '["111122223333"]',
      default: [],
      maxItems: 10,
      description:
        'Accounts besides this one whose CodeArtifact repositories notebooks may read (the boundary caps CodeArtifact to this account and these); empty, this account only.',
      onChange: 'updates the notebook boundary in place',
    },
  ),
} as const;

export type SecuritySettings = SettingsOf<typeof securitySettings>;
