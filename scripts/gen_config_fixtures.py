#!/usr/bin/env python3
"""Generates tests/fixtures/config_differential.json.

config_differential.json: configurations (dictConfig dictionaries and fileConfig INI texts) applied
by CPython 3.13 to the same log calls as tests/config_differential_test.ts makes; stdout, stderr,
files, logger state probes and errors are recorded. Time is fixed (a record factory sets `created`)
and rendered with time.gmtime.

(tests/fixtures/config_python_json.json, the output of examples/dictconfig.py, is written by
scripts/gen_json_color_fixtures.py, which installs the python-json-logger and colorlog that
examples/logging.json names.)

Run: PYENV_VERSION=3.13.0 python3 scripts/gen_config_fixtures.py
"""
from _oracle import require_313  # refuses any Python but CPython 3.13, saying how to run this

require_313()
import io
import json
import logging
import logging.config
import logging.handlers
from _pylogging import reset_logging
import os
import subprocess
import sys
import tempfile
import textwrap
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CREATED = 1700000000.25

FMT = {"format": "%(levelname)s ++ %(message)s"}
STDOUT_H = {"class": "logging.StreamHandler", "formatter": "form1", "stream": "ext://sys.stdout"}


def hand(**kw):
    d = dict(STDOUT_H)
    d.update(kw)
    return d


def base(**kw):
    d = {"version": 1, "formatters": {"form1": FMT}, "handlers": {"hand1": hand()}}
    d.update(kw)
    return d


ALL_LEVELS = [
    ["", "debug", "root debug"],
    ["", "info", "root info"],
    ["", "warning", "root warning"],
    ["a", "debug", "a debug"],
    ["a", "info", "a info"],
    ["a", "error", "a error"],
    ["a.b", "debug", "a.b debug"],
    ["a.b", "warning", "a.b warning"],
    ["a.b.c", "critical", "a.b.c critical %s %d", "x", 3],
    ["z", "error", "z error"],
]

INI0 = """
[loggers]
keys=root

[handlers]
keys=hand1

[formatters]
keys=form1

[logger_root]
level=WARNING
handlers=hand1

[handler_hand1]
class=StreamHandler
level=NOTSET
formatter=form1
args=(sys.stdout,)

[formatter_form1]
format=%(levelname)s ++ %(message)s
datefmt=
"""

INI1 = """
[loggers]
keys=root,parser

[handlers]
keys=hand1

[formatters]
keys=form1

[logger_root]
level=WARNING
handlers=

[logger_parser]
level=DEBUG
handlers=hand1
propagate=1
qualname=compiler.parser

[handler_hand1]
class=StreamHandler
level=NOTSET
formatter=form1
args=(sys.stdout,)

[formatter_form1]
format=%(levelname)s ++ %(message)s
datefmt=
"""

INI1A = INI1.replace("[logger_root]\nlevel=WARNING\nhandlers=\n", "[logger_root]\nlevel=WARNING\nhandlers=hand1\n").replace(
    "level=DEBUG\nhandlers=hand1\npropagate=1", "level=DEBUG\nhandlers=\npropagate=1")

INI7 = """
[loggers]
keys=root,parser,compiler

[handlers]
keys=hand1

[formatters]
keys=form1

[logger_root]
level=WARNING
handlers=hand1

[logger_compiler]
level=DEBUG
handlers=
propagate=1
qualname=compiler

[logger_parser]
level=DEBUG
handlers=
propagate=1
qualname=compiler.parser

[handler_hand1]
class=StreamHandler
level=NOTSET
formatter=form1
kwargs={'stream': sys.stdout,}

[formatter_form1]
format=%(levelname)s ++ %(message)s
datefmt=
"""

COMPILER_CALLS = [
    ["compiler.parser", "info", "1"],
    ["compiler.parser", "error", "2"],
    ["compiler-hyphenated", "critical", "3"],
    ["compiler.lexer", "info", "4"],
    ["compiler", "error", "5"],
]

CASES = [
    # --- dictConfig: the basics -------------------------------------------------------------------
    {"name": "dict config0", "steps": [
        {"dict": base(root={"level": "WARNING", "handlers": ["hand1"]})},
        {"log": ALL_LEVELS}]},
    {"name": "dict config1 (logger with handler)", "steps": [
        {"dict": base(loggers={"compiler.parser": {"level": "DEBUG", "handlers": ["hand1"]}},
                      root={"level": "WARNING"})},
        {"log": COMPILER_CALLS}, {"probe": ["compiler.parser", ""]}]},
    {"name": "dict config1a then config8a (disable existing, children kept)", "steps": [
        {"dict": base(loggers={"compiler.parser": {"level": "DEBUG"}},
                      root={"level": "WARNING", "handlers": ["hand1"]})},
        {"log": COMPILER_CALLS},
        {"dict": base(disable_existing_loggers=True,
                      loggers={"compiler": {"level": "DEBUG", "handlers": ["hand1"]},
                               "compiler.lexer": {}},
                      root={"level": "WARNING"})},
        {"log": COMPILER_CALLS},
        {"probe": ["compiler", "compiler.parser", "compiler.lexer", "compiler-hyphenated"]}]},
    {"name": "dict config7 disables compiler.parser", "steps": [
        {"dict": base(loggers={"compiler.parser": {"level": "DEBUG", "handlers": ["hand1"]}},
                      root={"level": "WARNING"})},
        {"log": COMPILER_CALLS[:2]},
        {"dict": base(loggers={"compiler.lexer": {"level": "DEBUG", "handlers": ["hand1"]}},
                      root={"level": "WARNING"})},
        {"log": COMPILER_CALLS},
        {"probe": ["compiler.parser", "compiler.lexer"]}]},
    {"name": "dict disable_existing_loggers false", "steps": [
        {"dict": base(loggers={"a": {"level": "DEBUG", "handlers": ["hand1"]}})},
        {"log": ALL_LEVELS},
        {"dict": base(disable_existing_loggers=False,
                      loggers={"z": {"level": "DEBUG", "handlers": ["hand1"]}})},
        {"log": ALL_LEVELS},
        {"probe": ["a", "a.b", "z"]}]},
    {"name": "dict gh-90195 version-only config disables everything", "steps": [
        {"dict": {"version": 1, "disable_existing_loggers": False,
                  "handlers": {"console": {"level": "DEBUG", "class": "logging.StreamHandler",
                                           "stream": "ext://sys.stdout"}},
                  "loggers": {"a": {"level": "DEBUG", "handlers": ["console"]}}}},
        {"log": ALL_LEVELS},
        {"dict": {"version": 1}},
        {"probe": ["a"]},
        {"log": ALL_LEVELS}]},
    {"name": "dict config9 incremental levels", "steps": [
        {"dict": base(handlers={"hand1": hand(level="WARNING")},
                      loggers={"compiler.parser": {"level": "WARNING", "handlers": ["hand1"]}},
                      root={"level": "NOTSET"})},
        {"log": [["compiler.parser", "info", "1"]]},
        {"dict": {"version": 1, "incremental": True, "handlers": {"hand1": {"level": "WARNING"}},
                  "loggers": {"compiler.parser": {"level": "INFO"}}}},
        {"log": [["compiler.parser", "info", "2"]]},
        {"dict": {"version": 1, "incremental": True, "handlers": {"hand1": {"level": "INFO"}},
                  "loggers": {"compiler.parser": {"level": "INFO", "propagate": False}},
                  "root": {"level": "ERROR"}}},
        {"log": [["compiler.parser", "info", "3"]]},
        {"probe": ["compiler.parser", ""]}]},
    {"name": "dict config10 filters on logger and handler", "steps": [
        {"dict": base(filters={"filt1": {"name": "compiler.parser"}},
                      handlers={"hand1": hand(filters=["filt1"])},
                      loggers={"compiler.parser": {"level": "DEBUG", "filters": ["filt1"]}},
                      root={"level": "WARNING", "handlers": ["hand1"]})},
        {"log": [["compiler.parser", "warning", "1"], ["compiler", "warning", "2"],
                 ["compiler.lexer", "warning", "3"], ["compiler.parser.codegen", "error", "4"]]}]},
    {"name": "dict config11 cfg:// references", "steps": [
        {"dict": {"version": 1, "true_formatters": {"form1": FMT},
                  "handler_configs": {"hand1": hand()},
                  "formatters": "cfg://true_formatters",
                  "handlers": {"hand1": "cfg://handler_configs[hand1]"},
                  "loggers": {"compiler.parser": {"level": "DEBUG", "handlers": ["hand1"]}},
                  "root": {"level": "WARNING"}}},
        {"log": COMPILER_CALLS}]},
    {"name": "dict cfg:// path syntax (dots, indexes, nested)", "steps": [
        {"dict": {"version": 1,
                  "settings": {"formats": ["%(message)s", "[%(name)s] %(message)s"],
                               "levels": {"main": "INFO"}, "streams": {"out": "ext://sys.stdout"}},
                  "formatters": {"f": {"format": "cfg://settings.formats[1]"}},
                  "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "f",
                                     "stream": "cfg://settings[streams].out",
                                     "level": "cfg://settings.levels[main]"}},
                  "root": {"level": "DEBUG", "handlers": ["h"]}}},
        {"log": ALL_LEVELS}]},
    {"name": "dict config14 '.' properties (terminator)", "steps": [
        {"dict": base(handlers={"hand1": hand(**{".": {"foo": "bar", "terminator": "!\n"}})},
                      root={"level": "WARNING", "handlers": ["hand1"]})},
        {"log": [["", "warning", "Exclamation"]]}]},
    {"name": "dict styles % { $", "steps": [
        {"dict": {"version": 1,
                  "formatters": {"p": {"format": "%(levelname)-8s|%(name)s|%(message)s"},
                                 "b": {"format": "{levelname:>8}|{name}|{message}", "style": "{"},
                                 "d": {"format": "$levelname|${name}|$message", "style": "$"}},
                  "handlers": {"hp": {"class": "logging.StreamHandler", "formatter": "p",
                                      "stream": "ext://sys.stdout"},
                               "hb": {"class": "logging.StreamHandler", "formatter": "b",
                                      "stream": "ext://sys.stdout"},
                               "hd": {"class": "logging.StreamHandler", "formatter": "d",
                                      "stream": "ext://sys.stdout"}},
                  "root": {"level": "INFO", "handlers": ["hp", "hb", "hd"]}}},
        {"log": ALL_LEVELS}]},
    {"name": "dict asctime default and datefmt (gmtime, fixed time)", "steps": [
        {"dict": {"version": 1,
                  "formatters": {"t1": {"format": "%(asctime)s %(msecs)03d %(message)s"},
                                 "t2": {"format": "%(asctime)s %(message)s",
                                        "datefmt": "%Y/%m/%d %H-%M-%S %a %b %j"}},
                  "handlers": {"h1": {"class": "logging.StreamHandler", "formatter": "t1",
                                      "stream": "ext://sys.stdout"},
                               "h2": {"class": "logging.StreamHandler", "formatter": "t2",
                                      "stream": "ext://sys.stdout"}},
                  "root": {"level": "INFO", "handlers": ["h1", "h2"]}}},
        {"log": [["x", "info", "hello"]]}]},
    {"name": "dict stdout and stderr, handler levels", "steps": [
        {"dict": {"version": 1,
                  "formatters": {"f": {"format": "%(name)s:%(levelname)s:%(message)s"}},
                  "handlers": {"out": {"class": "logging.StreamHandler", "formatter": "f",
                                       "stream": "ext://sys.stdout", "level": "DEBUG"},
                               "err": {"class": "logging.StreamHandler", "formatter": "f",
                                       "stream": "ext://sys.stderr", "level": "ERROR"}},
                  "root": {"level": "DEBUG", "handlers": ["out", "err"]}}},
        {"log": ALL_LEVELS}]},
    {"name": "dict default stream is stderr, default formatter", "steps": [
        {"dict": {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler"}},
                  "root": {"level": "INFO", "handlers": ["h"]}}},
        {"log": ALL_LEVELS}]},
    {"name": "dict propagate false and numeric levels", "steps": [
        {"dict": base(loggers={"a": {"level": 15, "handlers": ["hand1"], "propagate": False},
                               "a.b": {"level": 35}},
                      root={"level": 10, "handlers": ["hand1"]})},
        {"log": ALL_LEVELS + [["a", "log", 15, "a at 15"], ["a", "log", 14, "a at 14"]]},
        {"probe": ["a", "a.b", ""]}]},
    {"name": "dict multiple handlers per logger, order kept", "steps": [
        {"dict": {"version": 1,
                  "formatters": {"one": {"format": "1 %(message)s"}, "two": {"format": "2 %(message)s"}},
                  "handlers": {"zz": {"class": "logging.StreamHandler", "formatter": "one",
                                      "stream": "ext://sys.stdout"},
                               "aa": {"class": "logging.StreamHandler", "formatter": "two",
                                      "stream": "ext://sys.stdout"}},
                  "loggers": {"a": {"handlers": ["zz", "aa"]}},
                  "root": {"level": "DEBUG", "handlers": ["aa"]}}},
        {"log": [["a", "info", "m1"], ["a.b", "info", "m2"], ["", "info", "m3"]]},
        {"probe": ["a", ""]}]},
    {"name": "dict NullHandler and lastResort", "steps": [
        {"dict": {"version": 1, "handlers": {"null": {"class": "logging.NullHandler"}},
                  "loggers": {"quiet": {"handlers": ["null"], "propagate": False}},
                  "root": {"level": "DEBUG"}}},
        {"log": [["quiet", "error", "dropped"], ["loud", "warning", "to lastResort"],
                 ["loud", "info", "below lastResort"]]}]},
    {"name": "dict FileHandler mode w in temp dir", "steps": [
        {"dict": {"version": 1,
                  "formatters": {"f": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
                  "handlers": {"file": {"class": "logging.FileHandler", "filename": "{dir}/app.log",
                                        "mode": "w", "encoding": "utf-8", "formatter": "f"}},
                  "root": {"level": "INFO", "handlers": ["file"]}}},
        {"log": ALL_LEVELS + [["a", "warning", "caf\u00e9 \u2603"]]}]},
    {"name": "dict FileHandler delay and latin-1", "steps": [
        {"dict": {"version": 1,
                  "handlers": {"file": {"class": "logging.FileHandler", "filename": "{dir}/l1.log",
                                        "encoding": "latin-1", "delay": True}},
                  "root": {"level": "INFO", "handlers": ["file"]}}},
        {"log": [["a", "warning", "caf\u00e9"]]}]},
    {"name": "dict RotatingFileHandler", "steps": [
        {"dict": {"version": 1,
                  "formatters": {"f": {"format": "%(message)s"}},
                  "handlers": {"rot": {"class": "logging.handlers.RotatingFileHandler",
                                       "filename": "{dir}/rot.log", "maxBytes": 30,
                                       "backupCount": 2, "formatter": "f"}},
                  "root": {"level": "INFO", "handlers": ["rot"]}}},
        {"log": [["a", "info", "message number %d", i] for i in range(8)]}]},
    {"name": "dict reconfigure replaces handlers (no duplicates)", "steps": [
        {"dict": base(root={"level": "INFO", "handlers": ["hand1"]})},
        {"dict": base(root={"level": "INFO", "handlers": ["hand1"]})},
        {"log": [["a", "info", "once"]]},
        {"probe": [""]}]},
    {"name": "dict root {} leaves root alone", "steps": [
        {"dict": base(root={"level": "INFO", "handlers": ["hand1"]})},
        {"log": [["", "info", "first"]]},
        {"dict": {"version": 1, "root": {}}},
        {"probe": [""]},
        {"log": [["", "info", "second"]]}]},
    {"name": "dict validate false and custom formatter class", "steps": [
        {"dict": {"version": 1,
                  "formatters": {"f": {"format": "%(levelname)s:%(message)s", "style": "$",
                                       "validate": False, "class": "logging.Formatter"}},
                  "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "f",
                                     "stream": "ext://sys.stdout"}},
                  "root": {"level": "INFO", "handlers": ["h"]}}},
        {"log": [["a", "info", "msg"]]}]},
    {"name": "dict '()' with logging.Formatter and '.' on formatter", "steps": [
        {"dict": {"version": 1,
                  "formatters": {"f": {"()": "logging.Formatter", "fmt": "<%(message)s>",
                                       ".": {"default_msec_format": "%s.%03d"}},
                                 "g": {"()": "logging.Formatter", "format": "[{message}]",
                                       "style": "{"}},
                  "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "f",
                                     "stream": "ext://sys.stdout"},
                               "i": {"class": "logging.StreamHandler", "formatter": "g",
                                     "stream": "ext://sys.stdout"}},
                  "root": {"level": "INFO", "handlers": ["h", "i"]}}},
        {"log": [["a", "info", "msg"]]}]},
    {"name": "dict filter via '()' logging.Filter", "steps": [
        {"dict": {"version": 1,
                  "filters": {"only_a": {"()": "logging.Filter", "name": "a"}},
                  "handlers": {"h": {"class": "logging.StreamHandler", "filters": ["only_a"],
                                     "stream": "ext://sys.stdout"}},
                  "root": {"level": "DEBUG", "handlers": ["h"]}}},
        {"log": ALL_LEVELS}]},
    {"name": "dict handlers configured in sorted order (names)", "steps": [
        {"dict": {"version": 1,
                  "handlers": {"b": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
                               "A": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
                               "a": {"class": "logging.NullHandler"}},
                  "root": {"handlers": ["a", "b", "A"]}}},
        {"probe": [""]}]},
    # --- dictConfig: errors -------------------------------------------------------------------------
    {"name": "dict error: no version", "steps": [{"dict": {"root": {}}}]},
    {"name": "dict error: version 2", "steps": [{"dict": {"version": 2}}]},
    {"name": "dict error: unknown handler class", "steps": [
        {"dict": {"version": 1, "handlers": {"console": {"class": "logging.NoSuchHandler"}}}}]},
    {"name": "dict error: unknown module", "steps": [
        {"dict": {"version": 1, "handlers": {"console": {"class": "myapp.handlers.Nope"}}}}]},
    {"name": "dict error: handlers module name", "steps": [
        {"dict": {"version": 1, "handlers": {"console": {"class": "logging.handlers.StreamHandler"}}}}]},
    {"name": "dict error config2: ext://sys.stdbout", "steps": [
        {"dict": base(handlers={"hand1": hand(stream="ext://sys.stdbout")})}]},
    {"name": "dict error config2a: handler level", "steps": [
        {"dict": base(handlers={"hand1": hand(level="NTOSET")})}]},
    {"name": "dict error config2b: root level", "steps": [
        {"dict": base(root={"level": "WRANING"})}]},
    {"name": "dict error config3: unknown formatter", "steps": [
        {"dict": base(handlers={"hand1": hand(formatter="misspelled_name")})}]},
    {"name": "dict error config6: invalid identifier", "steps": [
        {"dict": base(handlers={"hand1": hand(**{"9": "invalid parameter name"})})}]},
    {"name": "dict error: unexpected keyword", "steps": [
        {"dict": base(handlers={"hand1": hand(foo=1)})}]},
    {"name": "dict error: missing filename", "steps": [
        {"dict": {"version": 1, "handlers": {"f": {"class": "logging.FileHandler"}}}}]},
    {"name": "dict error: unknown handler in logger", "steps": [
        {"dict": base(loggers={"a": {"handlers": ["hand1", "nope"]}})}]},
    {"name": "dict error: unknown filter in logger", "steps": [
        {"dict": base(filters={"f1": {"name": "x"}}, loggers={"a": {"filters": ["nope"]}})}]},
    {"name": "dict error: no filters section", "steps": [
        {"dict": base(loggers={"a": {"filters": ["nope"]}})}]},
    {"name": "dict error: bad format string", "steps": [
        {"dict": {"version": 1, "formatters": {"f": {"format": "%(message"}}}}]},
    {"name": "dict error: bad style", "steps": [
        {"dict": {"version": 1, "formatters": {"f": {"format": "x", "style": "^"}}}}]},
    {"name": "dict error: $ format with % style validate", "steps": [
        {"dict": {"version": 1, "formatters": {"f": {"format": "${message}"}}}}]},
    {"name": "dict error: cfg:// missing key", "steps": [
        {"dict": {"version": 1, "formatters": {"f": {"format": "cfg://nosuch"}}}}]},
    {"name": "dict error: cfg:// unparsable", "steps": [
        {"dict": {"version": 1, "formatters": {"f": {"format": "cfg://!"}}}}]},
    {"name": "dict error: cfg:// bad rest", "steps": [
        {"dict": {"version": 1, "a": {"x": 1}, "formatters": {"f": {"format": "cfg://a[x"}}}}]},
    # 3.13's INDEX_PATTERN takes anything but brackets between [ and ], spaces included.
    {"name": "dict cfg:// index with punctuation and spaces (3.13)", "steps": [
        {"dict": {"version": 1, "fmts": {"my-key": "%(levelname)s -- %(message)s",
                                         " x ": "%(message)s ++"},
                  "formatters": {"f": {"format": "cfg://fmts[my-key]"},
                                 "g": {"format": "cfg://fmts[ x ]"}},
                  "handlers": {"h": hand(formatter="f"), "i": hand(formatter="g")},
                  "root": {"level": "WARNING", "handlers": ["h", "i"]}}},
        {"log": [["", "warning", "indexed"]]}]},
    {"name": "dict error: cfg:// empty index (3.13)", "steps": [
        {"dict": {"version": 1, "a": {"x": 1}, "formatters": {"f": {"format": "cfg://a[]"}}}}]},
    {"name": "dict error: file in missing directory", "steps": [
        {"dict": {"version": 1, "handlers": {"f": {"class": "logging.FileHandler",
                                                   "filename": "{dir}/no/such/dir/x.log"}}}}]},
    {"name": "dict error: MemoryHandler target missing", "needs": "MemoryHandler", "steps": [
        {"dict": {"version": 1, "handlers": {"m": {"class": "logging.handlers.MemoryHandler",
                                                   "capacity": 2, "target": "z"}}}}]},
    {"name": "dict error: incremental unknown handler", "steps": [
        {"dict": {"version": 1, "incremental": True, "handlers": {"nope": {"level": "INFO"}}}}]},
    # --- fileConfig ---------------------------------------------------------------------------------
    {"name": "ini config0", "steps": [{"ini": INI0}, {"log": ALL_LEVELS}]},
    {"name": "ini config1", "steps": [{"ini": INI1}, {"log": COMPILER_CALLS},
                                      {"probe": ["compiler.parser", ""]}]},
    {"name": "ini config1a then config7 (children of named loggers kept)", "steps": [
        {"ini": INI1A}, {"log": COMPILER_CALLS}, {"ini": INI7}, {"log": COMPILER_CALLS},
        {"probe": ["compiler", "compiler.parser", "compiler-hyphenated", "compiler.lexer"]}]},
    {"name": "ini config5 class=logging.StreamHandler", "steps": [
        {"ini": INI1.replace("class=StreamHandler", "class=logging.StreamHandler")},
        {"log": COMPILER_CALLS}]},
    {"name": "ini config6 ', ' delimiters", "steps": [
        {"ini": """
[loggers]
keys=root,parser

[handlers]
keys=hand1, hand2

[formatters]
keys=form1, form2

[logger_root]
level=WARNING
handlers=

[logger_parser]
level=DEBUG
handlers=hand1, hand2
propagate=1
qualname=compiler.parser

[handler_hand1]
class=StreamHandler
level=NOTSET
formatter=form1
args=(sys.stdout,)

[handler_hand2]
class=StreamHandler
level=NOTSET
formatter=form2
args=(sys.stderr,)

[formatter_form1]
format=%(levelname)s ++ %(message)s
datefmt=

[formatter_form2]
format=%(message)s
datefmt=
"""}, {"log": COMPILER_CALLS}]},
    {"name": "ini disable_existing_loggers=False", "steps": [
        {"ini": INI1}, {"log": [["other", "error", "before"]]},
        {"ini": INI0, "disable_existing_loggers": False},
        {"log": [["other", "error", "after"], ["compiler.parser", "error", "cp"]]},
        {"probe": ["other", "compiler.parser"]}]},
    {"name": "ini file handler, defaults interpolation, DEFAULT section, comments, continuation", "steps": [
        {"ini": """
# a comment
; another
[DEFAULT]
logname = app

[loggers]
keys = root, app

[handlers]
keys = file

[formatters]
keys = plain

[logger_root]
level = INFO
handlers =

[logger_app]
level = DEBUG
handlers = file
propagate = 0
qualname = %(logname)s

[handler_file]
class = FileHandler
args = ('%(logdir)s/%(logname)s.log',
    'w')
kwargs = {'encoding': 'utf-8'}

[formatter_plain]
format = %(asctime)s %%(levelname)s %(name)s: %(message)s
datefmt = %Y-%m-%dT%H:%M:%S
""".replace("%%(levelname)s", "%(levelname)s"), "defaults": {"logdir": "{dir}"}},
        {"log": [["app", "debug", "in file"], ["app.sub", "info", "child in file"],
                 ["", "info", "root has no handler"]]},
        {"probe": ["app"]}]},
    {"name": "ini formatter style { and $", "steps": [
        {"ini": """
[loggers]
keys=root
[handlers]
keys=h1,h2
[formatters]
keys=f1,f2
[logger_root]
level=DEBUG
handlers=h1,h2
[handler_h1]
class=StreamHandler
formatter=f1
args=(sys.stdout,)
[handler_h2]
class=logging.StreamHandler
formatter=f2
args=[sys.stdout]
[formatter_f1]
format={levelname}:{name}:{message}
style={
[formatter_f2]
format=${levelname}/${name}/${message}
style=$
"""}, {"log": ALL_LEVELS}]},
    {"name": "ini RotatingFileHandler via handlers.", "steps": [
        {"ini": """
[loggers]
keys=root
[handlers]
keys=rot
[formatters]
keys=
[logger_root]
level=INFO
handlers=rot
[handler_rot]
class=handlers.RotatingFileHandler
level=INFO
args=('{dir}/r.log', 'a', 40, 1)
"""}, {"log": [["a", "info", "line %d of the rotating log", i] for i in range(5)]}]},
    {"name": "ini handler level and logger propagate", "steps": [
        {"ini": """
[loggers]
keys=root,a
[handlers]
keys=out,err
[formatters]
keys=f
[logger_root]
level=DEBUG
handlers=out
[logger_a]
level=INFO
handlers=err
propagate=0
qualname=a
[handler_out]
class=StreamHandler
formatter=f
args=(sys.stdout,)
[handler_err]
class=StreamHandler
level=WARNING
formatter=f
args=(sys.stderr,)
[formatter_f]
format=%(name)s|%(levelname)s|%(message)s
"""}, {"log": ALL_LEVELS}, {"probe": ["a", "a.b", ""]}]},
    {"name": "ini set handler names", "steps": [
        {"ini": """
[loggers]
keys=root
[handlers]
keys=hand1
[formatters]
keys=form1
[logger_root]
handlers=hand1
[handler_hand1]
class=StreamHandler
formatter=form1
[formatter_form1]
format=%(levelname)s ++ %(message)s
"""}, {"probe": [""]}, {"log": [["", "warning", "to stderr"]]}]},
    # --- fileConfig: errors -------------------------------------------------------------------------
    {"name": "ini error: no formatters section", "steps": [{"ini": "[loggers]\nkeys=root\n"}]},
    {"name": "ini error: no handlers section", "steps": [{"ini": "[formatters]\nkeys=\n"}]},
    {"name": "ini error: no handler section", "steps": [
        {"ini": "[formatters]\nkeys=\n[handlers]\nkeys=h\n"}]},
    {"name": "ini error: no class", "steps": [
        {"ini": "[formatters]\nkeys=\n[handlers]\nkeys=h\n[handler_h]\nargs=()\n"}]},
    {"name": "ini error: unknown class", "steps": [
        {"ini": "[formatters]\nkeys=\n[handlers]\nkeys=h\n[handler_h]\nclass=Nope\n"}]},
    {"name": "ini error config2: sys.stbout", "steps": [{"ini": INI1.replace("sys.stdout", "sys.stbout")}]},
    {"name": "ini error config3: misspelled formatter", "steps": [
        {"ini": INI1.replace("formatter=form1", "formatter=misspelled_name")}]},
    {"name": "ini error: no root in keys", "steps": [
        {"ini": "[formatters]\nkeys=\n[handlers]\nkeys=\n[loggers]\nkeys=a\n"}]},
    {"name": "ini error: no logger_root", "steps": [
        {"ini": "[formatters]\nkeys=\n[handlers]\nkeys=\n[loggers]\nkeys=root\n"}]},
    {"name": "ini error: bad root level", "steps": [
        {"ini": "[formatters]\nkeys=\n[handlers]\nkeys=\n[loggers]\nkeys=root\n[logger_root]\nhandlers=\nlevel=FOO\n"}]},
    {"name": "ini error: no qualname", "steps": [
        {"ini": "[formatters]\nkeys=\n[handlers]\nkeys=\n[loggers]\nkeys=root,a\n[logger_root]\nhandlers=\n[logger_a]\nhandlers=\n"}]},
    {"name": "ini error: bad propagate", "steps": [
        {"ini": "[formatters]\nkeys=\n[handlers]\nkeys=\n[loggers]\nkeys=root,a\n[logger_root]\nhandlers=\n[logger_a]\nhandlers=\nqualname=a\npropagate=x\n"}]},
    {"name": "ini error: unknown handler for root", "steps": [
        {"ini": "[formatters]\nkeys=\n[handlers]\nkeys=\n[loggers]\nkeys=root\n[logger_root]\nhandlers=x\n"}]},
    {"name": "ini error: bad style", "steps": [
        {"ini": "[formatters]\nkeys=f\n[formatter_f]\nformat=%(message)s\nstyle=^\n"}]},
    {"name": "ini error: formatter section missing", "steps": [{"ini": "[formatters]\nkeys=f\n"}]},
    {"name": "ini error: duplicate section", "steps": [{"ini": "[formatters]\nkeys=\n[formatters]\nkeys=\n"}]},
    {"name": "ini error: duplicate option", "steps": [{"ini": "[formatters]\nkeys=\nkeys=\n"}]},
    {"name": "ini error: interpolation missing", "steps": [{"ini": "[formatters]\nkeys=%(x)s\n"}]},
    {"name": "ini error: parsing error (path)", "steps": [
        {"ini_file": "[formatters]\nkeys=\nprince\n[handlers]\nkeys=\nhere too\n"}]},
    {"name": "ini error: no section header (path)", "steps": [{"ini_file": "garbage\n[formatters]\nkeys=\n"}]},
    {"name": "ini error: empty file (path)", "steps": [{"ini_file": ""}]},
    {"name": "ini error: missing file", "steps": [{"ini_path": "{dir}/nope.ini"}]},
]


def record_factory_for(orig):
    def factory(*args, **kwargs):
        r = orig(*args, **kwargs)
        r.created = CREATED
        r.msecs = 250.0
        r.relativeCreated = 0.0
        return r
    return factory


def subst(value, d):
    if isinstance(value, str):
        return value.replace("{dir}", d)
    if isinstance(value, list):
        return [subst(v, d) for v in value]
    if isinstance(value, dict):
        return {k: subst(v, d) for k, v in value.items()}
    return value


def unsubst(text, d):
    return text.replace(d, "{dir}")


def error_info(e, d):
    c = e.__cause__
    return [type(e).__name__, unsubst(str(e), d),
            None if c is None else type(c).__name__, None if c is None else unsubst(str(c), d)]


def run_case(case):
    d = tempfile.mkdtemp(prefix="pylog-config-")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    results = []
    try:
        reset_logging()
        for step in case["steps"]:
            if "dict" in step:
                try:
                    logging.config.dictConfig(subst(step["dict"], d))
                    results.append(None)
                except Exception as e:
                    results.append(error_info(e, d))
            elif "ini" in step or "ini_file" in step or "ini_path" in step:
                kw = {}
                if "disable_existing_loggers" in step:
                    kw["disable_existing_loggers"] = step["disable_existing_loggers"]
                if "defaults" in step:
                    kw["defaults"] = subst(step["defaults"], d)
                try:
                    if "ini" in step:
                        logging.config.fileConfig(io.StringIO(subst(step["ini"], d)), **kw)
                    elif "ini_file" in step:
                        path = os.path.join(d, "config.ini")
                        with open(path, "w", encoding="utf-8") as f:
                            f.write(step["ini_file"])
                        logging.config.fileConfig(path, **kw)
                    else:
                        logging.config.fileConfig(subst(step["ini_path"], d), **kw)
                    results.append(None)
                except Exception as e:
                    results.append(error_info(e, d))
            elif "log" in step:
                for call in step["log"]:
                    name, method, *args = call
                    getattr(logging.getLogger(name), method)(*args)
                results.append(None)
            elif "probe" in step:
                probes = []
                for name in step["probe"]:
                    lg = logging.getLogger(name)
                    probes.append([name, lg.level, bool(lg.disabled), bool(lg.propagate),
                                   [h.name for h in lg.handlers],
                                   [type(h).__name__ for h in lg.handlers], len(lg.filters)])
                results.append(probes)
        for h in logging._handlerList:
            h = h()
            if h is not None:
                h.flush()
        files = {}
        for name in sorted(os.listdir(d)):
            if name.endswith(".ini"):
                continue
            with open(os.path.join(d, name), "rb") as f:
                files[name] = f.read().decode("latin-1")
    finally:
        reset_logging()
        sys.stdout, sys.stderr = saved
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "files": files, "results": results}


def main():
    orig = logging.getLogRecordFactory()
    logging.setLogRecordFactory(record_factory_for(orig))
    logging.Formatter.converter = time.gmtime
    cases = []
    for case in CASES:
        c = dict(case)
        c["expected"] = run_case(case)
        cases.append(c)
    logging.setLogRecordFactory(orig)
    out = os.path.join(ROOT, "tests", "fixtures", "config_differential.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "created": CREATED, "cases": cases}, f,
                  indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{out}: {len(cases)} cases")
    # examples/dictconfig.py's lines (config_python_json.json) come from
    # scripts/gen_json_color_fixtures.py: its logging.json names python-json-logger and colorlog.


if __name__ == "__main__":
    main()
