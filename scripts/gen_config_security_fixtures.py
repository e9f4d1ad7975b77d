#!/usr/bin/env python3
"""Generates tests/fixtures/config_security.json: what CPython 3.13 does with hostile names and
keys in logging configurations, for tests/config_security_test.ts.

- "names": every hostile name (JavaScript internals such as `constructor.constructor`, `__proto__`,
  `process.exit`, `logging.Formatter.prototype`) in every dictConfig slot that takes a name (`()`
  and `class` of formatters, filters and handlers, `ext://` and `cfg://` values, handler targets,
  formatter, filter and handler references) and every fileConfig slot (`class=`, `args=`,
  `kwargs=`), with the error CPython raises: [type, str, cause type, cause str].
- "keys": configurations and log calls where `__proto__`, `constructor` and `prototype` are
  ordinary names (of loggers, handlers, formatters, filters, `extra` keys, `cfg://` path parts),
  with what CPython writes and raises.
- "formats": the format widths and precisions CPython itself refuses, with its errors.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_config_security_fixtures.py
"""
from _oracle import require_313

require_313()

import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import logging.config  # noqa: E402
import logging.handlers  # noqa: E402
from _pylogging import error_info, reset_logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CREATED = 1700000000.25

# Names that reach JavaScript internals, globals or runtime objects through a naive lookup, and
# that name nothing in Python either.
HOSTILE = [
    "constructor",
    "constructor.constructor",
    "constructor.assign",
    "constructor.prototype",
    "toString",
    "valueOf",
    "hasOwnProperty",
    "__proto__",
    "__proto__.constructor",
    "prototype",
    "Function",
    "eval",
    "globalThis",
    "process",
    "process.exit",
    "Deno",
    "Deno.exit",
    "Bun",
    "Object",
    "Object.assign",
    "logging.constructor",
    "logging.constructor.constructor",
    "logging.__proto__",
    "logging.toString",
    "logging.Formatter.constructor",
    "logging.Formatter.constructor.constructor",
    "logging.Formatter.prototype",
    "logging.Formatter.prototype.constructor",
    "logging.Formatter.__proto__",
    "logging.Formatter.name",
    "logging.Formatter.length",
    "logging.Formatter.call",
    "logging.Formatter.bind",
    "logging.getLogger.constructor",
    "logging.getLogger.apply",
    "logging.handlers.constructor",
    "logging.handlers.SysLogHandler.constructor",
    "logging.handlers.SysLogHandler.prototype",
    "logging.handlers.SysLogHandler.LOG_USER.constructor",
    "logging.config.constructor",
    "logging.config.dictConfig.constructor",
    "logging.root.constructor",
    "logging.root.manager.constructor",
    "logging.BASIC_FORMAT.constructor",
    "logging.BASIC_FORMAT.length",
    "logging.DEBUG.constructor",
    "logging.STYLES.constructor.assign",
    "sys.constructor",
    "sys.__proto__",
    "sys.stdout.constructor",
    "sys.stdout.constructor.constructor",
]

STREAM = {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}


def dict_slots(name):
    """Every dictConfig slot that takes a name, as (slot, configuration)."""
    v = {"version": 1}
    return [
        ("formatter class", {**v, "formatters": {"f": {"class": name, "format": "a"}}}),
        ("formatter ()", {**v, "formatters": {"f": {"()": name}}}),
        ("formatter ext:// format", {**v, "formatters": {"f": {"format": "ext://" + name}}}),
        ("filter ()", {**v, "filters": {"x": {"()": name}}}),
        ("filter ext:// kwarg", {**v, "filters": {"x": {"()": "logging.Filter",
                                                        "name": "ext://" + name}}}),
        ("handler class", {**v, "handlers": {"h": {"class": name}}}),
        ("handler ()", {**v, "handlers": {"h": {"()": name}}}),
        ("handler ext:// stream", {**v, "handlers": {"h": {**STREAM, "stream": "ext://" + name}}}),
        ("handler cfg:// to ext://", {**v, "payload": "ext://" + name,
                                      "handlers": {"h": {**STREAM, "stream": "cfg://payload"}}}),
        ("handler cfg:// path", {**v, "handlers": {"h": {**STREAM, "stream": "cfg://" + name}}}),
        ("handler formatter", {**v, "handlers": {"h": {**STREAM, "formatter": name}}}),
        ("handler filters", {**v, "handlers": {"h": {**STREAM, "filters": [name]}}}),
        ("memory handler target", {**v, "handlers": {"h": {"class": "logging.handlers.MemoryHandler",
                                                           "capacity": 1, "target": name}}}),
        ("logger handlers", {**v, "loggers": {"a": {"handlers": [name]}}}),
        ("logger filters", {**v, "loggers": {"a": {"filters": [name]}}}),
        ("logger level ext://", {**v, "loggers": {"a": {"level": "ext://" + name}}}),
        ("root handlers", {**v, "root": {"handlers": [name]}}),
    ]


INI_BASE = """
[loggers]
keys=root

[handlers]
keys=h

[formatters]
keys={formatters}

[logger_root]
handlers=h

[handler_h]
class={klass}
args={args}
kwargs={kwargs}
{formatter_section}
"""


def ini(klass="StreamHandler", args="(sys.stdout,)", kwargs="{}", fclass=None):
    fsec = "" if fclass is None else "formatter=f\n\n[formatter_f]\nformat=%(message)s\nclass=" + fclass
    return INI_BASE.format(formatters="f" if fclass else "", klass=klass, args=args,
                           kwargs=kwargs, formatter_section=fsec)


def ini_slots(name):
    return [
        ("ini handler class=", ini(klass=name)),
        ("ini formatter class=", ini(fclass=name)),
        ("ini args=", ini(args="(%s,)" % name)),
        ("ini kwargs=", ini(kwargs="{'stream': %s}" % name)),
    ]


# Payloads of the issue, and variants, as INI texts.
INI_EXTRA = [
    ("ini Object.assign on a prototype",
     ini(klass="STYLES.constructor.assign", args="(STYLES.constructor.prototype, {'isAdmin': True})")),
    ("ini __proto__ keyword", ini(kwargs="{'__proto__': {'isAdmin': True}}")),
    ("ini constructor keyword", ini(kwargs="{'constructor': 1}")),
    ("ini int constructor", ini(args="(handlers.SYSLOG_UDP_PORT.constructor,)")),
    ("ini str constructor", ini(args="('x'.constructor,)")),
    ("ini call", ini(args="(eval('1'),)")),
]


def run_steps(steps):
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    results = []
    try:
        reset_logging()
        for step in steps:
            try:
                if "dict" in step:
                    logging.config.dictConfig(step["dict"])
                elif "ini" in step:
                    logging.config.fileConfig(io.StringIO(step["ini"]))
                elif "log" in step:
                    name, method, msg, args, extra = step["log"]
                    getattr(logging.getLogger(name), method)(msg, *args, extra=extra)
                elif "probe" in step:
                    probes = []
                    for name in step["probe"]:
                        lg = logging.getLogger(name)
                        probes.append([name, lg.level, bool(lg.propagate),
                                       sorted(h.name for h in lg.handlers)])
                    results.append(probes)
                    continue
                results.append(None)
            except Exception as e:
                results.append(error_info(e))
        for ref in logging._handlerList:
            h = ref()
            if h is not None:
                h.flush()
    finally:
        reset_logging()
        sys.stdout, sys.stderr = saved
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "results": results}


KEY_CASES = [
    {"name": "loggers, handlers, formatters and filters named __proto__, constructor, prototype",
     "steps": [
         {"dict": {
             "version": 1,
             "formatters": {"__proto__": {"format": "P %(name)s %(message)s"},
                            "constructor": {"format": "C %(name)s %(message)s"}},
             "filters": {"prototype": {"name": ""}, "__proto__": {"name": "__proto__"}},
             "handlers": {
                 "__proto__": {**STREAM, "formatter": "__proto__", "filters": ["prototype"]},
                 "constructor": {**STREAM, "formatter": "constructor", "filters": ["__proto__"]},
             },
             "loggers": {
                 "__proto__": {"handlers": ["__proto__"], "level": "DEBUG", "propagate": False},
                 "constructor": {"handlers": ["constructor"], "propagate": False},
                 "prototype": {"handlers": ["__proto__", "constructor"], "level": "INFO"},
             },
             "root": {"level": "ERROR"},
         }},
         {"log": ["__proto__", "debug", "to %s", ["proto"], None]},
         {"log": ["constructor", "warning", "to ctor", [], None]},
         {"log": ["prototype", "info", "to proto %s", ["x"], None]},
         {"log": ["__proto__.child", "error", "child", [], None]},
         {"probe": ["__proto__", "constructor", "prototype"]},
     ]},
    {"name": "extra keys __proto__, constructor, prototype are record attributes",
     "steps": [
         {"dict": {"version": 1,
                   "formatters": {"f": {"format": "%(message)s|%(__proto__)s|%(constructor)s|%(prototype)s"}},
                   "handlers": {"h": {**STREAM, "formatter": "f"}},
                   "root": {"handlers": ["h"]}}},
         {"log": ["app", "warning", "hi %s", [1], {"__proto__": {}, "constructor": 5, "prototype": "p"}]},
         # (strings and numbers: JavaScript's other values render as JavaScript's, see repr.ts)
         {"log": ["app", "warning", "hi %s", [2], {"__proto__": "x", "constructor": 7,
                                                   "prototype": "q"}]},
     ]},
    {"name": "cfg:// through a __proto__ key; factory keyword __proto__ refused",
     "steps": [
         {"dict": {"version": 1,
                   "streams": {"__proto__": "ext://sys.stdout", "constructor": {"prototype": "ext://sys.stdout"}},
                   "formatters": {"f": {"format": "%(levelname)s %(message)s"}},
                   "handlers": {"a": {"class": "logging.StreamHandler", "formatter": "f",
                                      "stream": "cfg://streams.__proto__"},
                                "b": {"class": "logging.StreamHandler", "formatter": "f",
                                      "stream": "cfg://streams.constructor[prototype]"}},
                   "root": {"handlers": ["a", "b"]}}},
         {"log": ["", "error", "twice", [], None]},
         {"dict": {"version": 1, "handlers": {"h": {"()": "logging.StreamHandler", "__proto__": 1}}}},
         {"dict": {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler",
                                                    "constructor": 1}}}},
     ]},
    {"name": "a top-level __proto__ key supplies nothing (version, incremental, handlers)",
     "steps": [
         {"dict": json.loads('{"__proto__": {"version": 1}}')},
         {"dict": json.loads('{"version": 1, "handlers": {"h": {"class": "logging.StreamHandler",'
                             ' "stream": "ext://sys.stdout"}}, "root": {"handlers": ["h"]}}')},
         {"dict": json.loads('{"version": 1, "__proto__": {"incremental": true, "root": {"level": "DEBUG"}}}')},
         {"log": ["", "warning", "still %s", ["configured"], None]},
         {"probe": [""]},
     ]},
    {"name": "ini: logger and handler named __proto__",
     "steps": [
         {"ini": """
[loggers]
keys=root,__proto__

[handlers]
keys=__proto__

[formatters]
keys=__proto__

[logger_root]
handlers=

[logger___proto__]
qualname=__proto__
handlers=__proto__
level=DEBUG
propagate=0

[handler___proto__]
class=StreamHandler
formatter=__proto__
args=(sys.stdout,)

[formatter___proto__]
format=I %(name)s %(message)s
"""},
         {"log": ["__proto__", "debug", "ini %s", ["ok"], None]},
         {"probe": ["__proto__"]},
     ]},
]

# The payloads of issue 15, verbatim.
ISSUE_CASES = [
    {"name": "issue: constructor.constructor runs code and exits",
     "steps": [{"dict": json.loads(
         '{"version":1,"formatters":{"evil":{"class":"constructor.constructor","format":"a",'
         '"datefmt":"b","style":"console.log(1); process.exit(42)"}},'
         '"handlers":{"h":{"()":"cfg://formatters.evil"}}}')}]},
    {"name": "issue: constructor.assign pollutes Object.prototype",
     "steps": [{"dict": json.loads(
         '{"version":1,"payload":{"isAdmin":true},"formatters":{"f":{"class":"constructor.assign",'
         '"format":"ext://constructor.prototype","datefmt":"cfg://payload"}}}')}]},
    {"name": "issue: an extra of __proto__ loses the record",
     "steps": [
         {"dict": {"version": 1, "handlers": {"h": {**STREAM}}, "root": {"handlers": ["h"]}}},
         {"log": ["app", "warning", "hi %s", [1], json.loads('{"__proto__":{}}')]},
     ]},
]

FORMATS = [
    ["%", "%.2147483648f", [1.5]],
    ["%", "%9223372036854775808d", [1]],
    ["%", "%.9223372036854775808d", [1]],
    ["{", "{:.2147483648f}", [1.5]],
    ["{", "{:.2147483648e}", [1.5]],
    ["{", "{:9223372036854775808d}", [1]],
    ["{", "{:.9223372036854775808f}", [1.5]],
]


def main():
    orig = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        r = orig(*args, **kwargs)
        r.created = CREATED
        r.msecs = 250.0
        r.relativeCreated = 0.0
        return r

    logging.setLogRecordFactory(factory)
    logging.Formatter.converter = time.gmtime
    names = []
    for name in HOSTILE:
        for slot, cfg in dict_slots(name):
            got = run_steps([{"dict": cfg}])
            assert got["results"][0] is not None, (slot, name, "resolves in CPython")
            names.append({"name": name, "slot": slot, "dict": cfg, "error": got["results"][0]})
        for slot, text in ini_slots(name):
            # None: CPython's eval reaches it (a builtin such as eval); refused here, stricter.
            got = run_steps([{"ini": text}])
            names.append({"name": name, "slot": slot, "ini": text, "error": got["results"][0]})
    for slot, text in INI_EXTRA:
        got = run_steps([{"ini": text}])
        names.append({"name": slot, "slot": slot, "ini": text, "error": got["results"][0]})
    keys = []
    for case in ISSUE_CASES + KEY_CASES:
        keys.append({**case, "expected": run_steps(case["steps"])})
    logging.setLogRecordFactory(orig)
    formats = []
    for style, fmt, args in FORMATS:
        try:
            fmt % tuple(args) if style == "%" else fmt.format(*args)
            raise AssertionError(fmt + " did not fail")
        except ValueError as e:
            formats.append({"style": style, "format": fmt, "args": args,
                            "error": [type(e).__name__, str(e)]})
    out = os.path.join(ROOT, "tests", "fixtures", "config_security.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "created": CREATED, "names": names,
                   "keys": keys, "formats": formats}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{out}: {len(names)} hostile names in slots, {len(keys)} key cases, "
          f"{len(formats)} formats")


if __name__ == "__main__":
    main()
