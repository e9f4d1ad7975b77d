// Port of CPython 3.11 Lib/test/test_logging.py: ConfigDictTest (the cases that apply; the socket
// listener ones, test_listen_*, are not part of this package), then this module's own guarantees:
// bad input gives a clear error naming the key, and the previous configuration keeps working.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as logging from "../mod.ts";
import {
  BaseConfigurator,
  ConfigError,
  dictConfig,
  dictConfigFromFile,
  registerFactory,
  setFactoryParams,
  unregisterFactory,
} from "../config/mod.ts";
import { handlerRegistry } from "../handlers/handler.ts";
import { BaseTest, type Captured, captured_stderr, captured_stdout } from "./_cpython_support.ts";

type Dict = Record<string, unknown>;

/** `assert_log_lines` for captured output with the `^(\w+) \+\+ (\w+)$` pattern. */
function assertLines(output: Captured, expected: [string, string][]): void {
  const lines = output.getvalue().split("\n").filter((l) => l !== "");
  const got = lines.map((l) => {
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
function formatFunc(format: string, datefmt: string | null = null): logging.Formatter {
  return new logging.Formatter(format, datefmt);
}
class myCustomFormatter {
  constructor(_fmt: string, _datefmt: string | null = null) {}
}
function handlerFunc(): logging.Handler {
  return new logging.StreamHandler();
}
class CustomHandler extends logging.StreamHandler {}
class CustomFormatter extends logging.Formatter {
  custom_property = ".";
}

const FORM1 = { form1: { format: "%(levelname)s ++ %(message)s" } };
const HAND1 = {
  class: "logging.StreamHandler",
  formatter: "form1",
  level: "NOTSET",
  stream: "ext://sys.stdout",
};
const deep = <T>(x: T): T => JSON.parse(JSON.stringify(x));

const config0 = {
  version: 1,
  formatters: FORM1,
  handlers: { hand1: HAND1 },
  root: { level: "WARNING", handlers: ["hand1"] },
};
const config1 = {
  version: 1,
  formatters: FORM1,
  handlers: { hand1: HAND1 },
  loggers: { "compiler.parser": { level: "DEBUG", handlers: ["hand1"] } },
  root: { level: "WARNING" },
};
const config1a = {
  version: 1,
  formatters: FORM1,
  handlers: { hand1: HAND1 },
  loggers: { "compiler.parser": { level: "DEBUG" } },
  root: { level: "WARNING", handlers: ["hand1"] },
};
const with1 = (patch: (c: Dict) => void, base: Dict = config1): Dict => {
  const c = deep(base);
  patch(c);
  return c;
};
const config2 = with1((c) => ((c.handlers as Dict).hand1 as Dict).stream = "ext://sys.stdbout");
const config2a = with1((c) => ((c.handlers as Dict).hand1 as Dict).level = "NTOSET");
const config2b = with1((c) => (c.root as Dict).level = "WRANING");
const config3 = with1((c) => ((c.handlers as Dict).hand1 as Dict).formatter = "misspelled_name");
const config4 = {
  version: 1,
  formatters: {
    form1: {
      "()": "test_logging.ExceptionFormatter",
      format: "%(levelname)s:%(name)s:%(message)s",
    },
  },
  handlers: { hand1: HAND1 },
  root: { level: "NOTSET", handlers: ["hand1"] },
};
const config4a = {
  version: 1,
  formatters: {
    form1: { "()": ExceptionFormatter, format: "%(levelname)s:%(name)s:%(message)s" },
    form2: { "()": "test_logging.formatFunc", format: "%(levelname)s:%(name)s:%(message)s" },
    form3: { "()": formatFunc, format: "%(levelname)s:%(name)s:%(message)s" },
  },
  handlers: { hand1: HAND1, hand2: { "()": handlerFunc } },
  root: { level: "NOTSET", handlers: ["hand1"] },
};
const config5 = with1((c) =>
  ((c.handlers as Dict).hand1 as Dict).class = "test_logging.CustomHandler"
);
const config6 = with1((c) => {
  const h = (c.handlers as Dict).hand1 as Dict;
  h.class = "test_logging.CustomHandler";
  h["9"] = "invalid parameter name";
});
const config7 = with1((c) => {
  c.loggers = { "compiler.lexer": { level: "DEBUG", handlers: ["hand1"] } };
});
const config8 = with1((c) => {
  c.disable_existing_loggers = false;
  c.loggers = { compiler: { level: "DEBUG", handlers: ["hand1"] }, "compiler.lexer": {} };
});
const config8a = with1((c) => {
  c.disable_existing_loggers = true;
  c.loggers = { compiler: { level: "DEBUG", handlers: ["hand1"] }, "compiler.lexer": {} };
});
const config9 = {
  version: 1,
  formatters: FORM1,
  handlers: { hand1: { ...HAND1, level: "WARNING" } },
  loggers: { "compiler.parser": { level: "WARNING", handlers: ["hand1"] } },
  root: { level: "NOTSET" },
};
const config9a = {
  version: 1,
  incremental: true,
  handlers: { hand1: { level: "WARNING" } },
  loggers: { "compiler.parser": { level: "INFO" } },
};
const config9b = {
  version: 1,
  incremental: true,
  handlers: { hand1: { level: "INFO" } },
  loggers: { "compiler.parser": { level: "INFO" } },
};
const config10 = {
  version: 1,
  formatters: FORM1,
  filters: { filt1: { name: "compiler.parser" } },
  handlers: { hand1: { ...HAND1, filters: ["filt1"] } },
  loggers: { "compiler.parser": { level: "DEBUG", filters: ["filt1"] } },
  root: { level: "WARNING", handlers: ["hand1"] },
};
const config11 = {
  version: 1,
  true_formatters: FORM1,
  handler_configs: { hand1: HAND1 },
  formatters: "cfg://true_formatters",
  handlers: { hand1: "cfg://handler_configs[hand1]" },
  loggers: { "compiler.parser": { level: "DEBUG", handlers: ["hand1"] } },
  root: { level: "WARNING" },
};
const config12 = with1((c) => delete c.version, config11);
const config13 = with1((c) => c.version = 2, config11);
const config14 = {
  version: 1,
  formatters: FORM1,
  handlers: { hand1: { ...HAND1, ".": { foo: "bar", terminator: "!\n" } } },
  root: { level: "WARNING", handlers: ["hand1"] },
};
const config17 = {
  version: 1,
  formatters: {
    custom: {
      "()": CustomFormatter,
      style: "{",
      datefmt: "%Y-%m-%d %H:%M:%S",
      format: "{message}",
      ".": { custom_property: "value" },
    },
  },
  handlers: { hand1: { ...HAND1, formatter: "custom" } },
  root: { level: "WARNING", handlers: ["hand1"] },
};
const out_of_order = {
  version: 1,
  formatters: {
    mySimpleFormatter: {
      format: "%(asctime)s (%(name)s) %(levelname)s: %(message)s",
      style: "$",
    },
  },
  handlers: {
    fileGlobal: { class: "logging.StreamHandler", level: "DEBUG", formatter: "mySimpleFormatter" },
    bufferGlobal: {
      class: "logging.handlers.MemoryHandler",
      capacity: 5,
      formatter: "mySimpleFormatter",
      target: "fileGlobal",
      level: "DEBUG",
    },
  },
  loggers: { mymodule: { level: "DEBUG", handlers: ["bufferGlobal"], propagate: "true" } },
};
const customFormatterConfig = (form1: Dict): Dict => ({
  version: 1,
  formatters: { form1 },
  handlers: { hand1: HAND1 },
  loggers: {
    my_test_logger_custom_formatter: { level: "DEBUG", handlers: ["hand1"], propagate: "true" },
  },
});
const custom_formatter_class_validate = customFormatterConfig({
  "()": "test_logging.ExceptionFormatter",
  format: "%(levelname)s:%(name)s:%(message)s",
  validate: false,
});
const custom_formatter_class_validate2 = customFormatterConfig({
  class: "test_logging.ExceptionFormatter",
  format: "%(levelname)s:%(name)s:%(message)s",
  validate: false,
});
const custom_formatter_class_validate3 = customFormatterConfig({
  class: "test_logging.myCustomFormatter",
  format: "%(levelname)s:%(name)s:%(message)s",
  validate: false,
});
const custom_formatter_with_function = customFormatterConfig({
  "()": formatFunc,
  format: "%(levelname)s:%(name)s:%(message)s",
  validate: false,
});

describe("ConfigDictTest", () => {
  let t: BaseTest;
  const apply_config = (conf: Dict): void => dictConfig(conf);
  const next = (): string => t.next_message();
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
    registerFactory("test_logging.ExceptionFormatter", ExceptionFormatter);
    registerFactory("test_logging.formatFunc", formatFunc, {
      params: ["format", "datefmt"],
      required: 1,
    });
    setFactoryParams(formatFunc, ["format", "datefmt"], 1);
    registerFactory("test_logging.myCustomFormatter", myCustomFormatter, {
      params: ["fmt", "datefmt"],
      required: 1,
    });
    registerFactory("test_logging.CustomHandler", CustomHandler);
  });
  afterEach(() => {
    for (const n of ["ExceptionFormatter", "formatFunc", "myCustomFormatter", "CustomHandler"]) {
      unregisterFactory("test_logging." + n);
    }
    t.tearDown();
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

  const test_config1_ok = (config: Dict): void => {
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

  for (const [name, conf] of Object.entries({ config2, config2a, config2b, config3 })) {
    it(`test_${name}_failure`, () => assert.throws(() => apply_config(conf), Error));
  }

  for (const [name, conf] of [["test_config4_ok", config4], ["test_config4a_ok", config4a]]) {
    it(name as string, () => {
      captured_stdout((output) => {
        apply_config(conf as Dict);
        logging.exception("just testing", { exc_info: new logging.errors.RuntimeError() });
        assert.equal(output.getvalue(), "ERROR:root:just testing\nGot a [RuntimeError]\n");
        t.assert_log_lines([]);
      });
    });
  }

  it("test_config5_ok", () => test_config1_ok(config5));
  it("test_config6_failure", () => assert.throws(() => apply_config(config6), Error));

  it("test_config7_ok", () => {
    captured_stdout((output) => {
      apply_config(config1);
      const logger = logging.getLogger("compiler.parser");
      logger.info(next());
      logger.error(next());
      assertLines(output, [["INFO", "1"], ["ERROR", "2"]]);
      t.assert_log_lines([]);
    });
    captured_stdout((output) => {
      apply_config(config7);
      assert.ok(logging.getLogger("compiler.parser").disabled);
      const logger = logging.getLogger("compiler.lexer");
      logger.info(next());
      logger.error(next());
      assertLines(output, [["INFO", "3"], ["ERROR", "4"]]);
      t.assert_log_lines([]);
    });
  });

  it("test_config_8_ok", () => {
    captured_stdout((output) => {
      apply_config(config1);
      const logger = logging.getLogger("compiler.parser");
      logger.info(next());
      logger.error(next());
      assertLines(output, [["INFO", "1"], ["ERROR", "2"]]);
    });
    captured_stdout((output) => {
      apply_config(config8);
      let logger = logging.getLogger("compiler.parser");
      assert.equal(logger.disabled, false);
      logger.info(next());
      logger.error(next());
      logger = logging.getLogger("compiler.lexer");
      logger.info(next());
      logger.error(next());
      assertLines(output, [["INFO", "3"], ["ERROR", "4"], ["INFO", "5"], ["ERROR", "6"]]);
      t.assert_log_lines([]);
    });
  });

  it("test_config_8a_ok", () => {
    let hyphenated!: logging.Logger;
    captured_stdout((output) => {
      apply_config(config1a);
      const logger = logging.getLogger("compiler.parser");
      hyphenated = logging.getLogger("compiler-hyphenated");
      logger.info(next());
      logger.error(next());
      hyphenated.critical(next());
      assertLines(output, [["INFO", "1"], ["ERROR", "2"], ["CRITICAL", "3"]]);
    });
    captured_stdout((output) => {
      apply_config(config8a);
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

  it("test_config_9_ok", () => {
    captured_stdout((output) => {
      apply_config(config9);
      const logger = logging.getLogger("compiler.parser");
      logger.info(next());
      assertLines(output, []);
      apply_config(config9a);
      logger.info(next());
      assertLines(output, []);
      apply_config(config9b);
      logger.info(next());
      assertLines(output, [["INFO", "3"]]);
    });
  });

  it("test_config_10_ok", () => {
    captured_stdout((output) => {
      apply_config(config10);
      logging.getLogger("compiler.parser").warning(next());
      logging.getLogger("compiler").warning(next());
      logging.getLogger("compiler.lexer").warning(next());
      logging.getLogger("compiler.parser.codegen").error(next());
      assertLines(output, [["WARNING", "1"], ["ERROR", "4"]]);
    });
  });

  it("test_config11_ok", () => test_config1_ok(config11));
  it("test_config12_failure", () => assert.throws(() => apply_config(config12), Error));
  it("test_config13_failure", () => assert.throws(() => apply_config(config13), Error));

  it("test_config14_ok", () => {
    captured_stdout((output) => {
      apply_config(config14);
      const h = handlerRegistry().byName.get("hand1") as unknown as Dict;
      assert.equal(h.foo, "bar");
      assert.equal(h.terminator, "!\n");
      logging.warning("Exclamation");
      assert.ok(output.getvalue().endsWith("Exclamation!\n"));
    });
  });

  it("test_config15_ok", () => {
    const dir = mkdtempSync(join(tmpdir(), "pylog-dictconfig-"));
    const fn = join(dir, "test_logging-X.log");
    const config = {
      version: 1,
      handlers: { file: { class: "logging.FileHandler", filename: fn, encoding: "utf-8" } },
      root: { handlers: ["file"] },
    };
    apply_config(config);
    apply_config(config);
    const handler = logging.root.handlers[0];
    t.addCleanup(() => {
      void handler.close();
      rmSync(dir, { recursive: true, force: true });
    });
    assert.ok(handler instanceof logging.FileHandler);
  });

  it("test_config17_ok", () => {
    apply_config(config17);
    const h = handlerRegistry().byName.get("hand1") as logging.Handler;
    assert.equal((h.formatter as CustomFormatter).custom_property, "value");
  });

  it("test_out_of_order", () => {
    assert.throws(() => apply_config(deep(out_of_order)), logging.errors.ValueError);
  });

  it("test_out_of_order_with_dollar_style", () => {
    const config = deep(out_of_order) as Dict;
    ((config.formatters as Dict).mySimpleFormatter as Dict).format =
      "${asctime} (${name}) ${levelname}: ${message}";
    apply_config(config);
    const handler = logging.getLogger("mymodule").handlers[0] as logging.handlers.MemoryHandler;
    assert.ok(handler.target instanceof logging.Handler);
    assert.ok(
      (handler.formatter as logging.Formatter)._style instanceof logging.StringTemplateStyle,
    );
  });

  it("test_custom_formatter_class_with_validate", () => {
    apply_config(deep(custom_formatter_class_validate));
    const handler = logging.getLogger("my_test_logger_custom_formatter").handlers[0];
    assert.ok(handler.formatter instanceof ExceptionFormatter);
  });

  it("test_custom_formatter_class_with_validate2", () => {
    apply_config(deep(custom_formatter_class_validate2));
    const handler = logging.getLogger("my_test_logger_custom_formatter").handlers[0];
    assert.ok(handler.formatter instanceof ExceptionFormatter);
  });

  it("test_custom_formatter_class_with_validate2_with_wrong_fmt", () => {
    const config = deep(custom_formatter_class_validate) as Dict;
    ((config.formatters as Dict).form1 as Dict).style = "$";
    apply_config(config);
    const handler = logging.getLogger("my_test_logger_custom_formatter").handlers[0];
    assert.ok(handler.formatter instanceof ExceptionFormatter);
  });

  it("test_custom_formatter_class_with_validate3", () => {
    assert.throws(
      () => apply_config(deep(custom_formatter_class_validate3)),
      logging.errors.ValueError,
    );
  });

  it("test_custom_formatter_function_with_validate", () => {
    const config = customFormatterConfig({
      ...(custom_formatter_with_function.formatters as Dict).form1 as Dict,
    });
    assert.throws(() => apply_config(config), logging.errors.ValueError);
  });

  it("test_baseconfig", () => {
    const d = {
      atuple: [1, 2, 3],
      alist: ["a", "b", "c"],
      adict: { d: "e", f: 3 },
      nest1: ["g", ["h", "i"], "j"],
      nest2: ["k", ["l", "m"], "n"],
      nest3: ["o", "cfg://alist", "p"],
    };
    const bc = new BaseConfigurator(d);
    assert.equal(bc.convert("cfg://atuple[1]"), 2);
    assert.equal(bc.convert("cfg://alist[1]"), "b");
    assert.equal(bc.convert("cfg://nest1[1][0]"), "h");
    assert.equal(bc.convert("cfg://nest2[1][1]"), "m");
    assert.equal(bc.convert("cfg://adict.d"), "e");
    assert.equal(bc.convert("cfg://adict[f]"), 3);
    const v = bc.convert("cfg://nest3") as unknown[];
    assert.deepEqual(bc.get(v, 1), ["a", "b", "c"]);
    assert.throws(() => bc.convert("cfg://nosuch"), logging.errors.KeyError);
    assert.throws(() => bc.convert("cfg://!"), logging.errors.ValueError);
    assert.throws(() => bc.convert("cfg://adict[2]"), logging.errors.KeyError);
  });

  it("test_namedtuple", () => {
    // A handler subclass with a parameter of its own receives the keys as one options object.
    class MyHandler extends logging.StreamHandler {
      resource: { type: string; labels: string[] };
      constructor(o: { resource: { type: string; labels: string[] } }) {
        super();
        this.resource = o.resource;
      }
      override emit(record: logging.LogRecord): void {
        record.msg += ` ${this.resource.type}`;
        super.emit(record);
      }
    }
    const resource = { type: "my_type", labels: ["a"] };
    captured_stderr((stderr) => {
      apply_config({
        version: 1,
        handlers: { myhandler: { "()": MyHandler, resource } },
        root: { level: "INFO", handlers: ["myhandler"] },
      });
      logging.info("some log");
      assert.equal(stderr.getvalue(), "some log my_type\n");
    });
  });

  it("test_config_callable_filter_works", () => {
    const filter_ = (_: logging.LogRecord): number => 1;
    apply_config({ version: 1, root: { level: "DEBUG", filters: [filter_] } });
    assert.equal(logging.getLogger().filters[0], filter_);
    logging.getLogger().filters = [];
  });

  it("test_config_filter_works", () => {
    const filter_ = new logging.Filter("spam.eggs");
    apply_config({ version: 1, root: { level: "DEBUG", filters: [filter_] } });
    assert.equal(logging.getLogger().filters[0], filter_);
    logging.getLogger().filters = [];
  });

  it("test_config_filter_method_works", () => {
    class FakeFilter {
      filter(_: logging.LogRecord): number {
        return 1;
      }
    }
    const filter_ = new FakeFilter();
    apply_config({ version: 1, root: { level: "DEBUG", filters: [filter_] } });
    assert.equal(logging.getLogger().filters[0], filter_);
    logging.getLogger().filters = [];
  });

  it("test_invalid_type_raises", () => {
    class NotAFilter {}
    for (const filter_ of [null, 1, new NotAFilter()]) {
      assert.throws(
        () => apply_config({ version: 1, root: { level: "DEBUG", filters: [filter_] } }),
        logging.errors.ValueError,
      );
    }
  });

  it("test_90195", () => {
    const config: Dict = {
      version: 1,
      disable_existing_loggers: false,
      handlers: { console: { level: "DEBUG", class: "logging.StreamHandler" } },
      loggers: { a: { level: "DEBUG", handlers: ["console"] } },
    };
    const logger = logging.getLogger("a");
    assert.equal(logger.disabled, false);
    apply_config(config);
    assert.equal(logger.disabled, false);
    apply_config({ version: 1 });
    assert.equal(logger.disabled, true);
    delete config.disable_existing_loggers;
    apply_config(config);
    assert.equal(logger.disabled, false);
  });
});

describe("dictConfig: bad input keeps the previous configuration", () => {
  let t: BaseTest;
  let dir: string;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
    dir = mkdtempSync(join(tmpdir(), "pylog-dictconfig-bad-"));
  });
  afterEach(() => {
    t.tearDown();
    rmSync(dir, { recursive: true, force: true });
  });

  const bad: [string, Dict, string, RegExp][] = [
    [
      "unknown handler class",
      { handlers: { console: { class: "logging.NoSuchHandler" } } },
      "Unable to configure handler 'console'",
      /^Cannot resolve 'logging.NoSuchHandler': No module named 'logging.NoSuchHandler'$/,
    ],
    [
      "handler without class",
      { handlers: { console: { level: "INFO" } } },
      "Unable to configure handler 'console'",
      /^'class'$/,
    ],
    [
      "unknown formatter reference",
      { handlers: { console: { class: "logging.StreamHandler", formatter: "nope" } } },
      "Unable to configure handler 'console'",
      /^Unable to set formatter 'nope'$/,
    ],
    [
      "circular cfg://",
      { a: "cfg://b", b: "cfg://a", formatters: { f: "cfg://a" } },
      "Unable to configure formatter 'f'",
      /^Circular cfg:\/\/ reference: cfg:\/\/a -> cfg:\/\/b -> cfg:\/\/a$/,
    ],
    [
      "handler configuration of the wrong type",
      { handlers: { console: "logging.StreamHandler" } },
      "Unable to configure handler 'console'",
      /^a handler configuration must be a dict, not 'str'$/,
    ],
    [
      "logger configuration of the wrong type",
      { loggers: { app: ["console"] } },
      "Unable to configure logger 'app'",
      /^a logger configuration must be a dict, not 'list'$/,
    ],
    [
      "level of the wrong type",
      { root: { level: [10] } },
      "Unable to configure root logger",
      /^Level not an integer or a valid string: /,
    ],
    [
      "file in a missing directory",
      { handlers: { file: { class: "logging.FileHandler", filename: "/no/such/dir/app.log" } } },
      "Unable to configure handler 'file'",
      /^\[Errno 2\] No such file or directory: '\/no\/such\/dir\/app.log'$/,
    ],
    [
      "unknown handler in a logger, after a good file handler",
      {
        handlers: { file: { class: "logging.FileHandler", filename: "{dir}/new.log" } },
        loggers: { app: { handlers: ["file", "missing"] } },
      },
      "Unable to configure logger 'app'",
      /^Unable to add handler 'missing'$/,
    ],
  ];

  for (const [what, conf, message, cause] of bad) {
    it(what, () => {
      captured_stdout((output) => {
        dictConfig({ ...config0 });
        const log = logging.getLogger("app");
        log.warning("before");
        const handlersBefore = [...logging.root.handlers];
        const named = new Map(handlerRegistry().byName);
        const text = JSON.stringify(conf).split("{dir}").join(dir);
        assert.throws(
          () => dictConfig({ version: 1, ...JSON.parse(text) }),
          (e: unknown) => {
            assert.ok(e instanceof ConfigError && e instanceof logging.errors.ValueError);
            assert.equal(e.name, "ValueError");
            assert.equal(e.message, message);
            assert.match(String((e.cause as Error)?.message), cause);
            return true;
          },
        );
        // Nothing changed: same handlers, same names, loggers still enabled and logging.
        assert.deepEqual(logging.root.handlers, handlersBefore);
        assert.deepEqual(handlerRegistry().byName, named);
        assert.equal(log.disabled, false);
        log.warning("after");
        assertLines(output, [["WARNING", "before"], ["WARNING", "after"]]);
      });
    });
  }

  it("names the key in the error's section and key", () => {
    try {
      dictConfig({ version: 1, handlers: { console: { class: "nope.Handler" } } });
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.section, "handler");
      assert.equal(e.key, "console");
    }
  });

  it("Python's version errors", () => {
    assert.throws(() => dictConfig({ version: 2 }), { message: "Unsupported version: 2" });
    assert.throws(() => dictConfig({} as never), {
      message: "dictionary doesn't specify a version",
    });
  });

  it("dictConfigFromFile: a missing file is Python's FileNotFoundError, nothing changes", () => {
    dictConfig({ ...config0 });
    const before = [...logging.root.handlers];
    assert.throws(() => dictConfigFromFile(join(dir, "missing.json")), {
      name: "FileNotFoundError",
      message: `[Errno 2] No such file or directory: '${join(dir, "missing.json")}'`,
    });
    assert.deepEqual(logging.root.handlers, before);
  });

  it("dictConfigFromFile reads examples/logging.json", () => {
    captured_stdout((output) => {
      dictConfigFromFile(new URL("../examples/logging.json", import.meta.url).pathname);
      logging.getLogger("app").info("from %s", "json");
      assert.equal(output.getvalue(), "INFO     app        from json\n");
    });
  });

  it("a failed configuration closes the files it opened and leaves them to the old one", () => {
    const oldFile = join(dir, "old.log");
    dictConfig({
      version: 1,
      handlers: { f: { class: "logging.FileHandler", filename: oldFile } },
      root: { level: "INFO", handlers: ["f"] },
    });
    const listBefore = handlerRegistry().list.length;
    assert.throws(() =>
      dictConfig({
        version: 1,
        handlers: {
          a: { class: "logging.FileHandler", filename: join(dir, "new.log") },
          b: { class: "logging.FileHandler", filename: join(dir, "new2.log"), level: "LOUD" },
        },
      })
    );
    assert.equal(handlerRegistry().list.length, listBefore);
    logging.getLogger("x").info("still here");
    void logging.root.handlers[0].flush();
    assert.equal(readFileSync(oldFile, "utf8"), "still here\n");
  });
});

describe("dictConfig: factories", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("a registered function receives the keys as one object; '.' sets properties", () => {
    const seen: Dict[] = [];
    registerFactory("myapp.handlers.make", (o: Dict) => {
      seen.push(o);
      return new logging.StreamHandler(logging.stdout());
    });
    try {
      captured_stdout((output) => {
        dictConfig({
          version: 1,
          handlers: {
            h: {
              "()": "myapp.handlers.make",
              prefix: "p",
              stream: "ext://sys.stderr",
              ".": { terminator: " <\n" },
            },
          },
          root: { level: "INFO", handlers: ["h"] },
        });
        logging.info("made");
        assert.equal(output.getvalue(), "made <\n");
      });
      assert.equal(seen.length, 1);
      assert.equal(seen[0].prefix, "p");
      assert.equal(seen[0].stream, logging.stderr());
    } finally {
      unregisterFactory("myapp.handlers.make");
    }
  });

  it("handler names resolve to this library's classes", () => {
    dictConfig({
      version: 1,
      handlers: {
        a: { class: "logging.StreamHandler" },
        b: { class: "logging.NullHandler" },
        c: { class: "logging.handlers.MemoryHandler", capacity: 10, target: "a" },
      },
      root: { handlers: ["a", "b", "c"] },
    });
    const [a, b, c] = logging.root.handlers;
    assert.ok(a instanceof logging.StreamHandler);
    assert.ok(b instanceof logging.NullHandler);
    assert.ok(c instanceof logging.handlers.MemoryHandler);
    assert.equal(c.target, a);
    assert.equal(c.capacity, 10);
  });

  it("a QueueHandler's queue through a registered ext:// name", () => {
    const q = new logging.handlers.Queue();
    registerFactory("myapp.q", q);
    try {
      dictConfig({
        version: 1,
        handlers: { qh: { class: "logging.handlers.QueueHandler", queue: "ext://myapp.q" } },
        root: { level: "INFO", handlers: ["qh"] },
      });
      const qh = logging.root.handlers[0] as logging.handlers.QueueHandler;
      assert.ok(qh instanceof logging.handlers.QueueHandler);
      assert.equal(qh.queue, q);
    } finally {
      unregisterFactory("myapp.q");
    }
  });

  it("the caller's configuration object is not modified", () => {
    const conf = deep(config11);
    const copy = deep(conf);
    captured_stdout(() => dictConfig(conf));
    assert.deepEqual(conf, copy);
  });
});
