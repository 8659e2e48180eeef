/**
 * The mock engine and the offline plan: for tests and tools, never imported by a layer program
 * (`@secure-ml/shared/testing`).
 */
export * from './mock/engine';
export * from './mock/fixed';
export * from './mock/ids';
export * from './mock/invokes';
export * from './plan/plan';
export * from './plan/stack-config';
export * from './plan/for-test';
export * from './plan/examples';
export * from './plan/environments';
