import { setting } from '@secure-ml/shared';

/** Settings of the `secure-ml-security:` namespace. */
export const securitySettings = {
  /** Days a scheduled key deletion waits; KMS accepts 7 to 30. Security Hub KMS.3 expects the maximum. */
  deletionWindowDays: setting.integer({ min: 7, max: 30, default: 30 }),
} as const;
