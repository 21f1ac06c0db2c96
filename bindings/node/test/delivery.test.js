'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BOUND, identify, withClient } = require('./helpers');

/** Streams `text` through slow-echo, noting for each event whether a dispatch was running. */
async function streamNotingDispatch(client, text) {
  const duringDispatch = [];
  const execution = await client.stream('slow-echo', { text }, { onEvent: () => duringDispatch.push(client.dispatching) });
  const events = [];
  for await (const event of execution) events.push(event);
  return { events, duringDispatch, result: await execution.wait() };
}

test('S16 queued delivery: events arrive only through dispatch, driven by the event loop', BOUND, () =>
  withClient(identify({ delivery: 'queued' }), async (client) => {
    assert.equal(client.delivery, 'queued');
    assert.ok(client.eventFd >= 0);
    const { events, duringDispatch, result } = await streamNotingDispatch(client, 'one two three');
    assert.equal(result.output, 'one two three');
    assert.equal(duringDispatch.length, events.length);
    assert.ok(duringDispatch.every(Boolean), 'every event ran inside the dispatch of the event fd watch');
    assert.equal(events.filter((event) => event.type === 'chunk').map((event) => event.content).join(''), result.output);
    assert.equal(events.at(-1).type, 'completed');
    assert.equal(client.dispatch(), 0); // nothing waits once the stream is read
  }));

test('S16 direct delivery: the same events come from the library thread, outside any dispatch', BOUND, () =>
  withClient(identify(), async (client) => {
    assert.equal(client.delivery, 'direct');
    assert.equal(client.eventFd, -1);
    const { events, duringDispatch, result } = await streamNotingDispatch(client, 'one two three');
    assert.equal(result.output, 'one two three');
    assert.equal(duringDispatch.length, events.length);
    assert.ok(duringDispatch.every((inside) => !inside));
  }));

test('log lines from library threads reach onLog, never after close', BOUND, async () => {
  const lines = [];
  const client = identify({ onLog: (level, message) => lines.push({ level, message }), logLevel: 'debug' });
  await (await client.execute('hello-world', { name: 'Ada' })).wait();
  await client.close();
  const count = lines.length;
  assert.ok(count > 0, 'the client logged its requests');
  assert.ok(lines.every(({ level }) => ['debug', 'info', 'notice', 'warning', 'error', 'critical'].includes(level)));
  assert.ok(lines.every(({ message }) => !message.includes(process.env.AIROPS_HASHED_USER_ID)));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(lines.length, count);
});
