'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BOUND, identify, withClient } = require('./helpers');

test('S02 templated output', BOUND, () => withClient(identify(), async (client) => {
  const execution = await client.execute('hello-world', { name: 'Ada' });
  const result = await execution.wait();
  assert.equal(result.state, 'success');
  assert.equal(result.status, 'success');
  assert.equal(result.output, 'Hello, Ada! Welcome to AirOps.');
  assert.equal(result.executionId, execution.id);
  assert.equal(result.record.output, 'Hello, Ada! Welcome to AirOps.');
}));

test('S03 pinned version', BOUND, () => withClient(identify(), async (client) => {
  const execution = await client.execute('hello-world', { name: 'Ada' }, { version: 1 });
  assert.equal((await execution.wait()).output, 'Hello, Ada!');
}));

test('S06 failing app', BOUND, () => withClient(identify(), async (client) => {
  const result = await (await client.execute('always-fails')).wait();
  assert.equal(result.state, 'error');
  assert.equal(result.errorMessage, 'This demo app always fails.');
  assert.equal(result.errorCode, 'demo_failure');
  assert.equal(result.output, null);
}));

test('S08 get by id', BOUND, () => withClient(identify(), async (client) => {
  const started = await client.execute('hello-world', { name: 'Grace' });
  const opened = client.openExecution(started.id);
  assert.equal(opened.id, started.id);
  const [first, second] = await Promise.all([opened.wait(), started.wait()]);
  assert.equal(first.executionId, started.id);
  assert.equal(first.output, 'Hello, Grace! Welcome to AirOps.');
  assert.equal(first.output, second.output);
  assert.equal((await opened.fetch()).state, 'success');
}));

test('S14 wait timeout, then success', BOUND, () => withClient(identify(), async (client) => {
  const execution = await client.execute('slow-echo', { text: 'patience' });
  await assert.rejects(execution.wait({ timeout: 100 }), { code: 'AIROPS_ERR_TIMEOUT' });
  const result = await execution.wait({ timeout: 30000 });
  assert.equal(result.state, 'success');
  assert.equal(result.output, 'patience');
}));

test('S15 promises: the event loop runs while execute and wait are in flight', BOUND, () =>
  withClient(identify(), async (client) => {
    // Counted on the event loop: a blocked loop would not run a single tick until the end.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    try {
      const pending = client.execute('hello-world', { name: 'Ada' }).then((execution) => execution.wait());
      assert.ok(pending instanceof Promise);
      const result = await pending;
      assert.equal(result.output, 'Hello, Ada! Welcome to AirOps.');
    } finally {
      clearInterval(ticker);
    }
    assert.ok(ticks > 0, 'the event loop did not run while the execution was awaited');
  }));
