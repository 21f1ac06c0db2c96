'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { BOUND, airops } = require('./helpers');
const { addon, candidatePaths } = require('../lib/native');

const PACKAGE = path.resolve(__dirname, '..');

test('the library is found as the Python package finds it', BOUND, () => {
  const saved = process.env.AIROPS_LIBRARY;
  try {
    process.env.AIROPS_LIBRARY = 'relative/libairops.so';
    assert.deepEqual(candidatePaths(), [path.resolve('relative/libairops.so')]);
    delete process.env.AIROPS_LIBRARY;
    assert.deepEqual(candidatePaths(), [path.join(PACKAGE, 'libairops.so'),
      path.join(PACKAGE, '..', '..', 'build', 'lib', 'libairops.so')]);
  } finally {
    if (saved === undefined) delete process.env.AIROPS_LIBRARY;
    else process.env.AIROPS_LIBRARY = saved;
  }
  assert.equal(airops.libraryPath, saved ? path.resolve(saved) : candidatePaths().find((file) => fs.existsSync(file)));
  assert.match(airops.version, /^\d+\.\d+\.\d+/);
});

test('code names come from airops_code_name, the new codes included', BOUND, () => {
  assert.equal(addon.codeName(12), 'AIROPS_ERR_FORKED');
  assert.equal(addon.codeName(13), 'AIROPS_ERR_CANCELLED');
  assert.equal(addon.codeName(99), 'AIROPS_ERR_UNKNOWN');
});
