'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BOUND, identify, withClient } = require('./helpers');

/** Reads a chat turn to its end: its events, the reply from the tokens, the final record. */
async function turn(execution) {
  const events = [];
  for await (const event of execution) events.push(event);
  const responses = events.filter((event) => event.type === 'agent-response');
  return { events, responses, reply: responses.map((event) => event.token).join(''), result: await execution.wait() };
}

test('S12 chat, two turns in one session', BOUND, () => withClient(identify(), async (client) => {
  const first = await client.chat('demo-agent', 'Hello, my name is Ada');
  assert.ok(first.sessionId, 'the first turn opens a session');
  const one = await turn(first);
  const actions = one.events.filter((event) => event.type === 'agent-action');
  assert.deepEqual(actions.map((event) => event.tool), ['recall_session']);
  assert.equal(typeof actions[0].toolInput, 'object');
  assert.ok(one.responses.length > 1);
  assert.equal(one.responses.at(-1).streamFinished, true);
  assert.ok(one.responses.slice(0, -1).every((event) => !event.streamFinished));
  assert.equal(one.responses.at(-1).result, one.reply);
  assert.equal(one.events.at(-1).type, 'completed');
  assert.equal(one.events.at(-1).result, one.reply);
  assert.equal(one.events.at(-1).content, null);
  assert.match(one.reply, /You said: Hello, my name is Ada/);

  const second = await client.chat('demo-agent', 'What is the weather like?', { sessionId: first.sessionId });
  assert.equal(second.sessionId, first.sessionId);
  const two = await turn(second);
  assert.ok(two.events.some((event) => event.type === 'agent-action' && event.tool === 'get_weather'));
  assert.match(two.reply, /Before that you said: Hello, my name is Ada/);
  assert.equal(two.events.at(-1).type, 'completed');
}));

test('S13 chat tool error', BOUND, () => withClient(identify(), async (client) => {
  const { events } = await turn(await client.chat('demo-agent', 'Please fail now'));
  const failures = events.filter((event) => event.type === 'agent-action-error');
  assert.equal(failures.length, 1);
  assert.equal(failures[0].tool, 'flaky_tool');
  assert.equal(failures[0].toolError, 'flaky_tool is unavailable');
  assert.equal(events.at(-1).type, 'completed');
}));
