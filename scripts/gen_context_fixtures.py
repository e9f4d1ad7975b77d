"""Writes tests/fixtures/context.json: what CPython 3.13's contextvars and structlog 26's
context-local binding do, for tests/context_test.ts.

- "errors": the exception type and str() of each misuse of ContextVar, Token and Context. Object
  addresses ("at 0x7f...") differ between runs and implementations: they are written as "0x?" and
  the test normalises its own messages the same way.
- "reprs": repr() of variables and tokens (addresses normalised).
- "contextvars": small programs of steps (set, get, reset, copy, run) and what each step read.
- "structlog": programs of structlog.contextvars calls (bind, unbind, clear, reset, bound blocks,
  merge) and what get_contextvars() (or merge_contextvars) returned after each marked step.
- "example": the lines examples/context.py prints (tests/context_example_test.ts compares
  examples/context.ts's lines with them, in any order: timers decide the interleaving).

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_context_fixtures.py
"""

import contextvars
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _oracle import ensure_packages, require_313  # noqa: E402

require_313()
ensure_packages(["structlog==26.1.0"])

import structlog  # noqa: E402
import structlog.contextvars as sc  # noqa: E402

assert structlog.__version__.startswith("26."), structlog.__version__

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "context.json")
ADDR = re.compile(r"0x[0-9a-f]+")


def norm(text):
    return ADDR.sub("0x?", text)


def caught(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the fixture
        return [type(e).__name__, norm(str(e))]
    return None


def errors():
    out = {}
    v = contextvars.ContextVar("v")
    w = contextvars.ContextVar("w", default=5)
    out["get_unset"] = caught(lambda: v.get())
    out["name_not_str"] = caught(lambda: contextvars.ContextVar(1))
    out["no_name"] = caught(lambda: contextvars.ContextVar())
    out["get_two_args"] = caught(lambda: v.get(1, 2))
    out["reset_not_token"] = caught(lambda: v.reset("x"))
    t = v.set(1)
    v.reset(t)
    out["reset_twice"] = caught(lambda: v.reset(t))
    tw = w.set(3)
    out["reset_other_var"] = caught(lambda: v.reset(tw))
    w.reset(tw)
    ctx = contextvars.copy_context()
    t3 = v.set(9)
    out["reset_other_context"] = caught(lambda: ctx.run(v.reset, t3))
    v.reset(t3)
    out["run_entered"] = caught(lambda: ctx.run(lambda: ctx.run(lambda: 1)))
    out["context_missing_key"] = caught(lambda: ctx[v])
    out["context_bad_key"] = caught(lambda: ctx["x"])
    out["context_get_bad_key"] = caught(lambda: ctx.get("x"))
    out["context_in_bad_key"] = caught(lambda: "x" in ctx)
    out["run_no_fn"] = caught(lambda: ctx.run())
    return out


def reprs():
    v = contextvars.ContextVar("request_id")
    d = contextvars.ContextVar("user", default="-")
    n = contextvars.ContextVar("n", default=5)
    q = contextvars.ContextVar("it's")
    t = v.set("r1")
    out = {
        "var": norm(repr(v)),
        "var_default_str": norm(repr(d)),
        "var_default_int": norm(repr(n)),
        "var_quote_name": norm(repr(q)),
        "token": norm(repr(t)),
    }
    v.reset(t)
    out["token_used"] = norm(repr(t))
    out["context"] = norm(repr(contextvars.copy_context()))
    return out


def contextvars_programs():
    """Each program: steps; each step's result. Variables: a (no default), b (default 'B')."""
    programs = {
        "get_default_precedence": [
            ["get", "a", "DFLT"], ["get", "b"], ["get", "b", "DFLT"], ["set", "b", "b1"],
            ["get", "b", "DFLT"], ["get", "a"],
        ],
        "set_reset_restores": [
            ["set", "a", 1, "t1"], ["set", "a", 2, "t2"], ["get", "a"], ["reset", "t2"],
            ["get", "a"], ["reset", "t1"], ["get", "a", None], ["old_value", "t1"],
            ["old_value", "t2"],
        ],
        "copy_is_a_snapshot": [
            ["set", "a", 1], ["copy", "c1"], ["set", "a", 2], ["ctx_get", "c1", "a"], ["get", "a"],
            ["ctx_len", "c1"], ["ctx_has", "c1", "b"],
        ],
        "run_keeps_sets_in_the_context": [
            ["set", "a", 1], ["copy", "c1"], ["run", "c1", [["set", "a", 5], ["set", "b", "x"],
                                                       ["get", "a"]]],
            ["get", "a"], ["get", "b"], ["ctx_get", "c1", "a"], ["ctx_get", "c1", "b"],
            ["ctx_keys", "c1"], ["run", "c1", [["get", "a"]]],
        ],
        "token_in_run_is_of_that_context": [
            ["copy", "c1"], ["run", "c1", [["set", "a", 1, "t1"], ["reset", "t1"], ["get", "a", None]]],
            ["ctx_len", "c1"], ["ctx_has", "c1", "a"],
        ],
        "empty_context": [
            ["new", "c0"], ["ctx_len", "c0"], ["run", "c0", [["get", "a", "none"], ["get", "b"]]],
        ],
    }
    results = {}
    for name, steps in programs.items():
        a = contextvars.ContextVar("a")
        b = contextvars.ContextVar("b", default="B")
        var = {"a": a, "b": b}

        def run_steps(steps, tokens, ctxs, out):
            for step in steps:
                op = step[0]
                try:
                    if op == "get":
                        out.append(var[step[1]].get(*step[2:]))
                    elif op == "set":
                        tok = var[step[1]].set(step[2])
                        if len(step) > 3:
                            tokens[step[3]] = tok
                    elif op == "reset":
                        tok = tokens[step[1]]
                        tok.var.reset(tok)
                    elif op == "old_value":
                        old = tokens[step[1]].old_value
                        out.append("MISSING" if old is contextvars.Token.MISSING else old)
                    elif op == "copy":
                        ctxs[step[1]] = contextvars.copy_context()
                    elif op == "new":
                        ctxs[step[1]] = contextvars.Context()
                    elif op == "ctx_get":
                        out.append(ctxs[step[1]].get(var[step[2]]))
                    elif op == "ctx_len":
                        out.append(len(ctxs[step[1]]))
                    elif op == "ctx_has":
                        out.append(var[step[2]] in ctxs[step[1]])
                    elif op == "ctx_keys":
                        out.append([k.name for k in ctxs[step[1]] if k in (a, b)])
                    elif op == "run":
                        inner = []
                        ctxs[step[1]].run(run_steps, step[2], tokens, ctxs, inner)
                        out.append(inner)
                    else:
                        raise AssertionError(op)
                except Exception as e:  # noqa: BLE001
                    out.append({"error": [type(e).__name__, norm(str(e))]})

        out = []
        contextvars.copy_context().run(run_steps, steps, {}, {}, out)
        results[name] = {"steps": steps, "results": out}
    return results


def structlog_programs():
    programs = {
        "bind_unbind_clear": [
            ["bind", {"a": 1, "b": "two"}], ["get"], ["unbind", ["a"]], ["get"],
            ["unbind", ["never_bound"]], ["get"], ["bind", {"a": 3}], ["get"], ["clear"], ["get"],
            ["bind", {"c": None}], ["get"],
        ],
        "bind_overwrites": [
            ["bind", {"a": 1}], ["bind", {"a": 2, "b": 1}], ["get"],
        ],
        "reset_with_tokens": [
            ["bind", {"a": 1}, "t1"], ["bind", {"a": 2, "b": 3}, "t2"], ["get"], ["reset", "t2"],
            ["get"], ["reset", "t1"], ["get"], ["reset_unknown"], ["reset", "t1"], ["get"],
        ],
        "bound_restores_its_keys_only": [
            ["bind", {"a": 1, "keep": "k"}],
            ["bound", {"a": 9, "c": "new"}, [["get"], ["bind", {"d": 4}], ["get"]]],
            ["get"],
        ],
        "bound_restores_a_key_unbound_inside": [
            ["bind", {"a": 1}], ["bound", {"a": 2}, [["unbind", ["a"]], ["get"]]], ["get"],
        ],
        "bound_after_clear_inside": [
            ["bind", {"a": 1, "b": 2}], ["bound", {"a": 5}, [["clear"], ["get"]]], ["get"],
        ],
        "bound_nested": [
            ["bound", {"a": 1}, [["bound", {"a": 2, "b": 2}, [["get"]]], ["get"]]], ["get"],
        ],
        "bound_block_raises": [
            ["bind", {"a": 1}], ["bound_raise", {"a": 2, "b": 3}, [["bind", {"e": 1}], ["get"]]],
            ["get"],
        ],
        "bound_of_an_unbound_key": [
            ["bind", {"a": 1}], ["unbind", ["a"]], ["bound", {"a": 2}, [["get"]]], ["get"],
        ],
        "merge_keeps_the_event_values": [
            ["bind", {"a": 1, "b": 2}], ["unbind", ["b"]],
            ["merge", {"event": "hi", "a": "mine"}], ["merge", {"event": "hi"}],
        ],
    }
    results = {}
    for name, steps in programs.items():

        def run_steps(steps, tokens, out):
            for step in steps:
                op = step[0]
                try:
                    if op == "bind":
                        toks = sc.bind_contextvars(**step[1])
                        if len(step) > 2:
                            tokens[step[2]] = toks
                    elif op == "unbind":
                        sc.unbind_contextvars(*step[1])
                    elif op == "clear":
                        sc.clear_contextvars()
                    elif op == "get":
                        out.append(sc.get_contextvars())
                    elif op == "reset":
                        sc.reset_contextvars(**tokens[step[1]])
                    elif op == "reset_unknown":
                        sc.reset_contextvars(nope=tokens["t1"]["a"])
                    elif op == "merge":
                        out.append(sc.merge_contextvars(None, "info", dict(step[1])))
                    elif op == "bound":
                        with sc.bound_contextvars(**step[1]):
                            run_steps(step[2], tokens, out)
                    elif op == "bound_raise":
                        try:
                            with sc.bound_contextvars(**step[1]):
                                run_steps(step[2], tokens, out)
                                raise ValueError("boom")
                        except ValueError as e:
                            out.append({"raised": str(e)})
                    else:
                        raise AssertionError(op)
                except Exception as e:  # noqa: BLE001
                    out.append({"error": [type(e).__name__, norm(str(e))]})

        out = []
        # each program in a fresh context, as each request would be
        contextvars.Context().run(run_steps, steps, {}, out)
        results[name] = {"steps": steps, "results": out}
    return results


def example():
    path = os.path.join(os.path.dirname(__file__), "..", "examples", "context.py")
    out = subprocess.run([sys.executable, path], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def main():
    data = {
        "python": sys.version.split()[0],
        "structlog": structlog.__version__,
        "errors": errors(),
        "reprs": reprs(),
        "contextvars": contextvars_programs(),
        "structlog_programs": structlog_programs(),
        "example": example(),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote", os.path.relpath(OUT))


main()
