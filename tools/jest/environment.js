// Jest's Node environment, less one cost: the SDK wraps every promise it makes with the stack where it was made
// (`debuggablePromise` in @pulumi/pulumi/runtime/debuggable.js, printed only for a promise left unresolved at
// exit), and Jest maps every stack through the source maps of the test file's registry, with 100 frames each:
// about a third of the CPU time of a layer's tests. A stack captured there is formatted as V8 formats it, without
// the mapping, to Node's default depth of 10 frames (Jest raises the limit to 100 for its own messages); every other
// stack (a failing assertion, an error of ours) is mapped as before.
'use strict';
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

const DEBUGGABLE = path.join('@pulumi', 'pulumi', 'runtime', 'debuggable.js');
const WRAPPED = Symbol.for('secure-ml.jest.promise-stacks-unmapped');

function skipMappingForPromiseStacks() {
  const mapped = Error.prepareStackTrace;
  if (typeof mapped !== 'function' || mapped[WRAPPED]) return;
  const prepareStackTrace = (error, frames) => {
    const file = frames[0] && frames[0].getFileName();
    if (file && file.endsWith(DEBUGGABLE)) return [String(error), ...frames.slice(0, 10)].join('\n    at ');
    return mapped(error, frames);
  };
  prepareStackTrace[WRAPPED] = true;
  Error.prepareStackTrace = prepareStackTrace;
}

class Environment extends TestEnvironment {
  // Jest installs its source-map formatter before it sets the environment up, for each test file.
  async setup() {
    await super.setup();
    skipMappingForPromiseStacks();
  }
}

module.exports = Environment;
