// Shared Jest settings. @swc/jest strips types (about 5x faster than ts-jest); `tsc` type-checks separately.
const path = require('node:path');

/** @type {import('jest').Config} */
const preset = {
  // Jest's Node environment; see tools/jest/environment.js for the one stack it leaves unmapped.
  testEnvironment: path.join(__dirname, 'tools', 'jest', 'environment.js'),
  transform: {
    // The options the tools run under outside Jest too (libs/shared/src/plan/ts-loader.js, registerOwnCode).
    '^.+\\.ts$': ['@swc/jest', structuredClone(require('./libs/shared/src/plan/ts-loader.js').SWC_OPTIONS)],
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

const SUITE_DIR = path.join(__dirname, 'tools', 'jest');

/**
 * Whether this Jest was asked for particular files (`npx jest test/bucket.test.ts`, `--testPathPatterns`,
 * `--findRelatedTests`, `--watch`) or to list them: then each test file runs on its own, as Jest runs files.
 */
function filesAsked(argv = process.argv.slice(2)) {
  const valued = new Set([
    '-c',
    '--config',
    '-t',
    '--testNamePattern',
    '-w',
    '--maxWorkers',
    '--reporters',
    '--outputFile',
    '--shard',
    '--testTimeout',
    '--seed',
    '--selectProjects',
    '--rootDir',
    '--coverageDirectory',
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (valued.has(arg)) i++;
    else if (!arg.startsWith('-')) return true;
    else if (
      /^--(testPathPatterns?|findRelatedTests|watch|watchAll|listTests|onlyChanged|changedSince)\b/.test(arg)
    )
      return true;
  }
  return Boolean(process.env.SECURE_ML_JEST_PER_FILE);
}

/**
 * One project's Jest config: the preset, its display name, `extra`, and (unless files were asked for, or
 * SECURE_ML_JEST_PER_FILE is set, or `perFile`) all its test files in one module registry through
 * tools/jest/suite.js. `perFile` is for a project whose tests mostly wait on processes they start: there the
 * registry saves little and Jest's workers can run two files at once.
 */
function forProject(dir, extra = {}, { perFile = false } = {}) {
  const config = { ...preset, displayName: require(path.join(dir, 'package.json')).nx.name, ...extra };
  if (perFile || filesAsked()) return config;
  return {
    ...config,
    roots: [dir, SUITE_DIR],
    testMatch: [path.join(SUITE_DIR, 'suite.js')],
    globals: { ...config.globals, SECURE_ML_TEST_ROOT: dir },
  };
}

module.exports = preset;
Object.defineProperty(module.exports, 'forProject', { value: forProject, enumerable: false });
