'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BOUND, airops, identify, server, withClient } = require('./helpers');

// The invalid-argument code, with a message that says what was wrong.
const invalid = (error) => error instanceof airops.AirOpsError && error.code === 'AIROPS_ERR_INVALID_ARGUMENT' &&
  error.codeNumber === 1 && error.httpStatus === 0 && error.message.length > 0;

test('S04 401 with the server message', BOUND, () =>
  withClient(identify({ hashedUserId: airops.hashUserId(server.apiKey, 'somebody-else') }), async (client) => {
    await assert.rejects(client.execute('hello-world', { name: 'Ada' }), (error) => {
      assert.ok(error instanceof airops.AirOpsError);
      assert.ok(error instanceof Error);
      assert.equal(error.code, 'AIROPS_ERR_UNAUTHORIZED');
      assert.equal(error.httpStatus, 401);
      assert.equal(error.message,
        'Invalid user_id_hashed: it is not the HMAC-SHA256 of user_id with the workspace API key');
      return true;
    });
  }));

test('S05 404', BOUND, () => withClient(identify(), async (client) => {
  await assert.rejects(client.execute('no-such-app'), { code: 'AIROPS_ERR_NOT_FOUND', httpStatus: 404 });
  await assert.rejects(client.getApp('no-such-app'), { code: 'AIROPS_ERR_NOT_FOUND', httpStatus: 404 });
}));

test('S18 bad input gives the invalid-argument code, never a crash', BOUND, async () => {
  const client = identify();
  await assert.rejects(client.execute('hello-world', '{"name": '), invalid);
  await assert.rejects(client.execute('hello-world', '[1, 2]'), invalid);
  const circular = {};
  circular.self = circular;
  await assert.rejects(client.execute('hello-world', circular), invalid);
  await assert.rejects(client.stream('hello-world', { name: 10n }), invalid);
  await assert.rejects(client.execute(''), invalid);
  await assert.rejects(client.stream(''), invalid);
  await assert.rejects(client.execute('hello-world', {}, { version: -1 }), invalid);
  await assert.rejects(client.getApp(''), invalid);
  await assert.rejects(client.chat('demo-agent', ''), invalid);
  assert.throws(() => client.openExecution(''), invalid);
  assert.throws(() => client.dispatch(), invalid); // direct delivery has nothing to dispatch
  assert.throws(() => airops.AirOps.identify({ userId: 'u', workspaceId: 'w' }), invalid);
  assert.throws(() => new airops.AirOps({ host: 'ftp://example.com' }), invalid);
  assert.throws(() => new airops.AirOps({ delivery: 'sideways' }), invalid);
  // Values JavaScript cannot pass as the C types are TypeErrors, as in Node's own APIs.
  await assert.rejects(client.execute(42), TypeError);
  await assert.rejects(client.execute('hello-world\u0000'), TypeError);
  await assert.rejects(client.execute('hello-world', {}, { version: 1.5 }), RangeError);
  assert.throws(() => new airops.AirOps({ hots: 'http://127.0.0.1' }), TypeError);

  const execution = await client.execute('hello-world', { name: 'Ada' });
  execution.close();
  await assert.rejects(execution.wait(), invalid);
  await assert.rejects(execution.fetch(), invalid);
  await assert.rejects(execution.cancel(), invalid);
  await client.close();
  await assert.rejects(client.execute('hello-world', { name: 'Ada' }), invalid);
  await assert.rejects(client.getApp('hello-world'), invalid);
  assert.throws(() => client.openExecution('some-id'), invalid);
});
