module.exports = require('../jest.preset.js').forProject(
  __dirname,
  {
    // One Nx start per question per run, shared by the test files that ask it (test/support/nx.ts).
    globalSetup: '<rootDir>/test/support/nx-answers-setup.ts',
    globalTeardown: '<rootDir>/test/support/nx-answers-teardown.ts',
    // Most of these tests wait on the processes they start (Nx, the wrapper, git, the plans of a scratch copy):
    // two files at a time use both cores of a 2-core machine, where Jest's default is one worker. The tools'
    // tests are the last task of a cold `npm test` (Nx schedules the projects with dependents first), so they
    // usually run alone: about 90 s to 55 s there.
    maxWorkers: 2,
  },
  { perFile: true },
);
