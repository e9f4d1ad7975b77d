// ConsoleHandler (beyond Python): one console call per record, the method chosen by level, the
// formatted text with no trailing newline. Console methods are replaced for the duration of a test.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConsoleHandler } from "../handlers/console.ts";
import { Formatter } from "../formatters/formatter.ts";
import { getLogger } from "../logger.ts";
import { dictConfig } from "../config/dict_config.ts";
import { fileConfig } from "../config/file_config.ts";
import { resetLogging } from "../reset.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";

type Method = "debug" | "info" | "warn" | "error" | "log";
const METHODS: Method[] = ["debug", "info", "warn", "error", "log"];

describe("ConsoleHandler", () => {
  let calls: [Method, unknown[]][];
  let saved: Record<Method, (...data: unknown[]) => void>;
  beforeEach(() => {
    calls = [];
    saved = {} as typeof saved;
    for (const m of METHODS) {
      saved[m] = console[m];
      console[m] = (...data: unknown[]) => {
        calls.push([m, data]);
      };
    }
  });
  afterEach(() => {
    for (const m of METHODS) console[m] = saved[m];
  });

  it("chooses the console method by level, one call per record, no trailing newline", () => {
    const h = new ConsoleHandler();
    h.setFormatter(new Formatter("%(levelname)s:%(message)s"));
    for (
      const [levelno, levelname] of [
        [5, "Level 5"],
        [10, "DEBUG"],
        [20, "INFO"],
        [25, "X"],
        [
          30,
          "WARNING",
        ],
        [40, "ERROR"],
        [50, "CRITICAL"],
      ] as const
    ) {
      h.handle(makeLogRecord({ msg: "m", levelno, levelname }));
    }
    assert.deepEqual(calls, [
      ["debug", ["Level 5:m"]],
      ["debug", ["DEBUG:m"]],
      ["info", ["INFO:m"]],
      ["info", ["X:m"]],
      ["warn", ["WARNING:m"]],
      ["error", ["ERROR:m"]],
      ["error", ["CRITICAL:m"]],
    ]);
  });

  it("multi-line records (tracebacks) stay one call", () => {
    const log = getLogger("console_handler_test.exc");
    log.propagate = false;
    const h = new ConsoleHandler();
    log.addHandler(h);
    try {
      try {
        throw new TypeError("bad");
      } catch (err) {
        log.exception("failed", { exc_info: err });
      }
    } finally {
      log.removeHandler(h);
    }
    assert.equal(calls.length, 1);
    const [method, [text]] = calls[0];
    assert.equal(method, "error");
    assert.match(text as string, /^failed\nTraceback \(most recent call last\):\n/);
    assert.match(text as string, /\nTypeError: bad$/);
  });

  it("a throwing console goes to handleError and logging goes on", () => {
    console.warn = () => {
      throw new Error("console gone");
    };
    const h = new ConsoleHandler();
    const errors: unknown[] = [];
    h.handleError = (_r: LogRecord, e?: unknown) => {
      errors.push(e);
    };
    h.handle(makeLogRecord({ msg: "w", levelno: 30 }));
    h.handle(makeLogRecord({ msg: "i", levelno: 20 }));
    assert.equal(errors.length, 1);
    assert.deepEqual(calls, [["info", ["i"]]]);
  });

  it("methodFor can be overridden", () => {
    class AllLog extends ConsoleHandler {
      override methodFor(): "info" {
        return "info";
      }
    }
    new AllLog().handle(makeLogRecord({ msg: "e", levelno: 40 }));
    assert.deepEqual(calls, [["info", ["e"]]]);
  });

  it("extra: true passes the record's extra attributes as one object, only when it has some", () => {
    const log = getLogger("console_handler_test.extra");
    log.propagate = false;
    log.setLevel("DEBUG");
    const h = new ConsoleHandler({ extra: true, level: "INFO" });
    h.setFormatter(new Formatter("%(levelname)s:%(message)s"));
    log.addHandler(h);
    try {
      log.info("login %s", "ann", { extra: { user: "ann", ip: "10.0.0.1" } });
      log.warning("plain");
      log.debug("below the handler's level", { extra: { user: "x" } });
    } finally {
      log.removeHandler(h);
    }
    assert.equal(h.level, 20);
    assert.deepEqual(calls, [
      ["info", ["INFO:login ann", { user: "ann", ip: "10.0.0.1" }]],
      ["warn", ["WARNING:plain"]],
    ]);
  });

  it("extra is off by default, and a level alone is still the first argument", () => {
    const h = new ConsoleHandler("WARNING");
    assert.equal(h.level, 30);
    assert.equal(h.extra, false);
    const r = makeLogRecord({ msg: "m", levelno: 30, user: "ann" });
    h.handle(r);
    assert.deepEqual(calls, [["warn", ["m"]]]);
  });

  it("attributes a filter adds count as extra; the record's own fields never do", () => {
    const h = new ConsoleHandler({ extra: true });
    h.setFormatter(new Formatter("%(asctime)s %(message)s"));
    h.addFilter((r: LogRecord) => {
      r.request_id = 7;
      return true;
    });
    h.handle(makeLogRecord({ msg: "m", levelno: 20 }));
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0][1][1], { request_id: 7 });
  });

  it("dictConfig passes a handler's extra key to ConsoleHandler", () => {
    dictConfig({
      version: 1,
      handlers: { c: { class: "logging.handlers.ConsoleHandler", extra: true, level: "INFO" } },
      loggers: { "console_handler_test.dict": { handlers: ["c"], propagate: false } },
    });
    const h = getLogger("console_handler_test.dict").handlers[0] as ConsoleHandler;
    assert.ok(h instanceof ConsoleHandler);
    assert.equal(h.extra, true);
    assert.equal(h.level, 20);
    assert.throws(
      () =>
        dictConfig({
          version: 1,
          handlers: { c: { class: "logging.handlers.ConsoleHandler", colour: true } },
        }),
      /Unable to configure handler 'c'/,
    );
    resetLogging();
  });

  it("fileConfig's positional args reach level and extra", () => {
    fileConfig(
      [
        "[loggers]",
        "keys=root",
        "[handlers]",
        "keys=c",
        "[formatters]",
        "keys=",
        "[logger_root]",
        "handlers=c",
        "[handler_c]",
        "class=handlers.ConsoleHandler",
        "args=(WARNING, True)",
      ].join("\n"),
    );
    const h = getLogger().handlers[0] as ConsoleHandler;
    assert.ok(h instanceof ConsoleHandler);
    assert.equal(h.level, 30);
    assert.equal(h.extra, true);
    resetLogging();
  });
});
