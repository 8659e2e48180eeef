module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').nx.name,
  // Each suite plans the whole layer (about a second alone); on two shared cores with suites in parallel, a
  // beforeAll that plans dev and prod can pass Jest's 5 s default.
  testTimeout: 30000,
};
