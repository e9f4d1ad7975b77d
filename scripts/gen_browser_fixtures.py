"""Writes tests/fixtures/browser.json: what CPython 3.13 produces for the calls the page of
tests/browser_test.ts makes in headless Chromium (tests/browser/page.js makes the same calls, in
the same order, from functions with the same names).

Each event is one line the page's console must show:
- channel "stderr": written by the handler basicConfig() makes without a stream (Python's
  sys.stderr; in a browser, the standard error stream is console.error);
- channel "console": a record a ConsoleHandler emits, with its level number (the test maps it to
  the console method) and, for the handler created with extra=True, the record's attributes that
  are not a fresh LogRecord's (what LoggerAdapter or `extra` added).
For the record logged with exc_info, `frames` lists the traceback's function names, outermost
first, and `text` is the whole Python text (its first and last lines are compared).

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_browser_fixtures.py
"""

from _oracle import require_313

require_313()

import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "browser.json")
HERE = os.path.basename(__file__)
STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
events = []


class Capture(logging.Handler):
    """Records what a ConsoleHandler would hand the console."""

    def __init__(self, extra=False):
        super().__init__()
        self.extra = extra

    def emit(self, record):
        text = self.format(record).replace(os.path.abspath(__file__), "scripts/" + HERE)
        event = {"channel": "console", "levelno": record.levelno, "text": text}
        if self.extra:
            extra = {k: v for k, v in vars(record).items() if k not in STANDARD}
            if extra:
                event["extra"] = extra
        if record.exc_info:
            event["frames"] = re.findall(r'^  File ".*", line \d+, in (\S+)$', event["text"], re.M)
        events.append(event)


def parse(text):
    raise TypeError(f"bad payload: {text!r}")


def main():
    log = logging.getLogger("web.app")
    log.debug("debug %d", 1)
    log.info("info %s", "two")
    log.warning("warning %r", "three")
    log.error("error %.2f", 4)
    log.critical("critical %(k)s", {"k": "five"})
    log.log(25, "custom %s", "level")
    log.info("%5.1f%% done, %x items, %-6s|", 99.44, 255, "ab")

    brace = logging.getLogger("web.brace")
    brace.propagate = False
    h = Capture()
    h.setFormatter(logging.Formatter("{levelname}|{name}|{funcName}|{message}", style="{"))
    brace.addHandler(h)
    brace.warning("brace %s %r %d", "style", 2.5, 7.9)

    try:
        parse("{")
    except TypeError:
        log.exception("failed %s", "parse")

    alog = logging.getLogger("web.adapter")
    alog.propagate = False
    h2 = Capture(extra=True)
    h2.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(user)s:%(funcName)s:%(message)s"))
    alog.addHandler(h2)
    adapter = logging.LoggerAdapter(alog, {"user": "ann"})
    adapter.info("adapted %s", "call")
    adapter.warning("the adapter's extra wins", extra={"ip": "10.0.0.1"})


saved = sys.stderr
sys.stderr = io.StringIO()
try:
    logging.warning("default %s", "config")  # basicConfig() with no arguments, to sys.stderr
    stderr_text = sys.stderr.getvalue()
finally:
    sys.stderr = saved
for line in stderr_text.splitlines():
    events.append({"channel": "stderr", "levelno": logging.WARNING, "text": line})

logging.basicConfig(
    force=True,
    level=logging.DEBUG,
    format="%(levelname)s:%(name)s:%(message)s",
    handlers=[Capture()],
)
main()

with open(OUT, "w", encoding="utf-8") as f:
    json.dump({"python": sys.version.split()[0], "events": events}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"{len(events)} events -> {os.path.relpath(OUT)}")
