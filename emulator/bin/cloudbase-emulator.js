#!/usr/bin/env node
'use strict';
// The emulator ships as TypeScript sources: tsx's CommonJS hook compiles them on load, so there is no build step.
// Function instances run in worker threads from a bundled plain-JS script and do not need this hook.
require('tsx/cjs/api').register();
require('../src/cli.ts').run();
