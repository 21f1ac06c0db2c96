'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');
const { BOUND, eventually, identify, sleep } = require('./helpers');
const { addon } = require('../lib/native');
const { openCounts } = require('../lib/lifetime');

const invalid = { code: 'AIROPS_ERR_INVALID_ARGUMENT' };

/** Streams slow-echo and closes the execution and the client after the first chunk, from
 * inside the callback or right after it; then checks that no callback ever runs again. */
async function closeAfterFirstChunk(options, fromCallback) {
  const baseline = addon.liveNative();
  let logs = 0;
  const client = identify({ ...options, onLog: () => logs++, logLevel: 'trace' });
  let calls = 0;
  let closing = null;
  let execution;
  let firstChunk;
  const first = new Promise((resolve) => {
    firstChunk = resolve;
  });
  const close = () => {
    execution.close();
    closing = client.close();
  };
  execution = await client.stream('slow-echo', { text: 'one two three four five six seven eight' }, {
    onEvent: () => {
      calls++;
      if (fromCallback && calls === 1) close();
      firstChunk();
    },
  });
  await first;
  if (!fromCallback) close();
  const [callsAtClose, logsAtClose] = [calls, logs];
  await closing;
  await sleep(500);
  assert.equal(calls, callsAtClose, 'no event callback after close');
  assert.equal(logs, logsAtClose, 'no log callback after close');
  // Closing twice is harmless, and a closed handle is an invalid argument.
  execution.close();
  await client.close();
  await assert.rejects(execution.wait(), invalid);
  await assert.rejects(client.execute('hello-world'), invalid);
  const now = addon.liveNative();
  assert.equal(now.listeners, baseline.listeners);
  assert.equal(now.pendings, baseline.pendings);
  assert.ok(await eventually(() => addon.liveNative().relays === baseline.relays), 'the relay was released');
}

test('S17 no callback after close (direct delivery)', BOUND, () => closeAfterFirstChunk({}, false));
test('S17 no callback after close, closed inside the callback (direct delivery)', BOUND,
  () => closeAfterFirstChunk({}, true));
test('S17 no callback after close, closed inside the callback (queued delivery)', BOUND,
  () => closeAfterFirstChunk({ delivery: 'queued' }, true));

test('calls in flight fail with the invalid-argument code when their client closes', BOUND, async () => {
  const client = identify();
  const execution = await client.execute('slow-echo', { text: 'slow' });
  const waiting = assert.rejects(execution.wait(), invalid);
  const starting = assert.rejects(client.execute('hello-world', { name: 'Ada' }), invalid);
  await client.close();
  await waiting;
  await starting;
  assert.equal(execution.closed, true);
});

test('a script that never closes its client still gets its result and exits', BOUND, async () => {
  const script = `
    const { AirOps } = require(${JSON.stringify(path.resolve(__dirname, '..'))});
    const client = AirOps.identify({ userId: process.env.AIROPS_USER_ID, workspaceId: process.env.AIROPS_WORKSPACE_ID,
      hashedUserId: process.env.AIROPS_HASHED_USER_ID });
    client.stream('hello-world', { name: 'Ada' }).then((execution) => execution.wait())
      .then((result) => console.log(result.output));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { timeout: 30000 });
  assert.equal(stdout.trim(), 'Hello, Ada! Welcome to AirOps.');
});

test('FinalizationRegistry closes clients and executions that were not closed', {
  ...BOUND, skip: !global.gc && 'needs --expose-gc (the second run of run-tests.sh)',
}, async () => {
  const before = openCounts();
  const nativeBefore = addon.liveNative();
  const forget = async (index) => {
    const client = identify({ delivery: index % 2 ? 'queued' : 'direct' });
    const execution = await client.stream('hello-world', { name: `gc${index}` });
    for await (const event of execution) assert.ok(event.type);
    await execution.wait();
    client.openExecution(execution.id);
  };
  for (let index = 0; index < 4; index++) await forget(index);
  assert.deepEqual(openCounts(), { clients: before.clients + 4, executions: before.executions + 8 });
  assert.ok(await eventually(() => {
    global.gc();
    return openCounts().clients === before.clients;
  }), 'unreachable clients were closed');
  assert.equal(openCounts().executions, before.executions);
  // A relay goes when the client's native close has finished on the thread pool, after a
  // collection: under load that takes more than one collection and a few seconds.
  assert.ok(await eventually(() => {
    global.gc();
    return addon.liveNative().relays === nativeBefore.relays;
  }, 2000), 'their relays were released');
  assert.equal(addon.liveNative().listeners, nativeBefore.listeners);
});
