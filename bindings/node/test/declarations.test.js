'use strict';
// S19: the addon's declarations against include/airops.h. The addon declares the functions it
// uses in src/library.h (AIROPS_FUNCTIONS, typed from the header) and calls them as lib.<name>()
// in src/*.c; every header function it leaves out must be listed in the README's "Not covered"
// section, and nothing listed there may be declared.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { BOUND } = require('./helpers');

const PACKAGE = path.resolve(__dirname, '..');
const HEADER = process.env.AIROPS_HEADER ?? path.join(PACKAGE, '..', '..', 'include', 'airops.h');

const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
const withoutStrings = (text) => text.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');

/** The arguments between the parentheses that open at text[open], split at top-level commas. */
function argumentsAt(text, open) {
  let depth = 0;
  let current = '';
  const parts = [];
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (depth === 0) {
      parts.push(current);
      break;
    }
    if (char === ',' && depth === 1) {
      parts.push(current);
      current = '';
    } else if (index > open) {
      current += char;
    }
  }
  const trimmed = parts.map((part) => part.trim());
  return trimmed.length === 1 && (trimmed[0] === '' || trimmed[0] === 'void') ? [] : trimmed;
}

/** name -> arity of every function prototype in the header. */
function headerPrototypes(text) {
  const source = withoutComments(text);
  const prototypes = new Map();
  // A return type, the name, "(": typedefs of callbacks ("(*airops_x)(") do not match.
  const pattern = /^[A-Za-z_][\w \t*]*?\b(airops_\w+)\s*\(/gm;
  for (const match of source.matchAll(pattern)) {
    if (/^\s*(typedef|#)/.test(match[0])) continue;
    prototypes.set(match[1], argumentsAt(source, match.index + match[0].length - 1).length);
  }
  return prototypes;
}

/** The names in the AIROPS_FUNCTIONS list of src/library.h. */
function declaredFunctions(text) {
  const list = withoutComments(text).match(/#define AIROPS_FUNCTIONS\(X\)([\s\S]*?)\n\s*\n/);
  assert.ok(list, 'src/library.h defines AIROPS_FUNCTIONS');
  return [...list[1].matchAll(/X\((airops_\w+)\)/g)].map((match) => match[1]);
}

/** [name, arity, file] of every lib.airops_*() call in the addon's C sources. */
function calls(sources) {
  const found = [];
  for (const [file, text] of sources) {
    const source = withoutStrings(withoutComments(text));
    for (const match of source.matchAll(/\blib\.(airops_\w+)\s*\(/g)) {
      found.push([match[1], argumentsAt(source, match.index + match[0].length - 1).length, file]);
    }
  }
  return found;
}

/** The functions the README names as not covered: "- `airops_x`" lines of that section. */
function documentedExceptions(readme) {
  const section = readme.match(/^## Not covered\n([\s\S]*?)(?=^## |(?![\s\S]))/m);
  assert.ok(section, 'README.md has a "## Not covered" section');
  return [...section[1].matchAll(/^- `(airops_\w+)`/gm)].map((match) => match[1]);
}

test('S19 declarations match include/airops.h', BOUND, (t) => {
  const header = headerPrototypes(fs.readFileSync(HEADER, 'utf8'));
  assert.ok(header.size > 40, `found the prototypes of ${HEADER}`);
  const sourceDir = path.join(PACKAGE, 'src');
  const sources = fs.readdirSync(sourceDir).filter((name) => /\.[ch]$/.test(name))
    .map((name) => [name, fs.readFileSync(path.join(sourceDir, name), 'utf8')]);
  const declared = declaredFunctions(fs.readFileSync(path.join(sourceDir, 'library.h'), 'utf8'));
  const called = calls(sources);

  for (const name of declared) assert.ok(header.has(name), `${name} is declared but not in the header`);
  for (const [name, arity, file] of called) {
    assert.ok(declared.includes(name), `${file} calls ${name}, which src/library.h does not declare`);
    assert.equal(arity, header.get(name), `${file} calls ${name} with ${arity} arguments, the header has ${header.get(name)}`);
  }
  const calledNames = new Set(called.map(([name]) => name));
  assert.deepEqual(declared.filter((name) => !calledNames.has(name)), [], 'every declared function is called');

  const exceptions = documentedExceptions(fs.readFileSync(path.join(PACKAGE, 'README.md'), 'utf8'));
  const missing = [...header.keys()].filter((name) => !declared.includes(name)).sort();
  assert.deepEqual(missing, exceptions.filter((name) => header.has(name)).sort(),
    'the header functions the addon leaves out are exactly the documented exceptions');
  const elsewhere = exceptions.filter((name) => !header.has(name));
  if (elsewhere.length > 0) t.diagnostic(`documented exceptions that this header does not have yet: ${elsewhere.join(', ')}`);
});
