#!/usr/bin/env python3
"""Validates request files against an editor schema as an editor reads them.

Used by tests/editor_schema_test.cpp:

  editor_schema_check.py SCHEMA FILE...

prints one JSON object: "schema" lists what makes SCHEMA an invalid draft-07
schema, "documentation" every default or example that its own parameter's
schema rejects, and "files" the problems of each FILE (JSON, or YAML read
with the YAML 1.2 core schema, as the Red Hat YAML extension reads it:
`5.0` is a number, `yes` is text), each as its JSON Pointer, the failing
keyword and jsonschema's message.
"""
import json
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1 (yes/no are booleans, 012 is octal); editors read 1.2's core schema."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(pattern), list(first))


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    return int(text, 0 if text[:2] in ("0o", "0x") else 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    return yaml.load(text, Loader=Yaml12Loader)


def pointer(path):
    return "".join("/" + str(p) for p in path)


def problems(validator, document):
    return [{"pointer": pointer(e.absolute_path), "keyword": e.validator, "message": e.message}
            for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]


def documentation(schema, validator_class):
    """Every default and example that the schema holding it rejects."""
    bad = []

    def walk(node, where):
        if not isinstance(node, dict):
            return
        for v in node.get("examples", []) + ([node["default"]] if "default" in node else []):
            if not validator_class(node).is_valid(v):
                bad.append(where + ": " + json.dumps(v, ensure_ascii=False))
        for key in ("properties", "patternProperties", "definitions"):
            for name, sub in node.get(key, {}).items():
                walk(sub, where + "/" + key + "/" + name)
        for key in ("items", "additionalProperties", "not", "if", "then", "else"):
            walk(node.get(key), where + "/" + key)
        for key in ("allOf", "anyOf", "oneOf"):
            for i, sub in enumerate(node.get(key, [])):
                walk(sub, where + "/" + key + "/" + str(i))

    walk(schema, "")
    return bad


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.Draft7Validator
    out = {"schema": [e.message for e in cls(cls.META_SCHEMA).iter_errors(schema)],
           "documentation": documentation(schema, cls), "files": {}}
    validator = cls(schema, format_checker=None)
    for path in sys.argv[2:]:
        out["files"][path] = problems(validator, load(path))
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
