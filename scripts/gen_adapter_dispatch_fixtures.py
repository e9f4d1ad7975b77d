"""LoggerAdapter dispatch in CPython 3.13: which overridable method each call goes through and
what reaches the record (tests/adapter_dispatch_test.ts). The library gives an adapter over a plain
Logger a shorter path; these are the cases where the long path's overrides must still run.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_adapter_dispatch_fixtures.py
"""

import json
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _oracle import require_313  # noqa: E402

require_313()


class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


def fresh(name, cls=logging.Logger):
    logger = cls(name)
    logger.setLevel(logging.DEBUG)
    h = Capture()
    logger.addHandler(h)
    return logger, h


def rec(r, keys=()):
    out = {
        "levelno": r.levelno,
        "message": r.getMessage(),
        "funcName": r.funcName,
        "exc": r.exc_info is not None,
        "stack": r.stack_info is not None,
    }
    for k in keys:
        out[k] = getattr(r, k, None)
    return out


cases = {}
calls = []


class LogOverride(logging.LoggerAdapter):
    def log(self, level, msg, *args, **kwargs):
        calls.append(["adapter.log", level, msg, list(args), sorted(kwargs)])
        super().log(level, msg, *args, **kwargs)


logger, h = fresh("a")
a = LogOverride(logger, {"user": "ann"})
a.info("a %s", 1)
a.warning("w %d", 2, extra={"k": 1})
a.debug("d")
a.error("e")
a.critical("c")
try:
    raise ValueError("x")
except ValueError:
    a.exception("boom")
cases["log_override"] = {"calls": calls, "records": [rec(r, ["user"]) for r in h.records]}

calls = []


class ProcessOverride(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        calls.append(["process", msg, sorted(kwargs)])
        return "[%s] %s" % (self.extra["tag"], msg), kwargs


logger, h = fresh("b")
ProcessOverride(logger, {"tag": "db"}).info("slow %s", "q", stack_info=True)
cases["process_override"] = {"calls": calls, "records": [rec(r, ["tag"]) for r in h.records]}

calls = []


class LoggingLogger(logging.Logger):
    def log(self, level, msg, *args, **kwargs):
        calls.append(["logger.log", level, msg, list(args), sorted(kwargs)])
        super().log(level, msg, *args, **kwargs)


logger, h = fresh("c", LoggingLogger)
logging.LoggerAdapter(logger, {"user": "bob"}).warning("hi %s", "there")
cases["logger_log_override"] = {"calls": calls, "records": [rec(r, ["user"]) for r in h.records]}

logger, h = fresh("d")
m = logging.LoggerAdapter(logger, {"user": "ann", "role": "a"}, merge_extra=True)
m.info("one", extra={"role": "b", "step": 1})
m.info("two")
r = logging.LoggerAdapter(logger, {"user": "ann"})
r.info("three", extra={"step": 2})
cases["extra"] = {"records": [rec(x, ["user", "role", "step"]) for x in h.records]}

logger, h = fresh("e")


def handler_func():
    logging.LoggerAdapter(logger, {}).info("x")
    logging.LoggerAdapter(logging.LoggerAdapter(logger, {}), {}).info("y")


handler_func()
cases["caller"] = {"records": [rec(x) for x in h.records]}

logger, h = fresh("f")
logger.setLevel(logging.WARNING)
q = logging.LoggerAdapter(logger, {})
q.info("dropped")
q.log(logging.WARNING, "kept %d", 3, exc_info=(ValueError, ValueError("v"), None))
cases["levels"] = {"records": [rec(x) for x in h.records]}

out = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "fixtures", "adapter_dispatch.json")
with open(out, "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
print("wrote", out)
