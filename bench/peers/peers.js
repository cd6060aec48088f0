#!/usr/bin/env node
// Runs one JavaScript JSON Schema validator over a corpus of JSON request
// documents, fed tairlint's editor schema (`tairlint schema CreateInstances`).
// Called by bench/peers/run.sh:
//
//   node peers.js inproc PEER CORPUS_DIR SCHEMA_FILE ROUNDS
//       Loads every *.json file of CORPUS_DIR into memory as a string, compiles
//       the schema once, runs one warm-up round, then ROUNDS timed rounds of
//       JSON.parse + validate over every document (all errors collected), and
//       prints one JSON object: peer, version, docs, invalid_docs, invalid_files
//       and per_doc_us {min, median, max} over the rounds.
//   node peers.js cli PEER CORPUS_DIR SCHEMA_FILE
//       What a validating CLI does: reads the schema and compiles it, then reads
//       each file from disk, parses and validates it; prints
//       {"docs": N, "invalid_docs": M}. run.sh times the whole process.
//
// PEER is "ajv" or "@exodus/schemasafe". Exit status 2 on any failure.
'use strict';

const fs = require('fs');
const path = require('path');

function die(msg) {
  process.stderr.write(`peers.js: ${msg}\n`);
  process.exit(2);
}

function packageVersion(name) {
  // Read the installed package.json directly (a package's "exports" may hide it).
  const file = path.join(__dirname, 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

// Returns {version, validate(doc) -> boolean}. The schema is compiled once here.
function makePeer(peer, schema) {
  if (peer === 'ajv') {
    const Ajv = require('ajv'); // the draft-07 build, which the editor schema declares
    // allErrors: every error, not just the first. strict: false: tolerate what
    // strict mode rejects (unknown keywords, union types like
    // ["integer", "string"] with keywords that apply to one of them).
    // ajv's default unicodeRegExp: true compiles patterns with the "u" flag, so
    // the editor schema's \uXXXX ranges and code-point lengths work as meant.
    const ajv = new Ajv({ allErrors: true, strict: false });
    const v = ajv.compile(schema);
    return { version: packageVersion('ajv'), validate: (doc) => v(doc) };
  }
  if (peer === '@exodus/schemasafe') {
    const { validator } = require('@exodus/schemasafe');
    // includeErrors + allErrors: collect every error. allowUnusedKeywords:
    // the editor schema carries what editors read and validators ignore
    // (markdownDescription, patternErrorMessage) and suggestions beside an
    // enum (anyOf), which schemasafe's default mode refuses to compile.
    const v = validator(schema, { includeErrors: true, allErrors: true, allowUnusedKeywords: true });
    return { version: packageVersion('@exodus/schemasafe'), validate: (doc) => v(doc) };
  }
  die(`unknown peer ${peer} (ajv or @exodus/schemasafe)`);
}

// A document that is not JSON counts as invalid; a validator that throws is a
// failure of the run (caught in main), never a verdict.
const NOT_JSON = Symbol('not JSON');
function parse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return NOT_JSON;
  }
}

function jsonFiles(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function inproc(peer, dir, schemaFile, rounds) {
  const names = jsonFiles(dir);
  if (names.length === 0) die(`no *.json files in ${dir}`);
  const texts = names.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const p = makePeer(peer, JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
  const n = texts.length;

  // One round: parse + validate every document; returns the invalid flags.
  const valid = new Uint8Array(n);
  const round = () => {
    for (let i = 0; i < n; i++) {
      const doc = parse(texts[i]);
      valid[i] = doc !== NOT_JSON && p.validate(doc) ? 1 : 0;
    }
  };

  round(); // warm-up (JIT, caches), not counted
  const perDoc = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    round();
    const t1 = process.hrtime.bigint();
    perDoc.push(Number(t1 - t0) / 1000 / n);
  }
  const invalidFiles = names.filter((_, i) => !valid[i]);
  process.stdout.write(JSON.stringify({
    peer,
    version: p.version,
    docs: n,
    invalid_docs: invalidFiles.length,
    per_doc_us: { min: Math.min(...perDoc), median: median(perDoc), max: Math.max(...perDoc) },
    invalid_files: invalidFiles,
  }) + '\n');
}

function cli(peer, dir, schemaFile) {
  const p = makePeer(peer, JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
  let docs = 0;
  let invalid = 0;
  for (const f of jsonFiles(dir)) {
    docs++;
    const doc = parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    if (doc === NOT_JSON || !p.validate(doc)) invalid++;
  }
  process.stdout.write(JSON.stringify({ docs, invalid_docs: invalid }) + '\n');
}

function main(argv) {
  const [mode, peer, dir, schemaFile, rounds] = argv;
  if (mode === 'inproc' && argv.length === 5) {
    const r = Number(rounds);
    if (!Number.isInteger(r) || r < 1) die(`bad ROUNDS ${rounds}`);
    inproc(peer, dir, schemaFile, r);
  } else if (mode === 'cli' && argv.length === 4) {
    cli(peer, dir, schemaFile);
  } else {
    die('usage: peers.js inproc PEER CORPUS_DIR SCHEMA_FILE ROUNDS | cli PEER CORPUS_DIR SCHEMA_FILE');
  }
}

try {
  main(process.argv.slice(2));
} catch (e) {
  die(e && e.stack ? e.stack : String(e));
}
