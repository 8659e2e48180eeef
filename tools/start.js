#!/usr/bin/env node
// Entry point of tools/src/start.ts (tools/launch.js says why this file is two lines).
'use strict';
require('./launch').run('start');
