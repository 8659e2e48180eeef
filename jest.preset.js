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
  // No test may depend on the machine's speed: a mocked plan takes under a second alone and much longer on a
  // machine shared by several gates, so Jest's 5 s default would fail sound tests at random.
  testTimeout: 300_000,
  // Pulumi keeps gRPC handles and timers alive after a mocked program; the runs themselves are awaited.
  forceExit: true,
};
