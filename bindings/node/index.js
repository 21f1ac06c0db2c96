'use strict';
// airops: Node.js binding of libairops, the native AirOps client SDK. Everything here converts
// and forwards to the C ABI of libairops.so; the logic lives in the library.

const { addon, libraryPath, libraryVersion } = require('./lib/native');
const { AirOpsError } = require('./lib/errors');
const { AirOps } = require('./lib/client');
const { Execution } = require('./lib/execution');
const { Event } = require('./lib/events');
const { Result } = require('./lib/result');

/**
 * The hashed user id that identifies an end user: the hex HMAC-SHA256 of `userId` keyed with
 * the workspace `apiKey`. Compute it on your backend: the API key must never reach a device.
 */
function hashUserId(apiKey, userId) {
  return addon.hashUserId(apiKey, userId);
}

module.exports = {
  AirOps,
  AirOpsError,
  Execution,
  Event,
  Result,
  hashUserId,
  /** The loaded library's version, e.g. '0.1.0'. */
  version: libraryVersion,
  /** Where the library was loaded from. */
  libraryPath,
};
