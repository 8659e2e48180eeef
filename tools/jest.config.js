module.exports = require('../jest.preset.js').forProject(__dirname, {
  // One Nx start per question per run, shared by the test files that ask it (test/support/nx.ts).
  globalSetup: '<rootDir>/test/support/nx-answers-setup.ts',
  globalTeardown: '<rootDir>/test/support/nx-answers-teardown.ts',
});
