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

It also runs examples/dictconfig.py (whose examples/logging.json names
`pythonjsonlogger.json.JsonFormatter` and `colorlog.ColoredFormatter`) with the real packages and
writes tests/fixtures/config_python_json.json, the lines tests/config_python_json_test.ts compares
with examples/dictconfig.ts (scripts/gen_config_fixtures.py's copy of that step needs the same
packages), and tests/fixtures/json_color_config.json: formatters made by `fileConfig` and
`dictConfig` from the packages' names, and the lines they write.

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


COLOR_CASES = []

LEVELS = [(10, "DEBUG"), (20, "INFO"), (30, "WARNING"), (40, "ERROR"), (50, "CRITICAL"), (25, "NOTICE")]


def ccase(name, options, env=None, stream=None, extra=None, msg="hello %s", args=("world",), levels=LEVELS):
    COLOR_CASES.append({
        "name": name, "options": options, "env": env or {}, "stream": stream,
        "records": [record(extra, levelno=n, levelname=l, msg=msg, args={"$tuple": list(args)} if args is not None else None) for n, l in levels],
    })


ALL_NAMES = (
    "%(red)s|%(bold_red)s|%(thin_green)s|%(light_blue)s|%(bold_light_white)s|%(bg_white)s|"
    "%(bg_light_black)s|%(bg_bold_red)s|%(fg_cyan)s|%(fg_bold_cyan)s|%(fg_thin_purple)s|"
    "%(fg_light_yellow)s|%(fg_0)s|%(fg_200)s|%(fg_255)s|%(bg_17)s|%(bold)s|%(thin)s|%(reset)s|%(message)s"
)
ccase("default format, % style", {})
ccase("default format, { style", {"style": "{"})
ccase("default format, $ style", {"style": "$"})
ccase("every escape name colorlog knows", {"fmt": ALL_NAMES}, levels=LEVELS[1:2])
ccase("padding and time", {"fmt": "%(log_color)s%(levelname)-8s%(reset)s %(asctime)s %(name)s: %(message)s", "datefmt": "%Y"})
ccase("{ style with a format spec", {"fmt": "{log_color}{levelname:<8}{reset} {name}: {message}", "style": "{"})
ccase("custom log_colors with combinations", {"fmt": "%(log_color)s%(message)s", "log_colors": {"DEBUG": "cyan", "INFO": "bold_green,bg_black", "WARNING": "fg_208", "ERROR": "red,bg_white", "CRITICAL": "bold_red,bg_white,thin", "NOTICE": ""}})
for style, fmt in (
    ("%", "%(log_color)s%(levelname)s%(reset)s %(message_log_color)s%(message)s %(name_log_color)s[%(name)s]"),
    ("{", "{log_color}{levelname}{reset} {message_log_color}{message} {name_log_color}[{name}]"),
    ("$", "${log_color}${levelname}${reset} ${message_log_color}${message} $name_log_color[${name}]"),
):
    ccase("secondary_log_colors, %s style" % style, {"fmt": fmt, "style": style, "secondary_log_colors": {"message": {"ERROR": "red", "CRITICAL": "bold_red"}, "name": {"DEBUG": "blue", "INFO": "purple"}}})
ccase("reset=False", {"fmt": "%(log_color)s%(message)s", "reset": False})
ccase("message already ends with reset", {"fmt": "%(log_color)s%(message)s%(reset)s"})
ccase("no_color", {"no_color": True})
ccase("force_color beats no_color", {"no_color": True, "force_color": True})
ccase("NO_COLOR set (even empty)", {}, env={"NO_COLOR": ""})
ccase("FORCE_COLOR set but empty still forces", {"no_color": True}, env={"FORCE_COLOR": ""})
ccase("FORCE_COLOR=0 still forces", {}, env={"FORCE_COLOR": "0", "NO_COLOR": "1"})
ccase("stream that is not a terminal", {}, stream={"isatty": False})
ccase("stream that is a terminal", {}, stream={"isatty": True})
ccase("piped stream but FORCE_COLOR", {}, stream={"isatty": False}, env={"FORCE_COLOR": "1"})
ccase("terminal stream but NO_COLOR", {}, stream={"isatty": True}, env={"NO_COLOR": "1"})
ccase("no colour: escapes in the format are empty too", {"fmt": "%(red)s%(log_color)s%(message)s%(reset)s", "no_color": True})
ccase("defaults", {"fmt": "%(log_color)s%(service)s %(message)s", "defaults": {"service": "api"}})
ccase("an extra named like an escape is overridden", {"fmt": "%(red)s|%(message)s"}, extra={"red": "mine"}, levels=LEVELS[1:2])
ccase("non-ASCII message", {}, msg="caf\u00e9 %s", args=("\u2603",), levels=LEVELS[1:2])


class FakeStream:
    def __init__(self, tty):
        self.tty = tty

    def isatty(self):
        return self.tty


def run_color():
    out = {"python": sys.version.split()[0], "colorlog": colorlog.__version__ if hasattr(colorlog, "__version__") else "6.12.0", "cases": [], "errors": []}
    from importlib.metadata import version
    out["colorlog"] = version("colorlog")
    saved = {k: os.environ.pop(k) for k in ("FORCE_COLOR", "NO_COLOR") if k in os.environ}
    for c in COLOR_CASES:
        os.environ.update(c["env"])
        opts = dict(c["options"])
        if c["stream"] is not None:
            opts["stream"] = FakeStream(c["stream"]["isatty"])
        f = colorlog.ColoredFormatter(**opts)
        lines = [f.format(make(r)) for r in c["records"]]
        for k in c["env"]:
            del os.environ[k]
        out["cases"].append({**c, "expected": lines})
    # errors: an unknown colour name at format time, a bad style, a bad format
    f = colorlog.ColoredFormatter(log_colors={"INFO": "bogus"})
    try:
        f.format(make(record()))
    except Exception as e:  # noqa: BLE001
        out["errors"].append({"name": "unknown colour name", "options": {"log_colors": {"INFO": "bogus"}}, "at": "format", "expected": err(e)})
    for name, opts in (("bad style", {"style": "x"}), ("bad format", {"fmt": "no fields"})):
        try:
            colorlog.ColoredFormatter(**opts)
        except Exception as e:  # noqa: BLE001
            out["errors"].append({"name": name, "options": opts, "at": "init", "expected": err(e)})
    # coloured tracebacks (3.13 passes colorize to traceback.print_exception)
    out["tracebacks"] = []
    for force in (True, False):
        f = colorlog.ColoredFormatter("%(message)s", force_color=force, no_color=not force)
        try:
            raise ValueError("boom")
        except ValueError:
            r = make(record(msg="failed", args=None))
            r.exc_info = sys.exc_info()
        text = f.format(r)
        lines = text.split("\n")
        tb = r.exc_info[2]
        fr = lines[2].replace('"%s"' % tb.tb_frame.f_code.co_filename, '"{file}"', 1)
        fr = fr.replace("line %s%d" % ("\x1b[35m" if force else "", tb.tb_lineno), "line %s{line}" % ("\x1b[35m" if force else ""), 1)
        fr = fr.replace("in %srun_color" % ("\x1b[35m" if force else ""), "in %s{func}" % ("\x1b[35m" if force else ""), 1)
        out["tracebacks"].append({"force_color": force, "first": lines[0], "second": lines[1], "frame": fr, "last": lines[-1]})
    os.environ.update(saved)
    with open(os.path.join(OUT, "colored_formatter.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

INI_TEMPLATE = """[loggers]
keys=root

[handlers]
keys=h

[formatters]
keys=f

[logger_root]
level=INFO
handlers=h

[handler_h]
class=NullHandler
formatter=f
args=()

[formatter_f]
%s
"""

CONFIG_CASES = [
    ("fileConfig: class=pythonjsonlogger.json.JsonFormatter", "file",
     "format=%(levelname)s %(name)s %(message)s\nclass=pythonjsonlogger.json.JsonFormatter"),
    ("fileConfig: class=pythonjsonlogger.jsonlogger.JsonFormatter (the old name)", "file",
     "format={levelname} {message}\nstyle={\nclass=pythonjsonlogger.jsonlogger.JsonFormatter"),
    ("fileConfig: class=colorlog.ColoredFormatter", "file",
     "format=%(log_color)s%(levelname)s%(reset)s %(message)s\nclass=colorlog.ColoredFormatter"),
    ("dictConfig: () colorlog.formatter.ColoredFormatter with format", "dict",
     {"()": "colorlog.formatter.ColoredFormatter", "format": "%(log_color)s%(message)s", "log_colors": {"INFO": "cyan"}, "force_color": True}),
    ("dictConfig: () pythonjsonlogger.json.JsonFormatter with keywords", "dict",
     {"()": "pythonjsonlogger.json.JsonFormatter", "format": "%(levelname)s %(message)s", "timestamp": "ts", "json_indent": 1, "reserved_attrs": ["msg", "args"]}),
    ("dictConfig: class colorlog.ColoredFormatter", "dict",
     {"class": "colorlog.ColoredFormatter", "format": "{log_color}{levelname}{reset}|{message}", "style": "{"}),
    ("dictConfig: class pythonjsonlogger.json.JsonFormatter", "dict",
     {"class": "pythonjsonlogger.json.JsonFormatter", "format": "%(name)s %(message)s"}),
    # Python 3.12's `defaults` key is passed by keyword: colorlog takes it as its own keyword, not
    # in the fourth positional slot (`log_colors`).
    ("dictConfig: class colorlog.ColoredFormatter with defaults", "dict",
     {"class": "colorlog.ColoredFormatter", "format": "%(log_color)s%(service)s %(levelname)s%(reset)s %(message)s",
      "defaults": {"service": "api"}}),
    ("dictConfig: class pythonjsonlogger.json.JsonFormatter with defaults", "dict",
     {"class": "pythonjsonlogger.json.JsonFormatter", "format": "%(service)s %(message)s",
      "defaults": {"service": "api"}}),
]


def run_config():
    import logging.config
    saved = {k: os.environ.pop(k) for k in ("FORCE_COLOR", "NO_COLOR") if k in os.environ}
    cases = []
    rec = record({"user": "bob"})
    for name, kind, conf in CONFIG_CASES:
        if kind == "file":
            logging.config.fileConfig(io.StringIO(INI_TEMPLATE % conf))
            f = logging.getLogger().handlers[0].formatter
        else:
            logging.config.dictConfig({"version": 1, "formatters": {"f": conf},
                                       "handlers": {"h": {"class": "logging.NullHandler", "formatter": "f"}},
                                       "root": {"handlers": ["h"], "level": "INFO"}})
            f = logging.getLogger().handlers[0].formatter
        cases.append({"name": name, "kind": kind, "config": conf, "record": rec,
                      "class": type(f).__module__ + "." + type(f).__name__, "expected": f.format(make(rec))})
    # A name nobody registered: what Python says.
    try:
        logging.config.dictConfig({"version": 1, "formatters": {"f": {"()": "myapp.logfmt.Formatter"}}})
    except ValueError as e:
        unresolved = {"message": str(e), "cause": str(e.__cause__), "cause2": str(e.__cause__.__cause__)}
    os.environ.update(saved)
    with open(os.path.join(OUT, "json_color_config.json"), "w", encoding="utf-8") as fh:
        json.dump({"python": sys.version.split()[0], "cases": cases, "unresolved": unresolved}, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    # examples/dictconfig.py with the real packages, as a program.
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    p = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "dictconfig.py")],
                       capture_output=True, text=True, cwd=ROOT, check=True, env=env)
    with open(os.path.join(ROOT, "examples", "logging.json"), encoding="utf-8") as j:
        logging_json = j.read()
    with open(os.path.join(OUT, "config_python_json.json"), "w", encoding="utf-8") as fh:
        json.dump({"python": sys.version.split()[0], "logging_json": logging_json,
                   "stdout": p.stdout, "stderr": p.stderr}, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    run_json()
    run_color()
    run_config()

