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
