'use strict';

const { addon } = require('./native');
const { closedExecution } = require('./failures');
const { Result } = require('./result');
const { trackExecution, untrackExecution } = require('./lifetime');

// Cancel completes with no record.
const toResult = (native) => (native === null ? undefined : new Result(native));

/** What an Execution owns: its native handle, the listener of its events, its stream. */
class ExecutionState {
  constructor(client, handle, listener, stream, key) {
    this.client = client;
    this.handle = handle;
    this.listener = listener;
    this.stream = stream;
    this.key = key;
    this.closed = false;
    [this.id, this.sessionId] = addon.executionIds(handle);
  }

  /** A non-blocking call on the execution; `keep` stays reachable until it completes. */
  call(start, keep, ...args) {
    if (this.closed) return Promise.reject(closedExecution());
    return this.client.router.call((relay, key) => start(this.handle, relay, key, ...args),
      { adopt: toResult, owner: this, keep });
  }

  cancel(keep) {
    const cancelled = this.call(addon.executionCancelAsync, keep);
    // The library stops the events before the call returns.
    if (this.stream && !this.closed) this.client.router.endStream(this.key, false);
    return cancelled;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    untrackExecution(this);
    this.client.executions.delete(this);
    if (this.stream) this.client.router.endStream(this.key, true);
    this.client.router.abandon(this, closedExecution);
    addon.executionFree(this.handle, this.listener);
    this.handle = null;
    this.listener = null;
  }
}

/**
 * One execution of an app, or one chat turn. Close it when done with it (a
 * FinalizationRegistry frees it otherwise, once it is unreachable and its stream has ended).
 */
class Execution {
  #state;
  // Keeps the client reachable while this execution is: a client must outlive its executions.
  #client;

  constructor(client, state) {
    this.#client = client;
    this.#state = state;
    trackExecution(this, state);
  }

  /** The execution's id (uuid). */
  get id() {
    return this.#state.id;
  }

  /** The chat session (for the next turn) of an execution started by chat(), else null. */
  get sessionId() {
    return this.#state.sessionId;
  }

  get closed() {
    return this.#state.closed;
  }

  /** Fetches the execution's current record once. */
  fetch() {
    return this.#state.call(addon.executionFetchAsync, this);
  }

  /**
   * Waits until the execution has finished and resolves with its final record (status
   * 'error' included). `timeout` in milliseconds; without it, no limit. Rejects with
   * AIROPS_ERR_TIMEOUT when it passes first (the execution goes on; wait again).
   */
  wait({ timeout = -1 } = {}) {
    return this.#state.call(addon.executionWaitAsync, this, timeout);
  }

  /** Asks the server to cancel the execution; its events stop at once. */
  cancel() {
    return this.#state.cancel(this);
  }

  /** The events of a streamed execution or chat, as an async iterator (read once). */
  events() {
    if (!this.#state.stream) throw new TypeError('events() needs an execution started by stream() or chat()');
    return this.#state.stream.iterator();
  }

  [Symbol.asyncIterator]() {
    return this.events();
  }

  /** Frees the native execution: no event or callback of it runs afterwards. Idempotent. */
  close() {
    this.#state.close();
  }

  [Symbol.dispose]() {
    this.close();
  }
}

module.exports = { Execution, ExecutionState };
