"""Writes tests/fixtures/caplog.json: what pytest 9's `caplog` fixture does under CPython 3.13, for
tests/caplog_test.ts.

Each scenario is run by real pytest (pytest.main on a generated test module): a first test runs
the `pre` steps (logging set up before the test starts: non-propagating loggers, logging.disable),
the scenario's test runs its `steps` with `caplog`, and a third test records the loggers' levels
and the disable level after pytest's teardown (not for `log_level` scenarios, where that test
runs under the same setting). `log_level` scenarios run in a pytest session with
`-o log_level=...` (pytest's log_level setting, captureLogs({ level }) here).

Steps: ["log", logger, level, msg, *args], ["exception", logger, msg], ["set_level", level,
logger], ["at_level", level, logger, steps], ["filtering", name, steps], ["clear"],
["propagate", logger, bool], ["read"] (records as tuples, messages, text with "file:line"
written as "FILE:LINE", the handler's level), ["read_no_text"], ["snapshot", logger] (its level,
manager.disable, the handler's level). Logger None is the root logger.

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_caplog_fixtures.py
"""

import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _oracle import ensure_packages, require_313  # noqa: E402

require_313()
ensure_packages(["pytest==9.1.1"])

import pytest  # noqa: E402

assert pytest.__version__.startswith("9."), pytest.__version__

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "caplog.json")

W = ["log", "app", 30, "disk %d%% full", 91]

SCENARIOS = {
    "default_levels": {
        "steps": [["log", "app", 20, "not captured"], W, ["log", "app.db", 40, "query %s failed", "q1"],
                  ["read"]],
    },
    "set_level_root": {
        "steps": [["set_level", 20, None], ["log", "app", 20, "info %s", "x"],
                  ["log", "app", 10, "debug"], ["read"], ["snapshot", None]],
    },
    "set_level_by_name": {
        "steps": [["set_level", "INFO", None], ["log", "app", 20, "info"], ["read"]],
    },
    "set_level_named_logger": {
        "steps": [["set_level", 10, "app.db"], ["log", "app.db", 10, "debug db"],
                  ["log", "app", 10, "debug app"], ["log", "app", 20, "info app"], ["read"],
                  ["snapshot", "app.db"], ["snapshot", None]],
    },
    "set_level_twice_restores_the_first_levels": {
        "steps": [["set_level", 41, None], ["set_level", 10, None], ["set_level", 30, "app"],
                  ["set_level", 20, "app"], ["snapshot", None], ["snapshot", "app"],
                  ["log", "app", 20, "info"], ["read"]],
    },
    "at_level": {
        "steps": [["at_level", 40, "app", [["log", "app", 30, "warn"], ["log", "app", 40, "err"],
                                           ["snapshot", "app"]]],
                  ["snapshot", "app"], ["log", "app", 30, "warn after"], ["read"]],
    },
    "at_level_debug_root": {
        "steps": [["at_level", 10, None, [["log", "app", 10, "debug"], ["snapshot", None]]],
                  ["log", "app", 10, "debug after"], ["snapshot", None], ["read"]],
    },
    "at_level_inside_set_level": {
        "steps": [["set_level", 20, None], ["at_level", 40, None, [["log", "app", 30, "hidden"]]],
                  ["snapshot", None], ["log", "app", 20, "info"], ["read"]],
    },
    "clear": {
        "steps": [W, ["clear"], ["read"], ["log", "app", 40, "after clear"], ["read"]],
    },
    "disable_then_set_level": {
        "pre": [["disable", 30]],
        "steps": [["log", "app", 40, "hidden by disable"], ["set_level", 20, None], ["snapshot", None],
                  ["log", "app", 20, "info"], ["read"]],
    },
    "disable_then_set_level_named": {
        "pre": [["disable", 50]],
        "steps": [["set_level", "WARNING", "app"], ["snapshot", "app"], W, ["read"]],
    },
    "disable_then_at_level": {
        "pre": [["disable", 50]],
        "steps": [["at_level", 10, None, [["log", "app", 10, "debug"], ["snapshot", None]]],
                  ["snapshot", None], ["log", "app", 40, "hidden again"], ["read"]],
    },
    "disable_below_level_kept": {
        "pre": [["disable", 10]],
        "steps": [["set_level", 20, None], ["snapshot", None], ["log", "app", 20, "info"], ["read"]],
    },
    "non_propagating_logger_captured": {
        "pre": [["propagate", "quiet", False]],
        "steps": [["log", "quiet", 30, "from quiet"], ["propagate", "late", False],
                  ["log", "late", 30, "from late"], ["read"]],
    },
    "filtering": {
        "steps": [["filtering", "app.db", [["log", "app", 30, "app"], ["log", "app.db", 30, "db"]]],
                  ["log", "app", 30, "app after"], ["read"]],
    },
    "messages_and_exceptions": {
        "steps": [["log", "app", 30, "%(user)s did %(what)s", {"user": "ann", "what": "x"}],
                  ["exception", "app", "failed"], ["log", "app", 30, "multi\nline"],
                  ["read_no_text"]],
    },
    "text_format": {
        "steps": [["log", "app.db", 30, "short"], ["log", "a", 50, "critical"],
                  ["log", "app", 40, "x\ny"], ["read"]],
    },
}

LOG_LEVEL_SCENARIOS = {
    "log_level_option": {
        "log_level": "INFO",
        "steps": [["snapshot", None], ["log", "app", 20, "info"], ["log", "app", 10, "debug"],
                  ["read"]],
    },
    "log_level_option_with_set_level": {
        "log_level": "INFO",
        "steps": [["set_level", 10, None], ["snapshot", None], ["log", "app", 10, "debug"],
                  ["read"]],
    },
}

MODULE = r'''
import json, logging, os, re, sys
import pytest

SCENARIOS = json.loads(os.environ["CAPLOG_SCENARIOS"])
RESULTS = os.environ["CAPLOG_RESULTS"]
FILELINE = re.compile(r":[^:\s]+\.py:\d+ ")


def save(name, key, value):
    data = json.load(open(RESULTS)) if os.path.exists(RESULTS) else {}
    data.setdefault(name, {})[key] = value
    json.dump(data, open(RESULTS, "w"))


def snap(logger_name, caplog=None):
    lg = logging.getLogger(logger_name)
    out = {"level": lg.level, "disable": lg.manager.disable}
    if caplog is not None:
        out["handler_level"] = caplog.handler.level
    return out


def reset():
    root = logging.getLogger()
    for lg in list(root.manager.loggerDict.values()):
        if isinstance(lg, logging.Logger):
            lg.handlers = []
            lg.setLevel(logging.NOTSET)
            lg.propagate = True
    root.manager.loggerDict.clear()
    root.setLevel(logging.WARNING)
    logging.disable(logging.NOTSET)


def run(steps, caplog, out):
    for step in steps:
        op = step[0]
        if op == "log":
            args = step[4:]
            logging.getLogger(step[1]).log(step[2], step[3], *args)
        elif op == "exception":
            try:
                raise ValueError("boom")
            except ValueError:
                logging.getLogger(step[1]).exception(step[2])
        elif op == "set_level":
            caplog.set_level(step[1], step[2])
        elif op == "at_level":
            with caplog.at_level(step[1], step[2]):
                run(step[3], caplog, out)
        elif op == "filtering":
            with caplog.filtering(logging.Filter(step[1])):
                run(step[2], caplog, out)
        elif op == "clear":
            caplog.clear()
        elif op == "propagate":
            logging.getLogger(step[1]).propagate = step[2]
        elif op == "disable":
            logging.disable(step[1])
        elif op in ("read", "read_no_text"):
            got = {
                "record_tuples": [list(t) for t in caplog.record_tuples],
                "messages": caplog.messages,
                "records": len(caplog.records),
                "handler_level": caplog.handler.level,
            }
            if op == "read":
                got["text"] = FILELINE.sub(":FILE:LINE ", caplog.text)
            out.append(got)
        elif op == "snapshot":
            out.append(snap(step[1], caplog))
        else:
            raise AssertionError(op)


def make(name, spec):
    def pre():
        reset()
        run(spec.get("pre", []), None, [])

    def test(caplog):
        out = []
        run(spec["steps"], caplog, out)
        save(name, "results", out)

    def post():
        names = [None, "app", "app.db", "quiet", "late"]
        save(name, "after", {str(n): snap(n) for n in names})
        reset()

    return pre, test, post


for _name, _spec in SCENARIOS.items():
    _pre, _test, _post = make(_name, _spec)
    globals()["test_%s_0pre" % _name] = _pre
    globals()["test_%s_1" % _name] = _test
    globals()["test_%s_2post" % _name] = _post
'''


def run_session(tag, scenarios, extra_args):
    with tempfile.TemporaryDirectory() as d:
        # one module name per session: pytest.main runs in this process, which keeps imports
        path = os.path.join(d, "test_caplog_%s.py" % tag)
        with open(path, "w") as f:
            f.write(MODULE)
        results = os.path.join(d, "results.json")
        os.environ["CAPLOG_SCENARIOS"] = json.dumps(scenarios)
        os.environ["CAPLOG_RESULTS"] = results
        code = pytest.main([path, "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                            "--rootdir", d, *extra_args])
        assert code == 0, code
        with open(results) as f:
            return json.load(f)


def main():
    out = {"python": sys.version.split()[0], "pytest": pytest.__version__, "scenarios": {}}
    got = run_session("main", SCENARIOS, [])
    for name, spec in SCENARIOS.items():
        out["scenarios"][name] = {"spec": spec, "expected": got[name]}
    for name, spec in LOG_LEVEL_SCENARIOS.items():
        got = run_session(name, {name: spec}, ["-o", "log_level=" + spec["log_level"]])
        # the third test runs under the same log_level (root lowered again): its snapshot is not
        # the state after the scenario; the test checks that the levels are those from before
        del got[name]["after"]
        out["scenarios"][name] = {"spec": spec, "expected": got[name]}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote", os.path.relpath(OUT))


main()
