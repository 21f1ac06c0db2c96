'use strict';

const { addon } = require('./native');
const { closedClient, invalidArgument } = require('./failures');
const { EventStream } = require('./events');
const { Execution, ExecutionState } = require('./execution');
const { newNativeClient, LOG_LEVELS } = require('./options');
const { Router } = require('./router');
const { trackClient, untrackClient } = require('./lifetime');

/** The inputs of an app as JSON text: an object is written as JSON, a string is JSON already. */
function inputsJson(inputs) {
  if (inputs == null || typeof inputs === 'string') return inputs ?? null;
  let json;
  try {
    json = JSON.stringify(inputs);
  } catch (error) {
    throw invalidArgument(`inputs cannot be written as JSON: ${error.message}`, error);
  }
  if (json === undefined) throw invalidArgument('inputs must be an object');
  return json;
}

/** What an AirOps client owns; reachable from the open-clients set, never the reverse. */
class ClientState {
  executions = new Set();
  closed = false;
  closing = null;
  dispatching = 0;

  constructor(options) {
    const { identity, ...rest } = options;
    const onLog = rest.onLog;
    this.router = new Router(onLog ? (level, message) => onLog(LOG_LEVELS[level] ?? String(level), message) : null);
    const ids = identity == null ? null : [identity.userId, identity.workspaceId, identity.hashedUserId];
    try {
      this.handle = newNativeClient(rest, ids, this.router.native);
    } catch (error) {
      this.router.release();
      throw error;
    }
    this.delivery = rest.delivery ?? 'direct';
    this.eventFd = addon.clientEventFd(this.handle);
    if (this.eventFd < 0) return;
    try {
      // Queued delivery: the event loop dispatches whenever the descriptor says events wait.
      this.router.watch = addon.watchStart(this.eventFd, () => {
        if (!this.closed) this.dispatch(0);
      });
    } catch (error) {
      this.close();
      throw error;
    }
  }

  check() {
    if (this.closed) throw closedClient();
  }

  dispatch(maxEvents) {
    this.check();
    this.dispatching++;
    try {
      return addon.clientDispatch(this.handle, maxEvents);
    } finally {
      this.dispatching--;
    }
  }

  /** Describes an app; `keep` (the client) stays reachable until it completes. */
  getApp(keep, appId) {
    this.check();
    return this.router.call((relay, key) => addon.appGetAsync(this.handle, relay, key, appId), {
      owner: this,
      keep,
      adopt: (json) => JSON.parse(json),
    });
  }

  /** Starts an execute or chat call; `keep` (the client) stays reachable until it completes. */
  start(keep, streamed, onEvent, startCall) {
    this.check();
    const stream = streamed ? new EventStream(onEvent) : null;
    return this.router.call(startCall, {
      owner: this,
      keep,
      stream,
      adopt: (handle, listener, key) => {
        const execution = this.adopt(keep, handle, listener, stream, key);
        if (stream) this.router.keepWhileStreaming(key, execution);
        return execution;
      },
    });
  }

  adopt(client, handle, listener, stream, key) {
    const state = new ExecutionState(this, handle, listener, stream, key);
    this.executions.add(state);
    return new Execution(client, state);
  }

  /**
   * Closes for good: calls in flight fail, executions are freed, no callback runs any more.
   * The native client is freed on the thread pool (it waits for its connections to close),
   * after a dispatch that is running: continuations
   * run only once the JavaScript stack, which holds that dispatch, has unwound.
   */
  close() {
    if (this.closing) return this.closing;
    this.closed = true;
    untrackClient(this);
    this.router.close(closedClient);
    for (const execution of [...this.executions]) execution.close();
    this.closing = (async () => {
      const handle = this.handle;
      this.handle = null;
      await addon.clientFree(handle, false);
      this.router.release();
    })();
    return this.closing;
  }

  /** At process exit, when the loop no longer runs: frees on this thread. */
  closeNow() {
    this.closed = true;
    this.router.close(closedClient);
    for (const execution of [...this.executions]) execution.close();
    if (this.handle) addon.clientFree(this.handle, true);
    this.handle = null;
  }
}

/**
 * A client of AirOps apps. `new AirOps(options)` makes a public client (public apps only);
 * AirOps.identify() one that acts for an end user. Close it with close() (a
 * FinalizationRegistry closes it otherwise, once it and its executions are unreachable).
 */
class AirOps {
  #state;

  /**
   * @param {object} [options] host, realtime {url, key}, pusher {key, cluster}, requestTimeout
   *   and subscriptionTimeout (ms), maxRetries, caFile, delivery ('direct' or 'queued'),
   *   onLog(level, message) with logLevel, loadEnvironment (default true), identity
   *   {userId, workspaceId, hashedUserId}.
   */
  constructor(options = {}) {
    this.#state = new ClientState(options);
    trackClient(this, this.#state);
  }

  /** A client identified as an end user (see hashUserId), as the JavaScript SDK's identify. */
  static identify({ userId, workspaceId, hashedUserId, ...options } = {}) {
    return new AirOps({ ...options, identity: { userId, workspaceId, hashedUserId } });
  }

  /** 'direct' or 'queued'. */
  get delivery() {
    return this.#state.delivery;
  }

  /** Queued delivery: the descriptor that is readable while events wait; -1 in direct. */
  get eventFd() {
    return this.#state.eventFd;
  }

  /** Whether a dispatch() is running callbacks right now (queued delivery). */
  get dispatching() {
    return this.#state.dispatching > 0;
  }

  get closed() {
    return this.#state.closed;
  }

  /** The app's description, e.g. {id, uuid, name, public, ...}. */
  async getApp(appId) {
    return this.#state.getApp(this, appId);
  }

  /** Starts an execution; `version` 0 runs the app's current version. */
  async execute(appId, inputs = {}, { version = 0 } = {}) {
    const state = this.#state;
    const json = inputsJson(inputs);
    return state.start(this, false, null, (relay, key) =>
      addon.appExecuteAsync(state.handle, relay, key, appId, json, version, false));
  }

  /** Starts a streamed execution: its events go to onEvent and to execution.events(). */
  async stream(appId, inputs = {}, { version = 0, onEvent } = {}) {
    const state = this.#state;
    const json = inputsJson(inputs);
    return state.start(this, true, onEvent, (relay, key) =>
      addon.appExecuteAsync(state.handle, relay, key, appId, json, version, true));
  }

  /** Sends a message to an agent app; pass the previous turn's sessionId to continue. */
  async chat(appId, message, { inputs, sessionId, onEvent } = {}) {
    const state = this.#state;
    const json = inputsJson(inputs);
    return state.start(this, true, onEvent, (relay, key) =>
      addon.appChatAsync(state.handle, relay, key, appId, message, json, sessionId ?? null));
  }

  /** A handle on an existing execution by its id (no request is sent). */
  openExecution(executionId) {
    const state = this.#state;
    state.check();
    return state.adopt(this, addon.executionOpen(state.handle, executionId), null, null, 0);
  }

  /** Queued delivery: runs up to maxEvents waiting callbacks now (0: all); how many ran. The
   *  event loop does this by itself whenever eventFd is readable. */
  dispatch(maxEvents = 0) {
    return this.#state.dispatch(maxEvents);
  }

  /** Closes the client and its executions; resolves once the native client is freed. */
  close() {
    return this.#state.close();
  }

  [Symbol.asyncDispose]() {
    return this.close();
  }
}

module.exports = { AirOps };
