"""Writes tests/fixtures/assert_logs.json: what unittest's assertLogs / assertNoLogs do under
CPython 3.13, for tests/assert_logs_test.ts.

Each scenario sets logging up (`setup` steps), then runs a block (`block` steps) inside
`with TestCase().assertLogs(logger, level)` (or assertNoLogs) and records:
- "entered": the error raised on entering, if any (type and message);
- "during": snapshots of loggers taken inside the block;
- "output" / "records": the watcher's lines and (name, levelno, message) of its records;
- "error": what left the `with` statement (type and message), or null;
- "after": snapshots of the loggers afterwards (handlers by name, "watcher" for unittest's own
  capturing handler; level; propagate; disabled).

Steps: ["log", logger, level, msg, *args], ["set_level", logger, level], ["add_handler", logger,
name], ["set_propagate", logger, bool], ["set_disabled", logger, bool], ["disable", level],
["snapshot", logger], ["raise", "ValueError", message]. Logger None is the root logger.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_assert_logs_fixtures.py
"""

import json
import logging
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _oracle import require_313  # noqa: E402

require_313()

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "assert_logs.json")

LOG = ["log", "app", logging.INFO, "started %s", "ok"]

SCENARIOS = {
    "root_default_level": {
        "logger": None, "level": None,
        "block": [["log", "app", 20, "hello %s", "world"], ["log", "app.db", 10, "hidden"],
                  ["log", "app", 40, "bad %d", 7]],
    },
    "named_logger_level_name": {
        "logger": "app", "level": "DEBUG",
        "block": [["log", "app.db", 10, "query"], ["log", "other", 40, "not watched"]],
    },
    "logger_instance": {
        "logger": {"instance": "app"}, "level": "WARNING",
        "block": [["log", "app", 20, "info"], ["log", "app.x", 30, "warn"]],
    },
    "numeric_level_without_name": {
        "logger": "app", "level": 25,
        "block": [["log", "app", 20, "below"], ["log", "app", 25, "at"], ["log", "app", 30, "above"]],
    },
    "nothing_logged_root": {
        "logger": None, "level": None, "block": [["log", "app", 10, "debug only"]],
    },
    "nothing_logged_unnamed_level": {
        "logger": "app", "level": 25, "block": [["log", "app", 20, "info"]],
    },
    "nothing_at_error": {
        "logger": "app.db", "level": "ERROR", "block": [["log", "app.db", 30, "warn"]],
    },
    "falsy_level_zero": {"logger": "app", "level": 0, "block": [["log", "app", 10, "d"], LOG]},
    "falsy_level_empty": {"logger": "app", "level": "", "block": [["log", "app", 10, "d"], LOG]},
    "falsy_level_false": {"logger": "app", "level": False, "block": [LOG]},
    "unknown_level_name": {"logger": "app", "level": "LOUD", "block": [LOG]},
    "lowercase_level_name": {"logger": "app", "level": "info", "block": [LOG]},
    "float_level": {"logger": "app", "level": 1.5, "block": [LOG]},
    "state_during_and_after": {
        "setup": [["add_handler", "app", "h1"], ["set_level", "app", "WARNING"],
                  ["set_propagate", "app", False]],
        "logger": "app", "level": "INFO",
        "block": [["snapshot", "app"], ["add_handler", "app", "h2"], ["set_level", "app", 10],
                  ["set_propagate", "app", True], ["log", "app", 10, "debug now"],
                  ["snapshot", "app"]],
    },
    "root_state_restored": {
        "setup": [["add_handler", None, "h1"], ["set_level", None, "ERROR"]],
        "logger": None, "level": None,
        "block": [["snapshot", None], LOG],
    },
    "non_propagating_child_not_seen": {
        "setup": [["set_propagate", "app.quiet", False]],
        "logger": "app", "level": None, "block": [["log", "app.quiet", 40, "lost"]],
    },
    "disabled_logger_stays_disabled": {
        "setup": [["set_disabled", "app", True]],
        "logger": "app", "level": None, "block": [["snapshot", "app"], LOG],
    },
    "logging_disable_hides_records": {
        "setup": [["disable", 20]], "logger": "app", "level": "INFO", "block": [LOG],
    },
    "error_passes_through": {
        "setup": [["add_handler", "app", "h1"]],
        "logger": "app", "level": None,
        "block": [LOG, ["raise", "ValueError", "boom"]],
    },
    "error_passes_through_without_logs": {
        "logger": "app", "level": None, "block": [["raise", "KeyError", "k"]],
    },
    "no_logs_passes": {
        "no_logs": True, "logger": "app", "level": "WARNING",
        "block": [["log", "app", 20, "fine"]],
    },
    "no_logs_fails_with_repr_of_output": {
        "no_logs": True, "logger": None, "level": None,
        "block": [["log", "app", 30, "it's"], ["log", "app.db", 40, 'say "hi" and it\'s'],
                  ["log", "x", 20, "caf\u00e9 \\ tab\there\nnext"]],
    },
    "no_logs_unknown_level": {
        "no_logs": True, "logger": "app", "level": "LOUD", "block": [],
    },
    "no_logs_error_passes_through": {
        "no_logs": True, "logger": "app", "level": None,
        "block": [LOG, ["raise", "ValueError", "boom"]],
    },
}


def get(name):
    return logging.getLogger(name)


def snapshot(logger):
    return {
        "handlers": [h.get_name() or "watcher" for h in logger.handlers],
        "level": logger.level,
        "propagate": logger.propagate,
        "disabled": logger.disabled,
    }


def reset():
    root = logging.getLogger()
    for lg in list(root.manager.loggerDict.values()):
        if isinstance(lg, logging.Logger):
            lg.handlers = []
            lg.setLevel(logging.NOTSET)
            lg.propagate = True
            lg.disabled = False
    root.manager.loggerDict.clear()
    root.handlers = []
    root.setLevel(logging.WARNING)
    logging.disable(logging.NOTSET)


ERRORS = {"ValueError": ValueError, "KeyError": KeyError}


def run(steps, during):
    for step in steps:
        op = step[0]
        if op == "log":
            get(step[1]).log(step[2], step[3], *step[4:])
        elif op == "set_level":
            get(step[1]).setLevel(step[2])
        elif op == "add_handler":
            h = logging.NullHandler()
            h.set_name(step[2])
            get(step[1]).addHandler(h)
        elif op == "set_propagate":
            get(step[1]).propagate = step[2]
        elif op == "set_disabled":
            get(step[1]).disabled = step[2]
        elif op == "disable":
            logging.disable(step[1])
        elif op == "snapshot":
            during.append(snapshot(get(step[1])))
        elif op == "raise":
            raise ERRORS[step[1]](step[2])
        else:
            raise AssertionError(op)


def scenario(spec):
    reset()
    run(spec.get("setup", []), [])
    tc = unittest.TestCase()
    logger = spec["logger"]
    if isinstance(logger, dict):
        logger = get(logger["instance"])
    cm_factory = tc.assertNoLogs if spec.get("no_logs") else tc.assertLogs
    result = {"entered": None, "during": [], "output": None, "records": None, "error": None}
    cm = cm_factory(logger, spec["level"])
    try:
        watcher = cm.__enter__()
    except Exception as e:  # noqa: BLE001
        result["entered"] = [type(e).__name__, str(e)]
    else:
        try:
            with_exc = None
            try:
                run(spec["block"], result["during"])
            except BaseException as e:  # noqa: BLE001
                with_exc = e
                if not cm.__exit__(type(e), e, e.__traceback__):
                    raise
            else:
                cm.__exit__(None, None, None)
        except Exception as e:  # noqa: BLE001
            result["error"] = [type(e).__name__, str(e)]
        w = cm.watcher
        result["output"] = list(w.output)
        result["records"] = [[r.name, r.levelno, r.getMessage()] for r in w.records]
        if watcher is not None:
            assert watcher is w
    names = {None, "app", "app.db", "app.quiet", "app.x"}
    result["after"] = {str(n): snapshot(get(n)) for n in sorted(names, key=str)
                       if n is None or n in logging.root.manager.loggerDict}
    result["disable_after"] = logging.root.manager.disable
    reset()
    return result


def main():
    out = {"python": sys.version.split()[0], "scenarios": {}}
    for name, spec in SCENARIOS.items():
        out["scenarios"][name] = {"spec": spec, "expected": scenario(spec)}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote", os.path.relpath(OUT))


main()
