import { CRYPTOGRAPHIC_ACTIONS_BY_USAGE } from '../src/controls/kms-administrators';

/**
 * KMS-6 judges key administrators against the catalogue's cryptographic actions per key usage; this is the
 * test's own literal copy (AWS KMS developer guide, "AWS KMS cryptography essentials", Cryptographic
 * operations), so that an action dropped from the catalogue fails here rather than loosening the control.
 */
const LITERAL: Record<string, string[]> = {
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
};

describe("KMS-6's cryptographic actions", () => {
  it('are, for every key usage, the literal list', () => {
    expect(Object.keys(CRYPTOGRAPHIC_ACTIONS_BY_USAGE).sort()).toEqual(Object.keys(LITERAL).sort());
    for (const [usage, actions] of Object.entries(LITERAL))
      expect([...(CRYPTOGRAPHIC_ACTIONS_BY_USAGE[usage] ?? [])]).toEqual(actions);
  });
});
