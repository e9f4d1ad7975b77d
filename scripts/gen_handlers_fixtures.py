#!/usr/bin/env python3
"""Writes tests/fixtures/handlers_http.json, handlers_memory.json and handlers_queue.json from
CPython 3.13's logging.handlers.

- handlers_http.json: what HTTPHandler actually sends (method, path with query, the headers that
  matter, body) to a real http.server on 127.0.0.1, for records with deterministic attributes.
- handlers_memory.json: MemoryHandler / BufferingHandler scenarios, the observable state after each
  operation.
- handlers_queue.json: QueueHandler.prepare results and QueueListener routing.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_handlers_fixtures.py
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()
import json
import logging
import logging.handlers
import os
import queue
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures")

BASE = {
    "name": "app.db",
    "msg": "user %s logged in from %s after %d ms",
    "args": ["alice", "10.0.0.1", 42],
    "levelname": "INFO",
    "levelno": 20,
    "pathname": "/srv/app/db.py",
    "filename": "db.py",
    "module": "db",
    "exc_info": None,
    "exc_text": None,
    "stack_info": None,
    "lineno": 42,
    "funcName": "login",
    "created": 1700000000.25,
    "msecs": 250.0,
    "relativeCreated": 1234.5,
    "thread": 140000000001,
    "threadName": "MainThread",
    "processName": "MainProcess",
    "process": 4242,
}


def rec(**over):
    d = dict(BASE)
    d.update(over)
    return d


# Each record: the JSON dict (args as a list, "args_kind" says whether Python gets a tuple or the
# dict itself); "exc" asks for exc_info from a real ValueError("boom").
RECORDS = [
    {"dict": rec()},
    {"dict": rec(msg="h\u00e9llo w\u00f6rld \u2713 & = + / ? # % ~ 'q' \"dq\"\nnext line\ttab",
                 args=[], levelname="WARNING", levelno=30)},
    {"dict": rec(msg="%(a)s %(b)d", args={"a": "x y", "b": 1}, levelname="DEBUG", levelno=10)},
    {"dict": rec(msg="no args", args=None, created=1700000001.0, msecs=0.0, relativeCreated=7.0)},
    {"dict": rec(msg="floats %s %s", args=[1.5, 1e-05], lineno=7, funcName="<module>")},
    {"dict": rec(msg="extras", args=[], user="bob", ok=True, off=False, ratio=0.5, count=3,
                 nothing=None, tags=["a", "b"], nested={"k": [1, None, True], "s": "it's"})},
    {"dict": rec(msg="with stack", args=[], stack_info="Stack (most recent call last):\n  File \"x.py\", line 1, in <module>",
                 exc_text="Traceback (most recent call last):\nValueError: cached")},
    {"dict": rec(msg="failed: %s", args=["boom"], levelname="ERROR", levelno=40), "exc": True},
]

CASES = [
    {"name": "GET", "url": "/log", "method": "GET", "credentials": None},
    {"name": "GET with a query in the url", "url": "/log?src=web&x=1", "method": "GET",
     "credentials": None},
    {"name": "POST", "url": "/ingest/v1", "method": "POST", "credentials": None},
    {"name": "POST with credentials", "url": "/ingest", "method": "POST",
     "credentials": ["user", "p\u00e4ss:w\u00f6rd"]},
    {"name": "GET with credentials", "url": "/q?", "method": "GET",
     "credentials": ["admin", "secret"]},
]

TB_ADDR = re.compile(r"%3Ctraceback\+object\+at\+0x[0-9a-f]+%3E")


def build_record(spec):
    d = dict(spec["dict"])
    if isinstance(d["args"], list):
        d["args"] = tuple(d["args"])
    if spec.get("exc"):
        try:
            raise ValueError("boom")
        except ValueError:
            d["exc_info"] = sys.exc_info()
    return logging.makeLogRecord(d)


def http_fixture():
    captured = []

    class Capture(BaseHTTPRequestHandler):
        def _capture(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n).decode("ascii") if n else None
            captured.append({
                "method": self.command,
                "path": self.path,
                "content_type": self.headers.get("Content-type"),
                "content_length": self.headers.get("Content-length"),
                "authorization": self.headers.get("Authorization"),
                "body": body,
            })
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = _capture
        do_POST = _capture

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Capture)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    host = "127.0.0.1:%d" % server.server_address[1]
    out = []
    try:
        for case in CASES:
            creds = tuple(case["credentials"]) if case["credentials"] else None
            h = logging.handlers.HTTPHandler(host, case["url"], case["method"], credentials=creds)
            requests = []
            for spec in RECORDS:
                captured.clear()
                h.handle(build_record(spec))
                req = captured[0]
                for k in ("path", "body"):
                    if req[k] is not None:
                        req[k] = TB_ADDR.sub("%3Ctraceback+object%3E", req[k])
                requests.append(req)
            out.append({**case, "requests": requests})
    finally:
        server.shutdown()
        server.server_close()
    return {"records": RECORDS, "cases": out}


class ListHandler(logging.Handler):
    def __init__(self, level=logging.NOTSET):
        super().__init__(level)
        self.got = []

    def emit(self, record):
        self.got.append(record.msg)


def memory_fixture():
    """Scenarios: ops applied to MemoryHandler(capacity, flushLevel, target, flushOnClose)."""
    scenarios = [
        {"name": "capacity", "args": [3, logging.ERROR, True, True],
         "ops": [["emit", 10, "a"], ["emit", 20, "b"], ["emit", 10, "c"], ["emit", 10, "d"],
                 ["flush"], ["close"]]},
        {"name": "flush level", "args": [10, logging.WARNING, True, True],
         "ops": [["emit", 10, "a"], ["emit", 20, "b"], ["emit", 30, "w"], ["emit", 50, "c"],
                 ["emit", 10, "tail"], ["close"]]},
        {"name": "no target keeps the buffer", "args": [2, logging.ERROR, False, True],
         "ops": [["emit", 10, "a"], ["emit", 50, "b"], ["emit", 10, "c"], ["flush"],
                 ["setTarget"], ["flush"], ["emit", 10, "d"], ["close"]]},
        {"name": "flushOnClose false", "args": [10, logging.ERROR, True, False],
         "ops": [["emit", 10, "a"], ["emit", 20, "b"], ["close"], ["setTarget"], ["flush"]]},
        {"name": "close with flushOnClose", "args": [10, logging.ERROR, True, True],
         "ops": [["emit", 10, "a"], ["close"], ["emit", 10, "after"], ["flush"]]},
        {"name": "target level filters on the target", "args": [10, logging.ERROR, "WARNING", True],
         "ops": [["emit", 10, "a"], ["emit", 30, "b"], ["emit", 40, "c"], ["close"]]},
        {"name": "capacity zero", "args": [0, logging.ERROR, True, True],
         "ops": [["emit", 10, "a"], ["emit", 10, "b"]]},
    ]
    for s in scenarios:
        cap, flush_level, tgt, foc = s["args"]
        target = ListHandler(logging.WARNING if tgt == "WARNING" else logging.NOTSET) if tgt else None
        spare = ListHandler()
        mh = logging.handlers.MemoryHandler(cap, flush_level, target, foc)
        states = []
        for op in s["ops"]:
            if op[0] == "emit":
                mh.handle(logging.makeLogRecord({"msg": op[2], "levelno": op[1],
                                                 "levelname": logging.getLevelName(op[1])}))
            elif op[0] == "flush":
                mh.flush()
            elif op[0] == "close":
                mh.close()
            elif op[0] == "setTarget":
                mh.setTarget(spare)
            states.append({
                "buffer": [r.msg for r in mh.buffer],
                "target": None if mh.target is None else ("spare" if mh.target is spare else "target"),
                "target_got": list(target.got) if target else [],
                "spare_got": list(spare.got),
            })
        s["states"] = states
    # BufferingHandler: the base class flushes by emptying the buffer.
    bh = logging.handlers.BufferingHandler(2)
    trace = []
    for m in ["a", "b", "c"]:
        bh.handle(logging.makeLogRecord({"msg": m}))
        trace.append([r.msg for r in bh.buffer])
    bh.close()
    trace.append([r.msg for r in bh.buffer])
    return {"memory": scenarios, "buffering": trace}


def queue_fixture():
    fmt = logging.Formatter("%(levelname)s:%(name)s:%(message)s")
    cases = []
    specs = [
        {"dict": {"name": "q", "msg": "x=%d y=%s", "args": [1, "two"], "levelno": 20,
                  "levelname": "INFO"}},
        {"dict": {"name": "q.sub", "msg": "%(k)s!", "args": {"k": "v"}, "levelno": 30,
                  "levelname": "WARNING", "stack_info": "Stack (most recent call last):\nS",
                  "extra_field": "kept"}},
        {"dict": {"name": "q", "msg": "plain", "args": None, "levelno": 10,
                  "levelname": "DEBUG"}},
    ]
    for spec in specs:
        for with_formatter in (False, True):
            d = dict(spec["dict"])
            if isinstance(d["args"], list):
                d["args"] = tuple(d["args"])
            r = logging.makeLogRecord(d)
            qh = logging.handlers.QueueHandler(queue.Queue())
            if with_formatter:
                qh.setFormatter(fmt)
            p = qh.prepare(r)
            cases.append({
                "input": spec["dict"],
                "formatter": with_formatter,
                "prepared": {k: getattr(p, k) for k in
                             ("name", "msg", "message", "args", "exc_info", "exc_text",
                              "stack_info", "levelno", "levelname")},
                "prepared_extra_field": getattr(p, "extra_field", None),
                "original": {"msg": r.msg, "args": list(r.args) if isinstance(r.args, tuple) else r.args,
                             "message": getattr(r, "message", None),
                             "stack_info": r.stack_info},
                "is_copy": p is not r,
            })
    # QueueListener routing with and without respect_handler_level.
    routing = []
    for respect in (False, True):
        q = queue.Queue()
        hs = [ListHandler(logging.NOTSET), ListHandler(logging.WARNING), ListHandler(logging.ERROR)]
        listener = logging.handlers.QueueListener(q, *hs, respect_handler_level=respect)
        listener.start()
        qh = logging.handlers.QueueHandler(q)
        for lvl, m in [(10, "d"), (30, "w"), (40, "e"), (50, "c")]:
            qh.handle(logging.makeLogRecord({"msg": m, "levelno": lvl,
                                             "levelname": logging.getLevelName(lvl)}))
        listener.stop()
        routing.append({"respect_handler_level": respect, "got": [list(h.got) for h in hs],
                        "unfinished_tasks": q.unfinished_tasks})
    return {"prepare": cases, "routing": routing}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in (("handlers_http", http_fixture()), ("handlers_memory", memory_fixture()),
                       ("handlers_queue", queue_fixture())):
        path = os.path.join(OUT, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"python": sys.version.split()[0], **data}, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
