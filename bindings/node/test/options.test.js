'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { BOUND, airops, devPost, identify, withClient } = require('./helpers');

const invalid = (pattern) => (error) =>
  error instanceof airops.AirOpsError && error.code === 'AIROPS_ERR_INVALID_ARGUMENT' && pattern.test(error.message);

test('every client option reaches its setter, which checks it', BOUND, async () => {
  assert.throws(() => identify({ requestTimeout: 0 }), invalid(/timeout/));
  assert.throws(() => identify({ subscriptionTimeout: -5 }), invalid(/timeout/));
  assert.throws(() => identify({ maxRetries: -1 }), invalid(/retr/));
  for (const maxBufferedEvents of [0, 10000001, Number.MAX_SAFE_INTEGER]) {
    assert.throws(() => identify({ maxBufferedEvents }), invalid(/buffer|max/i));
  }
  assert.throws(() => identify({ maxBufferedEvents: -1 }), RangeError);
  assert.throws(() => identify({ caFile: '/nonexistent/ca.pem' }), invalid(/ca|file|read/i));
  assert.throws(() => identify({ realtime: { url: 'http://127.0.0.1:1', key: 'key' } }), invalid(/ws/));
  assert.throws(() => identify({ realtime: undefined, pusher: { key: 'key', cluster: '' } }), invalid(/cluster/));
  assert.throws(() => identify({ onLog: () => {}, logLevel: 'loud' }), invalid(/logLevel/));
  const bundle = '/etc/ssl/certs/ca-certificates.crt';
  const options = { maxRetries: 0, maxBufferedEvents: 64, requestTimeout: 5000, subscriptionTimeout: 5000, pusher: { key: 'key', cluster: 'eu' } };
  await identify(fs.existsSync(bundle) ? { ...options, caFile: bundle } : options).close();
});

test('subscriptionTimeout: an unconfirmed subscription fails the stream with the timeout code', BOUND, async () => {
  await devPost('/dev/realtime/ignore_subscriptions?enabled=true');
  try {
    await withClient(identify({ subscriptionTimeout: 200 }), async (client) => {
      await assert.rejects(client.stream('hello-world', { name: 'Ada' }), { code: 'AIROPS_ERR_TIMEOUT' });
    });
  } finally {
    await devPost('/dev/realtime/ignore_subscriptions?enabled=false');
  }
});
