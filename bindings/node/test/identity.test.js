'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BOUND, airops, server } = require('./helpers');

test('S01 hash_user_id matches the dev server, an empty key is an invalid argument', BOUND, () => {
  assert.equal(airops.hashUserId('demo-api-key', server.userId), server.hashedUserId);
  assert.throws(() => airops.hashUserId('', server.userId),
    (error) => error instanceof airops.AirOpsError && error.code === 'AIROPS_ERR_INVALID_ARGUMENT' &&
      error.httpStatus === 0 && /api_key/.test(error.message));
});
