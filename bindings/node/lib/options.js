'use strict';
// Client options: a JavaScript object turned into calls of the airops_options setters. The
// library checks every value; this module only maps names to setters.

const { addon } = require('./native');
const { invalidArgument } = require('./failures');

// airops_delivery, airops_redirects and airops_log_level, by name.
const DELIVERY = { direct: 0, queued: 1 };
const REDIRECTS = { never: 0, 'same-origin': 1 };
const LOG_LEVELS = ['trace', 'debug', 'info', 'notice', 'warning', 'error', 'critical'];

const KNOWN = new Set(['host', 'realtime', 'pusher', 'requestTimeout', 'subscriptionTimeout',
  'maxBufferedEvents', 'maxRetries', 'caFile',
  'delivery', 'onLog', 'logLevel', 'loadEnvironment', 'proxy', 'noProxy', 'followRedirects', 'allowInsecureHttp']);

/** The setters to call for `options`, the environment first so that explicit values win. */
function setters(options) {
  const calls = [];
  const set = (name, call) => {
    if (options[name] !== undefined) calls.push(call);
  };
  if (options.loadEnvironment !== false) calls.push((native) => addon.optionsLoadEnvironment(native));
  set('host', (native) => addon.optionsSetHost(native, options.host));
  set('realtime', (native) => addon.optionsSetRealtimeUrl(native, options.realtime.url, options.realtime.key));
  set('pusher', (native) => addon.optionsSetPusher(native, options.pusher.key, options.pusher.cluster));
  set('requestTimeout', (native) => addon.optionsSetRequestTimeout(native, options.requestTimeout));
  set('subscriptionTimeout', (native) => addon.optionsSetSubscriptionTimeout(native, options.subscriptionTimeout));
  set('maxBufferedEvents', (native) => addon.optionsSetMaxBufferedEvents(native, options.maxBufferedEvents));
  set('maxRetries', (native) => addon.optionsSetMaxRetries(native, options.maxRetries));
  set('caFile', (native) => addon.optionsSetCaFile(native, options.caFile));
  set('proxy', (native) => addon.optionsSetProxy(native, options.proxy));
  set('noProxy', (native) => addon.optionsSetNoProxy(native, options.noProxy));
  set('followRedirects', (native) =>
    addon.optionsSetRedirects(native, enumValue('followRedirects', REDIRECTS, options.followRedirects)));
  set('allowInsecureHttp', (native) => addon.optionsAllowInsecureHttp(native, options.allowInsecureHttp));
  return calls;
}

/** The C enum value of option `name`'s `value`, one of the names in `table`. */
function enumValue(name, table, value) {
  if (!Object.hasOwn(table, value)) {
    throw invalidArgument(`${name} must be ${Object.keys(table).map((key) => `'${key}'`).join(' or ')}, not ${value}`);
  }
  return table[value];
}

function logLevel(level = 'info') {
  const value = LOG_LEVELS.indexOf(level);
  if (value < 0) throw invalidArgument(`logLevel must be one of ${LOG_LEVELS.join(', ')}, not ${level}`);
  return value;
}

/**
 * Creates a native client from `options` (and `identity`, [userId, workspaceId, hashedUserId]
 * or null), logging through `relay` when options.onLog is set.
 */
function newNativeClient(options, identity, relay) {
  for (const name of Object.keys(options)) {
    if (!KNOWN.has(name)) throw new TypeError(`unknown client option: ${name}`);
  }
  if (options.onLog !== undefined && typeof options.onLog !== 'function') throw new TypeError('onLog must be a function');
  const native = addon.optionsNew();
  try {
    for (const call of setters(options)) call(native);
    if (identity) addon.optionsSetIdentity(native, ...identity);
    addon.optionsSetDelivery(native, enumValue('delivery', DELIVERY, options.delivery ?? 'direct'));
    if (options.onLog) addon.optionsSetLogCallback(native, relay, logLevel(options.logLevel));
    return addon.clientNew(native);
  } finally {
    addon.optionsFree(native);
  }
}

module.exports = { newNativeClient, LOG_LEVELS };
