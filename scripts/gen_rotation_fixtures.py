"""Writes tests/fixtures/rotation.json: what CPython 3.13's RotatingFileHandler and
TimedRotatingFileHandler leave on disk for fixed sequences of records.

Each scenario runs in a fresh temporary directory; records are built with logging.makeLogRecord
and passed to handler.handle(); for the timed handler, time.time is patched with a fake clock and
the log file's modification time is set to the start time before the handler is created. The
result is the directory's {file name: content} (contents as latin-1 strings, i.e. one character
per byte) after the handler is closed.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_rotation_fixtures.py
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()

import datetime
import json
import logging
import logging.handlers
import os
import sys
import tempfile
import time


OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "rotation.json")


def namer_for(name):
    if name is None:
        return None
    if name == "gz":
        return lambda n: n + ".gz"
    if name == "before_ext":
        # app.log.1 -> app.1.log ; app.log.2024-01-01 -> app.2024-01-01.log
        def before_ext(n):
            d, b = os.path.split(n)
            parts = b.split(".")
            # parts: ["app", "log", suffix...]
            return os.path.join(d, ".".join([parts[0]] + parts[2:] + [parts[1]]))
        return before_ext
    raise ValueError(name)


def rotator_for(name):
    if name is None:
        return None
    if name == "upper":
        def upper(source, dest):
            with open(source, "rb") as f:
                data = f.read()
            with open(dest, "wb") as f:
                f.write(data.upper())
            os.remove(source)
        return upper
    raise ValueError(name)


def snapshot(d):
    out = {}
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            out[name] = f.read().decode("latin-1")
    return out


def record(msg):
    return logging.makeLogRecord({"msg": msg, "levelno": 20, "levelname": "INFO", "name": "fx"})


def messages(n, seed=0, extra=""):
    out = []
    for i in range(n):
        out.append("record %d %s%s" % (i, "x" * ((i * 7 + seed) % 23), extra if i % 3 == 0 else ""))
    return out


ROTATING = [
    {"name": "basic", "maxBytes": 100, "backupCount": 3, "messages": messages(30)},
    {"name": "backup0", "maxBytes": 60, "backupCount": 0, "messages": messages(12)},
    {"name": "maxbytes0", "maxBytes": 0, "backupCount": 3, "messages": messages(20)},
    {"name": "record_larger_than_max", "maxBytes": 20, "backupCount": 2,
     "messages": ["short", "a much longer record than twenty bytes", "tiny",
                  "another record longer than the limit", "x", "y"]},
    {"name": "exact_boundary", "maxBytes": 12, "backupCount": 4,
     "messages": ["abcde", "abcde", "abcdefghij", "abcdefghijk", "a", "ab", "abc"]},
    {"name": "non_ascii_counts_chars", "maxBytes": 40, "backupCount": 3,
     "messages": messages(15, 3, " é€😀")},
    {"name": "latin1", "maxBytes": 50, "backupCount": 2, "encoding": "latin-1",
     "messages": messages(12, 1, " éà")},
    {"name": "utf16", "maxBytes": 80, "backupCount": 2, "encoding": "utf-16",
     "messages": messages(8, 2)},
    {"name": "mode_w_forced_append", "mode": "w", "maxBytes": 60, "backupCount": 2,
     "preexisting": {"app.log": "old line\n"}, "messages": messages(6)},
    {"name": "mode_w_no_max", "mode": "w", "maxBytes": 0, "backupCount": 2,
     "preexisting": {"app.log": "old line\n"}, "messages": messages(3)},
    {"name": "preexisting_backups", "maxBytes": 50, "backupCount": 2,
     "preexisting": {"app.log": "existing content 123\n", "app.log.1": "one\n",
                     "app.log.2": "two\n", "app.log.3": "three\n"},
     "messages": messages(6)},
    {"name": "delay", "maxBytes": 50, "backupCount": 2, "delay": True, "messages": messages(8)},
    {"name": "namer_gz", "maxBytes": 50, "backupCount": 3, "namer": "gz", "messages": messages(16)},
    {"name": "namer_before_ext", "maxBytes": 50, "backupCount": 3, "namer": "before_ext",
     "messages": messages(16)},
    {"name": "rotator_upper", "maxBytes": 50, "backupCount": 2, "rotator": "upper",
     "messages": messages(12)},
    # gh-116263 (3.13): an empty file never rolls over, however long the record.
    {"name": "empty_file_never_rolls", "maxBytes": 10, "backupCount": 2,
     "messages": ["a record longer than ten bytes", "x", "another long record here", "y"]},
    {"name": "empty_preexisting_file", "maxBytes": 8, "backupCount": 2,
     "preexisting": {"app.log": ""}, "messages": ["longer than eight", "z"]},
    {"name": "levelname_format", "maxBytes": 70, "backupCount": 2,
     "format": "%(levelname)s:%(name)s:%(message)s", "messages": messages(10)},
]


def run_rotating(sc):
    with tempfile.TemporaryDirectory() as d:
        for name, content in sc.get("preexisting", {}).items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(content.encode("latin-1"))
        path = os.path.join(d, "app.log")
        h = logging.handlers.RotatingFileHandler(
            path, mode=sc.get("mode", "a"), maxBytes=sc["maxBytes"],
            backupCount=sc["backupCount"], encoding=sc.get("encoding"),
            delay=sc.get("delay", False))
        h.namer = namer_for(sc.get("namer"))
        h.rotator = rotator_for(sc.get("rotator"))
        h.setFormatter(logging.Formatter(sc.get("format", "%(message)s")))
        for m in sc["messages"]:
            h.handle(record(m))
        h.close()
        return snapshot(d)


def ts(tz, *args):
    os.environ["TZ"] = tz
    time.tzset()
    return time.mktime(datetime.datetime(*args).timetuple())


NY = "America/New_York"


def timed(name, when, start, step, count, tz=NY, **kw):
    return {"name": name, "when": when, "tz": tz, "start": start,
            "times": [start + step * (i + 1) for i in range(count)], **kw}


def build_timed():
    out = []
    spring = ts(NY, 2024, 3, 6, 21, 17, 5)  # DST starts 2024-03-10 02:00 in New York
    fall = ts(NY, 2024, 10, 30, 20, 40, 0)  # DST ends 2024-11-03 02:00
    out.append(timed("S", "S", spring + 0.25, 0.6, 14, backupCount=3))
    out.append(timed("S_interval5", "s", spring, 2.2, 14, interval=5, backupCount=2))
    out.append(timed("M", "M", spring, 25, 12, backupCount=2))
    out.append(timed("H_interval2", "H", spring, 40 * 60, 12, interval=2, backupCount=3))
    out.append(timed("H_utc", "h", spring, 50 * 60, 8, utc=True))
    out.append(timed("D", "D", spring, 7 * 3600, 14, backupCount=3))
    out.append(timed("MIDNIGHT_spring", "midnight", spring, 5 * 3600, 24, backupCount=3))
    out.append(timed("MIDNIGHT_fall", "MIDNIGHT", fall, 5 * 3600, 24, backupCount=3))
    out.append(timed("MIDNIGHT_utc", "midnight", spring, 5 * 3600, 14, utc=True))
    out.append(timed("MIDNIGHT_atTime", "midnight", spring, 5 * 3600, 14, backupCount=2,
                     atTime=[2, 30, 0]))
    out.append(timed("MIDNIGHT_interval2", "midnight", fall, 7 * 3600, 20, interval=2))
    for day in range(7):
        out.append(timed("W%d" % day, "W%d" % day, spring, 20 * 3600, 30, backupCount=2))
    out.append(timed("W3_fall_atTime", "w3", fall, 20 * 3600, 30, atTime=[23, 0, 0]))
    out.append(timed("W6_utc", "W6", spring, 20 * 3600, 24, utc=True, backupCount=1))
    out.append(timed("D_utc_zone", "D", spring, 9 * 3600, 8, tz="UTC", backupCount=2))
    out.append(timed("H_delay_nofile", "H", spring, 40 * 60, 8, delay=True, nofile=True,
                     backupCount=2))
    out.append(timed("D_namer_before_ext", "D", spring, 9 * 3600, 12, namer="before_ext",
                     backupCount=2))
    out.append(timed("D_namer_gz", "D", spring, 9 * 3600, 12, namer="gz", backupCount=2))
    return out


def run_timed(sc):
    os.environ["TZ"] = sc["tz"]
    time.tzset()
    now = [sc["start"]]
    real_time = time.time
    time.time = lambda: now[0]
    try:
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "app.log")
            if not sc.get("nofile"):
                open(path, "wb").close()
                os.utime(path, (int(sc["start"]), int(sc["start"])))
            at = sc.get("atTime")
            h = logging.handlers.TimedRotatingFileHandler(
                path, when=sc["when"], interval=sc.get("interval", 1),
                backupCount=sc.get("backupCount", 0), delay=sc.get("delay", False),
                utc=sc.get("utc", False), atTime=datetime.time(*at) if at else None)
            h.namer = namer_for(sc.get("namer"))
            h.setFormatter(logging.Formatter("%(message)s"))
            rollover_ats = [h.rolloverAt]
            for i, t in enumerate(sc["times"]):
                now[0] = t
                h.handle(record("step %d at %r" % (i, t)))
                rollover_ats.append(h.rolloverAt)
            h.close()
            return {"files": snapshot(d), "rolloverAt": rollover_ats}
    finally:
        time.time = real_time


def main():
    rotating = []
    for sc in ROTATING:
        rotating.append({**sc, "files": run_rotating(sc)})
    timed_out = []
    for sc in build_timed():
        timed_out.append({**sc, **run_timed(sc)})
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "rotating": rotating, "timed": timed_out},
                  f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
