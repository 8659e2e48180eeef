/**
 * The fixed world of the offline plan and the tests. These values are never deployed anywhere: the mock
 * account is AWS's documentation account, so a plan can never be mistaken for a real one.
 */
export const MOCK_ACCOUNT = '123456789012';
export const MOCK_PARTITION = 'aws';
export const MOCK_AZ_SUFFIXES = ['a', 'b', 'c'] as const;
