/**
 * The KMS actions of a key policy's two duties, written once for the security layer (which grants them) and the
 * policy pack (KMS-6, which holds key administrators to never using a key). Every list is explicit: no `kms:*`,
 * so that an action AWS adds is never granted by surprise.
 *
 * AWS: "AWS KMS cryptography essentials", Cryptographic operations
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-cryptography.html#cryptographic-operations (the
 * operations that use a key's material, per key usage), and the CreateGrant API reference, Operations
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html (what a grant can delegate).
 */

/** Managing a key without ever using it. */
export const KMS_MANAGEMENT_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

/**
 * The actions that use a key's material, directly or by delegating through a grant, per key usage. CreateGrant
 * (and RetireGrant, its other end) is in every list: a grant can hand any of these to anyone, so whoever may not
 * decrypt may not create grants either.
 */
export const KMS_CRYPTOGRAPHIC_ACTIONS_BY_USAGE = {
  ENCRYPT_DECRYPT: [
    'kms:CreateGrant',
    'kms:Decrypt',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyPair',
    'kms:GenerateDataKeyPairWithoutPlaintext',
    'kms:GenerateDataKeyWithoutPlaintext',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
    'kms:RetireGrant',
  ],
  SIGN_VERIFY: ['kms:CreateGrant', 'kms:RetireGrant', 'kms:Sign', 'kms:Verify'],
  GENERATE_VERIFY_MAC: ['kms:CreateGrant', 'kms:RetireGrant', 'kms:GenerateMac', 'kms:VerifyMac'],
  KEY_AGREEMENT: ['kms:CreateGrant', 'kms:RetireGrant', 'kms:DeriveSharedSecret'],
} as const satisfies Record<string, readonly string[]>;

/** The symmetric keys of this product (ENCRYPT_DECRYPT): what the security layer's key policies deny. */
export const KMS_CRYPTOGRAPHIC_ACTIONS = KMS_CRYPTOGRAPHIC_ACTIONS_BY_USAGE.ENCRYPT_DECRYPT;
