#!/usr/bin/env python3
"""Writes tests/fixtures/prototype_fields.json: what CPython 3.13's Formatter does with record
fields whose names are JavaScript prototype members (constructor, toString, __proto__, ...): with
no such attribute on the record, the field is missing (ValueError "Formatting field not found in
record"); given by `extra`/makeLogRecord or by the formatter's `defaults`, it prints that value.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_prototype_fields_fixtures.py
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()

import json
import logging
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                   "prototype_fields.json")

NAMES = ["constructor", "toString", "__proto__", "valueOf", "hasOwnProperty",
         "isPrototypeOf", "__defineGetter__", "toLocaleString"]
STYLES = {"%": "%({})s|%(msg)s", "{": "{{{}}}|{{msg}}", "$": "${{{}}}|${{msg}}"}


def run(fmt, style, attrs, defaults):
    record = logging.makeLogRecord(dict({"msg": "m"}, **attrs))
    try:
        return {"out": logging.Formatter(fmt, style=style, defaults=defaults).format(record)}
    except Exception as e:  # the report the JavaScript side must give
        return {"error": type(e).__name__, "message": str(e)}


cases = []
for name in NAMES:
    for style, shape in STYLES.items():
        fmt = shape.format(name)
        for given in ("none", "extra", "defaults"):
            attrs = {name: "from-extra"} if given == "extra" else {}
            defaults = {name: "from-defaults"} if given == "defaults" else None
            case = {"name": name, "style": style, "fmt": fmt, "given": given}
            case.update(run(fmt, style, attrs, defaults))
            cases.append(case)

# An index into a mapping given by `extra`: `{d[constructor]}` of an empty dict is a KeyError too.
for name in NAMES:
    fmt = "{d[%s]}|{msg}" % name
    for given in ("none", "extra"):
        d = {name: "from-extra"} if given == "extra" else {}
        case = {"name": name, "style": "{", "fmt": fmt, "given": given, "index": True}
        case.update(run(fmt, "{", {"d": d}, None))
        cases.append(case)

with open(OUT, "w", encoding="utf-8") as f:
    json.dump({"python": "3.13", "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
