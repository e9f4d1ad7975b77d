"""Writes tests/fixtures/socket_*.json from CPython 3.13 (run from the repo root).

- socket_pickle.json: pickle.dumps(d, 1) for fixed values, and SocketHandler.makePickle for fixed
  records (the bytes our pickle writer and SocketHandler must reproduce).
- socket_syslog.json: the exact datagrams / stream bytes CPython's SysLogHandler sends for fixed
  records (captured with a UDP and a TCP socket peer on 127.0.0.1).
- socket_smtp.json: the message CPython's SMTPHandler sends for fixed records (captured with the SMTP
  peer tests/peers/smtp_peer.py), Date header excepted.

Values are tagged in JSON: {"$tuple": [...]}, {"$float": x | "inf" | "-inf" | "-0.0"},
{"$int": "digits"} (beyond 2**53), {"$dict": [[k, v], ...]} (order and key types kept).
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()

import json
import logging
import logging.handlers
import math
import os
import pickle
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures")


def tag(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v if abs(v) <= 2**53 else {"$int": str(v)}
    if isinstance(v, float):
        if math.isinf(v):
            return {"$float": "inf" if v > 0 else "-inf"}
        if v == 0 and math.copysign(1, v) < 0:
            return {"$float": "-0.0"}
        return {"$float": v}
    if isinstance(v, tuple):
        return {"$tuple": [tag(x) for x in v]}
    if isinstance(v, list):
        return [tag(x) for x in v]
    if isinstance(v, dict):
        return {"$dict": [[tag(k), tag(x)] for k, x in v.items()]}
    raise TypeError(type(v))


def fresh(v):
    """Rebuilds v so that no two strings are the same object (JavaScript has no string identity),
    except the ones CPython itself keeps as singletons ('' and one Latin-1 character)."""
    if isinstance(v, str):
        return v[:1] + v[1:] if len(v) >= 2 else v
    if isinstance(v, tuple):
        return tuple(fresh(x) for x in v)
    if isinstance(v, list):
        return [fresh(x) for x in v]
    if isinstance(v, dict):
        return {fresh(k): fresh(x) for k, x in v.items()}
    return v


def pickle_cases():
    many = {str(i): i for i in range(1001)}
    cases = {
        "one key": {"a": 1},
        "singleton strings": {"a": "", "b": "", "c": "x", "d": "x", "e": "xy", "f": "é", "g": "é"},
        "ints": [0, 1, 255, 256, 65535, 65536, -1, -256, 2**31 - 1, 2**31, -2**31, -2**31 - 1,
                 2**53, -2**53, 2**100, -2**100],
        "floats": [0.5, 1.5, 1e-05, 1e300, -2.25, float("inf"), float("-inf"), -0.0, 1700000000.123],
        "bools and None": [True, False, None],
        "tuples": [(), (1,), (1, "a", None), ((1, 2), [3]), ("localhost", 514)],
        "lists": [[], [1], [[]], list(range(1000)), list(range(1001)), list(range(2001))],
        "dict 1001": many,
        "nested": {"a": {"b": {"c": [1, {"d": None}]}}, "": {}},
        "unicode": ["é", "日本語", "😀", "a\nb\\c'\"", "\x00\x7f\x80", "\ud800", "x\udfffy"],
        "long memo": [f"s{i}" for i in range(300)] + ["", "", "z", "z"],
        "int keys": {1: "a", 2: "b"},
    }
    out = []
    for name, value in cases.items():
        v = fresh(value)
        out.append({"name": name, "value": tag(v), "hex": pickle.dumps(v, 1).hex()})
    return out


def record_cases():
    """makePickle of records built from fixed attributes (time and process fields fixed)."""
    h = logging.handlers.SocketHandler("127.0.0.1", 9)
    out = []
    specs = [
        dict(name="app.db", levelno=20, levelname="INFO", msg="user %s logged in after %d ms",
             args=("alice", 42)),
        dict(name="root", levelno=40, levelname="ERROR", msg="%(who)s failed", args=({"who": "job"},)),
        dict(name="x", levelno=30, levelname="WARNING", msg="plain", args=(), extra_field=[1, 2.5]),
    ]
    for spec in specs:
        r = logging.LogRecord(spec["name"], spec["levelno"], "/srv/app/main.py", 12, spec["msg"],
                              spec["args"], None, "handler", None)
        r.created = 1700000000.25
        r.msecs = 250.0
        r.relativeCreated = 1234.5
        r.thread = 0
        r.process = 4242
        r.taskName = None  # Python 3.12's attribute, which our records carry (after process)
        for k, v in spec.items():
            if k not in ("name", "levelno", "levelname", "msg", "args"):
                setattr(r, k, v)
        r.__dict__ = fresh(r.__dict__)
        data = h.makePickle(r)
        out.append({"dict": tag(r.__dict__), "hex": data.hex()})
    h.close()
    return out


SYSLOG_CASES = [
    {"name": "defaults", "facility": 1, "fmt": None, "records": [
        ["app", 20, "INFO", "hello %s", ["world"]],
        ["app", 10, "DEBUG", "debugging", []],
        ["app", 30, "WARNING", "careful", []],
        ["app", 40, "ERROR", "failed", []],
        ["app", 50, "CRITICAL", "down", []],
        ["app", 25, "NOTICE", "custom level maps to warning", []],
        ["app", 20, "INFO", "é 日本語 😀", []],
    ]},
    {"name": "ident, names, no NUL", "facility": "local3", "ident": "myapp: ", "append_nul": False,
     "fmt": "%(name)s[%(levelname)s] %(message)s", "records": [
        ["svc.db", 40, "ERROR", "query failed: %d rows", [0]],
        ["svc.db", 20, "INFO", "two\nlines", []],
    ]},
    {"name": "numeric facility", "facility": 23, "ident": "x ", "fmt": "%(message)s", "records": [
        ["n", 50, "CRITICAL", "local7 crit", []],
    ]},
]


def syslog_cases():
    out = []
    for case in SYSLOG_CASES:
        for kind in ("udp", "tcp"):
            srv = socket.socket(socket.AF_INET,
                                socket.SOCK_DGRAM if kind == "udp" else socket.SOCK_STREAM)
            srv.bind(("127.0.0.1", 0))
            if kind == "tcp":
                srv.listen(1)
            port = srv.getsockname()[1]
            h = logging.handlers.SysLogHandler(
                ("127.0.0.1", port), case["facility"],
                socket.SOCK_DGRAM if kind == "udp" else socket.SOCK_STREAM)
            if "ident" in case:
                h.ident = case["ident"]
            if "append_nul" in case:
                h.append_nul = case["append_nul"]
            if case["fmt"]:
                h.setFormatter(logging.Formatter(case["fmt"]))
            conn = None if kind == "udp" else srv.accept()[0]
            got = []
            for name, levelno, levelname, msg, args in case["records"]:
                h.handle(logging.makeLogRecord(
                    {"name": name, "levelno": levelno, "levelname": levelname, "msg": msg,
                     "args": tuple(args)}))
                if kind == "udp":
                    got.append(srv.recv(65536).hex())
            h.close()
            if kind == "tcp":
                data = b""
                while True:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                got = [data.hex()]
                conn.close()
            srv.close()
            out.append({**case, "kind": kind, "sent": got})
    return out


SMTP_CASES = [
    ["Subject", "hello %s", ["world"]],
    ["Ünïcode subject ✓", "body é 日本語", []],
    ["Error: ünicode in the middle, ascii after", "m", []],
    ["Long", "x" * 100 + " " + "y" * 20, []],
    ["Long lines", "\n".join(("line %d " % i) + "z" * 90 for i in range(12)), []],
    ["Long non-ASCII", "é" * 60 + "\n" + "日本語" * 20, []],
    ["Trailing space", "a" * 76 + " \nb" * 3 + "=c" * 50 + "\t", []],
    ["Dots", ".starts with a dot\n..two\nend.", []],
    ["A very long subject line that goes on and on and on past seventy-eight characters for sure",
     "m", []],
]


def smtp_cases():
    peer = subprocess.Popen([sys.executable, "-W", "ignore",
                             os.path.join(ROOT, "tests", "peers", "smtp_peer.py"),
                             "--auth", "bob:s3cret"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = int(peer.stdout.readline().split()[1])
    out = []
    for subject, msg, args in SMTP_CASES:
        for creds in (None, ("bob", "s3cret")):
            if creds is None and subject != "Subject":
                continue
            h = logging.handlers.SMTPHandler(("127.0.0.1", port), "from@example.com",
                                             ["a@example.com", "b@example.com"], subject,
                                             credentials=creds)
            h.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
            h.handle(logging.makeLogRecord({"msg": msg, "args": tuple(args), "levelname": "ERROR",
                                            "levelno": 40, "name": "mail"}))
            got = json.loads(peer.stdout.readline()) if creds else None
            if got:
                got["data"] = "".join(l for l in got["data"].splitlines(True)
                                      if not l.startswith("Date: "))
                out.append({"subject": subject, "msg": msg, "args": args, "received": got})
    peer.stdin.close()
    peer.wait()
    return out


def main():
    with open(os.path.join(OUT, "socket_syslog.json"), "w") as f:
        H = logging.handlers.SysLogHandler
        json.dump({"python": sys.version.split()[0], "cases": syslog_cases(),
                   "priority_names": H.priority_names, "facility_names": H.facility_names,
                   "priority_map": H.priority_map,
                   "LOG": {k: v for k, v in vars(H).items() if k.startswith("LOG_")},
                   "encode": [[f, p, H(("127.0.0.1", 9)).encodePriority(f, p)]
                              for f in ("user", "local7", 0, 23, "kern", "auth")
                              for p in ("debug", "emerg", "warn", 3)]}, f, indent=1,
                  ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(OUT, "socket_smtp.json"), "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": smtp_cases()}, f, indent=1,
                  ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(OUT, "socket_pickle.json"), "w") as f:
        json.dump({"python": sys.version.split()[0], "values": pickle_cases(),
                   "records": record_cases()}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
