'use strict';
// The JavaScript end of one client's relay (src/relay.h): routes what the library's callbacks
// report, by key, to the promise of the call or the stream it belongs to. While a call or a
// stream is in flight the relay (and, in queued delivery, the event fd watch) keeps the event
// loop alive, so that a pending promise never lets the process exit under it.

const { addon } = require('./native');
const { rethrowLater } = require('./events');

const RELAY_EVENT = 0;
const RELAY_EXECUTION = 1;
const RELAY_RESULT = 2;
const RELAY_LOG = 3;
const RELAY_JSON = 4;
const MAX_KEY = 0xffffffff;

class Router {
  /** @type {Map<number, {resolve, reject, adopt, owner, keep}>} */
  #calls = new Map();
  /** @type {Map<number, {stream, keep}>} */
  #streams = new Map();
  #nextKey = 1;
  #referenced = false;
  #onLog;
  #closed = false;
  /** The native relay; null once closed. */
  native;
  /** The queued-delivery watch of the client's event fd, or null. */
  watch = null;

  constructor(onLog) {
    this.#onLog = onLog;
    this.native = addon.relayNew((type, key, a, b, c) => this.#dispatch(type, key, a, b, c));
  }

  get active() {
    return this.#calls.size + this.#streams.size > 0;
  }

  /**
   * Starts a call: `start(relay, key)` makes the native call; its completion settles the
   * promise with `adopt(...)` of what it hands over. `owner` is what abandon() matches;
   * `keep` stays reachable until then (so that the object a call works on is not collected).
   * `stream`, for a streamed call, receives the events under the same key.
   */
  call(start, { adopt = (value) => value, owner, keep, stream } = {}) {
    const key = this.#nextKey;
    this.#nextKey = key === MAX_KEY ? 1 : key + 1;
    return new Promise((resolve, reject) => {
      this.#calls.set(key, { resolve, reject, adopt, owner, keep });
      if (stream) this.#streams.set(key, { stream, keep: null });
      try {
        start(this.native, key);
      } catch (error) {
        this.#calls.delete(key);
        this.#streams.delete(key);
        reject(error);
      }
      this.#updateReference();
    });
  }

  /** Keeps `keep` reachable while the stream of `key` runs (the execution it belongs to). */
  keepWhileStreaming(key, keep) {
    const entry = this.#streams.get(key);
    if (entry) entry.keep = keep;
  }

  /** Ends the stream of `key` (cancelled or closed: no event comes any more). */
  endStream(key, discard) {
    const entry = this.#streams.get(key);
    if (!entry) return;
    this.#streams.delete(key);
    entry.stream.end(discard);
    this.#updateReference();
  }

  /** Fails every call in flight of `owner` (or all, for null) with `error()`. */
  abandon(owner, error) {
    for (const [key, entry] of this.#calls) {
      if (owner !== null && entry.owner !== owner) continue;
      this.#calls.delete(key);
      entry.reject(error());
    }
    this.#updateReference();
  }

  /** When the client closes: calls in flight fail with `error()`, nothing is delivered any
   * more, and the watch stops. */
  close(error) {
    this.#closed = true;
    this.abandon(null, error);
    for (const key of [...this.#streams.keys()]) this.endStream(key, true);
    if (this.watch) {
      addon.watchStop(this.watch);
      this.watch = null;
    }
  }

  /** Gives the native relay back, once the native client is freed. */
  release() {
    addon.relayClose(this.native);
    this.native = null;
  }

  #updateReference() {
    const active = this.active && !this.#closed;
    if (active === this.#referenced || this.native === null) return;
    this.#referenced = active;
    addon.relayRef(this.native, active);
    if (this.watch) addon.watchRef(this.watch, active);
  }

  #take(key) {
    const entry = this.#calls.get(key);
    if (entry) {
      this.#calls.delete(key);
      this.#updateReference();
    }
    return entry;
  }

  #dispatch(type, key, a, b, c) {
    try {
      switch (type) {
        case RELAY_EVENT: return this.#event(key, a);
        case RELAY_EXECUTION: return this.#execution(key, a, b, c);
        case RELAY_RESULT: return this.#result(key, a, b);
        case RELAY_JSON: return this.#result(key, a, b);
        case RELAY_LOG: return this.#log(a, b);
      }
    } catch (error) {
      rethrowLater(error);
    }
  }

  #event(key, event) {
    const entry = this.#streams.get(key);
    if (!entry || this.#closed) return;
    entry.stream.push(event);
    if (entry.stream.ended) this.endStream(key, false);
  }

  #execution(key, error, execution, listener) {
    const entry = this.#take(key);
    if (!entry) {
      // Abandoned (closed while in flight): nobody takes the execution.
      if (execution) addon.executionFree(execution, listener);
      return;
    }
    if (error || !execution) {
      this.endStream(key, true);
      entry.reject(error ?? new Error('libairops reported success but handed over no execution'));
      return;
    }
    let adopted;
    try {
      adopted = entry.adopt(execution, listener, key);
    } catch (failure) {
      addon.executionFree(execution, listener);
      this.endStream(key, true);
      entry.reject(failure);
      return;
    }
    entry.resolve(adopted);
  }

  #result(key, error, result) {
    const entry = this.#take(key);
    if (!entry) return;
    if (error) {
      entry.reject(error);
      return;
    }
    try {
      entry.resolve(entry.adopt(result));
    } catch (failure) {
      entry.reject(failure);
    }
  }

  #log(level, message) {
    if (this.#closed || !this.#onLog) return;
    this.#onLog(level, message);
  }
}

module.exports = { Router };
