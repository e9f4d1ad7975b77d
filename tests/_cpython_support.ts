// Shared support for the ports of CPython 3.11's Lib/test/test_logging.py (tests/cpython_*_test.ts):
// the `BaseTest` setUp/tearDown (save and restore every piece of logging's global state), an
// in-memory text stream like `io.StringIO`, `support.captured_stderr()`/`captured_stdout()`, and
// `assert_error_message`.
//
// Bun runs every test file in one process and shares module state between them, so each file must
// restore what it changes: use `BaseTest` (or `saveLoggingState()`) in beforeEach/afterEach hooks.
import assert from "node:assert/strict";
import { afterEach, beforeEach } from "node:test";
import { disable } from "../basic_config.ts";
import { resetLogging } from "../reset.ts";
import { NOTSET } from "../levels.ts";
import { ValueError } from "../py/errors.ts";
import { Formatter } from "../formatters/formatter.ts";
import { handlerRegistry } from "../handlers/handler.ts";
import { flushAllSinksSync } from "../handlers/sink.ts";
import { type NodeFs, nodeFs } from "../runtime.ts";
import { StreamHandler } from "../handlers/stream/stream.ts";
import { NullHandler } from "../handlers/null.ts";
import type { Handler } from "../handlers/handler.ts";
import { getLastResort, setLastResort } from "../last_resort.ts";
import { DEBUG } from "../levels.ts";
import {
  getLogger,
  getLoggerClass,
  type Logger,
  type LoggerClass,
  PlaceHolder,
  root,
  setLoggerClass,
} from "../logger.ts";
import { getLogRecordFactory, type LogRecord, setLogRecordFactory } from "../record.ts";
import type { FilterLike } from "../filter.ts";
import { state } from "../state.ts";

/**
 * An in-memory text stream with Python's `io.StringIO` semantics for what the tests use: `write`
 * (at the current position), `getvalue`, `read`, `seek`, `truncate`, `close`.
 */
export class StringIO {
  #buf: string;
  #pos = 0;
  closed = false;
  constructor(initial = "") {
    this.#buf = initial;
  }
  write(s: string): number {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
    this.#buf = this.#buf.slice(0, this.#pos).padEnd(this.#pos, "\0") + s +
      this.#buf.slice(this.#pos + s.length);
    this.#pos += s.length;
    return s.length;
  }
  getvalue(): string {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
    return this.#buf;
  }
  read(): string {
    const s = this.#buf.slice(this.#pos);
    this.#pos = this.#buf.length;
    return s;
  }
  seek(pos: number): number {
    this.#pos = pos;
    return pos;
  }
  truncate(size: number = this.#pos): number {
    this.#buf = this.#buf.slice(0, size);
    return size;
  }
  flush(): void {}
  close(): void {
    this.closed = true;
  }
}

/**
 * Python's `support.captured_stderr()` / `captured_stdout()`: everything the library writes to
 * descriptor `fd` (through `node:fs.writeSync`, the only way it writes to 1 and 2) is collected
 * instead of written, until `restore()`.
 */
export interface Captured {
  /** What was written so far (buffered handler output is drained first). */
  getvalue(): string;
  /** Stops capturing. */
  restore(): void;
}

export function captureFd(fd: 1 | 2): Captured {
  flushAllSinksSync(); // what was logged before belongs to the real stream
  const fs = nodeFs() as NodeFs & { writeSync: NodeFs["writeSync"] };
  const original = fs.writeSync;
  let text = "";
  const decoder = new TextDecoder();
  fs.writeSync = function (f: number, buf: Uint8Array, off?: number, len?: number): number {
    if (f !== fd) return original.call(fs, f, buf, off, len);
    const start = off ?? 0;
    const n = len ?? buf.length - start;
    text += decoder.decode(buf.subarray(start, start + n));
    return n;
  };
  return {
    getvalue(): string {
      flushAllSinksSync();
      return text;
    },
    restore(): void {
      flushAllSinksSync();
      fs.writeSync = original;
    },
  };
}

/** Runs `fn` with stderr captured (Python's `with support.captured_stderr() as stderr:`). */
export function captured_stderr<T>(fn: (stderr: Captured) => T): T {
  const c = captureFd(2);
  try {
    return fn(c);
  } finally {
    c.restore();
  }
}

/** Runs `fn` with stdout captured (Python's `with support.captured_stdout() as stdout:`). */
export function captured_stdout<T>(fn: (stdout: Captured) => T): T {
  const c = captureFd(1);
  try {
    return fn(c);
  } finally {
    c.restore();
  }
}

/** A snapshot of every piece of logging's global state, restored by `restore()`. */
export interface SavedLoggingState {
  restore(): void;
}

interface LoggerSnapshot {
  logger: Logger;
  level: number;
  parent: Logger | null;
  propagate: boolean;
  disabled: boolean;
  handlers: Handler[];
  filters: FilterLike[];
}

function snapshotLogger(logger: Logger): LoggerSnapshot {
  return {
    logger,
    level: logger.level,
    parent: logger.parent,
    propagate: logger.propagate,
    disabled: logger.disabled,
    handlers: [...logger.handlers],
    filters: [...logger.filters],
  };
}

function restoreLogger(s: LoggerSnapshot): void {
  const l = s.logger;
  l.level = s.level;
  l.parent = s.parent;
  l.propagate = s.propagate;
  l.disabled = s.disabled;
  l.handlers.length = 0;
  l.handlers.push(...s.handlers);
  l.filters.length = 0;
  l.filters.push(...s.filters);
}

/**
 * Saves what Python's `BaseTest.setUp` saves (`_handlers`, `_handlerList`, `loggerDict`, the level
 * tables, logger `disabled` flags) and what the TypeScript port also keeps globally: root handlers,
 * filters and level, every known logger's parent/level/handlers, `manager.disable`,
 * `raiseExceptions`, `lastResort`, the logger class, the record factory, the caller-info mode (and
 * the count of formatters reading caller fields) and `Formatter`'s class-level defaults.
 */
export function saveLoggingState(): SavedLoggingState {
  const manager = root.manager;
  const reg = handlerRegistry();
  const byName = new Map(reg.byName);
  const list = [...reg.list];
  const loggerDict = new Map(manager.loggerDict);
  const loggers: LoggerSnapshot[] = [snapshotLogger(root)];
  const placeholders: [PlaceHolder, Set<Logger>][] = [];
  for (const v of loggerDict.values()) {
    if (v instanceof PlaceHolder) placeholders.push([v, new Set(v.loggerMap)]);
    else loggers.push(snapshotLogger(v));
  }
  const levelToName = new Map(state.levelToName);
  const nameToLevel = new Map(state.nameToLevel);
  const disable = manager.disable;
  const emitted = manager.emittedNoHandlerWarning;
  const managerLoggerClass = manager.loggerClass;
  const managerFactory = manager.logRecordFactory;
  const raiseExceptions = state.raiseExceptions;
  const lastResort = getLastResort();
  const lastResortLevel = lastResort?.level;
  const loggerClass: LoggerClass = getLoggerClass();
  const factory = getLogRecordFactory();
  const callerInfo = state.callerInfo;
  const converter = Formatter.converter;
  const timeFormat = Formatter.default_time_format;
  const msecFormat = Formatter.default_msec_format;
  return {
    restore(): void {
      reg.byName.clear();
      for (const [k, v] of byName) reg.byName.set(k, v);
      reg.list.length = 0;
      reg.list.push(...list);
      manager.loggerDict.clear();
      for (const [k, v] of loggerDict) manager.loggerDict.set(k, v);
      for (const s of loggers) restoreLogger(s);
      for (const [ph, set] of placeholders) ph.loggerMap = set;
      state.levelToName.clear();
      for (const [k, v] of levelToName) state.levelToName.set(k, v);
      state.nameToLevel.clear();
      for (const [k, v] of nameToLevel) state.nameToLevel.set(k, v);
      manager.disable = disable;
      manager.emittedNoHandlerWarning = emitted;
      manager.loggerClass = managerLoggerClass;
      manager.logRecordFactory = managerFactory;
      state.raiseExceptions = raiseExceptions;
      setLastResort(lastResort);
      if (lastResort !== null && lastResortLevel !== undefined) lastResort.level = lastResortLevel;
      setLoggerClass(loggerClass);
      setLogRecordFactory(factory);
      state.callerInfo = callerInfo;
      // state.callerConsumers is not restored: formatters leave it themselves when collected.
      Formatter.converter = converter;
      Formatter.default_time_format = timeFormat;
      Formatter.default_msec_format = msecFormat;
      manager._clear_cache();
    },
  };
}

/**
 * Python's `BaseTest`: root at DEBUG with one `StreamHandler` over a `StringIO` formatted
 * `%(name)s -> %(levelname)s: %(message)s`, two unused loggers, `next_message()` and
 * `assert_log_lines()`. Call `setUp()` in `beforeEach` and `tearDown()` in `afterEach`.
 */
export class BaseTest {
  log_format = "%(name)s -> %(levelname)s: %(message)s";
  expected_log_pat: RegExp = /^([\w.]+) -> (\w+): (\d+)$/;
  message_num = 0;
  saved!: SavedLoggingState;
  logger1!: Logger;
  logger2!: Logger;
  root_logger!: Logger;
  original_logging_level!: number;
  stream!: StringIO;
  root_hdlr!: StreamHandler;
  root_formatter!: Formatter;
  #cleanups: (() => unknown)[] = [];

  setUp(): void {
    this.saved = saveLoggingState();
    this.message_num = 0;
    this.#cleanups = [];
    // The test runner's process may have configured nothing; Python's BaseTest assumes the root
    // logger starts without handlers, so the port removes them here (restored by tearDown).
    this.root_logger = getLogger("");
    for (const h of [...this.root_logger.handlers]) this.root_logger.removeHandler(h);
    this.logger1 = getLogger("\xab\xd7\xbb");
    this.logger2 = getLogger("\u013f\u00d6\u0047");
    this.original_logging_level = this.root_logger.getEffectiveLevel();
    this.stream = new StringIO();
    this.root_logger.setLevel(DEBUG);
    this.root_hdlr = new StreamHandler(this.stream);
    this.root_formatter = new Formatter(this.log_format);
    this.root_hdlr.setFormatter(this.root_formatter);
    if (this.logger1.hasHandlers() || this.logger2.hasHandlers()) {
      throw new assert.AssertionError({ message: "Unexpected handlers" });
    }
    this.root_logger.addHandler(this.root_hdlr);
    assert.ok(this.logger1.hasHandlers());
    assert.ok(this.logger2.hasHandlers());
  }

  tearDown(): void {
    this.stream.close();
    this.root_logger.removeHandler(this.root_hdlr);
    while (this.root_logger.handlers.length > 0) {
      const h = this.root_logger.handlers[0];
      this.root_logger.removeHandler(h);
      void h.close();
    }
    this.root_logger.setLevel(this.original_logging_level);
    this.saved.restore();
    this.doCleanups();
  }

  /** Python's `addCleanup`: run after tearDown, last added first. */
  addCleanup(fn: () => unknown): void {
    this.#cleanups.push(fn);
  }

  doCleanups(): void {
    while (this.#cleanups.length > 0) (this.#cleanups.pop() as () => unknown)();
  }

  /**
   * Matches the collected lines against `expected_log_pat` and compares the groups with
   * `expected_values`.
   */
  assert_log_lines(expected_values: string[][], stream?: StringIO, pat?: RegExp): void {
    stream = stream ?? this.stream;
    const re = pat ?? this.expected_log_pat;
    const actual_lines = splitlines(stream.getvalue());
    assert.equal(actual_lines.length, expected_values.length);
    for (let i = 0; i < actual_lines.length; i++) {
      const match = re.exec(actual_lines[i]);
      if (!match) assert.fail("Log line does not match expected pattern:\n" + actual_lines[i]);
      assert.deepEqual(match.slice(1), expected_values[i]);
    }
    const s = stream.read();
    if (s) assert.fail("Remaining output at end of log stream:\n" + s);
  }

  next_message = (): string => {
    this.message_num += 1;
    return String(this.message_num);
  };
}

/** Python's `str.splitlines()` for `\n`-terminated text. */
export function splitlines(s: string): string[] {
  const lines = s.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Python's `AssertErrorMessage.assert_error_message`: `fn()` raises an instance of `exception`
 * whose `str()` is `message`.
 */
export function assert_error_message(
  exception: abstract new (...args: never[]) => Error,
  message: string,
  fn: () => unknown,
): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof exception, `expected ${exception.name}, got ${String(e)}`);
    assert.equal((e as Error).message, message);
    return true;
  });
}

/** Python's `RecordingHandler`: a `NullHandler` whose `handle` keeps every record. */
export class RecordingHandler extends NullHandler {
  records: LogRecord[] = [];
  override handle(record: LogRecord): false {
    this.records.push(record);
    return false;
  }
}

/** The line number of the code that calls this function (for expected `lineno`s). */
export function callerLine(): number {
  const lines = (new Error().stack ?? "").split("\n").filter((l) => /:\d+:\d+\)?$/.test(l));
  // lines[0] is this function, lines[1] its caller.
  return Number(lines[1].match(/:(\d+):\d+\)?$/)?.[1]);
}

/**
 * Registers, in the enclosing `describe`, hooks that save logging's global state and give each test
 * the import-time state (`resetLogging()`), restoring the saved state after it. `quiet`: also no
 * handler of last resort and no `logging.disable()` level, the state unittest's `assertLogs` and
 * pytest's caplog fixtures are compared in.
 */
export function freshLoggingPerTest(options: { quiet?: boolean } = {}): void {
  let saved: SavedLoggingState;
  beforeEach(() => {
    saved = saveLoggingState();
    resetLogging();
    if (options.quiet) {
      disable(NOTSET);
      setLastResort(null);
    }
  });
  afterEach(() => {
    if (options.quiet) disable(NOTSET);
    saved.restore();
  });
}
