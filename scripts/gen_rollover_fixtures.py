"""Writes tests/fixtures/rollover.json: CPython 3.13's TimedRotatingFileHandler time arithmetic
(computeRollover, the rotated file's suffix and the next rolloverAt from a real doRollover) for
each `when`, interval, utc and atTime, at start times around DST changes, under TZ=UTC,
Europe/Berlin and America/New_York; plus getFilesToDelete results for lists of file names, and
the ValueErrors of the constructor.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_rollover_fixtures.py  (it re-runs itself once per TZ)
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()
import datetime
import json
import logging.handlers
import os
import subprocess
import sys
import tempfile
import time

ZONES = ["UTC", "Europe/Berlin", "America/New_York"]


def utc(*args):
    return int(datetime.datetime(*args, tzinfo=datetime.timezone.utc).timestamp())


# Instants (UTC) around the 2024 DST changes in Europe (Mar 31 / Oct 27, 01:00 UTC) and the US
# (Mar 10 07:00 UTC / Nov 3 06:00 UTC), ordinary days, a year end and a leap day.
TRANSITIONS = [utc(2024, 3, 31, 1), utc(2024, 10, 27, 1), utc(2024, 3, 10, 7), utc(2024, 11, 3, 6)]
OFFSETS = [-86400 + 1800, -1, 0, 1, 5 * 3600 + 7]
STARTS = sorted({t + o for t in TRANSITIONS for o in OFFSETS} | {
    utc(2024, 6, 15, 12, 34, 56),
    utc(2023, 12, 31, 23, 59, 59),
    utc(2024, 2, 29, 4, 0, 0),
    utc(2024, 1, 1, 5, 0, 0),   # New York midnight
    utc(2023, 12, 31, 23, 0, 0),  # Berlin midnight
    utc(2024, 1, 7, 23, 0, 0),  # Sunday/Monday boundary, Berlin
    utc(2024, 7, 4, 13, 45, 30),
})
AT_TIMES = [None, datetime.time(0, 0, 0), datetime.time(2, 30, 0), datetime.time(13, 45, 30)]
WHENS = ["S", "M", "H", "D", "midnight", "W0", "W1", "W2", "W3", "W4", "W5", "w6"]
# All atTimes for MIDNIGHT; two for the weekly ones (keeps the fixture file small).
WEEKLY_AT_TIMES = [None, datetime.time(2, 30, 0)]


def rollover_cases():
    real_time = time.time
    cases = []
    with tempfile.TemporaryDirectory() as d:
        base = os.path.join(d, "app.log")
        for when in WHENS:
            aligned = when.upper() == "MIDNIGHT" or when.upper().startswith("W")
            for interval in (1, 3):
                for use_utc in (False, True):
                    ats = [None] if not aligned else (
                        AT_TIMES if when.upper() == "MIDNIGHT" else WEEKLY_AT_TIMES)
                    for at in ats:
                        h = logging.handlers.TimedRotatingFileHandler(
                            base, when=when, interval=interval, utc=use_utc, atTime=at,
                            delay=True)
                        for start in STARTS:
                            first = h.computeRollover(start)
                            rolls = []
                            for late in (0, 2 * h.interval + 17):
                                now = first + late
                                open(base, "w").close()
                                h.rolloverAt = first
                                time.time = lambda: now + 0.25
                                try:
                                    h.doRollover()
                                finally:
                                    time.time = real_time
                                rotated = [n for n in os.listdir(d) if n != "app.log"]
                                assert len(rotated) == 1, rotated
                                os.remove(os.path.join(d, rotated[0]))
                                rolls.append([now, rotated[0][len("app.log."):], h.rolloverAt])
                            cases.append([when, interval, use_utc,
                                          None if at is None else [at.hour, at.minute, at.second],
                                          start, first, rolls])
                        h.close()
    return cases


def one_zone():
    print(json.dumps({"zone": os.environ["TZ"], "tzname": list(time.tzname),
                      "cases": rollover_cases()}))


def files_to_delete_cases():
    names = [
        "app.log", "app.log.2024-01-01", "app.log.2024-01-02", "app.log.2024-01-03",
        "app.log.2023-12-31", "app.log.2024-01-10", "app.log.2024-01-01.gz",
        "app.log.2024-01-01_10", "app.log.2024-01-01_10-20", "app.log.2024-01-01_10-20-30",
        "app.log.2024-01-01_10-20-30.bak", "app.log.2024-1-01", "app.log.x2024-01-01",
        "app.log.2024-01-01x", "app.log.2024-01-01\n", "app.log.2024-01-01\n\n",
        "app.log.\uff12\uff10\uff12\uff14-01-01", "app.log.2024-01-01.\u00e9",
        "app.logfoo.2024-01-04", "app.2024-01-05.log", "app.2024-01-06.log.gz",
        "app.x.2024-01-07.log", "app.2024-01-08.txt", "app.zz.log", "other.log.2024-01-01",
        "app.log.1", "app.log.2024-01-02.1", "APP.log.2024-01-09", "app.log.2024-01-01.\U0001f600",
        "app.log.2024-01-11_00-00-00", "app.log.2024-01-11_00", "app.\U0001f600.log",
        "app.\uff11.log", "app.1x.log",
    ]
    bases = ["/var/log/app/app.log", "/var/log/app/app", "app.log", "/tmp//app.log",
             "/var/log/.hidden", "/var/log/app.tar.log"]
    extra = {"/var/log/app/app": ["app.2024-01-01", "app.2024-01-02", "app.x", "apple.2024-01-03"],
             "/var/log/.hidden": [".hidden.2024-01-01", ".hidden.2024-01-02", ".hidden"],
             "/var/log/app.tar.log": ["app.tar.log.2024-01-01", "app.tar.2024-01-02.log",
                                      "app.tar.log.2024-01-03"]}
    listings = {base: names + extra.get(base, []) for base in bases}
    out = []
    real_listdir = os.listdir
    for when in ["S", "M", "H", "D", "MIDNIGHT", "W3"]:
        for base in bases:
            listing = listings[base]
            for namer in (None, lambda n: n):
                for backup in (0, 1, 2, 3, 5, 40):
                    h = logging.handlers.TimedRotatingFileHandler(
                        "/nonexistent-dir/x.log", when=when, backupCount=backup, delay=True)
                    h.baseFilename = base
                    h.namer = namer
                    os.listdir = lambda _d, listing=listing: list(listing)
                    try:
                        got = h.getFilesToDelete()
                    finally:
                        os.listdir = real_listdir
                    out.append({"when": when, "base": base, "namer": namer is not None,
                                "backupCount": backup, "result": got})
    return {"listings": listings, "cases": out}


def value_errors():
    out = []
    for when in ["W", "W7", "WX", "W10", "x", "", "HOUR", "w", "w9", "midnight2", "ss", "d"]:
        try:
            logging.handlers.TimedRotatingFileHandler("/nonexistent-dir/x.log", when=when,
                                                      delay=True)
            out.append({"when": when, "ok": True})
        except ValueError as e:
            out.append({"when": when, "error": "ValueError", "message": str(e)})
    return out


def main():
    zones = []
    for zone in ZONES:
        env = dict(os.environ, TZ=zone)
        res = subprocess.run([sys.executable, __file__, "--zone"], env=env, check=True,
                             capture_output=True, text=True)
        zones.append(json.loads(res.stdout))
    doc = {
        "generator": "scripts/gen_rollover_fixtures.py",
        "python": sys.version.split()[0],
        "caseFields": ["when", "interval", "utc", "atTime", "start", "computeRollover",
                       "rollovers: [currentTime, suffix, nextRolloverAt]"],
        "zones": zones,
        "filesToDelete": files_to_delete_cases(),
        "valueErrors": value_errors(),
    }
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "rollover.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    n = sum(len(z["cases"]) for z in zones)
    print(f"{n} rollover cases over {len(zones)} zones, {len(doc['filesToDelete']['cases'])} "
          f"getFilesToDelete cases, {len(doc['valueErrors'])} when errors -> {path}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--zone"]:
        one_zone()
    else:
        main()
