"""Writes tests/fixtures/codec.json: what CPython 3.13's io.TextIOWrapper writes (or raises) for
(text, encoding, errors), BOM behaviour across writes and reopenings, and codec name lookups.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_codec_fixtures.py
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()
import codecs
import io
import json
import os
import sys

TEXTS = [
    "",
    "abc",
    "caf\u00e9",
    "line\nnext\ttab",
    "\x00\x7f\x80\xff",
    "abc\u00e9\u00e9\u20acx",
    "na\u00efve \u20ac5 \u2019quoted\u2019",
    "\u0140\u0140",
    "\u0081\u008d",
    "\u0178\u0152\u2122",
    "\u65e5\u672c\u8a9e",
    "\U0001f600",
    "a\U0001f600b\U0001f600",
    "\u00e9\U0001f600\u20ac",
    "\U0010ffff",
    "\ud800",
    "\udc80",
    "a\udc80\udcffb",
    "a\udc80\udc00\udcffb",
    "x\ud800y\udfffz",
    "\udfff\ud800",
    "\U0001f600\ud800",
    "\ud800\U0001f600",
    "\u20ac\udc80",
    "\udc80\u20ac",
    "\u00e9\udc80\udcff",
    "\udc80\udcff\u00e9",
    "ab\udc80\udcff\u0140x",
]
ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "ascii", "utf-16", "utf-16-le", "utf-16-be",
             "utf-32", "utf-32-le", "utf-32-be", "cp1252"]
ERRORS = [None, "strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace",
          "surrogateescape", "surrogatepass", "namereplace", "bogus"]
SINGLE_BYTE = {"latin-1", "ascii", "cp1252"}


def js_representable(s):
    # A JS string cannot hold a high surrogate followed by a low one as two code points.
    return not any(0xD800 <= ord(a) <= 0xDBFF and 0xDC00 <= ord(b) <= 0xDFFF
                   for a, b in zip(s, s[1:]))


def run(encoding, errors, writes, position=0):
    """Each write's bytes (hex) or exception, as a TextIOWrapper over a file at `position`."""
    raw = io.BytesIO(b"x" * position)
    raw.seek(0, 2)
    w = io.TextIOWrapper(raw, encoding=encoding, errors=errors, write_through=True)
    out = []
    for text in writes:
        before = raw.tell()
        try:
            w.write(text)
            w.flush()
            out.append({"hex": raw.getvalue()[before:].hex()})
        except Exception as e:  # noqa: BLE001
            out.append({"error": type(e).__name__, "message": str(e)})
    return out


def main():
    cases = []
    for text in TEXTS:
        assert js_representable(text), repr(text)
        for enc in ENCODINGS:
            for err in ERRORS:
                if err == "namereplace" and enc in SINGLE_BYTE:
                    continue  # documented divergence: rejected by createEncoder
                res = run(enc, err, [text])[0]
                cases.append({"text": text, "encoding": enc, "errors": err, **res})

    sequences = []
    seq_writes = [
        ["a", "b"],
        ["", "a"],
        ["\ud800", "a"],
        ["a", "\ud800"],
        ["\u00e9", "\U0001f600", "x"],
    ]
    for enc in ["utf-16", "utf-32", "utf-8-sig", "utf-16-be", "utf-8"]:
        for writes in seq_writes:
            for position in (0, 7):
                sequences.append({"encoding": enc, "errors": None, "position": position,
                                  "writes": writes, "results": run(enc, None, writes, position)})

    names = ["utf-8", "UTF-8", "utf8", "U8", "utf_8", "utf", "UTF 8", " utf-8 ", "cp65001",
             "latin-1", "latin1", "Latin 1", "l1", "L1", "iso-8859-1", "iso8859-1", "ISO_8859-1",
             "8859", "cp819", "latin", "ascii", "ASCII", "us-ascii", "US_ASCII", "646",
             "ANSI_X3.4_1968", "ansi_x3.4-1986", "iso646-us", "us", "utf-16", "UTF16", "u16",
             "utf_16_le", "UTF-16LE", "utf-16-be", "unicodebigunmarked",
             "UnicodeLittleUnmarked", "utf-32", "u32", "utf_32_be", "utf-32le", "utf-8-sig",
             "UTF_8_SIG", "cp1252", "windows-1252", "1252", "WINDOWS_1252", "xyz", "utf..8",
             "utf8-sig", "", "-", "hex", "Hex", "ROT13", "rot_13", "zlib", "zip", "base64",
             "Base_64", "quoted-printable", "bz2", "uu", "no'pe"]
    lookups = []
    for n in names:
        try:
            io.TextIOWrapper(io.BytesIO(), encoding=n)
            lookups.append({"name": n, "codec": codecs.lookup(n).name})
        except Exception as e:  # noqa: BLE001
            lookups.append({"name": n, "error": type(e).__name__, "message": str(e)})

    doc = {
        "generator": "scripts/gen_codec_fixtures.py",
        "python": sys.version.split()[0],
        "cases": cases,
        "sequences": sequences,
        "lookups": lookups,
    }
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "codec.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=0)
        f.write("\n")
    print(f"{len(cases)} cases, {len(sequences)} sequences, {len(lookups)} lookups -> {path}")


if __name__ == "__main__":
    main()
