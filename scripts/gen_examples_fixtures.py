"""Writes tests/fixtures/examples.json:
- rotating_service: what CPython 3.13 leaves on disk when it runs the scenario of
  examples/rotating_service.ts (the same records through a RotatingFileHandler with the same
  format, maxBytes and backupCount). tests/examples_test.ts runs the TypeScript example and compares
  the files byte for byte (contents stored as latin-1 strings, one character per byte).
- package_app: what the small program of tests/npm_package_test.ts prints (the same calls in
  Python), run there against the installed npm tarball.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_examples_fixtures.py
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()

import io
import json
import logging
import logging.handlers
import os
import sys
import tempfile


OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "examples.json")


def rotating_service(count, max_bytes):
    with tempfile.TemporaryDirectory() as d:
        handler = logging.handlers.RotatingFileHandler(
            os.path.join(d, "service.log"), maxBytes=max_bytes, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        log = logging.getLogger("service.worker")
        log.setLevel(logging.DEBUG)
        log.propagate = False
        log.addHandler(handler)
        users = ["ann", "zoë", "李"]
        for i in range(1, count + 1):
            user = users[i % len(users)]
            if i % 10 == 0:
                log.warning("request %d for %s was slow: %d ms", i, user, 1000 + i)
            else:
                log.info("request %d handled for %s in %d ms", i, user, (i * 37) % 250)
        handler.close()
        log.removeHandler(handler)
        files = {}
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), "rb") as f:
                files[name] = f.read().decode("latin-1")
        return {"count": count, "maxBytes": max_bytes, "files": files}


def package_app():
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("{levelname}:{name}:{user}:{message}", style="{"))
    root = logging.getLogger()
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    log = logging.LoggerAdapter(logging.getLogger("pkg.app"), {"user": "ann"})
    log.info("%s has %d items (%.1f%%)", "ann", 3, 42.5)
    log.debug("%r and %s", "it's", 2.5)
    logging.getLogger("pkg").warning("%(a)s-%(b)r", {"a": 1, "b": "x"}, extra={"user": "-"})
    root.removeHandler(handler)
    return out.getvalue()


def main():
    data = {
        "rotating_service": [rotating_service(200, 1024), rotating_service(7, 0)],
        "package_app": package_app(),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


main()
