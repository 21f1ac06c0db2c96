'use strict';
// The errors this package raises itself, with the library's invalid-argument code: a closed
// client or execution, and inputs that cannot be written as JSON.

const { addon } = require('./native');
const { AirOpsError } = require('./errors');

// AIROPS_ERR_INVALID_ARGUMENT in airops.h.
const INVALID_ARGUMENT = 1;

function invalidArgument(message, cause) {
  return new AirOpsError(message, { code: addon.codeName(INVALID_ARGUMENT), codeNumber: INVALID_ARGUMENT, cause });
}

const closedClient = () => invalidArgument('the client is closed');
const closedExecution = () => invalidArgument('the execution is closed');

module.exports = { invalidArgument, closedClient, closedExecution };
