'use strict';
// The network options: proxies, NO_PROXY, redirects and the insecure-http opt-in. Needs
// tests/with_dev_server.py --net-tools: forward proxies (one tunnels, one refuses every
// CONNECT) and a witness server that stands for another origin. The proxies answer
// GET /__stats with what they did; the dev server's PUT /dev/faults makes an endpoint redirect.

const test = require('node:test');
const assert = require('node:assert/strict');
const { BOUND, airops, devRequest, identify, server, withClient } = require('./helpers');

const TOOLS = ['AIROPS_TEST_PROXY', 'AIROPS_TEST_PROXY_AUTH', 'AIROPS_TEST_PROXY_REFUSING', 'AIROPS_TEST_WITNESS'];
const absent = TOOLS.filter((name) => !process.env[name]);
if (absent.length > 0) {
  throw new Error(`run the tests under tests/with_dev_server.py --net-tools (missing ${absent.join(', ')})`);
}
const net = {
  proxy: process.env.AIROPS_TEST_PROXY,
  proxyAuth: process.env.AIROPS_TEST_PROXY_AUTH,
  refusing: process.env.AIROPS_TEST_PROXY_REFUSING,
  witness: process.env.AIROPS_TEST_WITNESS,
};
const HELLO = 'Hello, Ada! Welcome to AirOps.';

const authority = (url) => new URL(url).host;

/** What `proxyUrl` did since the returned function was made: its connects and forwards. */
async function proxyLog(proxyUrl) {
  const read = async () => {
    const answer = await fetch(`${new URL(proxyUrl).origin}/__stats`, { signal: AbortSignal.timeout(10000) });
    return answer.json();
  };
  const before = await read();
  return async () => {
    const now = await read();
    return {
      connects: now.connects.slice(before.connects.length), forwards: now.forwards.slice(before.forwards.length),
    };
  };
}

/** Runs `body` while the dev server answers `endpoint` once with `status` and `location`. */
async function withRedirect(endpoint, status, location, body) {
  await devRequest('PUT', '/dev/faults', { rules: [{ endpoint, status, location, count: 1 }] });
  try {
    return await body();
  } finally {
    await devRequest('PUT', '/dev/faults', {});
  }
}

const invalid = (error) => error instanceof airops.AirOpsError && error.code === 'AIROPS_ERR_INVALID_ARGUMENT';

async function streamHello(client) {
  const execution = await client.stream('hello-world', { name: 'Ada' });
  const events = [];
  for await (const event of execution) events.push(event);
  assert.equal(events.at(-1).type, 'completed');
  assert.equal((await execution.wait()).output, HELLO);
}

test('an identity over plain http to a remote host is refused unless allowInsecureHttp', BOUND, async () => {
  assert.throws(() => identify({ host: 'http://example.com' }),
    (error) => invalid(error) && /https:\/\//.test(error.message));
  assert.throws(() => identify({ host: 'http://example.com', allowInsecureHttp: false }), invalid);
  await identify({ host: 'http://example.com', allowInsecureHttp: true }).close();
  assert.throws(() => identify({ allowInsecureHttp: 'yes' }), TypeError);
});

test('a streamed execution goes through the proxy, in CONNECT tunnels only', BOUND, async () => {
  const since = await proxyLog(net.proxy);
  await withClient(identify({ proxy: net.proxy, maxRetries: 0 }), streamHello);
  const seen = await since();
  assert.deepEqual(seen.forwards, []);
  // The WebSocket has a connection of its own, so the API calls need another one.
  assert.ok(seen.connects.length >= 2, `connects: ${JSON.stringify(seen.connects)}`);
  for (const connect of seen.connects) assert.deepEqual(connect, { target: authority(server.host), status: 200 });
});

test('noProxy names the hosts reached directly', BOUND, async () => {
  let since = await proxyLog(net.proxy);
  await withClient(identify({ proxy: net.proxy, noProxy: '127.0.0.0/8', maxRetries: 0 }), streamHello);
  assert.deepEqual(await since(), { connects: [], forwards: [] });
  since = await proxyLog(net.proxy);
  await withClient(identify({ proxy: net.proxy, noProxy: 'example.com', maxRetries: 0 }), streamHello);
  assert.ok((await since()).connects.length >= 2, 'hosts the list does not name go through the proxy');
});

test('a proxy refusing the tunnel gives the network code and a message naming it', BOUND, async () => {
  const since = await proxyLog(net.refusing);
  await withClient(identify({ proxy: net.refusing, maxRetries: 0 }), async (client) => {
    await assert.rejects(client.getApp('hello-world'), (error) => {
      assert.equal(error.code, 'AIROPS_ERR_NETWORK');
      assert.equal(error.httpStatus, 0); // the proxy's answer, not the server's
      assert.ok(error.message.includes(net.refusing), error.message);
      assert.match(error.message, /refused the tunnel/);
      return true;
    });
  });
  assert.deepEqual((await since()).connects, [{ target: authority(server.host), status: 403 }]);
});

test('malformed proxy settings are refused, without showing the credentials', BOUND, () => {
  for (const proxy of ['socks5://tester:s3cret@127.0.0.1:1080', 'http://tester:s3cret@host:99999', 'http://h:1/path']) {
    assert.throws(() => identify({ proxy }), (error) => invalid(error) && !error.message.includes('s3cret'));
  }
  for (const noProxy of ['10.0.0.0/99', 'a b']) assert.throws(() => identify({ noProxy }), invalid);
  assert.throws(() => identify({ proxy: 3128 }), TypeError);
});

test('a redirect fails with the redirect code and its status by default', BOUND, () =>
  withRedirect('get_app', 307, `${net.witness}/x`, () => withClient(identify({ maxRetries: 0 }), async (client) => {
    await assert.rejects(client.getApp('hello-world'), (error) => {
      assert.ok(error instanceof airops.AirOpsError);
      assert.equal(error.code, 'AIROPS_ERR_REDIRECT');
      assert.equal(error.codeNumber, 11);
      assert.equal(error.httpStatus, 307);
      assert.ok(error.message.includes(authority(net.witness)), error.message);
      return true;
    });
  })));

test("followRedirects: 'same-origin' follows a redirect to the same origin", BOUND, async () => {
  const location = `${server.host}/sdk_api/airops_app_bases/hello-world`;
  await withRedirect('get_app', 302, location, () =>
    withClient(identify({ maxRetries: 0, followRedirects: 'same-origin' }), async (client) => {
      assert.ok((await client.getApp('hello-world')).name);
    }));
  await withRedirect('get_app', 307, `${net.witness}/x`, () =>
    withClient(identify({ maxRetries: 0, followRedirects: 'same-origin' }), async (client) => {
      await assert.rejects(client.getApp('hello-world'), { code: 'AIROPS_ERR_REDIRECT', httpStatus: 307 });
    }));
  assert.throws(() => identify({ followRedirects: 'always' }),
    (error) => invalid(error) && /followRedirects/.test(error.message));
});
