'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BOUND, identify, withClient } = require('./helpers');

test('S09 cancel ends in cancelled', BOUND, () => withClient(identify(), async (client) => {
  const execution = await client.execute('slow-echo', { text: 'never finished' });
  await execution.cancel();
  const result = await execution.wait({ timeout: 30000 });
  assert.equal(result.state, 'cancelled');
  assert.equal(result.status, 'cancelled');
  await execution.cancel(); // cancelling again succeeds
}));

test('S09 cancel of a stream ends its events without completed', BOUND, () => withClient(identify(), async (client) => {
  const execution = await client.stream('slow-echo', { text: 'one two three four five six' });
  const events = [];
  for await (const event of execution.events()) {
    events.push(event);
    if (events.length === 1) await execution.cancel();
  }
  assert.ok(events.every((event) => event.type === 'chunk'));
  assert.equal((await execution.wait({ timeout: 30000 })).state, 'cancelled');
}));
