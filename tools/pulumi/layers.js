// tools/src/pulumi/layers.ts, for plain Node.js (tools/launch.js says why this file is two lines).
'use strict';
module.exports = require('../launch').load('pulumi/layers');
