import { resolve } from 'node:path';

/**
 * The repository root, as @secure-ml/shared/testing has it: a test file that needs only this imports it from here,
 * because the testing entry loads the mock engine and the Pulumi SDK, about 0.7 s of each test file under Jest
 * (and @secure-ml/shared's index, where a file needs only the registry of @secure-ml/shared/layers, another 0.5 s).
 */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
