#!/usr/bin/python3
"""Runs python-jsonschema (Debian's python3-jsonschema) over a corpus of JSON
request documents, fed tairlint's editor schema. Called by bench/peers/run.sh
with /usr/bin/python3 (not a pyenv python, which lacks the Debian package):

    peer_jsonschema.py inproc CORPUS_DIR SCHEMA_FILE ROUNDS
        Loads every *.json file into memory as a string, builds one
        Draft7Validator, runs one warm-up round, then ROUNDS timed rounds of
        json.loads + iter_errors (fully consumed) over every document; prints
        one JSON object: peer, version, docs, invalid_docs, invalid_files and
        per_doc_us {min, median, max} over the rounds.
    peer_jsonschema.py cli CORPUS_DIR SCHEMA_FILE
        What a validating CLI does: loads the schema, then reads, parses and
        validates each file; prints {"docs": N, "invalid_docs": M}.

Note: Python's re treats "$" as matching before a final newline too (ECMA-262
does not), so a value such as "abc\\n" passes an anchored pattern here; the
corpus holds no such value, so the editor schema is used as it is.
"""

import json
import os
import statistics
import sys
import time
from importlib import metadata

import jsonschema

PEER = "python3-jsonschema"


def die(msg):
    print("peer_jsonschema.py: %s" % msg, file=sys.stderr)
    sys.exit(2)


def json_files(directory):
    return sorted(f for f in os.listdir(directory) if f.endswith(".json"))


def load_validator(schema_file):
    with open(schema_file, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def is_valid(validator, text):
    try:
        doc = json.loads(text)
    except ValueError:
        return False  # not JSON: invalid
    errors = list(validator.iter_errors(doc))  # every error, fully consumed
    return not errors


def inproc(directory, schema_file, rounds):
    names = json_files(directory)
    if not names:
        die("no *.json files in %s" % directory)
    texts = []
    for name in names:
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            texts.append(f.read())
    validator = load_validator(schema_file)
    n = len(texts)
    valid = [False] * n

    def one_round():
        for i, text in enumerate(texts):
            valid[i] = is_valid(validator, text)

    one_round()  # warm-up, not counted
    per_doc = []
    for _ in range(rounds):
        t0 = time.perf_counter_ns()
        one_round()
        t1 = time.perf_counter_ns()
        per_doc.append((t1 - t0) / 1000.0 / n)
    invalid_files = [name for name, ok in zip(names, valid) if not ok]
    json.dump({
        "peer": PEER,
        "version": metadata.version("jsonschema"),
        "docs": n,
        "invalid_docs": len(invalid_files),
        "per_doc_us": {"min": min(per_doc), "median": statistics.median(per_doc), "max": max(per_doc)},
        "invalid_files": invalid_files,
    }, sys.stdout)
    sys.stdout.write("\n")


def cli(directory, schema_file):
    validator = load_validator(schema_file)
    docs = invalid = 0
    for name in json_files(directory):
        docs += 1
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            if not is_valid(validator, f.read()):
                invalid += 1
    json.dump({"docs": docs, "invalid_docs": invalid}, sys.stdout)
    sys.stdout.write("\n")


def main(argv):
    if len(argv) == 4 and argv[0] == "inproc":
        try:
            rounds = int(argv[3])
        except ValueError:
            rounds = 0
        if rounds < 1:
            die("bad ROUNDS %s" % argv[3])
        inproc(argv[1], argv[2], rounds)
    elif len(argv) == 3 and argv[0] == "cli":
        cli(argv[1], argv[2])
    else:
        die("usage: peer_jsonschema.py inproc CORPUS_DIR SCHEMA_FILE ROUNDS | cli CORPUS_DIR SCHEMA_FILE")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
