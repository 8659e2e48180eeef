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
  // A test waits as long as its work takes: Jest's default of 5 s per test fails a correct test whenever the machine
  // is busy (a plan under load takes longer), and no result of ours depends on how fast the machine is.
  testTimeout: 600_000,
  // Pulumi keeps gRPC handles and timers alive after a mocked program; the runs themselves are awaited.
  forceExit: true,
};
