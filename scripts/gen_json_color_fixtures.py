#!/usr/bin/env python3
"""Writes tests/fixtures/json_formatter.json and tests/fixtures/colored_formatter.json: what the real
python-json-logger 4.2 (`pythonjsonlogger.json.JsonFormatter`) and colorlog 6.12
(`colorlog.ColoredFormatter`) return under CPython 3.13 for the same records and options.

Records are built with `logging.makeLogRecord` from a dict the TypeScript side builds the same way.
Values the JSON fixture cannot carry are encoded as markers both sides decode alike:
  {"$float": "nan" | "inf" | "-inf" | "<repr>"}   a float (a non-integral one, or -0.0)
  {"$bigint": "<digits>"}                          a Python int beyond 2**53 (a JS bigint)
  {"$thing": n}                                    an instance of a user class `Thing(n)`
  {"$tuple": [...]}                                a tuple (record args)
Integral floats are written as ints: JavaScript has no `1.0` (see docs/DIVERGENCES.md).

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_json_color_fixtures.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _oracle import require_313, ensure_packages  # noqa: E402

require_313()
ensure_packages(["python-json-logger==4.2.0", "colorlog==6.12.0"])

import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import subprocess  # noqa: E402

import colorlog  # noqa: E402
import pythonjsonlogger  # noqa: E402
from pythonjsonlogger.json import JsonFormatter  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures")


class Thing:
    def __init__(self, n):
        self.n = n


def decode(v):
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k == "$float":
                return float(x)
            if k == "$bigint":
                return int(x)
            if k == "$thing":
                return Thing(x)
            if k == "$tuple":
                return tuple(decode(y) for y in x)
        return {k: decode(x) for k, x in v.items()}
    return v


BASE = {
    "name": "app.db",
    "levelno": 20,
    "levelname": "INFO",
    "msg": "user %s logged in",
    "args": {"$tuple": ["alice"]},
    "pathname": "/srv/app/db.py",
    "filename": "db.py",
    "module": "db",
    "lineno": 42,
    "funcName": "login",
    "created": {"$float": "1700000000.123456"},
    "msecs": {"$float": "123.456"},
    "relativeCreated": {"$float": "5.5"},
    "thread": 140000,
    "threadName": "MainThread",
    "processName": "MainProcess",
    "process": 4242,
    "taskName": None,
}


def record(extra=None, **over):
    d = dict(BASE)
    d.update(over)
    if extra:
        d.update(extra)
    return d


def make(d):
    return logging.makeLogRecord(decode(d))


def err(e):
    return {"error": type(e).__name__, "message": str(e)}


JSON_CASES = []


def jcase(name, options, rec, json_default=None):
    JSON_CASES.append({"name": name, "options": options, "record": rec, "json_default": json_default})


DEFAULTS = {"thing_n": lambda o: {"thing": o.n}, "str": str}

# fmt and the three styles, the comma style and a list of names
jcase("default fmt", {}, record())
jcase("percent fmt", {"fmt": "%(asctime)s %(levelname)s %(name)s %(message)s", "datefmt": "%Y"}, record())
jcase("percent fmt with widths", {"fmt": "%(levelname)-8s %(lineno)d %(message)s"}, record())
jcase("brace fmt", {"fmt": "{levelname} {name} {message}", "style": "{"}, record())
jcase("brace fmt with spec keeps the spec in the key", {"fmt": "{levelname:<8} {message}", "style": "{"}, record())
jcase("dollar fmt", {"fmt": "$levelname ${name} $$ ${message}", "style": "$"}, record())
jcase("comma style", {"fmt": "levelname, name ,message,,", "style": ","}, record())
jcase("list of names", {"fmt": ["levelname", "message", "missing"]}, record())
jcase("missing field in fmt", {"fmt": "%(message)s %(nothere)s"}, record())
jcase("caller fields", {"fmt": "%(pathname)s %(filename)s %(module)s %(lineno)d %(funcName)s"}, record())
jcase("numbers from the record", {"fmt": "%(created)f %(msecs)d %(relativeCreated)f %(process)d %(thread)d"}, record())
jcase("taskName is reserved (3.12+)", {}, record(taskName="Task-1"))
jcase("taskName in fmt", {"fmt": "%(taskName)s %(message)s"}, record(taskName="Task-1"))
# extra values
jcase("extra scalars", {}, record({"user": "bob", "n": 3, "ok": True, "no": False, "none": None}))
jcase("extra floats", {}, record({
    "a": {"$float": "1e-05"}, "b": {"$float": "0.1"}, "c": {"$float": "1.5e+300"},
    "d": {"$float": "1e+16"}, "e": {"$float": "123456789.123"}, "f": {"$float": "-0.0"},
    "g": {"$float": "0.0001"}, "h": {"$float": "-2.5"}, "i": {"$bigint": str(10 ** 22)}, "j": 10 ** 15,
    "k": {"$float": "nan"}, "l": {"$float": "inf"}, "m": {"$float": "-inf"}, "n": {"$float": "3.141592653589793"},
}))
jcase("extra big integers", {}, record({"big": {"$bigint": "123456789012345678901234567890"}, "neg": -(2 ** 53 - 1)}))
jcase("extra nested", {}, record({"req": {"id": 7, "path": "/x", "tags": ["a", "b", {"k": [1, {"$float": "2.5"}, None]}], "empty": {}, "none": []}}))
jcase("extra non-ASCII", {}, record({"city": "Zürich", "emoji": "\U0001f600", "cjk": "日本", "ctl": "a\tb\n\x01\x7f\"\\/"}, msg="caf\u00e9 %s", args={"$tuple": ["\u2603"]}))
jcase("extra non-ASCII, ensure_ascii off", {"json_ensure_ascii": False}, record({"city": "Zürich", "emoji": "\U0001f600", "cjk": "日本", "ctl": "a\tb\n\x01\x7f\"\\/", "sep": "\u2028"}))
jcase("underscore keys are dropped", {}, record({"_private": 1, "public": 2}))
jcase("extra overrides nothing reserved", {"reserved_attrs": ["msg", "args"]}, record({"x": 1}))
jcase("reserved_attrs empty: everything", {"reserved_attrs": []}, record({"x": 1}))
jcase("reserved_attrs custom", {"reserved_attrs": ["args", "msg", "created", "msecs", "relativeCreated", "exc_info", "exc_text", "stack_info", "thread", "process", "pathname"], "fmt": "%(message)s"}, record({"x": 1}))
# message as a dict
jcase("dict msg", {}, record({"x": 1}, msg={"event": "login", "user": "bob", "n": 2}, args=None))
jcase("dict msg with fmt", {"fmt": "%(levelname)s %(message)s"}, record(msg={"event": "e"}, args=None))
# options
jcase("prefix", {"prefix": "@cee: "}, record())
jcase("rename_fields", {"fmt": "%(levelname)s %(message)s", "rename_fields": {"levelname": "level", "message": "msg", "user": "usr"}}, record({"user": "bob"}))
jcase("rename_fields keep missing", {"fmt": "%(message)s", "rename_fields": {"levelname": "level", "nothere": "gone", "message": "@m"}, "rename_fields_keep_missing": True}, record())
jcase("static_fields", {"static_fields": {"service": "api", "version": 3, "message": "static wins?"}}, record({"x": 1}))
jcase("defaults", {"fmt": "%(levelname)s %(message)s", "defaults": {"env": "prod", "levelname": "DEF"}}, record())
jcase("timestamp true", {"timestamp": True}, record())
jcase("timestamp key", {"timestamp": "@timestamp", "rename_fields": {"@timestamp": "ts"}}, record())
jcase("timestamp whole second", {"timestamp": True}, record(created=1700000000, msecs=0))
jcase("timestamp rounding", {"timestamp": True}, record(created={"$float": "1700000000.9999996"}))
jcase("timestamp old date", {"timestamp": True}, record(created={"$float": "-1.5"}))
jcase("indent 2", {"json_indent": 2}, record({"req": {"id": 7, "tags": ["a", {}], "e": []}}))
jcase("indent 0", {"json_indent": 0}, record({"req": {"id": 7, "tags": ["a"]}}))
jcase("indent string", {"json_indent": "\t"}, record({"req": {"id": 7}}))
jcase("exc_text", {}, record(exc_text="Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nValueError: boom"))
jcase("exc_text as array is still a string", {"exc_info_as_array": True}, record(exc_text="line1\nline2"))
jcase("stack_info", {}, record(stack_info="Stack (most recent call last):\n  File \"x.py\", line 1, in <module>"))
jcase("stack_info as array", {"stack_info_as_array": True}, record(stack_info="Stack (most recent call last):\n  File \"x.py\", line 1, in <module>"))
jcase("dict msg overrides exc_info", {}, record(msg={"exc_info": "mine"}, args=None, exc_text="theirs"))
jcase("fmt asks for exc_info", {"fmt": "%(message)s %(exc_info)s %(exc_text)s %(stack_info)s"}, record())
jcase("json_default for a class instance", {}, record({"thing": {"$thing": 3}}), json_default="thing_n")
jcase("default encoder: unknown object uses str", {}, record({"n": 5}))
jcase("msg with percent args mapping", {}, record(msg="%(a)s-%(b)d", args={"a": "x", "b": 2}))
jcase("integer-valued levelno etc in reserved off", {"fmt": ["levelno", "lineno"]}, record())

JSON_ERRORS = [
    ("bad style", {"style": "x"}),
    ("bad style without validate", {"style": "x", "validate": False}),
    ("percent fmt invalid", {"fmt": "no fields"}),
    ("brace fmt invalid", {"fmt": "{levelname!z}", "style": "{"}),
    ("dollar fmt invalid", {"fmt": "no fields", "style": "$"}),
]


def run_json():
    out = {"python": sys.version.split()[0], "python_json_logger": "4.2.0", "cases": [], "errors": []}
    for c in JSON_CASES:
        opts = dict(c["options"])
        if c["json_default"]:
            opts["json_default"] = DEFAULTS[c["json_default"]]
        f = JsonFormatter(**opts)
        r = make(c["record"])
        out["cases"].append({**c, "expected": f.format(r)})
    # circular reference
    f = JsonFormatter()
    d = {"a": 1}
    d["self"] = d
    r = make(record())
    r.loop = d
    try:
        f.format(r)
        raise SystemExit("expected a circular reference error")
    except Exception as e:  # noqa: BLE001
        out["circular"] = err(e)
    for name, opts in JSON_ERRORS:
        try:
            JsonFormatter(**opts)
            out["errors"].append({"name": name, "options": opts, "expected": None})
        except Exception as e:  # noqa: BLE001
            out["errors"].append({"name": name, "options": opts, "expected": err(e)})
    # a real exception: the parts Python's rules fix (first line, last line, key order)
    for as_array in (False, True):
        f = JsonFormatter(exc_info_as_array=as_array)
        try:
            raise ValueError("boom")
        except ValueError:
            import sys as _s
            r = make(record(msg="failed", args=None))
            r.exc_info = _s.exc_info()
        data = json.loads(f.format(r))
        out.setdefault("exceptions", []).append({
            "exc_info_as_array": as_array,
            "keys": list(data),
            "first": data["exc_info"][0] if as_array else data["exc_info"].split("\n")[0],
            "last": data["exc_info"][-1] if as_array else data["exc_info"].split("\n")[-1],
            "exc_text_after": r.exc_text,
        })
    with open(os.path.join(OUT, "json_formatter.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    run_json()

