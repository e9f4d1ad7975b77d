#!/usr/bin/env python3
"""Writes tests/fixtures/injection.json: what CPython 3.13 writes for hostile messages and `extra`
values (forged newlines, CRLF, CR, ANSI escapes, NUL, NEL, U+2028/U+2029, bidi overrides), through
`logging.Formatter` (the raw default this library keeps), python-json-logger 4.2's JsonFormatter
(default `json_ensure_ascii=True` and `False`) and colorlog 6.12 (raw), and the text the library's
`sanitize` mode must write: each unsafe character replaced by Python's own `repr` escape of it
(`repr(ch)[1:-1]`), every other character kept.

Unsafe, by the library's rule (docs/SECURITY.md): C0 controls except tab, DEL, C1 controls,
U+2028, U+2029, U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_injection_fixtures.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _oracle import require_313, ensure_packages  # noqa: E402

require_313()
ensure_packages(["python-json-logger==4.2.0", "colorlog==6.12.0"])

import json  # noqa: E402
import logging  # noqa: E402

import colorlog  # noqa: E402
from pythonjsonlogger.json import JsonFormatter  # noqa: E402


def unsafe(ch):
    cp = ord(ch)
    return (
        (cp < 0x20 and ch != "\t")
        or 0x7F <= cp <= 0x9F
        or cp in (0x2028, 0x2029, 0x061C, 0x200E, 0x200F)
        or 0x202A <= cp <= 0x202E
        or 0x2066 <= cp <= 0x2069
    )


def escape(text):
    return "".join(repr(c)[1:-1] if unsafe(c) else c for c in text)


CASES = [
    ("newline", "user alice\nINFO forged line"),
    ("crlf", "user alice\r\nINFO forged line"),
    ("cr", "user alice\rINFO forged line"),
    ("ansi", "user \x1b[2J\x1b[31malice\x1b[0m"),
    ("nul", "user alice\x00admin"),
    ("nel", "user alice\x85INFO forged"),
    ("csi_c1", "user \x9b31malice"),
    ("line_separator", "user alice\u2028INFO forged"),
    ("paragraph_separator", "user alice\u2029INFO forged"),
    ("rlo", "user \u202etxt.exe"),
    ("isolates", "a\u2066b\u2067c\u2068d\u2069e\u061cf\u200eg\u200fh"),
    ("vt_ff_del", "a\x0bb\x0cc\x7fd"),
    ("tab_kept", "a\tb"),
    ("backslash_kept", "C:\\temp\\new"),
]

FMT = "%(levelname)s:%(name)s:%(message)s user=%(user)s"

out = {"unsafe": [], "cases": []}
for cp in list(range(0, 0xA0)) + [0x061C, 0x200E, 0x200F, 0x2028, 0x2029] + list(
    range(0x202A, 0x202F)
) + list(range(0x2066, 0x206A)):
    ch = chr(cp)
    out["unsafe"].append({"cp": cp, "unsafe": unsafe(ch), "escaped": escape(ch)})

for name, text in CASES:
    rec = logging.makeLogRecord(
        {"name": "app", "levelname": "INFO", "levelno": 20, "msg": "login %s", "args": (text,),
         "user": text}
    )
    raw = logging.Formatter(FMT).format(rec)
    rec2 = logging.makeLogRecord(
        {"name": "app", "levelname": "INFO", "levelno": 20, "msg": "login %s", "args": (text,),
         "user": text}
    )
    js = JsonFormatter("%(levelname)s %(message)s").format(rec2)
    js_raw = JsonFormatter("%(levelname)s %(message)s", json_ensure_ascii=False).format(rec2)
    colored = colorlog.ColoredFormatter(
        "%(log_color)s%(levelname)s%(reset)s %(message)s", force_color=True
    ).format(rec2)
    out["cases"].append({
        "name": name,
        "text": text,
        "raw": raw,
        "safe": escape(raw),
        "json": js,
        "json_no_ascii": js_raw,
        "colored_raw": colored,
        "colored_message_safe": escape("login " + text),
    })

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                    "injection.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=True, indent=1)
    f.write("\n")
print("wrote", path, len(out["cases"]), "cases")
