'use strict';

// airops_state, by value.
const STATES = ['unknown', 'queued', 'pending', 'running', 'success', 'error', 'cancelled', 'review_needed'];

/** An execution record as the server returned it (a plain object; no native memory). */
class Result {
  constructor({ state, status, executionId, output, errorCode, errorMessage, json }) {
    /** The execution's id (uuid). */
    this.executionId = executionId;
    /** The status string as the server sent it, e.g. 'success'. */
    this.status = status;
    /** The status as one of the states the library knows, else 'unknown'. */
    this.state = STATES[state] ?? 'unknown';
    /** The output text (or the JSON text of a non-string output); null while there is none. */
    this.output = output;
    /** The server's error_code, or null. */
    this.errorCode = errorCode;
    /** The server's error_message, or null. */
    this.errorMessage = errorMessage;
    /** The whole record as the JSON text the server sent. */
    this.json = json;
    Object.freeze(this);
  }

  /** The whole record, parsed from `json` (a new object on each access). */
  get record() {
    return JSON.parse(this.json);
  }
}

module.exports = { Result };
