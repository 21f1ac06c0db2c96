'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');
const { BOUND } = require('./helpers');

const DEMO = path.resolve(__dirname, '..', '..', '..', 'examples', 'node', 'demo.js');

test('examples/node/demo.js streams an app and chats two turns', BOUND, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [DEMO, 'Grace'], { timeout: 60000 });
  const lines = stdout.trim().split('\n');
  assert.ok(lines.filter((line) => line.startsWith('chunk: ')).length > 1);
  assert.ok(lines.includes('result: Hello, Grace! Welcome to AirOps.'));
  assert.ok(lines.some((line) => line.includes('[tool get_weather')));
  assert.match(lines.at(-1), /Before that you said: Hello, my name is Grace/);
});
