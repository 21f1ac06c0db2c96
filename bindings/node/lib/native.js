'use strict';
// Loads the addon (build/airops.node) and, through it, libairops. The library is looked up
// as the Python package does: the environment variable AIROPS_LIBRARY, then libairops.so
// next to this package, then <repository>/build/lib/libairops.so for a source checkout.

const fs = require('node:fs');
const path = require('node:path');
const { AirOpsError } = require('./errors');

const ENV_VAR = 'AIROPS_LIBRARY';
const LIBRARY_NAME = 'libairops.so';
const PACKAGE_DIR = path.resolve(__dirname, '..');

/** The places where the library is looked for, in order. */
function candidatePaths() {
  const override = process.env[ENV_VAR];
  if (override) return [path.resolve(override)];
  return [
    path.join(PACKAGE_DIR, LIBRARY_NAME),
    path.join(PACKAGE_DIR, '..', '..', 'build', 'lib', LIBRARY_NAME),
  ];
}

function findLibrary() {
  const candidates = candidatePaths();
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found === undefined) {
    throw new Error(`libairops was not found (looked for ${candidates.join(', ')}). ` +
      `Build it (make) or set ${ENV_VAR} to the full path of ${LIBRARY_NAME}.`);
  }
  return found;
}

function loadAddon() {
  const file = path.join(PACKAGE_DIR, 'build', 'airops.node');
  try {
    return require(file);
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(`the airops addon is not built (${file}): run ${path.join(PACKAGE_DIR, 'build-addon.sh')}`);
  }
}

const addon = loadAddon();
const libraryPath = findLibrary();
const libraryVersion = addon.load(libraryPath, (code, codeName, httpStatus, message) =>
  new AirOpsError(message, { code: codeName, codeNumber: code, httpStatus }));

module.exports = { addon, libraryPath, libraryVersion, candidatePaths };
