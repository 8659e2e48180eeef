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
  // Pulumi keeps gRPC handles and timers alive after a mocked program; the runs themselves are awaited.
  forceExit: true,
};
