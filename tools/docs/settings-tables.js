#!/usr/bin/env node
// Entry point of tools/src/docs/settings-tables.ts (tools/launch.js says why this file is two lines).
'use strict';
require('../launch').run('docs/settings-tables');
