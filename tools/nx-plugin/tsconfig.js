// A project's tsconfig.json as TypeScript 6's API resolves it (extends included): what the lint and typecheck
// executors both read to put projects with equal compiler options in one program.
// Plain JavaScript: Nx loads the executors in its executor process, where no TypeScript loader is registered.
'use strict';
const path = require('node:path');

/**
 * The tsconfig.json of `root`: its path, its compiler options and files, and the errors TypeScript 6 found
 * reading it (none when it read it whole; `unreadable` when it could not read the file at all). `ts` is the
 * `typescript` package.
 */
function readProject(ts, root) {
  const file = path.join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) return { file, options: {}, fileNames: [], errors: [error], unreadable: true };
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, file);
  return {
    file,
    options: parsed.options,
    fileNames: parsed.fileNames,
    errors: parsed.errors,
    unreadable: false,
  };
}

/** The options as a string equal for equal options, leaving out the ones named (and the config's own path). */
function optionsKey(options, leftOut = []) {
  const kept = Object.entries(options).filter(([k]) => k !== 'configFilePath' && !leftOut.includes(k));
  return JSON.stringify(kept.sort(([a], [b]) => a.localeCompare(b)));
}

module.exports = { readProject, optionsKey };
