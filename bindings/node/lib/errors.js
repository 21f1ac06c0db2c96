'use strict';

/**
 * A failed libairops call: `code` names the airops_code (e.g. 'AIROPS_ERR_NOT_FOUND'),
 * `codeNumber` is its value, `httpStatus` the HTTP status behind it (0 when none), and
 * `message` the server's text for HTTP errors, else the library's.
 */
class AirOpsError extends Error {
  constructor(message, { code, codeNumber, httpStatus = 0, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AirOpsError';
    this.code = code;
    this.codeNumber = codeNumber;
    this.httpStatus = httpStatus;
  }
}

module.exports = { AirOpsError };
