'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BOUND, identify, stats, withClient } = require('./helpers');

test('S10 streaming: chunks in order before completed, through onEvent and the iterator', BOUND, () =>
  withClient(identify(), async (client) => {
    const seen = [];
    const execution = await client.stream('slow-echo', { text: 'one two three four' },
      { onEvent: (event) => seen.push(event) });
    const iterated = [];
    for await (const event of execution) iterated.push(event);
    const result = await execution.wait();
    assert.equal(result.output, 'one two three four');

    assert.deepEqual(iterated, seen);
    const chunks = iterated.slice(0, -1);
    assert.ok(chunks.length > 1, 'more than one chunk');
    assert.ok(chunks.every((event) => event.type === 'chunk' && event.executionId === execution.id));
    assert.equal(chunks.map((event) => event.content).join(''), result.output);
    const completed = iterated.at(-1);
    assert.equal(completed.type, 'completed');
    assert.equal(completed.content, result.output);
    assert.equal(completed.data.content, result.output);
  }));

test('S11 20 concurrent streams on one realtime connection', BOUND, async () => {
  const before = (await stats()).realtime_connections_total;
  await withClient(identify(), async (client) => {
    const names = Array.from({ length: 20 }, (_, index) => `n${index}`);
    const runs = await Promise.all(names.map(async (name) => {
      const execution = await client.stream('hello-world', { name });
      const events = [];
      for await (const event of execution.events()) events.push(event);
      return { name, events, result: await execution.wait() };
    }));
    for (const { name, events, result } of runs) {
      const expected = `Hello, ${name}! Welcome to AirOps.`;
      assert.equal(result.output, expected);
      const completed = events.filter((event) => event.type === 'completed');
      assert.equal(completed.length, 1, `${name}: exactly one completed`);
      assert.equal(events.at(-1), completed[0], `${name}: completed comes last`);
      assert.equal(events.filter((event) => event.type === 'chunk').map((event) => event.content).join(''), expected);
      assert.equal(completed[0].content, expected);
    }
  });
  assert.equal((await stats()).realtime_connections_total - before, 1);
});
