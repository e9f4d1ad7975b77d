"""Writes tests/fixtures/py313_api.json: what CPython 3.13 does with the API that 3.12 and 3.13
added to logging, and with a configuration that replaces handlers.

Each case is a list of steps in a small language that tests/py313_api_test.ts replays against
@pylog/logging; the fixture records each step's result (a JSON value, or an error as
[type, str(e), type of __cause__, str(__cause__)]), and what was written to stdout and stderr.

Steps:
  {"dict": config}                 logging.config.dictConfig(config)
  {"ini": text}                    logging.config.fileConfig(io.StringIO(text))
  {"log": [logger, method, msg, extra?]}
  {"adapter": [logger, extra, merge_extra], "calls": [[method, msg, extra?], ...]}
  {"names": true}                  sorted(logging.getHandlerNames())
  {"byName": name}                 [class name, level] of getHandlerByName(name), or None
  {"close": name}                  getHandlerByName(name).close()
  {"nullHandler": tag, "name": n}  a NullHandler kept under tag gets the name n (created once)
  {"getLogger": name}
  {"children": name}               sorted names of getLogger(name).getChildren()
  {"queue": name}                  what dictConfig built for a QueueHandler entry
  {"listener": name, "call": "start" | "stop"}
  {"memory": name}                 a MemoryHandler's capacity, flushLevel, target name, flushOnClose
  {"shutdown": [names]}            logging.shutdown([weakref.ref(getHandlerByName(n)) ...])
  {"events": true}                 the pylog_test.Recorder events since the last such step

pylog_test.Recorder(tag) is a Handler that records "emit <tag> <message>", "flush <tag>" and
"close <tag>" (the test registers the same class under the same dotted name).

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_py313_api_fixtures.py
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()

import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import logging.config  # noqa: E402
import logging.handlers  # noqa: E402
from _pylogging import error_info, reset_logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import types  # noqa: E402
import weakref  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                   "py313_api.json")

EVENTS = []


class Recorder(logging.Handler):
    def __init__(self, tag):
        super().__init__()
        self.tag = tag

    def emit(self, record):
        EVENTS.append("emit %s %s" % (self.tag, record.getMessage()))

    def flush(self):
        EVENTS.append("flush %s" % self.tag)

    def close(self):
        EVENTS.append("close %s" % self.tag)
        super().close()


sys.modules["pylog_test"] = types.SimpleNamespace(Recorder=Recorder)

OUT_FMT = {"format": "%(levelname)s %(name)s %(message)s"}


def stdout_handler(**kw):
    d = {"class": "logging.StreamHandler", "formatter": "f", "stream": "ext://sys.stdout"}
    d.update(kw)
    return d


def cfg(handlers=None, root=None, loggers=None, formatters=None, **kw):
    d = {"version": 1, "formatters": formatters or {"f": OUT_FMT}}
    if handlers is not None:
        d["handlers"] = handlers
    if root is not None:
        d["root"] = root
    if loggers is not None:
        d["loggers"] = loggers
    d.update(kw)
    return d


def rec(tag):
    return {"()": "pylog_test.Recorder", "tag": tag}


def queue_case(name, qh, extra_handlers=None, steps=()):
    handlers = {"out": stdout_handler(level="WARNING"), "q": qh}
    handlers.update(extra_handlers or {})
    return {"name": name, "steps": [
        {"dict": cfg(handlers=handlers, root={"level": "DEBUG", "handlers": ["q"]})},
        *steps]}


QH = "logging.handlers.QueueHandler"

CASES = [
    # --- getHandlerByName / getHandlerNames ----------------------------------------------------
    {"name": "handler names from dictConfig, close, set_name", "steps": [
        {"names": True},
        {"dict": cfg(handlers={"b": stdout_handler(), "a": {"class": "logging.NullHandler",
                                                             "level": "ERROR"}},
                     root={"handlers": ["a", "b"]})},
        {"names": True}, {"byName": "a"}, {"byName": "b"}, {"byName": "zzz"},
        {"close": "b"}, {"names": True}, {"byName": "b"},
        {"nullHandler": "n", "name": "x"}, {"names": True},
        {"nullHandler": "n", "name": "y"}, {"names": True}, {"byName": "x"},
        {"nullHandler": "n", "name": None}, {"names": True},
        {"dict": cfg(handlers={"c": stdout_handler()})}, {"names": True}, {"byName": "a"}]},
    # (CPython's registry holds handlers weakly: an unused handler vanishes from it at once, so
    # every handler here is attached to a logger; this library's registry holds them strongly.)
    {"name": "handler names from fileConfig", "steps": [
        {"ini": "[loggers]\nkeys=root\n[handlers]\nkeys=one,two\n[formatters]\nkeys=\n"
                "[logger_root]\nhandlers=one,two\n[handler_one]\nclass=NullHandler\n"
                "[handler_two]\nclass=StreamHandler\nargs=(sys.stdout,)\n"},
        {"names": True}, {"byName": "two"}]},
    # --- Logger.getChildren -----------------------------------------------------------------------
    {"name": "getChildren skips placeholders and deeper descendants", "steps": [
        {"getLogger": "p313"}, {"getLogger": "p313.b"}, {"getLogger": "p313.c.d"},
        {"getLogger": "p313.b.e"}, {"getLogger": "p313x"},
        {"children": "p313"}, {"children": "p313.b"}, {"children": "p313.b.e"},
        {"children": ""}, {"getLogger": "p313.c"}, {"children": "p313"}, {"children": "p313.c"}]},
    # --- LoggerAdapter(merge_extra) ---------------------------------------------------------------
    {"name": "LoggerAdapter merge_extra", "steps": [
        {"dict": cfg(formatters={"f": {"format": "%(a)s|%(b)s|%(message)s"}},
                     handlers={"o": stdout_handler()}, root={"level": "DEBUG", "handlers": ["o"]})},
        {"adapter": ["ad", {"a": "A", "b": "B"}, False],
         "calls": [["info", "no call extra"], ["info", "call extra replaced", {"b": "call"}]]},
        {"adapter": ["ad", {"a": "A", "b": "B"}, True],
         "calls": [["info", "no call extra"], ["warning", "call extra wins", {"b": "call"}],
                   ["error", "both", {"a": "x", "b": "y"}]]}]},
    {"name": "LoggerAdapter merge_extra: a field only the call has", "steps": [
        {"dict": cfg(formatters={"f": {"format": "%(a)s %(req)s %(message)s"}},
                     handlers={"o": stdout_handler()}, root={"level": "DEBUG", "handlers": ["o"]})},
        {"adapter": ["ad", {"a": 1}, True], "calls": [["info", "served", {"req": "r-7"}]]}]},
    # --- dictConfig: formatter defaults -----------------------------------------------------------
    {"name": "dictConfig formatter defaults", "steps": [
        {"dict": cfg(formatters={"f": {"format": "%(region)s %(message)s",
                                       "defaults": {"region": "eu"}},
                                 "g": {"format": "{region} {message}", "style": "{",
                                       "defaults": {"region": "ap"}},
                                 "n": {"format": "%(message)s", "defaults": None}},
                     handlers={"o": stdout_handler(), "p": stdout_handler(formatter="g"),
                               "q": stdout_handler(formatter="n")},
                     root={"level": "INFO", "handlers": ["o", "p", "q"]})},
        {"log": ["x", "info", "default region"]},
        {"log": ["x", "info", "own region", {"region": "us"}]}]},
    # --- dictConfig: MemoryHandler flushLevel by name --------------------------------------------
    {"name": "MemoryHandler flushLevel as a level name", "steps": [
        {"dict": cfg(handlers={"out": stdout_handler(),
                               "mem": {"class": "logging.handlers.MemoryHandler", "capacity": 10,
                                       "flushLevel": "ERROR", "target": "out"}},
                     root={"level": "DEBUG", "handlers": ["mem"]})},
        {"memory": "mem"}, {"log": ["m", "warning", "buffered"]}, {"log": ["m", "error", "flushes"]}]},
    {"name": "MemoryHandler flushLevel unknown", "steps": [
        {"dict": cfg(handlers={"mem": {"class": "logging.handlers.MemoryHandler", "capacity": 10,
                                       "flushLevel": "LOUD"}})}]},
    # --- shutdown skips flush() when flushOnClose is false --------------------------------------
    {"name": "shutdown and flushOnClose", "steps": [
        {"dict": cfg(handlers={"out": stdout_handler(),
                               "keep": {"class": "logging.handlers.MemoryHandler", "capacity": 10,
                                        "target": "out", "flushOnClose": False},
                               "send": {"class": "logging.handlers.MemoryHandler", "capacity": 10,
                                        "target": "out"}},
                     loggers={"k": {"handlers": ["keep"]}, "s": {"handlers": ["send"]}},
                     root={"level": "DEBUG"})},
        {"log": ["k", "warning", "kept back"]}, {"log": ["s", "warning", "sent on close"]},
        {"shutdown": ["keep", "send"]}, {"names": True}]},
    # --- dictConfig: queue handlers ---------------------------------------------------------------
    queue_case("queue handler with handlers (listener not started)",
               {"class": QH, "handlers": ["out"]},
               steps=[{"queue": "q"}, {"log": ["a", "warning", "before start"]},
                      {"listener": "q", "call": "start"}, {"log": ["a", "info", "below out"]},
                      {"log": ["a", "error", "through the listener"]},
                      {"listener": "q", "call": "stop"}, {"listener": "q", "call": "stop"},
                      {"queue": "q"}]),
    queue_case("queue handler respect_handler_level",
               {"class": QH, "handlers": ["out", "all"], "respect_handler_level": True},
               {"all": stdout_handler(level="DEBUG", formatter="f")},
               steps=[{"queue": "q"}, {"listener": "q", "call": "start"},
                      {"log": ["a", "info", "only all"]}, {"log": ["a", "error", "both"]},
                      {"listener": "q", "call": "stop"}]),
    queue_case("queue handler queue by dotted name", {"class": QH, "queue": "queue.Queue"},
               steps=[{"queue": "q"}]),
    queue_case("queue handler queue factory dict",
               {"class": QH, "queue": {"()": "queue.Queue", "maxsize": 7}, "handlers": ["out"]},
               steps=[{"queue": "q"}]),
    queue_case("queue handler listener by dotted name",
               {"class": QH, "listener": "logging.handlers.QueueListener", "handlers": ["out"]},
               steps=[{"queue": "q"}]),
    queue_case("queue handler without handlers", {"class": QH}, steps=[{"queue": "q"}]),
    queue_case("queue handler handlers given as a later-sorted handler (deferred)",
               {"class": QH, "handlers": ["zz"]}, {"zz": stdout_handler()},
               steps=[{"queue": "q"}]),
    queue_case("bad queue: a number", {"class": QH, "queue": 5}),
    queue_case("bad queue: a list", {"class": QH, "queue": []}),
    queue_case("bad queue: a dict without ()", {"class": QH, "queue": {"maxsize": 3}}),
    queue_case("bad queue: a name that is not callable", {"class": QH, "queue": "sys.stdout"}),
    queue_case("bad queue: a name that does not resolve", {"class": QH, "queue": "nope.Queue"}),
    queue_case("bad listener: a number", {"class": QH, "listener": 5}),
    queue_case("bad listener: a dict without ()", {"class": QH, "listener": {"x": 1}}),
    queue_case("bad listener: a class that is not a QueueListener",
               {"class": QH, "listener": "logging.StreamHandler"}),
    queue_case("bad listener: a name that is not callable",
               {"class": QH, "listener": "sys.stdout"}),
    queue_case("bad handlers: an unknown handler", {"class": QH, "handlers": ["nope"]}),
    # --- a configuration replacing handlers ---------------------------------------------------
    {"name": "replaced handlers are flushed and closed once, newest first", "steps": [
        {"dict": cfg(handlers={"h1": rec("old-1"), "h3": rec("old-3"), "h2": rec("old-2")},
                     root={"level": "INFO", "handlers": ["h1", "h2", "h3"]})},
        {"log": ["", "warning", "one"]}, {"events": True},
        {"dict": cfg(handlers={"n": rec("new")}, root={"level": "INFO", "handlers": ["n"]})},
        {"events": True}, {"log": ["", "warning", "two"]}, {"events": True},
        {"ini": "[loggers]\nkeys=root\n[handlers]\nkeys=i\n[formatters]\nkeys=\n"
                "[logger_root]\nlevel=INFO\nhandlers=i\n"
                "[handler_i]\nclass=pylog_test.Recorder\nargs=('ini',)\n"},
        {"events": True}, {"log": ["", "warning", "three"]}, {"events": True}]},
    {"name": "old handlers close in reverse creation order (sorted ids), not listing order", "steps": [
        {"dict": cfg(handlers={"h": rec("kept"), "g": rec("gone")},
                     root={"level": "INFO", "handlers": ["h", "g"]})},
        {"dict": cfg(handlers={"n": rec("new")}, root={"level": "INFO", "handlers": ["n"]})},
        {"events": True}]},
]


def reset():
    reset_logging()
    EVENTS.clear()


def queue_probe(h):
    lis = h.listener
    q = h.queue
    return [type(h).__name__,
            None if lis is None else type(lis).__name__,
            None if lis is None else [x.name for x in lis.handlers],
            None if lis is None else bool(lis.respect_handler_level),
            None if lis is None else lis._thread is not None,
            None if lis is None else lis.queue is q,
            type(q).__name__, getattr(q, "maxsize", None)]


def run_step(step, state):
    if "dict" in step:
        logging.config.dictConfig(step["dict"])
    elif "ini" in step:
        logging.config.fileConfig(io.StringIO(step["ini"]))
    elif "log" in step:
        name, method, msg, *extra = step["log"]
        kw = {"extra": extra[0]} if extra else {}
        getattr(logging.getLogger(name), method)(msg, **kw)
    elif "adapter" in step:
        name, extra, merge = step["adapter"]
        ad = logging.LoggerAdapter(logging.getLogger(name), extra, merge)
        for method, msg, *cx in step["calls"]:
            kw = {"extra": cx[0]} if cx else {}
            getattr(ad, method)(msg, **kw)
    elif "names" in step:
        names = logging.getHandlerNames()
        assert isinstance(names, frozenset)
        return sorted(names)
    elif "byName" in step:
        h = logging.getHandlerByName(step["byName"])
        return None if h is None else [type(h).__name__, h.level]
    elif "close" in step:
        logging.getHandlerByName(step["close"]).close()
    elif "nullHandler" in step:
        h = state.setdefault(step["nullHandler"], logging.NullHandler())
        h.name = step["name"]
    elif "getLogger" in step:
        logging.getLogger(step["getLogger"])
    elif "children" in step:
        children = logging.getLogger(step["children"]).getChildren()
        assert isinstance(children, set)
        return sorted(c.name for c in children)
    elif "queue" in step:
        return queue_probe(logging.getHandlerByName(step["queue"]))
    elif "listener" in step:
        getattr(logging.getHandlerByName(step["listener"]).listener, step["call"])()
    elif "memory" in step:
        h = logging.getHandlerByName(step["memory"])
        return [type(h).__name__, h.capacity, h.flushLevel,
                None if h.target is None else h.target.name, h.flushOnClose]
    elif "shutdown" in step:
        logging.shutdown([weakref.ref(logging.getHandlerByName(n)) for n in step["shutdown"]])
    elif "events" in step:
        out = list(EVENTS)
        EVENTS.clear()
        return out
    else:
        raise ValueError(step)
    return None


def run_case(case):
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    results = []
    state = {}
    try:
        reset()
        for step in case["steps"]:
            try:
                results.append(run_step(step, state))
            except Exception as e:  # noqa: BLE001 - the fixture records it
                results.append(error_info(e))
    finally:
        for h in logging.root.handlers:
            h.flush()
        reset()
        sys.stdout, sys.stderr = saved
    return {"results": results, "stdout": out.getvalue(), "stderr": err.getvalue()}


def main():
    cases = []
    for case in CASES:
        c = dict(case)
        c["expected"] = run_case(case)
        cases.append(c)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f, indent=1,
                  ensure_ascii=False)
        f.write("\n")
    print(len(cases), "cases ->", os.path.relpath(OUT))


if __name__ == "__main__":
    main()
