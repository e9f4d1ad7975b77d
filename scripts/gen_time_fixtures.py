#!/usr/bin/env python3
"""Writes tests/fixtures/time.json: CPython 3.13's time.localtime / time.gmtime / time.strftime
results (glibc, C locale) for formatters/time.ts and formatters/strftime.ts, and
tests/fixtures/time_traceback.json: CPython's traceback text (print_exception, print_stack as logging
uses them) for exception specs whose frames the JavaScript test turns into stack strings, for
formatters/traceback.ts.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_time_fixtures.py
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()
import calendar
import json
import os
import time

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
         "Europe/Dublin", "America/Sao_Paulo", "Asia/Kathmandu"]

# Every directive glibc knows, joined so one string per (zone, time) covers them all.
MAIN = "|".join("%" + c for c in "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%")

# Flags, widths, modifiers and unknown directives (checked on fewer times).
FLAGS = [
    "%f", "%q", "%E", "%O", "%", " %", "%5", "%-", "%_", "%+5Y", "%N", "%L", "%+", "%v", "%i",
    "%-d", "%_d", "%0e", "%-e", "%^a", "%^A", "%#a", "%#A", "%^b", "%#B", "%^#b", "%#^b", "%^p",
    "%#p", "%#P", "%^P", "%#Z", "%^Z", "%^c", "%#c", "%^r", "%^x", "%10Y", "%02Y", "%-5d",
    "%5d", "%05e", "%_5d", "%0-5d", "%-_5d", "%_-5d", "%-j", "%_j", "%3a", "%010a", "%_10a",
    "%-10A", "%3s", "%12s", "%012s", "%_12s", "%-12s", "%5z", "%_z", "%-z", "%:z", "%::z",
    "%010z", "%_10z", "%-10z", "%_5Z", "%010Z", "%10c", "%30c", "%_30c", "%010D", "%10F",
    "%_10T", "%-10R", "%5%", "%-%", "%_5%", "%05%", "%E%", "%10q", "%010q", "%^10Eq", "%E5d",
    "%5Ed", "%Ey", "%EY", "%Ec", "%EC", "%Ex", "%EX", "%Od", "%OH", "%Oy", "%Oe", "%OS", "%Ou",
    "%Eu", "%OU", "%Ow", "%OV", "%Og", "%OG", "%Ez", "%Oz", "%EZ", "%On", "%Et", "%ER", "%OT",
    "%Es", "%Os", "%Ep", "%OP", "%Oj", "%Ek", "%Ol", "%OI", "%EI", "%Ob", "%OB", "%Oh", "%Eb",
    "%EB", "%Ea", "%OA", "%OC", "%Oc", "%Ox", "%OX", "%OY", "%ED", "%OF", "%E%", "%O%",
    "%_3C", "%03y", "%-y", "%_y", "%4g", "%-G", "%_6G", "%-V", "%_U", "%-W", "%3u", "%_3w",
    "%-H", "%_H", "%-I", "%_I", "%-k", "%0k", "%0l", "%-l", "%-M", "%_S", "%5n", "%3t",
    "%5p", "%-5P", "%05b", "%_7B", "%^10B", "é%Y✓\U0001F600", "%%Y", "%%%Y", "100%", "%Y%",
    "",
]

# CPython's output buffer limit (1024, 2048, ... up to 256 * len(format) characters).
WIDE = ["%1023Y", "%1024Y", "%2000Y", "%4000Y", "%1000Y%1000Y", "%1500Y%1500Y", "%99999999999Y",
        "%2147483648Y", "%5000z"]


def transitions_2023():
    """The 2023 UTC-offset changes of the current zone, to the second."""
    out = []
    start = calendar.timegm((2023, 1, 1, 0, 0, 0))
    prev = time.localtime(start).tm_gmtoff
    t = start
    while t < start + 366 * 86400:
        nt = t + 3600
        off = time.localtime(nt).tm_gmtoff
        if off != prev:
            lo, hi = t, nt
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if time.localtime(mid).tm_gmtoff == prev:
                    lo = mid
                else:
                    hi = mid
            out.append(hi)
            prev = off
        t = nt
    return out


def instants():
    ts = [0, 0.5, 0.999, -0.5, -1, -1.5, -86400, 1, 59, 60, 3599, 3600, 86399, 86400,
          1700000000, 1700000000.5, 1690000000, 1681000000, 951782400, 951868800,  # 2000-02-29/03-01
          1709164800, 1709251200, -2203891200, -2208988800, -2208988801,  # 1900
          4102444800, 13574563200, 253402300799, -62135596800, -62135596801,  # 2100, 2400, 9999, year 1
          -5364662400, -30610224000, -50000000000,  # 1800, 1000, 385
          2147483647, 2147483648, -2147483648, -2147483649]
    for year in range(2004, 2030):
        for (m, d) in ((1, 1), (1, 2), (1, 3), (1, 4), (1, 7), (12, 28), (12, 29), (12, 30), (12, 31)):
            ts.append(calendar.timegm((year, m, d, 12, 0, 0)))
    for year in (1969, 1970, 1999, 2000, 1600, 1900, 800, 100):
        for (m, d) in ((1, 1), (1, 4), (12, 31), (12, 28)):
            ts.append(calendar.timegm((year, m, d, 12, 0, 0)))
    for h in range(24):
        ts.append(1700000000 - 22 * 3600 + h * 3600 + 7 * 60 + 9)
    return ts


def st_fields(t):
    return [t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday,
            t.tm_isdst, t.tm_zone, t.tm_gmtoff]


def main():
    out = {"python": "%d.%d.%d" % __import__("sys").version_info[:3], "main": MAIN, "flags": FLAGS,
           "zones": {}}
    flag_instants = [1700000000, 1690000000, 0, -1, 951782400, -62135596800, 1230724800]
    for tz in ZONES:
        os.environ["TZ"] = tz
        time.tzset()
        trans = transitions_2023()
        ts = instants() + [x + d for x in trans for d in (-3601, -1, 0, 1, 3600)]
        cases = []
        for s in ts:
            lt = time.localtime(s)
            gt = time.gmtime(s)
            cases.append({
                "secs": s,
                "local": st_fields(lt),
                "local_main": time.strftime(MAIN, lt),
            })
            if tz == "UTC":
                cases[-1]["gm"] = st_fields(gt)
                cases[-1]["gm_main"] = time.strftime(MAIN, gt)
            else:
                # mktime() of a UTC struct read as local time, with tm_isdst=0 as the hint.
                cases[-1]["gm_s"] = time.strftime("%s", gt)
        flag_cases = []
        for s in flag_instants:
            lt = time.localtime(s)
            flag_cases.append({"secs": s, "local": [time.strftime(f, lt) for f in FLAGS]})
        out["zones"][tz] = {"cases": cases, "flags": flag_cases}
    os.environ["TZ"] = "UTC"
    time.tzset()
    # Hand-made structs: CPython's normalisation and range errors, and years glibc prints oddly.
    structs = []
    tuples = [(y, 1, 1, 0, 0, 0, 0, 1, 0) for y in (1, 99, 999, 1000, -1, 0, 10000, -1000)]
    tuples += [(2023, 0, 1, 0, 0, 0, 0, 1, 0), (2023, 13, 1, 0, 0, 0, 0, 1, 0),
               (2023, 1, 0, 0, 0, 0, 0, 1, 0), (2023, 1, 32, 0, 0, 0, 0, 1, 0),
               (2023, 1, 1, 24, 0, 0, 0, 1, 0), (2023, 1, 1, 0, 60, 0, 0, 1, 0),
               (2023, 1, 1, 0, 0, 61, 0, 1, 0), (2023, 1, 1, 0, 0, 62, 0, 1, 0),
               (2023, 1, 1, 0, 0, 0, -1, 1, 0), (2023, 1, 1, 0, 0, 0, -2, 1, 0),
               (2023, 1, 1, 0, 0, 0, 7, 1, 0), (2023, 1, 1, 0, 0, 0, 0, 0, 0),
               (2023, 1, 1, 0, 0, 0, 0, 367, 0), (2023, 1, 1, 0, 0, 0, 0, 1, 5),
               (2023, 1, 1, 0, 0, 0, 0, 1, -5), (2023, 1, 1, 0, 0, 0, 0, -1, 0),
               (2023, 1, 1, 0, 0, 0, 0, 366, 0), (2023, 1, 1, 12, 0, 0, 0, 1, 0)]
    fmt = "%Y|%C|%y|%G|%g|%V|%F|%c|%m|%d|%H|%M|%S|%a|%j|%z|%s|%p|%I"
    for tup in tuples:
        # tm_zone/tm_gmtoff given explicitly, as our StructTime always carries them.
        st = time.struct_time(tup + ("XYZ", -12600))
        try:
            structs.append({"tuple": list(tup), "result": time.strftime(fmt, st)})
        except Exception as e:  # noqa: BLE001
            structs.append({"tuple": list(tup), "error": [type(e).__name__, str(e)]})
    out["wide"] = {"formats": WIDE,
                   "results": [len(time.strftime(f, time.gmtime(1700000000))) for f in WIDE]}
    out["structs"] = {"format": fmt, "zone": "XYZ", "gmtoff": -12600, "cases": structs}
    errors = []
    for v in (float("nan"), float("inf"), float("-inf"), 1e20, 67768036191676800):
        for fn in ("localtime", "gmtime"):
            try:
                getattr(time, fn)(v)
                errors.append({"fn": fn, "secs": repr(v), "error": None})
            except Exception as e:  # noqa: BLE001
                errors.append({"fn": fn, "secs": repr(v), "error": [type(e).__name__, str(e)]})
    out["errors"] = errors
    try:
        time.strftime("a\0b", time.gmtime(0))
    except ValueError as e:
        out["nul_error"] = str(e)
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "tests", "fixtures", "time.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")
    print("wrote", os.path.normpath(path))


def tb_spec_cases():
    """Exception specs: name, message, frames (outermost first: file, line, func), cause, exceptions."""
    def exc(name, message, frames=(), cause=None, exceptions=None):
        return {"name": name, "message": message, "frames": [list(f) for f in frames],
                "cause": cause, "exceptions": exceptions}
    a = "/app/main.ts"
    b = "/app/lib/db.ts"
    return {
        "simple": exc("Error", "bad value", [(a, 30, "<module>"), (a, 12, "outer"), (b, 4, "inner")]),
        "empty_message": exc("RangeError", "", [(a, 1, "<module>")]),
        "never_raised": exc("ValueError", "no frames"),
        "multiline": exc("Error", "line one\nline two", [(a, 2, "<module>")]),
        "cause_chain": exc("KeyError", "'k'", [(a, 9, "<module>"), (a, 5, "load")],
                           cause=exc("TypeError", "mid", [(a, 5, "load"), (b, 7, "parse")],
                                     cause=exc("Error", "root", [(b, 7, "parse"), (b, 2, "read")]))),
        "cause_never_raised": exc("Error", "outer", [(a, 3, "<module>")],
                                  cause=exc("Error", "plain cause")),
        "recursion": exc("RangeError", "Maximum call stack size exceeded",
                         [(a, 20, "<module>"), (a, 15, "main")] + [(a, 11, "rec")] * 7
                         + [(a, 10, "rec"), (a, 11, "rec"), (a, 11, "rec"), (a, 11, "rec"),
                            (a, 11, "rec")]),
        "recursion_4": exc("Error", "x", [(a, 1, "<module>")] + [(a, 2, "f")] * 4),
        "group": exc("AggregateError", "all failed", [(a, 40, "<module>"), (a, 33, "run")],
                     exceptions=[exc("Error", "a", [(b, 1, "settle"), (b, 3, "<lambda>")]),
                                 exc("Error", "b")]),
        "group_no_frames": exc("AggregateError", "All promises were rejected",
                               exceptions=[exc("Error", "x")]),
        "group_nested": exc(
            "AggregateError", "outer", [(a, 50, "<module>")],
            exceptions=[
                exc("AggregateError", "inner", [(a, 45, "gather")],
                    exceptions=[exc("TypeError", "t", [(b, 8, "f")],
                                    cause=exc("Error", "why", [(b, 9, "g")])),
                                exc("Error", "e2")]),
                exc("Error", "last", [(b, 1, "h")], cause=exc("Error", "c")),
            ]),
        "group_with_cause": exc("AggregateError", "g", [(a, 3, "<module>")],
                                exceptions=[exc("Error", "m")],
                                cause=exc("Error", "before", [(a, 1, "<module>")])),
        "group_wide": exc("AggregateError", "many", [(a, 1, "<module>")],
                          exceptions=[exc("Error", "e%d" % i) for i in range(17)]),
        "group_wide_16": exc("AggregateError", "many", [(a, 1, "<module>")],
                             exceptions=[exc("Error", "e%d" % i) for i in range(16)]),
        "group_deep": (lambda: (lambda f: f(f, 12))(
            lambda f, n: exc("AggregateError", "level %d" % n, [(a, n, "f%d" % n)],
                             exceptions=[f(f, n - 1) if n else exc("Error", "leaf", [(a, 99, "leaf")])])))(),
        "paths": exc("Error", "p", [("/tmp/dir with space/ü.ts", 3, "<module>"),
                                    ("https://deno.land/x/mod.ts", 8, "remote"),
                                    ("node:internal/process/task_queues", 95, "process.processTicksAndRejections")]),
    }


def build_tbe(spec):
    import traceback
    name, message = spec["name"], spec["message"]
    if spec["exceptions"] is not None:
        subs = [ValueError() for _ in spec["exceptions"]]
        text = str(ExceptionGroup(message, subs))
    else:
        text = message
    cls = type(name, (Exception,), {"__module__": "builtins", "__str__": lambda self: text})
    te = traceback.TracebackException(cls, cls(), None)
    te.stack = traceback.StackSummary.from_list([(f, n, fn, None) for (f, n, fn) in spec["frames"]])
    te.__cause__ = build_tbe(spec["cause"]) if spec["cause"] else None
    te.__context__ = None
    te.exceptions = [build_tbe(x) for x in spec["exceptions"]] if spec["exceptions"] is not None else None
    return te


def traceback_fixtures():
    import traceback
    out = {"cases": {}}
    for key, spec in tb_spec_cases().items():
        out["cases"][key] = {"spec": spec, "text": "".join(build_tbe(spec).format())}
    # logging's stack_info text for the "simple" frames.
    frames = tb_spec_cases()["simple"]["frames"]
    summary = traceback.StackSummary.from_list([(f, n, fn, None) for (f, n, fn) in frames])
    out["stack_info"] = {"frames": frames,
                         "text": "Stack (most recent call last):\n" + "".join(summary.format())}
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "tests", "fixtures", "time_traceback.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
    traceback_fixtures()
