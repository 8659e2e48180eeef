module.exports = require('../../jest.preset.js').forProject(__dirname, {
  // Each verify run of the tests writes its JSON reports into a folder of its own, under one folder per Jest run
  // that the teardown removes (a test reads a run's reports after it, so they cannot go when the run returns).
  globalSetup: '<rootDir>/test/support/reports-setup.ts',
  globalTeardown: '<rootDir>/test/support/reports-teardown.ts',
});
