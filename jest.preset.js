// Shared Jest settings. @swc/jest strips types (about 5x faster than ts-jest); `tsc` type-checks separately.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Jest's default 5 s per test or hook is a timing assertion in disguise: a test that plans a layer (or
  // several, in a beforeAll) passes on an idle machine and fails on a loaded one (2 cores shared by several
  // runs). The limit is there only to stop a hang.
  testTimeout: 120_000,
  // Pulumi keeps gRPC handles and timers alive after a mocked program; the runs themselves are awaited.
  forceExit: true,
};
