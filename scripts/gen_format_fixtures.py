#!/usr/bin/env python3
"""Writes tests/fixtures/format_*.json: CPython 3.13's own results (or exception type and message)
for %-formatting, str.format, string.Template, repr/ascii and logging's style classes.

Values are first normalised to what the JavaScript side will see after JSON.parse: a float with an
integral value (other than -0.0) is a JS integer, i.e. a Python int. Encoding in the JSON:
  {"$float": "inf" | "-inf" | "nan"}   non-finite floats
  {"$bigint": "123..."}                a JS bigint (Python int beyond 2**53)
  {"$tuple": [...]}                    only where a tuple must be distinguished (never needed: JSON
                                       arrays are tuples in %-format args)
Run: PYENV_VERSION=3.13.0 python3 scripts/gen_format_fixtures.py
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()

import json
import logging
import math
import os
import string
import sys


OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures")


class Big(int):
    """An int the JS side receives as a bigint."""


def norm(v):
    """The Python value equivalent to what JS sees for `v`."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, Big):
        return int(v)
    if isinstance(v, float):
        if math.isfinite(v) and v.is_integer() and not (v == 0 and math.copysign(1, v) < 0):
            return int(v)
        return v
    if isinstance(v, int):
        assert abs(v) <= 2**53, f"use Big() for {v}"
        return v
    if isinstance(v, tuple):
        return tuple(norm(x) for x in v)
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    raise TypeError(v)


def enc(v):
    """JSON encoding of `v` for the JS side."""
    if isinstance(v, Big):
        return {"$bigint": str(int(v))}
    if isinstance(v, float):
        if math.isnan(v):
            return {"$float": "nan"}
        if math.isinf(v):
            return {"$float": "inf" if v > 0 else "-inf"}
        return v
    if isinstance(v, (tuple, list)):
        return [enc(x) for x in v]
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    return v


def run(fn):
    try:
        return {"out": fn()}
    except Exception as e:  # noqa: BLE001
        return {"error": [type(e).__name__, str(e)]}


def write(name, cases):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(c, ensure_ascii=True) for c in cases) + "\n]\n")
    print(f"{name}: {len(cases)} cases")
    return len(cases)


# --------------------------------------------------------------------------------------------
# % formatting
# --------------------------------------------------------------------------------------------

FLOATS = [0.0, -0.0, 0.125, 0.375, 2.675, 1.5, 2.5, -2.5, 0.5, 1e22, 1e21, 5e-324, 1e-5, 1.0001,
          123456.789, 1e16, 1.5e16, 0.1, 2 / 3, -1 / 3, 9.995, 9.9999999, 1e100, 1.7976931348623157e308,
          2.2250738585072014e-308, 1e-7, 0.0001, 99999.5, 999999.5, 12345678.9, 25.0, 35.0, 0.05,
          float("inf"), float("-inf"), float("nan")]
INTS = [0, 1, -1, 7, 42, -42, 255, -255, 1000000, 2**53, -(2**53), Big(2**64), Big(-(3**50))]


def percent_cases():
    cases = []

    def add(fmt, args):
        a = norm(args) if not isinstance(args, list) else [norm(x) for x in args]
        pyargs = tuple(a) if isinstance(args, list) else a
        r = run(lambda: fmt % pyargs)
        cases.append({"fmt": fmt, "args": enc(args), **r})

    for spec in ["%e", "%E", "%f", "%F", "%g", "%G", "%.0e", "%.1e", "%.2f", "%.0f", "%.3g", "%.10g",
                 "%#.0f", "%#g", "%#.3g", "%+.2e", "% .1f", "%010.3f", "%-12.4e|", "%.17g", "%.20f",
                 "%.120f", "%.105e", "%#.0e", "%.0g", "%08.2E", "%+g", "%.30g"]:
        for x in FLOATS:
            add(spec, [x])
    for spec in ["%d", "%i", "%u", "%o", "%x", "%X", "%#o", "%#x", "%#X", "%5d", "%-5d|", "%05d", "%+d",
                 "% d", "%.3d", "%#.4x", "%+08x", "%-#8o|", "%#08X", "%08.3d", "% 06d", "%s", "%r",
                 "%10s|", "%-10r|", "%e", "%f", "%g", "%c", "%a"]:
        for v in INTS:
            add(spec, [v])
    # %d of floats, bools, errors
    for spec in ["%d", "%x", "%o", "%i", "%u", "%c", "%5.2d", "%X"]:
        for v in [3.7, -3.7, 0.5, -0.0, float("nan"), float("inf"), float("-inf"), True, False, "3",
                  None, 65, 0x1F600, 0x110000, -1, "ab", "é", "\U0001F600", Big(2**70)]:
            add(spec, [v])
    for spec in ["%f", "%e", "%g", "%.2f"]:
        for v in ["x", None, True, False, Big(2**70), Big(10**400)]:
            add(spec, [v])
    # strings
    for spec in ["%s", "%r", "%a", "%5s|", "%-5s|", "%.2s", "%5.1s|", "%-6.3r|", "%05s", "%+s", "% s",
                 "%#s", "%.0s|", "%*s|", "%-*s|", "%.*s|"]:
        for v in ["", "ab", "it's", 'say "hi"', "both ' \"", "tab\there\nnl\r\\", "\x00\x7f\x85\xa0",
                  "é\u2028\U0001F600\U000E0001", "\ud800x", "\u00ad\u200b\ufeff"]:
            add(spec, [v] if "*" not in spec else [7, v] if spec != "%.*s|" else [2, v])
    # star widths and precision
    for fmt, args in [("%*d", [5, 42]), ("%*d", [-5, 42]), ("%-*d|", [-5, 42]), ("%.*f", [2, 3.14159]),
                      ("%.*f", [-2, 3.14159]), ("%*.*f", [10, 3, 3.14159]), ("%*s", ["5", "x"]),
                      ("%.*s", [1.5, "x"]), ("%*d", [True, 3]), ("%*d", [5]), ("%*", [5]),
                      ("%.*", [5]), ("%*.*", [1, 2]), ("%(a)*d", {"a": 5})]:
        add(fmt, args)
    # argument count / mapping errors and oddities
    for fmt, args in [
        ("%s %s", ["a"]), ("%s", ["a", "b"]), ("no specs", ["x"]), ("no specs", []), ("no specs", "x"),
        ("no specs", {"a": 1}), ("%s", []), ("%s", "abc"), ("%s %s", "ab"), ("%%", []), ("%%s", []),
        ("100%%", []), ("%5%", [1]), ("%5%", []), ("%-5%|", [1]), ("%", []), ("%", [1]), ("abc%", [1]),
        ("%5", [1]), ("%.", [1]), ("%-", [1]), ("%#", [1]), ("%5.", [1]), ("%y", [1]), ("%y", []),
        ("a%yb", [1]), ("%\u00e9", [1]), ("%\U0001F600", [1]), ("é%y", [1]), ("\U0001F600%y", [1]),
        ("%hd", [1]), ("%ld", [1]), ("%Lf", [1.5]), ("%lld", [1]), ("%hs", ["x"]), ("%l", [1]),
        ("%(a)s", {"a": "x"}), ("%(a)s %(b)d", {"a": "x", "b": 2}), ("%(a)s", {}), ("%(a)s", ["x"]),
        ("%(a)s", "x"), ("%(a", {"a": 1}), ("%(a(b)c)s", {"a(b)c": 1}), ("%((a))s", {"(a)": 2}),
        ("%()s", {"": 3}), ("%(a)", {"a": 1}), ("%(a)5", {"a": 1}), ("%(b)", {"a": 1}),
        ("%(a)s %s", {"a": 1}), ("%(a)-5d|", {"a": 1}), ("%(a)#x", {"a": 255}), ("%(a)r", {"a": "q"}),
        ("%(a)s %(a)s", {"a": "z"}), ("%(a)s", {"a": "x", "b": 1}), 
        ("%(x)s%%", {"x": 5}), ("%(a)y", {"a": 1}), ("%(a)y", {}), ("%s %y", []), ("%d %s", ["x", 1]),
        ("%(é)s", {"é": "u"}), ("%(a)d", {"a": None}), ("%c", ["ab"]),
        ("%c", [""]), ("%5c|", ["x"]), ("%-3c|", [65]), ("%05c", ["x"]), ("%c%c", [72, "i"]),
        ("%.1c", ["x"]), ("%10.4f|%-8s|%+05d", [3.14159, "ok", 42]), ("%s=%r", ["k", "v"]),
        ("%3$s", [1]), ("%0-5d|", [3]), ("%-05d|", [3]), ("%+ d", [3]), ("% +d", [3]),
        ("%+05.1f", [-2.5]), ("%+05.1f", [2.25]), ("% 05.1f", [2.25]), ("%#5o", [8]), ("%#5x", [-255]),
        ("%#-8x|", [255]), ("%#.5o", [8]), ("%-#010x|", [255]), ("%+#x", [255]), ("%010s", ["ab"]),
        ("%05f", [float("inf")]), ("%-05f|", [float("-inf")]), ("%+f", [float("nan")]),
        ("%010.2e", [float("-inf")]), ("% f", [float("inf")]), ("%05d", [-42]), 
        ("%(a)s %(b)s", {"a": 1}),
    ]:
        add(fmt, args)
    return cases


# --------------------------------------------------------------------------------------------
# repr / ascii / str
# --------------------------------------------------------------------------------------------

def repr_cases():
    cases = []
    strings = ["", "a", "it's", 'say "hi"', "both ' \"", "back\\slash", "\t\n\r", "\x00\x01\x1f\x7f",
               "\x80\x85\x9f\xa0\xad\xff", "é ü ß", "\u0100\u037f\u0378", "\u2028\u2029\u200b\u200e",
               "\u3000\u00a0\u2000", "\ud800", "\udfff", "\U0001F600", "\U000E0001", "\U0010FFFF",
               "\ue000", "\uffff\ufffe", "\u0600\u061c", "日本語", "\x1b[31m", "'\"'", "\\'"]
    for s in strings:
        cases.append({"kind": "repr", "value": s, **run(lambda: repr(s))})
        cases.append({"kind": "ascii", "value": s, **run(lambda: ascii(s))})
    floats = FLOATS + [1e15, 1e17, 123.0, 1.5, -1.5, 0.3, 1 / 3, 1e-4, 1e-5, 9.999999999999999e22,
                       1e23, 5e-324, 2**-1074, 4.35, 0.1 + 0.2, 1e300 * 10, 2.5e-5, 123456789012345.6]
    for f in floats:
        n = norm(f)
        cases.append({"kind": "str", "value": enc(f), **run(lambda: str(n))})
        cases.append({"kind": "repr", "value": enc(f), **run(lambda: repr(n))})
    for i in INTS:
        n = norm(i)
        cases.append({"kind": "str", "value": enc(i), **run(lambda: str(n))})
    for f in floats:
        cases.append({"kind": "floatRepr", "value": enc(f), **run(lambda: repr(f))})
    return cases


# --------------------------------------------------------------------------------------------
# str.format (keyword fields only, as logging uses it) and Formatter.parse
# --------------------------------------------------------------------------------------------

def str_format_cases():
    cases = []

    def add(fmt, kw):
        k = norm(kw)
        cases.append({"fmt": fmt, "kwargs": enc(kw), **run(lambda: fmt.format(**k))})

    specs = ["", "<8", ">8", "^9", "=+8", "*^7", "08", "+", " ", "-", "#", "#x", "#X", "#o", "#b", "b", "o",
             "x", "X", "c", "d", "n", ",", "_", "_x", "_b", ",x", ",d", "010,", "09,", "08,", "012_",
             "e", "E", ".2e", "f", ".3f", "F", "g", ".3g", "G", "%", ".1%", ".0%", "#.0f", "#g", "#.3",
             ".3", ".0", ".1", "z.2f", "z", "zd", "+.2f", " .2f", "010.2f", "=10.2f", "<10.2f",
             "^10.1e", ",.2f", "_.3f", ",g", "15,.3f", ".2n", "s", "10s", ".2s", ".2", "#10x",
             "#010x", "q", "5.5q", ".d", "x<5d", "\u00e9>6", "\U0001F600^7", ",_", "_,", ",,",
             "abc", "99999999999999999999", ".99999999999999999999", "0=5", "00", "=", "<", "ĸ", "="]
    values = [0, 7, -42, 1234567, 255, -0.0, 0.5, -1.25, 1234.5678, 1e16, 1e-7, 2.675, 1e22,
              float("inf"), float("-inf"), float("nan"), "", "ab", "héllo", "\U0001F600x",
              True, False, Big(2**64), Big(-(2**70)), 0x1F600, 0x110000, 65]
    for spec in specs:
        for v in values:
            if isinstance(v, bool) and spec == "":
                continue  # str(True) is 'True'; JS booleans print 'true' (tested by hand)
            add("{v:" + spec + "}", {"v": v})
    for fmt in ["{v!r}", "{v!s}", "{v!a}", "{v!r:>10}", "{v!x}", "{v!}", "{v!\u00e9}", "{v!rr}",
                "{v!", "{v:{w}}", "{v:{w}.{p}f}", "{v:{f}{a}{w}}", "{v:>{w}}|", "{v:{w}:{p}}",
                "{v:{w:{p}}}", "{v:{{}}}", "{{v}}", "{{", "}}", "{", "}", "a}b", "a{b", "{}", "{0}",
                "{1}", "{v}{}", "{0}{v}", "{-1}", "{v[0]}", "{v[x]}", "{v.x}", "{v.}", "{v[}", "{v[0]x}",
                "{v]}", "{v[]}", "{ v}", "{v }", "{v-1}", "{missing}", "x{missing!r:>{w}}", "{v}{missing}",
                "{missing}{", "{v}}", "{v:{missing}}", "{é}", "{v:}", "{v!r:}", "{v[0]:>3}", "{v:{{}",
                "{v:>{w}", "{99999999999999999999}", "{v[99999999999999999999]}", "{v!s:{w}}",
                "{v:{w}{p}}", "{v:,}{w:_}", "{:}", "{!r}", "{:>5}", "{[0]}", "{.x}",
                "{{{v}}}", "{{{{v}}}}", "}}{v}{{", "{v}", "a\nb{v}\u00e9{w}"]:
        for v in ["ab", 3.5, -7, "é\n\x00"]:
            add(fmt, {"v": v, "w": 6, "p": 2, "f": "*", "a": "^", "é": 1})
    return cases


def parse_cases():
    cases = []
    for fmt in ["", "abc", "{}", "{0}", "a{b}c", "{a!r}", "{a:>10}", "{a!s:^5}", "{{}}", "a{{b", "a}}b",
                "{a:{b}}", "{a[0].b}", "{a[}]}", "{a[x:y]!r:z}", "{!r}", "{:}", "{a:}", "{", "}", "a{",
                "a}", "{a", "{a!", "{a!r", "{a!r:", "{a!rx}", "{a:{b}", "{a{b}}", "{a!}", "{a!:}", "{!}",
                "{a}}", "x{a}y{b!a:{c}x}z", "{a:{{}}}", "{a:}}}", "\U0001F600{a}", "{a[{]}", "{a.b[c]}d"]:
        cases.append({"fmt": fmt, **run(lambda: [list(t) for t in string.Formatter().parse(fmt)])})
    return cases


# --------------------------------------------------------------------------------------------
# string.Template
# --------------------------------------------------------------------------------------------

def template_cases():
    cases = []
    kw = {"a": "A", "b": 2, "c": 1.5, "_x": "u", "A1": "z", "n": None}
    for fmt in ["$a", "${a}", "$a$b", "${a}b", "$ab", "$$", "$$a", "$$$a", "a$", "$", "$1", "${1}", "$ a",
                "${a", "${ a}", "$c", "$_x", "${_x}", "$A1", "$a1", "$missing", "${missing}", "$a $missing",
                "$missing $", "$ $missing", "x\n$", "x\ny\n$1", "x\r\n  $!", "x\ry$?", "\u00e9$!",
                "\U0001F600$!", "$\u00e9", "${\u00e9}", "$ab.c", "$a.b", "a\x0b$1", "a\x1c$1", "a\u2028$1",
                "a\x85$1", "\n$1", "$a\n$", "$ı", "$ſ", "${a}${b}${c}", "100$$ for $a", "", "plain",
                "x\n\n$!", "${}", "${a}}", "$}", "${a b}"]:
        k = norm(kw)
        cases.append({"fmt": fmt, "kwargs": enc({x: v for x, v in kw.items() if v is not None}),
                      **run(lambda: string.Template(fmt).substitute(**{x: v for x, v in k.items() if v is not None}))})
        cases[-1]["identifiers"] = string.Template(fmt).get_identifiers()
        cases[-1]["valid"] = string.Template(fmt).is_valid()
    return cases


# --------------------------------------------------------------------------------------------
# logging styles: validate(), usesTime(), format()
# --------------------------------------------------------------------------------------------

class Rec:
    def __init__(self, d):
        self.__dict__.update(d)


def styles_cases():
    cases = []
    record = {"name": "app.db", "levelname": "INFO", "levelno": 20, "message": "ready",
              "asctime": "2024-01-02 03:04:05,678", "msecs": 678.123, "lineno": 42, "created": 1700000000.5,
              "funcName": "main"}
    fmts = {
        "%": ["%(message)s", "%(asctime)s %(levelname)-8s %(name)s: %(message)s", "%(levelno)05d",
              "%(msecs)03d", "%(created)f", "%(lineno)d %(funcName)s", "no fields", "%(message)",
              "%(message)z", "%(missing)s", "%(message)s %(missing)s", "%(name)10.3s|", "%%(x)s", "",
              None, "%(asctime)", "%(asctime)s", "%(msecs)X", "%(app)s %(message)s", "%(a.b)s",
              "%(message)-10r|", "%(message)S", "%(levelno)*d", "%(é)s"],
        "{": ["{message}", "{asctime} {levelname:<8} {name}: {message}", "{msecs:03.0f}", "{levelno:>5d}",
              "{created:.3f}", "no fields", "{}", "{0}", "{message!r}", "{message!x}", "{message:q5}",
              "{message.x}", "{message[0]}", "{message[}", "{missing}", "{message} {missing}", "{asctime",
              "{asctime}", "", None, "{{message}}", "{message:{w}}", "{app} {message}", "{message:>10.3}",
              "{message!r:^20}", "{a-b}", "{message:<<<}", "{0message}", "{é}", "{message:,}",
              "{levelno:,}", "{levelno:{levelno}}", "{message", "}{message}"],
        "$": ["${message}", "$message", "$asctime $levelname $name: $message", "no fields", "$", "$$",
              "$$message", "$1", "${missing}", "$message $missing", "${asctime}", "$asctime", "",
              None, "$app $message", "${message}s", "${ message}", "cost $5 $message", "$message $"],
    }
    defaults = {"app": "svc", "message": "DEFAULT"}
    cls = {"%": logging.PercentStyle, "{": logging.StrFormatStyle, "$": logging.StringTemplateStyle}
    for style, fl in fmts.items():
        for fmt in fl:
            for d in (None, defaults):
                st = cls[style](fmt, defaults=d)
                case = {"style": style, "fmt": fmt, "defaults": d, "record": record}
                case["validate"] = run(lambda: st.validate())
                case["usesTime"] = st.usesTime()
                case["format"] = run(lambda: st.format(Rec(norm(record))))
                cases.append(case)
    return cases


def sequence_cases():
    """One style instance formatting a run of records in turn: the styles remember the text of
    repeated field values between records, so each output must still be the one Python gives."""
    seq = [
        {"levelname": "INFO", "name": "a", "message": "x", "lineno": 1},
        {"levelname": "INFO", "name": "a", "message": "x", "lineno": 1},
        {"levelname": "WARNING", "name": "a", "message": "y", "lineno": 2},
        {"levelname": "INFO", "name": "abcdefg", "message": "y", "lineno": 2},
        {"levelname": "CRITICAL!", "name": "\u00e9", "message": "z", "lineno": 10},
        {"levelname": "INFO", "name": "a", "message": "x", "lineno": 1},
        {"levelname": 7, "name": "a", "message": 3.5, "lineno": 12345},
        {"levelname": "INFO", "name": "a", "message": "x", "lineno": 1},
    ]
    fmts = {
        "%": ["%(levelname)-8s|%(name)5s|%(message)s|%(lineno)s", "%(name)s %(name)s %(message)s"],
        "{": ["{levelname:<8}|{name:>5}|{message}|{lineno}", "{name:*^7}{name}{message}{lineno:>6}",
              "{levelname}{message!r}{name:5}"],
    }
    cls = {"%": logging.PercentStyle, "{": logging.StrFormatStyle}
    cases = []
    for style, fl in fmts.items():
        for fmt in fl:
            st = cls[style](fmt)
            cases.append({"style": style, "fmt": fmt, "records": seq,
                          "outputs": [run(lambda: st.format(Rec(r))) for r in seq]})
    # `%(key)d` fields (the caller format's `%(lineno)d`): integers, then values that are not
    # (a float, a bool, -0.0, an integer past 2**53, a string), then integers again.
    ints = [{"lineno": v, "name": "a"} for v in (1, 1, 12345, -7, 3.7, True, -0.0, 2 ** 60, 0, "x", 1, 42)]
    for fmt in ("%(lineno)d", "%(name)s:%(lineno)d|%(lineno)-6d|%(lineno)6i|%(lineno)u"):
        st = logging.PercentStyle(fmt)
        cases.append({"style": "%", "fmt": fmt, "records": ints,
                      "outputs": [run(lambda: st.format(Rec(r))) for r in ints]})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    total = 0
    total += write("format_percent.json", percent_cases())
    total += write("format_repr.json", repr_cases())
    total += write("format_str.json", str_format_cases())
    total += write("format_parse.json", parse_cases())
    total += write("format_template.json", template_cases())
    total += write("format_styles.json", styles_cases())
    total += write("format_sequences.json", sequence_cases())
    print("total", total)


if __name__ == "__main__":
    main()
