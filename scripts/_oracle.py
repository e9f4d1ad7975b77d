"""The CPython 3.13 oracle: what every fixture generator under scripts/ starts with.

    from _oracle import require_313, ensure_packages
    require_313()                                   # refuse any other Python
    ensure_packages(["python-json-logger==4.2.0"])  # re-run this script inside .tmp/venv313

`require_313()` exits with a message saying how to run the generator when the interpreter is not
CPython 3.13 (the specification of this library). `ensure_packages()` creates `.tmp/venv313` (git
ignores `.tmp/`) with CPython 3.13, installs the named packages from the machine's package mirror
when they are missing, and re-executes the calling script with that venv's interpreter, so a
generator that needs python-json-logger, colorlog, pytest, structlog or opentelemetry runs with the
real package.
"""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".tmp", "venv313")
HOW = "run it with CPython 3.13: PYENV_VERSION=3.13.0 python3 " + " ".join(sys.argv)


def require_313():
    """Exit (status 2) unless this is CPython 3.13."""
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 13):
        sys.stderr.write(
            "this fixture generator needs CPython 3.13, not %s %s; %s\n"
            % (sys.implementation.name, sys.version.split()[0], HOW)
        )
        sys.exit(2)


def _venv_python():
    return os.path.join(VENV, "bin", "python")


def ensure_packages(requirements):
    """Make sure `requirements` (pip specifiers) are importable, re-executing inside .tmp/venv313."""
    require_313()
    inside = os.path.realpath(sys.prefix) == os.path.realpath(VENV)
    if not inside:
        if not os.path.exists(_venv_python()):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    missing = []
    for req in requirements:
        probe = subprocess.run(
            [_venv_python(), "-m", "pip", "show", "-q", req.split("==")[0]],
            capture_output=True,
        )
        version = req.split("==")[1] if "==" in req else None
        if probe.returncode != 0:
            missing.append(req)
        elif version is not None:
            shown = subprocess.run(
                [_venv_python(), "-m", "pip", "show", req.split("==")[0]],
                capture_output=True,
                text=True,
            ).stdout
            if ("Version: " + version) not in shown:
                missing.append(req)
    if missing:
        subprocess.run(
            [_venv_python(), "-m", "pip", "install", "-q", "--retries", "0",
             "--index-url", "file:///opt/pypi/simple", *missing],
            check=True,
        )
    if not inside:
        os.execv(_venv_python(), [_venv_python(), *sys.argv])
