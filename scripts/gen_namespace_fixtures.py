#!/usr/bin/env python3
"""What `import logging` shows in CPython 3.13 (issue 16): the public names of the module, of
`logging.handlers` and of `logging.config`, and the documented `logging.__all__`. Writes
tests/fixtures/namespace.json; tests/root_namespace_test.ts checks that the package root shows
Python's names (or a README-documented addition) and nothing else.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_namespace_fixtures.py
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _oracle import require_313, ensure_packages  # noqa: E402,F401

require_313()

import logging  # noqa: E402
import logging.config  # noqa: E402
import logging.handlers  # noqa: E402
import types  # noqa: E402


def public(module):
    """Public names, without the modules it imported for its own use (os, sys, re, ...)."""
    return sorted(
        n for n in dir(module)
        if not n.startswith("_") and not isinstance(getattr(module, n), types.ModuleType)
    )


out = {
    "python": sys.version.split()[0],
    "logging": public(logging),
    "logging.__all__": sorted(logging.__all__),
    "logging.handlers": public(logging.handlers),
    "logging.config": public(logging.config),
    "submodules": sorted(
        n for n in dir(logging) if isinstance(getattr(logging, n), types.ModuleType)
        and getattr(logging, n).__name__.startswith("logging.")
    ),
}
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(root, "tests", "fixtures", "namespace.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
