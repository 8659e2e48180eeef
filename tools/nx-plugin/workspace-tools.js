// The tools of the workspace an executor runs for, not of the executor's own folder: Nx finds the executors through
// the package `@secure-ml/tools`, which in a copy of the workspace that links the original's node_modules (as the
// scratch-environment test does) is the original's, while `context.root` is always the workspace Nx runs for.
// Plain JavaScript: Nx loads the executors in its executor process, where no TypeScript loader is registered yet.
'use strict';
const path = require('node:path');

/** tools/src/<entry>.ts of the workspace at `workspaceRoot`, through the loader its entry points use. */
const workspaceTool = (workspaceRoot, entry) =>
  require(path.join(workspaceRoot, 'tools', 'launch.js')).load(entry);

module.exports = { workspaceTool };
