'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BOUND, identify, publicClient, withClient } = require('./helpers');

test('S07 app info, also from a public client', BOUND, async () => {
  await withClient(identify(), async (client) => {
    const app = await client.getApp('hello-world');
    assert.equal(app.uuid, 'hello-world');
    assert.equal(app.name, 'Hello world');
  });
  await withClient(publicClient(), async (client) => {
    const app = await client.getApp('public-echo');
    assert.equal(app.uuid, 'public-echo');
    assert.equal(app.public, true);
    const result = await (await client.execute('public-echo', { text: 'hi' })).wait();
    assert.equal(result.output, 'You said: hi');
  });
});

test('getApp (airops_app_get_async): a missing app is not found, also with queued delivery', BOUND, async () => {
  for (const delivery of ['direct', 'queued']) {
    await withClient(identify({ delivery }), async (client) => {
      assert.equal((await client.getApp('hello-world')).uuid, 'hello-world');
      await assert.rejects(client.getApp('no-such-app'), { code: 'AIROPS_ERR_NOT_FOUND', httpStatus: 404 });
    });
  }
});

test('a getApp in flight when its client closes settles', BOUND, async () => {
  const client = identify();
  const rejected = assert.rejects(client.getApp('hello-world'), { code: 'AIROPS_ERR_INVALID_ARGUMENT' });
  await client.close();
  await rejected;
});
