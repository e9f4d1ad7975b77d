"""CPython 3.13 under faults: what `handleError` prints, how many reports, the exit status.

Each case runs a small program in a child CPython 3.13 and records its stderr (the `--- Logging
error ---` blocks), the number of blocks and the exit status into tests/fixtures/reliability.json,
which tests/reliability_test.ts compares the library against on Deno, Bun and Node.

    PYENV_VERSION=3.13.0 python3 scripts/gen_reliability_fixtures.py
"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _oracle import require_313, ensure_packages  # noqa: E402,F401

require_313()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "reliability.json")


def run(src, stdout=subprocess.PIPE, close_stdout_reader=False):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "prog.py")
        with open(path, "w") as f:
            f.write(src)
        if close_stdout_reader:
            r, w = os.pipe()
            os.close(r)
            p = subprocess.run([sys.executable, path], stdout=w, stderr=subprocess.PIPE, text=True)
            os.close(w)
        else:
            p = subprocess.run([sys.executable, path], stdout=stdout, stderr=subprocess.PIPE, text=True)
        err = p.stderr.replace(path, "<prog>")
        out = p.stdout if isinstance(p.stdout, str) else ""
        return {
            "stderr": err,
            "stdout": out,
            "blocks": err.count("--- Logging error ---"),
            "status": p.returncode,
        }


def lines_of(block_text):
    """The lines that do not depend on file paths: everything but the `File ...` stack lines."""
    return [l for l in block_text.splitlines() if not l.startswith("  ")]


cases = {}

# A format error: the record's block, with CPython's exception line, Call stack, Message, Arguments.
r = run("""import logging
logging.basicConfig()
log = logging.getLogger("app")
def work():
    log.warning("x %s %s", 1)
work()
""")
cases["format_error"] = {**r, "lines": lines_of(r["stderr"])}

# Too many arguments, and an unknown conversion.
r = run("""import logging
logging.basicConfig()
logging.getLogger("app").warning("x %s", 1, 2)
logging.getLogger("app").warning("x %q", 1)
""")
cases["format_errors_more"] = {**r, "lines": lines_of(r["stderr"])}

# An argument whose str() raises (JavaScript: toString / Symbol.toPrimitive / a Proxy trap).
r = run("""import logging
logging.basicConfig()
class Evil:
    def __str__(self): raise RuntimeError("no str")
    def __repr__(self): raise RuntimeError("no repr")
logging.getLogger("app").warning("x %s", Evil())
print("after", flush=True)
""")
cases["hostile_argument"] = {**r, "lines": lines_of(r["stderr"])}

# A closed stdout pipe: one block per record, exit status.
N = 2000
r = run("""import logging, sys
h = logging.StreamHandler(sys.stdout)
log = logging.getLogger("app")
log.addHandler(h)
log.propagate = False
for i in range(%d):
    log.warning("record %%d", i)
""" % N, close_stdout_reader=True)
cases["closed_pipe"] = {
    "records": N,
    "blocks": r["blocks"],
    "status": r["status"],
    "exception_lines": sorted({l for l in r["stderr"].splitlines() if l.startswith(("BrokenPipeError", "OSError"))}),
    "first_block": lines_of(r["stderr"].split("--- Logging error ---")[1]) if r["blocks"] else [],
}

# /dev/full: ENOSPC per record.
N = 500
r = run("""import logging
h = logging.FileHandler("/dev/full")
log = logging.getLogger("app")
log.addHandler(h)
log.propagate = False
for i in range(%d):
    log.warning("record %%d", i)
""" % N)
cases["dev_full"] = {
    "records": N,
    "blocks": r["blocks"],
    "status": r["status"],
    "exception_lines": sorted({l for l in r["stderr"].splitlines() if l.startswith("OSError")}),
}

# An emit that raises: CPython lets it escape the log call and skips the handlers after it.
r = run("""import logging
class Boom(logging.Handler):
    def emit(self, record): raise RuntimeError("emit failed")
class Count(logging.Handler):
    n = 0
    def emit(self, record): Count.n += 1
log = logging.getLogger("app")
log.addHandler(Boom()); log.addHandler(Count())
try:
    log.warning("hello")
    print("no escape")
except RuntimeError as e:
    print("escaped:", e)
print("second handler got", Count.n)
""")
cases["emit_raises"] = r

# A delayed FileHandler in a missing directory: CPython raises out of every log call.
r = run("""import logging
h = logging.FileHandler("/nonexistent-dir-for-logging/app.log", delay=True)
log = logging.getLogger("app")
log.addHandler(h)
for i in range(3):
    try:
        log.warning("x")
        print("logged")
    except OSError as e:
        print("raised:", type(e).__name__, e)
""")
cases["delayed_file_missing_dir"] = r

# A handler that logs to its own logger from emit: 3.13 recurses until RecursionError.
r = run("""import logging, sys
class Echo(logging.Handler):
    def emit(self, record):
        logging.getLogger("app").warning("echo of %s", record.getMessage())
log = logging.getLogger("app")
log.addHandler(Echo())
try:
    log.warning("hi")
    print("returned")
except RecursionError:
    print("RecursionError")
""")
cases["recursive_emit"] = r

# raiseExceptions = False: nothing printed.
r = run("""import logging
logging.raiseExceptions = False
logging.basicConfig()
logging.getLogger("app").warning("x %s %s", 1)
""")
cases["raise_exceptions_false"] = r


def main():
    with open(OUT, "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f, indent=1, sort_keys=True)
        f.write("\n")


main()
