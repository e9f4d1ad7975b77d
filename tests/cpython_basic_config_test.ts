// Port of CPython 3.11 Lib/test/test_logging.py: BasicConfigTest (logging.basicConfig).
//
// Python writes `test.log` in the current directory; the port writes it in a fresh temporary
// directory (tests of other files run concurrently in this tree).
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as logging from "../mod.ts";
import {
  captured_stderr,
  captured_stdout,
  type SavedLoggingState,
  saveLoggingState,
  StringIO,
} from "./_cpython_support.ts";

describe("BasicConfigTest", () => {
  let saved: SavedLoggingState;
  let original_logging_level: number;
  let dir: string;
  let testLog: string;
  const cleanups: (() => void)[] = [];
  const addCleanup = (fn: () => void): void => {
    cleanups.push(fn);
  };

  beforeEach(() => {
    // Python saves root.handlers, _handlers, _handlerList and root.level, then empties
    // root.handlers; saveLoggingState() saves all of these (and the rest of the global state).
    saved = saveLoggingState();
    original_logging_level = logging.root.level;
    logging.root.handlers = [];
    dir = mkdtempSync(join(tmpdir(), "pylog-cpython-basic-config-"));
    testLog = join(dir, "test.log");
  });

  afterEach(() => {
    for (const h of [...logging.root.handlers]) {
      logging.root.removeHandler(h);
      void h.close();
    }
    while (cleanups.length > 0) (cleanups.pop() as () => void)();
    saved.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  it("test_no_kwargs", () => {
    logging.basicConfig();

    // handler defaults to a StreamHandler to sys.stderr
    assert.equal(logging.root.handlers.length, 1);
    const handler = logging.root.handlers[0] as logging.StreamHandler;
    assert.ok(handler instanceof logging.StreamHandler);
    assert.equal(handler.stream, logging.stderr());

    const formatter = handler.formatter as logging.Formatter;
    // format defaults to logging.BASIC_FORMAT
    assert.equal(formatter._style._fmt, logging.BASIC_FORMAT);
    // datefmt defaults to None
    assert.equal(formatter.datefmt, null);
    // style defaults to %
    assert.ok(formatter._style instanceof logging.PercentStyle);

    // level is not explicitly set
    assert.equal(logging.root.level, original_logging_level);
  });

  it("test_strformatstyle", () => {
    captured_stdout((output) => {
      logging.basicConfig({ stream: logging.stdout(), style: "{" });
      logging.error("Log an error");
      assert.equal(output.getvalue().trim(), "ERROR:root:Log an error");
    });
  });

  it("test_stringtemplatestyle", () => {
    captured_stdout((output) => {
      logging.basicConfig({ stream: logging.stdout(), style: "$" });
      logging.error("Log an error");
      assert.equal(output.getvalue().trim(), "ERROR:root:Log an error");
    });
  });

  it("test_filename", () => {
    const cleanup = (h1: logging.Handler, h2: logging.Handler): void => {
      void h1.close();
      void h2.close();
    };

    logging.basicConfig({ filename: testLog, encoding: "utf-8" });

    assert.equal(logging.root.handlers.length, 1);
    const handler = logging.root.handlers[0] as logging.FileHandler;
    assert.ok(handler instanceof logging.FileHandler);

    const expected = new logging.FileHandler(testLog, "a", "utf-8");
    // Python compares handler.stream.mode; the port's file stream is a WritableStream with no
    // mode, which the handler keeps instead.
    assert.equal(handler.mode, expected.mode);
    assert.equal(
      (handler.stream as logging.handlers.FdWritableStream).name,
      (expected.stream as logging.handlers.FdWritableStream).name,
    );
    addCleanup(() => cleanup(handler, expected));
  });

  it("test_stream", () => {
    const stream = new StringIO();
    addCleanup(() => stream.close());
    logging.basicConfig({ stream });

    assert.equal(logging.root.handlers.length, 1);
    const handler = logging.root.handlers[0] as logging.StreamHandler;
    assert.ok(handler instanceof logging.StreamHandler);
    assert.equal(handler.stream, stream);
  });

  it("test_format", () => {
    logging.basicConfig({ format: "%(asctime)s - %(message)s" });

    const formatter = logging.root.handlers[0].formatter as logging.Formatter;
    assert.equal(formatter._style._fmt, "%(asctime)s - %(message)s");
  });

  it("test_datefmt", () => {
    logging.basicConfig({ datefmt: "bar" });

    const formatter = logging.root.handlers[0].formatter as logging.Formatter;
    assert.equal(formatter.datefmt, "bar");
  });

  it("test_style", () => {
    logging.basicConfig({ style: "$" });

    const formatter = logging.root.handlers[0].formatter as logging.Formatter;
    assert.ok(formatter._style instanceof logging.StringTemplateStyle);
  });

  it("test_level", () => {
    const old_level = logging.root.level;
    addCleanup(() => logging.root.setLevel(old_level));

    logging.basicConfig({ level: 57 });
    assert.equal(logging.root.level, 57);
    // Test that second call has no effect
    logging.basicConfig({ level: 58 });
    assert.equal(logging.root.level, 57);
  });

  it("test_incompatible", () => {
    const handlers = [new logging.StreamHandler()];
    const stream = logging.stderr();
    assert.throws(
      () => logging.basicConfig({ filename: testLog, stream }),
      logging.errors.ValueError,
    );
    assert.throws(
      () => logging.basicConfig({ filename: testLog, handlers }),
      logging.errors.ValueError,
    );
    assert.throws(() => logging.basicConfig({ stream, handlers }), logging.errors.ValueError);
    // Issue 23207: test for invalid kwargs
    assert.throws(() => logging.basicConfig({ loglevel: logging.INFO }), logging.errors.ValueError);
    // Should pop both filename and filemode even if filename is None
    logging.basicConfig({ filename: null, filemode: "a" });
  });

  it("test_handlers", () => {
    const handlers = [
      new logging.StreamHandler(),
      new logging.StreamHandler(logging.stdout()),
      new logging.StreamHandler(),
    ];
    const f = new logging.Formatter();
    handlers[2].setFormatter(f);
    logging.basicConfig({ handlers });
    assert.equal(handlers[0], logging.root.handlers[0]);
    assert.equal(handlers[1], logging.root.handlers[1]);
    assert.equal(handlers[2], logging.root.handlers[2]);
    assert.notEqual(handlers[0].formatter, null);
    assert.notEqual(handlers[1].formatter, null);
    assert.equal(handlers[2].formatter, f);
    assert.equal(handlers[0].formatter, handlers[1].formatter);
  });

  it("test_force", () => {
    const old_string_io = new StringIO();
    const new_string_io = new StringIO();
    const old_handlers = [new logging.StreamHandler(old_string_io)];
    const new_handlers = [new logging.StreamHandler(new_string_io)];
    logging.basicConfig({ level: logging.WARNING, handlers: old_handlers });
    logging.warning("warn");
    logging.info("info");
    logging.debug("debug");
    assert.equal(logging.root.handlers.length, 1);
    logging.basicConfig({ level: logging.INFO, handlers: new_handlers, force: true });
    logging.warning("warn");
    logging.info("info");
    logging.debug("debug");
    assert.equal(logging.root.handlers.length, 1);
    assert.equal(old_string_io.getvalue().trim(), "WARNING:root:warn");
    assert.equal(new_string_io.getvalue().trim(), "WARNING:root:warn\nINFO:root:info");
  });

  it("test_encoding", () => {
    let handler: logging.FileHandler | undefined;
    let data: string;
    try {
      const encoding = "utf-8";
      logging.basicConfig({
        filename: testLog,
        encoding,
        errors: "strict",
        format: "%(message)s",
        level: logging.DEBUG,
      });

      assert.equal(logging.root.handlers.length, 1);
      handler = logging.root.handlers[0] as logging.FileHandler;
      assert.ok(handler instanceof logging.FileHandler);
      assert.equal(handler.encoding, encoding);
      logging.debug("The Øresund Bridge joins Copenhagen to Malmö");
    } finally {
      handler?.close();
      data = readFileSync(testLog, "utf8").trim();
    }
    assert.equal(data, "The Øresund Bridge joins Copenhagen to Malmö");
  });

  it("test_encoding_errors", () => {
    let handler: logging.FileHandler | undefined;
    let data: string;
    try {
      const encoding = "ascii";
      logging.basicConfig({
        filename: testLog,
        encoding,
        errors: "ignore",
        format: "%(message)s",
        level: logging.DEBUG,
      });

      assert.equal(logging.root.handlers.length, 1);
      handler = logging.root.handlers[0] as logging.FileHandler;
      assert.ok(handler instanceof logging.FileHandler);
      assert.equal(handler.encoding, encoding);
      logging.debug("The Øresund Bridge joins Copenhagen to Malmö");
    } finally {
      handler?.close();
      data = readFileSync(testLog, "utf8").trim();
    }
    assert.equal(data, "The resund Bridge joins Copenhagen to Malm");
  });

  it("test_encoding_errors_default", () => {
    let handler: logging.FileHandler | undefined;
    let data: string;
    try {
      const encoding = "ascii";
      logging.basicConfig({
        filename: testLog,
        encoding,
        format: "%(message)s",
        level: logging.DEBUG,
      });

      assert.equal(logging.root.handlers.length, 1);
      handler = logging.root.handlers[0] as logging.FileHandler;
      assert.ok(handler instanceof logging.FileHandler);
      assert.equal(handler.encoding, encoding);
      assert.equal(handler.errors, "backslashreplace");
      logging.debug("😂: ☃️: The Øresund Bridge joins Copenhagen to Malmö");
    } finally {
      handler?.close();
      data = readFileSync(testLog, "utf8").trim();
    }
    assert.equal(
      data,
      String.raw`\U0001f602: \u2603\ufe0f: The \xd8resund ` +
        String.raw`Bridge joins Copenhagen to Malm\xf6`,
    );
  });

  it("test_encoding_errors_none", () => {
    // Specifying None should behave as 'strict'
    let handler: logging.FileHandler | undefined;
    let data: string;
    const message: string[] = [];
    try {
      const encoding = "ascii";
      logging.basicConfig({
        filename: testLog,
        encoding,
        errors: null,
        format: "%(message)s",
        level: logging.DEBUG,
      });

      assert.equal(logging.root.handlers.length, 1);
      handler = logging.root.handlers[0] as logging.FileHandler;
      assert.ok(handler instanceof logging.FileHandler);
      assert.equal(handler.encoding, encoding);
      assert.equal(handler.errors, null);

      // Python reads the error from sys.exc_info(); the port passes it to handleError.
      const dummy_handle_error = (_record: logging.LogRecord, v?: unknown): void => {
        message.push((v as Error).message);
      };

      handler.handleError = dummy_handle_error;
      logging.debug("The Øresund Bridge joins Copenhagen to Malmö");
      assert.ok(message.length > 0);
      assert.ok(
        message[0].includes("'ascii' codec can't encode character '\\xd8' in position 4:"),
        message[0],
      );
    } finally {
      handler?.close();
      data = readFileSync(testLog, "utf8").trim();
    }
    // didn't write anything due to the encoding error
    assert.equal(data, "");
  });

  function _test_log(method: string, level: number | null = null): void {
    // logging.root has no handlers so basicConfig should be called. Python patches
    // logging.basicConfig to record that it was called with no arguments; an ES module binding
    // cannot be replaced, so the port checks what basicConfig() with no arguments does: one
    // StreamHandler on stderr with BASIC_FORMAT, the root level unchanged, and the record
    // written to stderr in that format when the root level lets it through.
    const old_level = logging.root.level;
    const out = captured_stderr((stderr) => {
      const log_method = (logging as unknown as Record<string, (...a: unknown[]) => void>)[method];
      if (level !== null) log_method(level, "test me");
      else log_method("test me");
      return stderr.getvalue();
    });

    // basicConfig was called with no arguments
    assert.equal(logging.root.handlers.length, 1);
    const h = logging.root.handlers[0] as logging.StreamHandler;
    assert.equal(h.stream, logging.stderr());
    assert.equal((h.formatter as logging.Formatter)._fmt, logging.BASIC_FORMAT);
    assert.equal(logging.root.level, old_level);
    const levelno = level ?? (logging as unknown as Record<string, number>)[method.toUpperCase()];
    const shown = levelno >= logging.root.getEffectiveLevel();
    assert.equal(out, shown ? `${logging.getLevelName(levelno)}:root:test me\n` : "");
  }

  it("test_log", () => _test_log("log", logging.WARNING));
  it("test_debug", () => _test_log("debug"));
  it("test_info", () => _test_log("info"));
  it("test_warning", () => _test_log("warning"));
  it("test_error", () => _test_log("error"));
  it("test_critical", () => _test_log("critical"));
});
