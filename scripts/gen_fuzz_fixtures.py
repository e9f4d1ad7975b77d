"""Differential fuzzing against CPython 3.13: seeded random `%`, `{` and `$` format strings with
arguments, `datefmt` strings, dictConfig dictionaries and fileConfig texts; CPython computes each case's expected
output or error.

    PYENV_VERSION=3.13.0 python3 scripts/gen_fuzz_fixtures.py                 # the CI fixture
    PYENV_VERSION=3.13.0 python3 scripts/gen_fuzz_fixtures.py --seed 7 --count 100000 \\
        --out .tmp/fuzz.json                                                   # a long run

The fixture (tests/fixtures/fuzz.json, seed 20, a few thousand cases) is what tests/fuzz_test.ts
replays on Deno, Bun and Node; `node scripts/fuzz.mjs` runs a long run by hand (see tests/README.md).
Values are encoded as JSON: integer-valued numbers are ints and others floats on both sides.
"""

import argparse
import json
import logging
import logging.config
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _oracle import require_313  # noqa: E402

require_313()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# One fixed record for the `{`, `$` and datefmt families (no thread/process fields: they differ).
RECORD = {
    "name": "app.db", "msg": "user %s logged in", "args": ["ann"], "levelname": "WARNING",
    "levelno": 30, "pathname": "/srv/app/db.py", "filename": "db.py", "module": "db",
    "lineno": 42, "funcName": "connect", "created": 1700000000.123456, "msecs": 123.5,
    "relativeCreated": 1234.5,
}
FIELDS = ["name", "msg", "levelname", "levelno", "pathname", "filename", "module", "lineno",
          "funcName", "created", "msecs", "relativeCreated", "message"]
TEXT = ["", " ", "x", "user", ":", "-", "%", "{", "}", "$", "é", "a b", "\t", "[", "]"]


def error_of(e):
    return [type(e).__name__, str(e)]


def rand_value(r):
    # Only values whose `str`/`repr` the library renders as Python does: booleans, None and
    # containers print in JavaScript's way under %s (a documented divergence, docs/DIVERGENCES.md),
    # and integral floats cannot be told from ints once in JSON.
    k = r.choice([0, 1, 2, 3, 3, 8])
    if k == 0:
        return r.randint(-1000, 1000)
    if k == 1:
        return r.choice([0, 1, -1, 255, 65, 2**31, -(2**40), 1114112])
    if k == 2:
        return r.choice([0.5, -2.25, 3.14159, 1e-7, 123456.789, 6.02e-23, -0.1, 2.675])
    if k == 3:
        return r.choice(["", "a", "hello", "é", "x" * r.randrange(20), "%s", "{0}"])
    if k == 4:
        return r.choice([True, False])
    if k == 5:
        return None
    if k == 6:
        return [r.randint(0, 9) for _ in range(r.randrange(3))]
    if k == 7:
        return {"k": r.randint(0, 9)}
    return r.choice(["ann", "bob", 7, 2.5])


def percent_case(r):
    parts = []
    nargs = 0
    star = False
    mapping = r.random() < 0.15
    for _ in range(r.randrange(1, 5)):
        if r.random() < 0.35:
            parts.append(r.choice(TEXT).replace("%", "%%"))
            continue
        spec = "%"
        if mapping:
            spec += "(" + r.choice(["a", "b", "user", ""]) + ")"
        spec += "".join(r.choice("-+ #0") for _ in range(r.randrange(3)))
        if r.random() < 0.4:
            if r.random() < 0.15 and not mapping:
                spec += "*"
                nargs += 1
                star = True
            else:
                spec += str(r.randrange(13))
        if r.random() < 0.35:
            spec += "." + ("*" if (r.random() < 0.1 and not mapping) else str(r.randrange(9)))
            if spec.endswith("*"):
                nargs += 1
                star = True
        spec += r.choice("sssdddiouxXeEfFgGcr%" + ("aq" if r.random() < 0.1 else ""))
        if not spec.endswith("%"):
            nargs += 1
        parts.append(spec)
    if r.random() < 0.05:
        parts.append(r.choice(["%", "%(", "%(a", "%.", "%-"]))
    fmt = "".join(parts)
    if mapping:
        args = [{k: rand_value(r) for k in r.sample(["a", "b", "user", ""], r.randrange(1, 4))}]
    else:
        n = max(0, nargs + r.choice([0, 0, 0, 0, 0, -1, 1]))
        args = [rand_value(r) for _ in range(n)]
        if star:  # widths and precisions from the arguments: small ints (bounds are w15's)
            args = [r.randrange(-3, 12) for _ in args]
    rec = logging.LogRecord("n", 20, "p", 1, fmt, tuple(args) if args else (), None)
    try:
        return {"fmt": fmt, "args": args, "out": rec.getMessage()}
    except Exception as e:  # noqa: BLE001
        return {"fmt": fmt, "args": args, "error": error_of(e)}


def brace_spec(r):
    spec = ""
    if r.random() < 0.3:
        spec += r.choice(["", "*", "0", "x"]) + r.choice("<>^=")
    if r.random() < 0.2:
        spec += r.choice("+- ")
    if r.random() < 0.1:
        spec += "#"
    if r.random() < 0.2:
        spec += "0"
    if r.random() < 0.4:
        spec += str(r.randrange(15))
    if r.random() < 0.1:
        spec += r.choice(",_")
    if r.random() < 0.3:
        spec += "." + str(r.randrange(7))
    if r.random() < 0.5:
        spec += r.choice("sdfeEgGxXobn%c")
    return spec


def brace_case(r):
    parts = []
    for _ in range(r.randrange(1, 5)):
        if r.random() < 0.3:
            parts.append(r.choice(TEXT).replace("{", "{{").replace("}", "}}"))
            continue
        f = "{" + r.choice(FIELDS)
        if r.random() < 0.15:
            f += r.choice(["!r", "!s", "!a", "!x"])
        if r.random() < 0.5:
            f += ":" + brace_spec(r)
        f += "}"
        parts.append(f)
    if r.random() < 0.05:
        parts.append(r.choice(["{", "}", "{0}", "{}", "{name", "{nosuch}", "{name.x}", "{name[0]}"]))
    fmt = "".join(parts)
    return style_case(fmt, "{")


def dollar_case(r):
    parts = []
    for _ in range(r.randrange(1, 5)):
        if r.random() < 0.3:
            parts.append(r.choice(TEXT).replace("$", "$$"))
            continue
        name = r.choice(FIELDS)
        parts.append(r.choice(["$" + name, "${" + name + "}", "${" + name + "}x"]))
    if r.random() < 0.08:
        parts.append(r.choice(["$", "$1", "${", "${name", "$nosuch", "$$", "${ name}"]))
    fmt = "".join(parts)
    return style_case(fmt, "$")


def style_case(fmt, style):
    try:
        f = logging.Formatter(fmt, style=style, validate=True)
    except Exception as e:  # noqa: BLE001
        return {"fmt": fmt, "style": style, "error": error_of(e)}
    rec = logging.makeLogRecord(dict(RECORD, args=tuple(RECORD["args"])))
    try:
        return {"fmt": fmt, "style": style, "out": f.format(rec)}
    except Exception as e:  # noqa: BLE001
        return {"fmt": fmt, "style": style, "formatError": error_of(e)}


DATE_CODES = list("aAbBcdHIjmMpSUwWxXyYZz%") + ["e", "F", "T", "D", "R", "C", "G", "g", "u", "V"]


def datefmt_case(r):
    parts = []
    for _ in range(r.randrange(1, 6)):
        if r.random() < 0.3:
            parts.append(r.choice(TEXT).replace("%", "%%"))
        else:
            parts.append("%" + r.choice(DATE_CODES))
    datefmt = "".join(parts)
    created = r.choice([0, 1700000000.5, 951782400, 1234567890.25, 2147483647, 1e9 + 0.999])
    f = logging.Formatter(datefmt=datefmt)
    f.converter = time.gmtime
    rec = logging.makeLogRecord({"created": created, "msecs": (created % 1) * 1000})
    try:
        return {"datefmt": datefmt, "created": created, "out": f.formatTime(rec, datefmt)}
    except Exception as e:  # noqa: BLE001
        return {"datefmt": datefmt, "created": created, "error": error_of(e)}


LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "NOTSET", 10, 35, "debug", "LOUD", None]


def dictconfig_case(r):
    d = {"version": r.choice([1] * 8 + [2, None])}
    if d["version"] is None:
        del d["version"]
    if r.random() < 0.5:
        d["disable_existing_loggers"] = r.choice([True, False])
    if r.random() < 0.6:
        fmt, style = r.choice([("%(message)s", "%"), ("{message}", "{"), ("$message", "$")] * 4
                              + [("%(bad", "%"), ("{message}", "?"), ("%(message)s", "{")])
        d["formatters"] = {"f": {"format": fmt, "style": style}}
    if r.random() < 0.6:
        h = {"class": r.choice(["logging.NullHandler", "logging.StreamHandler"] * 3 + [
                                "logging.NoSuchHandler", "nosuch.module.Handler"])}
        if r.random() < 0.5:
            h["level"] = r.choice(LEVELS)
        if r.random() < 0.4:
            h["formatter"] = r.choice(["f", "missing"])
        d["handlers"] = {"h": h}
    if r.random() < 0.7:
        lg = {}
        if r.random() < 0.7:
            lg["level"] = r.choice(LEVELS)
        if r.random() < 0.4:
            lg["handlers"] = r.choice([["h"], ["missing"], []])
        if r.random() < 0.3:
            lg["propagate"] = r.choice([True, False])
        d["loggers"] = {r.choice(["app", "app.db", ""]): lg}
    if r.random() < 0.4:
        d["root"] = {"level": r.choice(LEVELS)}
    for name in list(logging.root.manager.loggerDict):
        logging.getLogger(name).handlers.clear()
    logging.root.handlers.clear()
    logging.root.setLevel(logging.WARNING)
    logging.root.manager.loggerDict.clear()
    try:
        logging.config.dictConfig(json.loads(json.dumps(d)))
    except Exception as e:  # noqa: BLE001
        return {"config": d, "error": error_of(e)}
    state = {"root": logging.getLevelName(logging.root.level)}
    for name in ("app", "app.db"):
        if isinstance(logging.root.manager.loggerDict.get(name), logging.Logger):
            lg = logging.getLogger(name)
            state[name] = [logging.getLevelName(lg.level), bool(lg.propagate), len(lg.handlers),
                           bool(lg.disabled)]
    return {"config": d, "out": state}


FILE_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "NOTSET"] * 3 + ["10", "LOUD"]


def fileconfig_case(r):
    lines = []
    loggers = r.choice([["root"], ["root", "app"], ["root", "app", "app.db"]] * 6 + [["app"], []])
    keys = {"root": "root", "app": "app", "app.db": "appdb"}
    if r.random() < 0.98:
        lines += ["[loggers]", "keys=" + ",".join(keys[n] for n in loggers)]
    hkeys = r.choice([["h"]] * 12 + [[], ["h", "missing"]])
    if r.random() < 0.98:
        lines += ["[handlers]", "keys=" + ",".join(hkeys)]
    fkeys = r.choice([["f"]] * 6 + [[]])
    if r.random() < 0.98:
        lines += ["[formatters]", "keys=" + ",".join(fkeys)]
    for n in loggers:
        if r.random() < 0.95:
            lines.append("[logger_%s]" % keys[n])
            if r.random() < 0.8:
                lines.append("level=" + r.choice(FILE_LEVELS))
            if r.random() < 0.97:
                lines.append("handlers=" + r.choice(["h"] * 6 + ["", "missing", "h,h"]))
            if n != "root":
                lines.append("qualname=" + n)
                if r.random() < 0.6:
                    lines.append("propagate=" + r.choice(["0", "1", "yes", "x"]))
    if "h" in hkeys and r.random() < 0.95:
        lines.append("[handler_h]")
        lines.append("class=" + r.choice(["NullHandler", "StreamHandler", "logging.NullHandler"] * 6
                                          + ["NoSuch", "handlers.NoSuch"]))
        if r.random() < 0.5:
            lines.append("level=" + r.choice(FILE_LEVELS))
        if r.random() < 0.4:
            lines.append("formatter=" + r.choice(["f"] * 6 + ["missing", ""]))
        if r.random() < 0.5:
            # Not `(1, 2, 3)` nor `(sys.stderr,)`: Python arity errors and object reprs differ.
            lines.append("args=" + r.choice(["()"] * 6 + ["(", "[]"]))
    if "f" in fkeys and r.random() < 0.95:
        lines.append("[formatter_f]")
        fmt, style = r.choice([("%(message)s", "%"), ("{message}", "{"), ("$message", "$")] * 6
                              + [("%(bad", "%"), ("{message}", "?")])
        lines.append("format=" + fmt)  # read raw, as fileConfig reads it
        if style != "%" or r.random() < 0.5:
            lines.append("style=" + style)
    if r.random() < 0.05:
        lines.insert(r.randrange(len(lines) + 1), r.choice(["junk", "[", "=x", "[dup]", "[dup]"]))
    text = "\n".join(lines) + "\n"
    import configparser
    import io
    for name in list(logging.root.manager.loggerDict):
        logging.getLogger(name).handlers.clear()
    logging.root.handlers.clear()
    logging.root.setLevel(logging.WARNING)
    logging.root.manager.loggerDict.clear()
    try:
        cp = configparser.ConfigParser()
        cp.read_string(text)
        logging.config.fileConfig(cp)
    except Exception as e:  # noqa: BLE001
        return {"text": text, "error": [type(e).__name__, str(e)]}
    state = {"root": logging.getLevelName(logging.root.level)}
    for name in ("app", "app.db"):
        if isinstance(logging.root.manager.loggerDict.get(name), logging.Logger):
            lg = logging.getLogger(name)
            state[name] = [logging.getLevelName(lg.level), bool(lg.propagate), len(lg.handlers),
                           bool(lg.disabled)]
    return {"text": text, "out": state}


FAMILIES = {"percent": percent_case, "brace": brace_case, "dollar": dollar_case,
            "datefmt": datefmt_case, "dictconfig": dictconfig_case, "fileconfig": fileconfig_case}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--count", type=int, default=700, help="cases per family")
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "fixtures", "fuzz.json"))
    ap.add_argument("--families", default=",".join(FAMILIES))
    a = ap.parse_args()
    out = {"seed": a.seed, "python": sys.version.split()[0], "families": {}}
    for fam in a.families.split(","):
        r = random.Random(f"{a.seed}:{fam}")
        out["families"][fam] = [FAMILIES[fam](r) for _ in range(a.count)]
    with open(a.out, "w") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


main()
