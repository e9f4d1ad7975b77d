// Port of CPython 3.11 Lib/test/test_logging.py: ConfigFileTest, then the configparser subset
// (config/ini.ts) and the Python-literal parser of args=/kwargs= (config/py_literal.ts).
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as logging from "../mod.ts";
import { ConfigParser, fileConfig, registerFactory, unregisterFactory } from "../config/mod.ts";
import { pyEval } from "../config/py_literal.ts";
import { loggingNamespace } from "../config/resolve.ts";
import { BaseTest, type Captured, captured_stdout } from "./_cpython_support.ts";

function dedent(s: string): string {
  const lines = s.split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const n = Math.min(...indents);
  return lines.map((l) => l.slice(n)).join("\n");
}

function assertLines(output: Captured, expected: [string, string][]): void {
  const got = output.getvalue().split("\n").filter((l) => l !== "").map((l) => {
    const m = /^(\w+) \+\+ (\w+)$/.exec(l);
    assert.ok(m, `Log line does not match expected pattern:\n${l}`);
    return [m[1], m[2]];
  });
  assert.deepEqual(got, expected);
}

class ExceptionFormatter extends logging.Formatter {
  override formatException(ei: logging.ExcInfo): string {
    return `Got a [${(ei[0] as { name: string }).name}]`;
  }
}

const config0 = `
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
    `;
const config1 = `
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
    `;
const config1a = `
    [loggers]
    keys=root,parser

    [handlers]
    keys=hand1

    [formatters]
    keys=form1

    [logger_root]
    level=WARNING
    handlers=hand1

    [logger_parser]
    level=DEBUG
    handlers=
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
    `;
const config2 = config1.replace("sys.stdout", "sys.stbout");
const config3 = config1.replace("formatter=form1", "formatter=misspelled_name");
const config4 = `
    [loggers]
    keys=root

    [handlers]
    keys=hand1

    [formatters]
    keys=form1

    [logger_root]
    level=NOTSET
    handlers=hand1

    [handler_hand1]
    class=StreamHandler
    level=NOTSET
    formatter=form1
    args=(sys.stdout,)

    [formatter_form1]
    class=test_logging.ExceptionFormatter
    format=%(levelname)s:%(name)s:%(message)s
    datefmt=
    `;
const config5 = config1.replace("class=StreamHandler", "class=logging.StreamHandler");
const config6 = `
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
    handlers=hand1
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
    formatter=form1
    args=(sys.stderr,)

    [formatter_form1]
    format=%(levelname)s ++ %(message)s
    datefmt=

    [formatter_form2]
    format=%(message)s
    datefmt=
    `;
const config7 = `
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
    `;
const config8 = `
    [loggers]
    keys=root

    [handlers]
    keys=file

    [formatters]
    keys=

    [logger_root]
    level=DEBUG
    handlers=file

    [handler_file]
    class=FileHandler
    level=DEBUG
    args=("{tempfile}",)
    kwargs={"encoding": "utf-8"}
    `;
const disable_test = `
    [loggers]
    keys=root

    [handlers]
    keys=screen

    [formatters]
    keys=

    [logger_root]
    level=DEBUG
    handlers=screen

    [handler_screen]
    level=DEBUG
    class=StreamHandler
    args=(sys.stdout,)
    formatter=
    `;

describe("ConfigFileTest", () => {
  let t: BaseTest;
  let dir: string;
  const apply_config = (conf: string, disable_existing_loggers = true): void =>
    fileConfig(dedent(conf), { encoding: "utf-8", disable_existing_loggers });
  const next = (): string => t.next_message();
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
    dir = mkdtempSync(join(tmpdir(), "pylog-fileconfig-"));
    registerFactory("test_logging.ExceptionFormatter", ExceptionFormatter);
  });
  afterEach(() => {
    unregisterFactory("test_logging.ExceptionFormatter");
    t.tearDown();
    rmSync(dir, { recursive: true, force: true });
  });

  it("test_config0_ok", () => {
    captured_stdout((output) => {
      apply_config(config0);
      const logger = logging.getLogger();
      logger.info(next());
      logger.error(next());
      assertLines(output, [["ERROR", "2"]]);
      t.assert_log_lines([]);
    });
  });

  it("test_config0_using_cp_ok", () => {
    captured_stdout((output) => {
      const cp = new ConfigParser();
      cp.read_string(dedent(config0));
      fileConfig(cp);
      const logger = logging.getLogger();
      logger.info(next());
      logger.error(next());
      assertLines(output, [["ERROR", "2"]]);
      t.assert_log_lines([]);
    });
  });

  const test_config1_ok = (config: string): void => {
    captured_stdout((output) => {
      apply_config(config);
      const logger = logging.getLogger("compiler.parser");
      logger.info(next());
      logger.error(next());
      assertLines(output, [["INFO", "1"], ["ERROR", "2"]]);
      t.assert_log_lines([]);
    });
  };
  it("test_config1_ok", () => test_config1_ok(config1));
  it("test_config2_failure", () => assert.throws(() => apply_config(config2)));
  it("test_config3_failure", () => assert.throws(() => apply_config(config3)));

  it("test_config4_ok", () => {
    captured_stdout((output) => {
      apply_config(config4);
      logging.exception("just testing", { exc_info: new logging.errors.RuntimeError() });
      assert.equal(output.getvalue(), "ERROR:root:just testing\nGot a [RuntimeError]\n");
      t.assert_log_lines([]);
    });
  });

  it("test_config5_ok", () => test_config1_ok(config5));
  it("test_config6_ok", () => test_config1_ok(config6));

  it("test_config7_ok", () => {
    let hyphenated!: logging.Logger;
    captured_stdout((output) => {
      apply_config(config1a);
      const logger = logging.getLogger("compiler.parser");
      hyphenated = logging.getLogger("compiler-hyphenated");
      logger.info(next());
      logger.error(next());
      hyphenated.critical(next());
      assertLines(output, [["INFO", "1"], ["ERROR", "2"], ["CRITICAL", "3"]]);
      t.assert_log_lines([]);
    });
    captured_stdout((output) => {
      apply_config(config7);
      let logger = logging.getLogger("compiler.parser");
      assert.equal(logger.disabled, false);
      logger.info(next());
      logger.error(next());
      logger = logging.getLogger("compiler.lexer");
      logger.info(next());
      logger.error(next());
      hyphenated.critical(next());
      assertLines(output, [["INFO", "4"], ["ERROR", "5"], ["INFO", "6"], ["ERROR", "7"]]);
      t.assert_log_lines([]);
    });
  });

  it("test_config8_ok", () => {
    const fn = join(dir, "test_logging-X.log");
    writeFileSync(fn, "");
    const conf = config8.replace("{tempfile}", fn);
    apply_config(conf);
    apply_config(conf);
    const handler = logging.root.handlers[0];
    assert.ok(handler instanceof logging.FileHandler);
    t.addCleanup(() => handler.close());
  });

  it("test_logger_disabling", () => {
    apply_config(disable_test);
    const logger = logging.getLogger("some_pristine_logger");
    assert.equal(logger.disabled, false);
    apply_config(disable_test);
    assert.equal(logger.disabled, true);
    apply_config(disable_test, false);
    assert.equal(logger.disabled, false);
  });

  it("test_config_set_handler_names", () => {
    apply_config(`
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
            `);
    assert.equal(logging.getLogger().handlers[0].name, "hand1");
  });

  it("test_exception_if_confg_file_is_invalid", () => {
    const test_config = dedent(`
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

            prince
            `);
    assert.throws(() => fileConfig(test_config), logging.errors.RuntimeError);
  });

  it("test_exception_if_confg_file_is_empty", () => {
    const fn = join(dir, "test_empty_.ini");
    writeFileSync(fn, "");
    assert.throws(() => fileConfig(fn), {
      name: "RuntimeError",
      message: `${fn} is an empty file`,
    });
  });

  it("test_exception_if_config_file_does_not_exist", () => {
    assert.throws(() => fileConfig("filenotfound"), {
      name: "FileNotFoundError",
      message: "filenotfound doesn't exist",
    });
  });

  it("test_defaults_do_no_interpolation", () => {
    const ini = dedent(`
            [formatters]
            keys=default

            [formatter_default]

            [handlers]
            keys=console

            [handler_console]
            class=logging.StreamHandler
            args=tuple()

            [loggers]
            keys=root

            [logger_root]
            formatter=default
            handlers=console
            `).trim();
    const fn = join(dir, "test_logging_.ini");
    writeFileSync(fn, ini);
    fileConfig(fn, {
      encoding: "utf-8",
      defaults: {
        version: 1,
        disable_existing_loggers: false,
        formatters: {
          generic: {
            format: "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
            datefmt: "[%Y-%m-%d %H:%M:%S %z]",
            class: "logging.Formatter",
          },
        },
      },
    });
  });
});

describe("fileConfig: atomic and sources", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("a failing file leaves the previous configuration working", () => {
    captured_stdout((output) => {
      fileConfig(dedent(config0));
      for (const bad of [config2, config3, "[loggers]\nkeys=root\n"]) {
        assert.throws(() => fileConfig(dedent(bad)));
      }
      logging.getLogger("x").error("still");
      assertLines(output, [["ERROR", "still"]]);
    });
  });

  it("accepts an object of sections", () => {
    captured_stdout((output) => {
      fileConfig({
        loggers: { keys: "root" },
        handlers: { keys: "h" },
        formatters: { keys: "f" },
        logger_root: { level: "INFO", handlers: "h" },
        handler_h: { class: "StreamHandler", args: "(sys.stdout,)", formatter: "f" },
        formatter_f: { format: "%(levelname)s ++ %(message)s" },
      });
      logging.info("dict");
      assertLines(output, [["INFO", "dict"]]);
    });
  });
});

describe("ConfigParser (configparser subset)", () => {
  it("sections, lower-cased keys, both delimiters, comments, continuation lines", () => {
    const cp = new ConfigParser();
    cp.read_string("# c\n[S]\nKey = a\nother: b\n  continued\n; c2\n\n[T]\nx=\n");
    assert.deepEqual(cp.sections(), ["S", "T"]);
    assert.equal(cp.get("S", "key"), "a");
    assert.equal(cp.get("S", "other"), "b\ncontinued");
    assert.equal(cp.get("T", "x"), "");
  });

  it("BasicInterpolation with defaults and %%", () => {
    const cp = new ConfigParser({ dir: "/var/log" });
    cp.read_string("[DEFAULT]\nname=app\n[h]\nargs=('%(dir)s/%(name)s.log', '100%%')\n");
    assert.equal(cp.get("h", "args"), "('/var/log/app.log', '100%')");
    assert.equal(cp.get("h", "args", { raw: true }), "('%(dir)s/%(name)s.log', '100%%')");
    cp.read_string("[bad]\nv=%(nope)s\nw=50%\n");
    assert.throws(() => cp.get("bad", "v"), { name: "InterpolationMissingOptionError" });
    assert.throws(() => cp.get("bad", "w"), {
      name: "InterpolationSyntaxError",
      message: "'%' must be followed by '%' or '(', found: '%'",
    });
  });

  it("configparser's errors", () => {
    assert.throws(() => new ConfigParser().read_string("[a]\n[a]\n"), {
      name: "DuplicateSectionError",
      message: "While reading from '<string>' [line  2]: section 'a' already exists",
    });
    assert.throws(() => new ConfigParser().read_string("x=1\n"), {
      name: "MissingSectionHeaderError",
    });
    assert.throws(() => new ConfigParser().read_string("[a]\nnovalue\n"), {
      name: "ParsingError",
      message: "Source contains parsing errors: '<string>'\n\t[line  2]: 'novalue\\n'",
    });
  });
});

describe("pyEval (args= and kwargs=)", () => {
  const ns = loggingNamespace();
  it("tuples, lists, dicts, strings, numbers, constants", () => {
    assert.deepEqual(pyEval("('app.log', 'a', 1024, 3)"), ["app.log", "a", 1024, 3]);
    assert.deepEqual(pyEval("('x',)"), ["x"]);
    assert.deepEqual(pyEval("(1)"), 1);
    assert.deepEqual(pyEval("()"), []);
    assert.deepEqual(pyEval("[1, -2.5, 0x10, 1_000]"), [1, -2.5, 16, 1000]);
    assert.deepEqual(pyEval("{'encoding': 'utf-8', \"delay\": True, 'x': None}"), {
      encoding: "utf-8",
      delay: true,
      x: null,
    });
    assert.equal(pyEval("'a\\tb' \"c\" r'\\n'"), "a\tbc\\n");
    assert.deepEqual(pyEval("tuple()", ns), []);
  });
  it("names from the logging namespace", () => {
    assert.equal(pyEval("sys.stdout", ns), logging.stdout());
    assert.deepEqual(pyEval("(sys.stderr, DEBUG, ERROR)", ns), [logging.stderr(), 10, 40]);
    assert.equal(pyEval("handlers.SYSLOG_UDP_PORT", ns), 514);
    assert.equal(pyEval("handlers.RotatingFileHandler", ns), logging.handlers.RotatingFileHandler);
    assert.equal(pyEval("StreamHandler", ns), logging.StreamHandler);
  });
  it("Python's errors, and JavaScript is never evaluated", () => {
    assert.throws(() => pyEval("nope", ns), {
      name: "NameError",
      message: "name 'nope' is not defined",
    });
    assert.throws(() => pyEval("sys.stbout", ns), {
      name: "AttributeError",
      message: "module 'sys' has no attribute 'stbout'",
    });
    assert.throws(() => pyEval("(sys.stdout,", ns), SyntaxError);
    assert.throws(() => pyEval("globalThis.process.exit(1)", ns), { name: "NameError" });
    assert.throws(() => pyEval("'a' + 'b'", ns), SyntaxError);
  });
});
