#!/usr/bin/env python3
"""Differential scenarios for the core of logging (issue 2), run by CPython.

Each scenario is a list of operations in a small JSON language (see OPS below). This script runs
every scenario against CPython's own `logging` and writes tests/fixtures/core_scenarios.json with
the operations AND what Python produced: the result of each operation (a JSON value or the
exception raised, as [type name, str(exc)]), the text written to each named in-memory stream,
to sys.stderr and to files. tests/core_scenarios_test.ts runs the same operations against
@pylog/logging and compares byte for byte.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_core_fixtures.py (CPython 3.13 runs every scenario,
including those marked "py": "3.12", which name the first version with the behaviour: filters
returning a replacement record).

Determinism: a record factory wrapper fixes created/msecs/relativeCreated/process/thread, and
Formatter.converter is time.gmtime. Tracebacks and stack_info depend on source files: scenarios
with "tb": true are compared after dropping every line that starts with two spaces (frame lines and
source lines), which keeps "Traceback (most recent call last):", "Stack (most recent call last):"
and the exception line.
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()

import copy
import io
import json
import logging
import os
import sys
import tempfile
import time
import warnings

warnings.simplefilter("ignore", DeprecationWarning)

FIXED = {"created": 1700000000.5, "msecs": 500.0, "relativeCreated": 1234.5, "process": 4242,
         "thread": 0}

_default_factory = logging.getLogRecordFactory()


def fixed_factory(*args, **kwargs):
    rv = _default_factory(*args, **kwargs)
    for k, v in FIXED.items():
        setattr(rv, k, v)
    return rv


DEFAULT_LAST_RESORT = logging.lastResort
LEVEL_TO_NAME = dict(logging._levelToName)
NAME_TO_LEVEL = dict(logging._nameToLevel)


def reset():
    root = logging.root
    for h in root.handlers[:]:
        root.removeHandler(h)
    root.filters.clear()
    root.setLevel(logging.WARNING)
    root.disabled = False
    root.propagate = True
    m = root.manager
    m.loggerDict.clear()
    m.disable = 0
    m.emittedNoHandlerWarning = False
    m.loggerClass = None
    m.logRecordFactory = None
    m._clear_cache()
    logging.setLoggerClass(logging.Logger)
    logging.setLogRecordFactory(fixed_factory)
    logging.lastResort = DEFAULT_LAST_RESORT
    DEFAULT_LAST_RESORT.setLevel(logging.WARNING)
    DEFAULT_LAST_RESORT.setFormatter(None)
    DEFAULT_LAST_RESORT.filters.clear()
    logging.raiseExceptions = True
    logging._levelToName.clear()
    logging._levelToName.update(LEVEL_TO_NAME)
    logging._nameToLevel.clear()
    logging._nameToLevel.update(NAME_TO_LEVEL)
    logging.Formatter.converter = time.gmtime
    logging.Formatter.default_time_format = "%Y-%m-%d %H:%M:%S"
    logging.Formatter.default_msec_format = "%s,%03d"


# --- helpers the JS interpreter mirrors -------------------------------------------------------

EXC_CLASSES = {"ValueError": ValueError, "KeyError": KeyError, "TypeError": TypeError,
               "IndexError": IndexError}


def make_exc(spec):
    return EXC_CLASSES[spec[0]](spec[1])


class MyLogger(logging.Logger):
    pass


class Foo:
    pass


class RecordingHandler(logging.Handler):
    """Writes "emit/flush/close <id>" lines to a capture; flush may raise."""

    def __init__(self, hid, cap, flush_raises=None):
        super().__init__()
        self.hid = hid
        self.cap = cap
        self.flush_raises = flush_raises

    def emit(self, record):
        self.cap.write("emit %s %s\n" % (self.hid, self.format(record)))

    def flush(self):
        self.cap.write("flush %s\n" % self.hid)
        if self.flush_raises:
            raise make_exc(self.flush_raises)

    def close(self):
        self.cap.write("close %s\n" % self.hid)
        super().close()


class RaisingHandler(logging.Handler):
    """A custom handler whose emit raises (custom emit errors are not caught by logging)."""

    def __init__(self, exc):
        super().__init__()
        self.exc = exc

    def emit(self, record):
        raise make_exc(self.exc)


class CustomFormatter(logging.Formatter):
    def formatException(self, ei):
        return "EXC %s %s" % (ei[0].__name__, ei[1])

    def formatStack(self, stack_info):
        return "STK " + stack_info


class HeaderBuffering(logging.BufferingFormatter):
    def formatHeader(self, records):
        return "H%d|" % len(records)

    def formatFooter(self, records):
        return "|F%d" % len(records)


class TagAdapter(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        return "[%s] %s" % (self.extra["tag"], msg), kwargs


def make_filter(spec):
    kind = spec["kind"]
    if kind == "name":
        return logging.Filter(spec["name"]) if "name" in spec else logging.Filter()
    if kind == "cmp":
        attr, cmp, value = spec["attr"], spec["cmp"], spec["value"]

        def f(record):
            v = getattr(record, attr)
            return {">=": v >= value, "<": v < value, "==": v == value, "!=": v != value}[cmp]
        return f
    if kind == "object":
        class Obj:
            def filter(self, record):
                return record.levelno >= spec["min"]
        return Obj()
    if kind == "const":
        value = spec["value"]
        return lambda record: value
    if kind == "set":
        def f(record):
            for k, v in spec["set"].items():
                setattr(record, k, v)
            return True
        return f
    if kind == "replace":
        def f(record):
            rv = logging.makeLogRecord(record.__dict__)
            for k, v in spec["set"].items():
                setattr(rv, k, v)
            return rv
        return f
    raise AssertionError(kind)


def jsonable(v):
    if isinstance(v, tuple):
        return [jsonable(x) for x in v]
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    return v


def log_via_c(logger, method, msg, args, kw):
    getattr(logger, method)(msg, *args, **kw)


def log_via_b(logger, method, msg, args, kw):
    log_via_c(logger, method, msg, args, kw)


def log_via_a(logger, method, msg, args, kw):
    log_via_b(logger, method, msg, args, kw)


class Interp:
    def __init__(self, tmpdir):
        self.caps = {}
        self.handlers = {}
        self.formatters = {}
        self.records = {}
        self.adapters = {}
        self.tmpdir = tmpdir

    def cap(self, name):
        if name not in self.caps:
            self.caps[name] = io.StringIO()
        return self.caps[name]

    def logger(self, op):
        name = op.get("logger")
        if isinstance(name, str) and name.startswith("@"):
            return self.adapters[name[1:]]
        return logging.getLogger(name)

    def target(self, op):
        if "handler" in op:
            return self.handlers[op["handler"]]
        return self.logger(op)

    def kwargs(self, op):
        kw = dict(op.get("kwargs", {}))
        return kw


def run_op(it, op):
    o = op["op"]
    if o == "formatter":
        cls = CustomFormatter if op.get("class") == "custom" else logging.Formatter
        kw = {}
        for k in ("fmt", "datefmt", "style", "validate", "defaults"):
            if k in op:
                kw[k] = op[k]
        f = cls(**kw)
        for k in ("default_time_format", "default_msec_format"):
            if k in op:
                setattr(f, k, op[k])
        it.formatters[op["id"]] = f
        return None
    if o == "handler":
        kind = op.get("kind", "stream")
        if kind == "stream":
            h = logging.StreamHandler(it.cap(op["stream"]))
        elif kind == "stderr":
            h = logging.StreamHandler()
        elif kind == "null":
            h = logging.NullHandler()
        elif kind == "recording":
            h = RecordingHandler(op["id"], it.cap(op["stream"]), op.get("flush_raises"))
        elif kind == "raising":
            h = RaisingHandler(op["exc"])
        else:
            raise AssertionError(kind)
        if "level" in op:
            h.setLevel(op["level"])
        if "formatter" in op:
            h.setFormatter(it.formatters[op["formatter"]])
        if "terminator" in op:
            h.terminator = op["terminator"]
        it.handlers[op["id"]] = h
        return None
    if o == "setFormatter":
        it.handlers[op["handler"]].setFormatter(it.formatters[op["formatter"]] if op["formatter"] else None)
        return None
    if o == "addHandler":
        it.logger(op).addHandler(it.handlers[op["handler"]])
        return None
    if o == "removeHandler":
        it.logger(op).removeHandler(it.handlers[op["handler"]])
        return None
    if o == "setLevel":
        it.target(op).setLevel(op["level"])
        return None
    if o == "set":
        setattr(it.target(op), op["attr"], op["value"])
        return None
    if o == "addFilter":
        f = make_filter(op["filter"])
        it.target(op).addFilter(f)
        return None
    if o == "setStream":
        h = it.handlers[op["handler"]]
        old = h.setStream(it.cap(op["stream"]))
        if old is None:
            return None
        return [k for k, v in it.caps.items() if v is old][0]
    if o == "handler_repr":
        return repr(it.handlers[op["handler"]])
    if o == "handler_name":
        h = it.handlers[op["handler"]]
        h.set_name(op["name"])
        return [h.get_name(), h.name]
    if o == "log":
        lg = it.logger(op)
        method = op.get("method", "warning")
        args = op.get("args", [])
        kw = it.kwargs(op)
        if method == "log":
            lg.log(op["level"], op["msg"], *args, **kw)
        else:
            getattr(lg, method)(op["msg"], *args, **kw)
        return None
    if o == "log_nested":
        kw = it.kwargs(op)
        log_via_a(it.logger(op), op.get("method", "warning"), op["msg"], op.get("args", []), kw)
        return None
    if o == "log_exc":
        lg = it.logger(op)
        method = op.get("method", "exception")
        mode = op.get("mode", "implicit")
        args = op.get("args", [])
        try:
            raise make_exc(op["exc"])
        except Exception as e:
            if mode == "implicit":
                getattr(lg, method)(op["msg"], *args)
            elif mode == "instance":
                getattr(lg, method)(op["msg"], *args, exc_info=e)
            elif mode == "tuple":
                getattr(lg, method)(op["msg"], *args, exc_info=sys.exc_info())
            else:
                raise AssertionError(mode)
        return None
    if o == "module":
        fn = getattr(logging, op["fn"])
        args = op.get("args", [])
        kw = it.kwargs(op)
        if op["fn"] == "log":
            fn(op["level"], op["msg"], *args, **kw)
        elif "exc" in op:
            try:
                raise make_exc(op["exc"])
            except Exception:
                fn(op["msg"], *args, **kw)
        else:
            fn(op["msg"], *args, **kw)
        return None
    if o == "basicConfig":
        kw = dict(op.get("kwargs", {}))
        if "stream" in kw and kw["stream"] is not None:
            kw["stream"] = it.cap(kw["stream"])
        if "handlers" in kw and kw["handlers"] is not None:
            kw["handlers"] = [it.handlers[h] for h in kw["handlers"]]
        if "filename" in kw and kw["filename"]:
            kw["filename"] = os.path.join(it.tmpdir, kw["filename"])
        logging.basicConfig(**kw)
        return None
    if o == "write_file":
        with open(os.path.join(it.tmpdir, op["name"]), "w", encoding="utf-8") as f:
            f.write(op["text"])
        return None
    if o == "read_file":
        for h in logging.root.handlers:
            h.flush()
        with open(os.path.join(it.tmpdir, op["name"]), "rb") as f:
            return f.read().hex()
    if o == "shutdown":
        logging.shutdown()
        return None
    if o == "raiseExceptions":
        logging.raiseExceptions = op["value"]
        return None
    if o == "lastResort":
        if op.get("value") == "none":
            logging.lastResort = None
        elif op.get("value") == "handler":
            logging.lastResort = it.handlers[op["handler"]]
        if "level" in op:
            logging.lastResort.setLevel(op["level"])
        return None
    if o == "addLevelName":
        logging.addLevelName(op["level"], op["name"])
        return None
    if o == "getLevelName":
        return logging.getLevelName(op["level"])
    if o == "getLevelNamesMapping":
        return [list(x) for x in logging.getLevelNamesMapping().items()]
    if o == "checkLevel":
        return logging._checkLevel(op["level"])
    if o == "disable":
        if "level" in op:
            logging.disable(op["level"])
        else:
            logging.disable()
        return None
    if o == "constants":
        return {k: getattr(logging, k) for k in
                ("CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "INFO", "DEBUG", "NOTSET")}
    if o == "query":
        return query(it, op)
    if o == "getLogger":
        lg = logging.getLogger(*([op["name"]] if "name" in op else []))
        return [lg.name, lg is logging.root, type(lg).__name__]
    if o == "getChild":
        c = it.logger(op).getChild(op["suffix"])
        return [c.name, c is logging.getLogger(c.name) if c is not logging.root else True]
    if o == "setLoggerClass":
        logging.setLoggerClass({"MyLogger": MyLogger, "Logger": logging.Logger, "Foo": Foo}[op["cls"]])
        return None
    if o == "managerSetLoggerClass":
        logging.root.manager.setLoggerClass({"MyLogger": MyLogger, "Foo": Foo}[op["cls"]])
        return None
    if o == "adapter":
        base = it.logger(op)
        cls = TagAdapter if op.get("class") == "tag" else logging.LoggerAdapter
        it.adapters[op["id"]] = cls(base, op.get("extra"))
        return None
    if o == "makeLogRecord":
        d = copy.deepcopy(op["dict"])
        if isinstance(d.get("args"), list):  # a JSON array is a Python tuple (as a pickled record's args)
            d["args"] = tuple(d["args"])
        it.records[op["id"]] = logging.makeLogRecord(d)
        return None
    if o == "LogRecord":
        a = op["a"]
        it.records[op["id"]] = logging.LogRecord(a[0], a[1], a[2], a[3], a[4], tuple(a[5]) if isinstance(a[5], list) else a[5], None, *a[6:])
        return None
    if o == "recordAttr":
        r = it.records[op["record"]]
        return jsonable(getattr(r, op["attr"]))
    if o == "getMessage":
        return it.records[op["record"]].getMessage()
    if o == "record_repr":
        return repr(it.records[op["record"]])
    if o == "format":
        return it.formatters[op["formatter"]].format(it.records[op["record"]])
    if o == "formatTime":
        args = [op["datefmt"]] if "datefmt" in op else []
        return it.formatters[op["formatter"]].formatTime(it.records[op["record"]], *args)
    if o == "formatMessage":
        r = it.records[op["record"]]
        r.message = r.getMessage()
        return it.formatters[op["formatter"]].formatMessage(r)
    if o == "usesTime":
        return it.formatters[op["formatter"]].usesTime()
    if o == "format_exc":
        f = it.formatters[op["formatter"]]
        try:
            raise make_exc(op["exc"])
        except Exception:
            r = logging.makeLogRecord({"msg": op.get("msg", "failed"), "exc_info": sys.exc_info()})
        return f.format(r)
    if o == "bufferingFormat":
        cls = HeaderBuffering if op.get("class") == "header" else logging.BufferingFormatter
        lf = it.formatters[op["linefmt"]] if op.get("linefmt") else None
        return cls(lf).format([it.records[r] for r in op["records"]])
    raise AssertionError("unknown op " + o)


def query(it, op):
    what = op["what"]
    t = it.target(op)
    if what == "getEffectiveLevel":
        return t.getEffectiveLevel()
    if what == "isEnabledFor":
        return t.isEnabledFor(op["level"])
    if what == "hasHandlers":
        return t.hasHandlers()
    if what == "repr":
        return repr(t)
    if what == "parent":
        return t.parent.name if t.parent is not None else None
    if what in ("name", "level", "propagate", "disabled"):
        return getattr(t, what)
    if what == "handlers":
        return len(t.handlers)
    if what == "handlerLevels":
        return [h.level for h in t.handlers]
    if what == "loggerDict":
        return [[k, type(v).__name__] for k, v in sorted(logging.root.manager.loggerDict.items())]
    if what == "placeholderChildren":
        ph = logging.root.manager.loggerDict[op["name"]]
        return sorted(x.name for x in ph.loggerMap)
    if what == "className":
        return type(t).__name__
    if what == "sameManager":
        return t.manager is logging.root.manager
    if what == "rootHandlerFormat":
        return [h.formatter._fmt if h.formatter else None for h in logging.root.handlers]
    if what == "rootHandlerKinds":
        return [type(h).__name__ for h in logging.root.handlers]
    raise AssertionError(what)


def run_scenario(sc):
    reset()
    before = list(logging._handlerList)
    tmpdir = tempfile.mkdtemp(prefix="pylog-core-")
    it = Interp(tmpdir)
    results = []
    old_stderr = sys.stderr
    err = io.StringIO()
    sys.stderr = err
    try:
        for op in sc["ops"]:
            try:
                results.append(jsonable(run_op(it, op)))
            except Exception as e:  # noqa: BLE001 - the error is the result
                results.append({"error": [type(e).__name__, str(e)]})
    finally:
        sys.stderr = old_stderr
    streams = {k: v.getvalue() for k, v in it.caps.items()}
    logging._handlerList[:] = before
    for h in logging.root.handlers[:]:
        logging.root.removeHandler(h)
        if isinstance(h, logging.FileHandler):
            h.close()
    return {"results": results, "streams": streams, "stderr": err.getvalue()}


def main():
    from core_scenarios import SCENARIOS  # noqa: E402 - the scenario list lives next to this file

    names = [sc["name"] for sc in SCENARIOS]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, dup
    fixtures = []
    for sc in SCENARIOS:
        expect = run_scenario(sc)
        entry = {"name": sc["name"], "item": sc["item"], "ops": sc["ops"]}
        if sc.get("tb"):
            entry["tb"] = True
        if sc.get("py"):
            entry["py"] = sc["py"]
        entry["expect"] = expect
        fixtures.append(entry)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                        "core_scenarios.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "scenarios": fixtures}, f, indent=1, allow_nan=False,
                  ensure_ascii=False)
        f.write("\n")
    counts = {}
    for sc in fixtures:
        counts[sc["item"]] = counts.get(sc["item"], 0) + 1
    print(len(fixtures), "scenarios", counts)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
