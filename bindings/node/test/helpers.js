'use strict';
// What the tests share: the dev server that tests/with_dev_server.py started (its variables),
// clients for it, its /dev/stats, and bounded waiting. Under --expose-gc (the second run of
// run-tests.sh) every test is followed by a full garbage collection, so that the
// FinalizationRegistry paths run in the middle of the suite.

const { afterEach } = require('node:test');
const { setTimeout: sleep } = require('node:timers/promises');
const airops = require('..');

const VARIABLES = ['AIROPS_HOST', 'AIROPS_WORKSPACE_ID', 'AIROPS_USER_ID', 'AIROPS_HASHED_USER_ID', 'AIROPS_API_KEY',
  'AIROPS_REALTIME_URL', 'AIROPS_PUSHER_KEY'];
const missing = VARIABLES.filter((name) => !process.env[name]);
if (missing.length > 0) {
  throw new Error(`run the tests under tests/with_dev_server.py (missing ${missing.join(', ')})`);
}

const server = {
  host: process.env.AIROPS_HOST,
  workspaceId: process.env.AIROPS_WORKSPACE_ID,
  userId: process.env.AIROPS_USER_ID,
  hashedUserId: process.env.AIROPS_HASHED_USER_ID,
  apiKey: process.env.AIROPS_API_KEY,
  realtime: { url: process.env.AIROPS_REALTIME_URL, key: process.env.AIROPS_PUSHER_KEY },
};

/** A client identified as the demo user; `options` override the defaults. */
function identify(options = {}) {
  return airops.AirOps.identify({
    userId: server.userId, workspaceId: server.workspaceId, hashedUserId: server.hashedUserId,
    host: server.host, realtime: server.realtime, requestTimeout: 10000, loadEnvironment: false, ...options,
  });
}

/** A public (unidentified) client of the dev server. */
function publicClient(options = {}) {
  return new airops.AirOps({ host: server.host, realtime: server.realtime, loadEnvironment: false, ...options });
}

/** GET /dev/stats of the dev server. */
const stats = () => devRequest('GET', '/dev/stats');

/** A request to a /dev/ endpoint of the dev server, with its admin token; `body` is sent as JSON. */
async function devRequest(method, pathAndQuery, body) {
  const answer = await fetch(`${server.host}${pathAndQuery}`, {
    method, headers: { Authorization: `Bearer ${process.env.AIROPS_DEV_ADMIN_TOKEN}` },
    body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10000),
  });
  if (!answer.ok) throw new Error(`${method} ${pathAndQuery}: HTTP ${answer.status}`);
  return answer.json();
}

/** POST to a /dev/ switch of the dev server. */
const devPost = (pathAndQuery) => devRequest('POST', pathAndQuery);

/** Waits until `condition()` holds, checking every 10 ms, at most `rounds` times. */
async function eventually(condition, rounds = 500) {
  for (let round = 0; round < rounds; round++) {
    if (condition()) return true;
    await sleep(10);
  }
  return condition();
}

/** Runs `body(client)` and closes the client afterwards, whatever happens. */
async function withClient(client, body) {
  try {
    return await body(client);
  } finally {
    await client.close();
  }
}

/** The bound of one test (node:test has none by default). */
const BOUND = { timeout: 60000 };

if (global.gc) afterEach(() => global.gc());

module.exports = {
  BOUND, airops, server, identify, publicClient, stats, devRequest, devPost, eventually, withClient, sleep,
};
