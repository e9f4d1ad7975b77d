#!/usr/bin/env python3
"""Writes tests/fixtures/redaction.json: what the Python twin of RedactingFilter
(python/pylog/redaction.py, the module a Python service sharing logging.json resolves
`pylog.redaction.RedactingFilter` to) makes of the same records under CPython 3.13, so
tests/redaction_test.ts can check that both languages redact alike. Python's standard library has
no redaction: this is a parity check between the two implementations of docs/SECURITY.md's rules,
not an oracle from CPython itself.

Each case: filter keyword arguments, a record (msg, args, extra), and the result: `unchanged`
(the filter returned True), else the redacted message (`getMessage()`, when the message is text)
and the resulting extra fields, `args` and a structured `msg`, as JSON.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_redaction_fixtures.py
"""

import json
import logging
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from _oracle import require_313  # noqa: E402

require_313()
sys.path.insert(0, os.path.join(HERE, "..", "python"))
from pylog.redaction import RedactingFilter  # noqa: E402

MESSAGE = ("mail ann.lee@example.com card 4111-1111-1111-1111 ref 1234 5500 0055 5555 5559 "
           "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln Authorization: Bearer mF_9.B5f-4.1JqM "
           "db postgres://app:hunter2pw@db/x url /cb?api_key=k3y&x=1 aws AKIAIOSFODNN7EXAMPLE "
           "id 12345678901234567890 bad 4111 1111 1111 1112")

CASES = [
    {"name": "defaults: every pattern in one message, nested extras",
     "options": {},
     "record": {"msg": "%s", "args": [MESSAGE], "extra": {
         "user": {"name": "ann", "Password": "p", "tags": [{"X-Api-Key": "k"}, 3]},
         "session_id": "s", "note": "write to bob@example.org", "count": 7}}},
    {"name": "paths only: wildcards, arrays, quoted keys",
     "options": {"keys": [], "builtin_patterns": [], "paths": [
         "req.headers[\"set-cookie\"]", "users[*].pin", "*.ssn", "matrix[*][*].k", "list[1]"]},
     "record": {"msg": "m", "args": [], "extra": {
         "req": {"headers": {"set-cookie": "c", "host": "h"}},
         "users": [{"pin": 1, "id": 1}, {"id": 2}],
         "person": {"ssn": "1", "n": 2},
         "matrix": [[{"k": 1}], [{"k": 2, "j": 3}]],
         "list": ["a", "b", "c"]}}},
    {"name": "remove",
     "options": {"remove": True, "paths": ["user.pin", "list[0]"], "builtin_patterns": []},
     "record": {"msg": "m", "args": [], "extra": {
         "user": {"pin": 1, "name": "x", "token": "t"}, "list": ["a", "b"], "secret": "s"}}},
    {"name": "custom keys and censor; user pattern",
     "options": {"keys": ["ssn"], "censor": "***", "builtin_patterns": [],
                 "patterns": ["order-[0-9]+"]},
     "record": {"msg": "ship order-42 to %s", "args": ["ann"], "extra": {
         "ssn": "123", "password": "kept: not a key here", "nested": {"SSN_last4": "6789"}}}},
    {"name": "object argument and structured message",
     "options": {"builtin_patterns": []},
     "record": {"msg": {"event": "login", "secret": "s", "who": {"token": "t"}}, "args": None,
                "extra": {}}},
    {"name": "mapping argument",
     "options": {"builtin_patterns": []},
     "record": {"msg": "%(user)s", "args": [{"user": "ann", "password": "p"}], "extra": {}}},
    {"name": "nothing sensitive",
     "options": {},
     "record": {"msg": "user %s id %d", "args": ["ann", 7], "extra": {"user": {"id": 1}}}},
]

out = []
for case in CASES:
    rec = case["record"]
    args = rec["args"]
    if isinstance(args, list):
        args = tuple(args)
    record = logging.LogRecord("app", logging.INFO, "x.py", 1, rec["msg"], args, None)
    for k, v in rec["extra"].items():
        record.__dict__[k] = v
    result = RedactingFilter(**case["options"]).filter(record)
    expected = {"unchanged": result is True}
    if result is not True:
        r = result.__dict__
        expected["message"] = result.getMessage() if isinstance(result.msg, str) else None
        expected["attrs"] = {k: r[k] for k in rec["extra"] if k in r}
        expected["removed"] = [k for k in rec["extra"] if k not in r]
        expected["args"] = (list(result.args) if isinstance(result.args, tuple)
                            else result.args)
        expected["msg"] = result.msg if not isinstance(result.msg, str) else None
    out.append({"name": case["name"], "options": case["options"], "record": rec,
                "expected": expected})

path = os.path.join(HERE, "..", "tests", "fixtures", "redaction.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=True, indent=1)
    f.write("\n")
print("wrote", path, len(out), "cases")
