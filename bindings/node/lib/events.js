'use strict';

// airops_event_kind, by value: the event names the AirOps JavaScript SDK uses.
const TYPES = [undefined, 'chunk', 'completed', 'agent-response', 'agent-action', 'agent-action-error'];

/**
 * One event of a streamed execution or a chat. The typed fields hold what the library parsed
 * for this `type` and are null (streamFinished: false) for the other types.
 */
class Event {
  constructor(native) {
    /** 'chunk', 'completed', 'agent-response', 'agent-action' or 'agent-action-error'. */
    this.type = TYPES[native.kind] ?? 'unknown';
    /** The id (uuid) of the execution it belongs to. */
    this.executionId = native.executionId;
    /** The event's data as the server sent it (JSON text). */
    this.json = native.json;
    /** chunk: the piece of output; completed (execution): the whole output. */
    this.content = native.content ?? null;
    /** agent-response: the piece of the reply. */
    this.token = native.token ?? null;
    /** agent-response: whether this is the reply's last token. */
    this.streamFinished = native.streamFinished ?? false;
    /** completed (chat), or the last agent-response: the whole reply. */
    this.result = native.result ?? null;
    /** agent-action and agent-action-error: the tool's name. */
    this.tool = native.tool ?? null;
    /** agent-action: the tool's input. */
    this.toolInput = native.toolInputJson == null ? null : JSON.parse(native.toolInputJson);
    /** agent-action-error: the error message. */
    this.toolError = native.toolError ?? null;
    /**
     * completed: null, unless the library ended the stream itself, e.g. 'events_overflowed'
     * when more events than the client's maxBufferedEvents waited (the rest were dropped;
     * wait() still returns the record).
     */
    this.errorCode = native.errorCode ?? null;
    Object.freeze(this);
  }

  /** `json` parsed (a new object on each access). */
  get data() {
    return JSON.parse(this.json);
  }
}

/** Reports an exception of a user callback as uncaught, as an EventEmitter listener's is. */
function rethrowLater(error) {
  process.nextTick(() => {
    throw error;
  });
}

/**
 * The events of one stream: handed to `onEvent` as they arrive, and kept for one async
 * iterator until it reads them. Ends after 'completed', or when the execution is cancelled or
 * closed. Events wait in memory until read (at most the stream's own output), unless the
 * iterator was left early.
 */
class EventStream {
  #onEvent;
  #buffer = [];
  #wake = null;
  #ended = false;
  #iterated = false;
  #abandoned = false;

  constructor(onEvent) {
    if (onEvent != null && typeof onEvent !== 'function') throw new TypeError('onEvent must be a function');
    this.#onEvent = onEvent;
  }

  get ended() {
    return this.#ended;
  }

  /** Delivers one event (on the event loop). */
  push(native) {
    if (this.#ended) return;
    const event = new Event(native);
    if (this.#onEvent) {
      try {
        this.#onEvent(event);
      } catch (error) {
        rethrowLater(error);
      }
      if (this.#ended) return; // closed from inside onEvent
    }
    if (this.#wake) {
      const wake = this.#wake;
      this.#wake = null;
      wake({ value: event, done: false });
    } else if (!this.#abandoned) {
      this.#buffer.push(event);
    }
    if (event.type === 'completed') this.end();
  }

  /** Ends the stream; `discard` drops the events nobody has read yet (close). */
  end(discard = false) {
    this.#ended = true;
    if (discard) this.#buffer.length = 0;
    if (this.#wake) {
      const wake = this.#wake;
      this.#wake = null;
      wake({ value: undefined, done: true });
    }
  }

  /** The one async iterator over the events. */
  iterator() {
    if (this.#iterated) throw new Error('the events of an execution can be iterated only once');
    this.#iterated = true;
    const stream = this;
    return {
      next() {
        if (stream.#buffer.length > 0) return Promise.resolve({ value: stream.#buffer.shift(), done: false });
        if (stream.#ended || stream.#abandoned) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          stream.#wake = resolve;
        });
      },
      return() {
        stream.#abandoned = true;
        stream.#buffer.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

module.exports = { Event, EventStream, rethrowLater };
