#!/usr/bin/env node
// Entry point of tools/src/pulumi/run.ts (tools/launch.js says why this file is two lines).
'use strict';
require('../launch').run('pulumi/run');
