#!/usr/bin/env node
// Entry point of tools/src/typecheck.ts (tools/launch.js says why this file is two lines).
'use strict';
require('./launch').run('typecheck');
