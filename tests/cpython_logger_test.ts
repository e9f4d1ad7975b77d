// Port of CPython 3.11 Lib/test/test_logging.py: LoggerTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { handlerRegistry } from "../handlers/handler.ts";
import { assert_error_message, BaseTest, RecordingHandler } from "./_cpython_support.ts";

/** Python's ZeroDivisionError from `1 / 0` (JavaScript's `1 / 0` is Infinity, it throws nothing). */
class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}

function divide(): never {
  throw new ZeroDivisionError("division by zero");
}

class LoggerTest extends BaseTest {
  recording!: RecordingHandler;
  logger!: logging.Logger;

  override setUp(): void {
    super.setUp();
    const old_handler_list = [...handlerRegistry().list];
    this.recording = new RecordingHandler();
    this.logger = new logging.Logger("blah");
    this.logger.addHandler(this.recording);
    this.addCleanup(() => this.logger.removeHandler(this.recording));
    this.addCleanup(() => this.recording.close());
    // Python: addCleanup(logging.shutdown), over the whole handler list (then tearDown restores
    // it). In one Bun process that list holds the handlers of every other test file too, so the
    // port shuts down the handlers created during this test only.
    this.addCleanup(() => {
      const reg = handlerRegistry();
      const fresh = reg.list.filter((r) => !old_handler_list.includes(r));
      reg.list.length = 0;
      reg.list.push(...fresh);
      void logging.shutdown();
      reg.list.length = 0;
      reg.list.push(...old_handler_list);
    });
  }
}

function test_find_caller_with_stacklevel(t: LoggerTest): void {
  // Caller fields cost a stack capture and are only filled when a formatter reads them or
  // setCallerInfo("always") was called (README, "What differs"); this test reads them from
  // records no formatter saw.
  logging.setCallerInfo("always");
  let the_level = 1;
  let trigger: (msg: unknown, ...args: unknown[]) => void = t.logger.warning.bind(t.logger);

  function innermost(): void {
    trigger("test", { stacklevel: the_level });
  }

  function inner(): void {
    innermost();
  }

  function outer(): void {
    inner();
  }

  const records = t.recording.records;
  outer();
  assert.equal(records.at(-1)?.funcName, "innermost");
  let lineno = records.at(-1)?.lineno as number;
  the_level += 1;
  outer();
  assert.equal(records.at(-1)?.funcName, "inner");
  assert.ok((records.at(-1)?.lineno as number) > lineno);
  lineno = records.at(-1)?.lineno as number;
  the_level += 1;
  outer();
  assert.equal(records.at(-1)?.funcName, "outer");
  assert.ok((records.at(-1)?.lineno as number) > lineno);
  lineno = records.at(-1)?.lineno as number;
  const root_logger = logging.getLogger();
  root_logger.addHandler(t.recording);
  trigger = logging.warning;
  outer();
  assert.equal(records.at(-1)?.funcName, "outer");
  root_logger.removeHandler(t.recording);
  trigger = t.logger.warning.bind(t.logger);
  the_level += 1;
  outer();
  assert.equal(records.at(-1)?.funcName, "test_find_caller_with_stacklevel");
  assert.ok((records.at(-1)?.lineno as number) > lineno);
}

describe("LoggerTest", () => {
  let t: LoggerTest;
  beforeEach(() => {
    t = new LoggerTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_set_invalid_level", () => {
    // Python's messages end with repr(None) and repr((0, 0)); the port renders null and an array
    // as JavaScript shows them (docs/DIVERGENCES.md, Formatting: null prints `null`, arrays print
    // with inspect(), and %r is the same text).
    assert_error_message(
      TypeError,
      "Level not an integer or a valid string: null",
      () => t.logger.setLevel(null as never),
    );
    assert_error_message(
      TypeError,
      "Level not an integer or a valid string: [ 0, 0 ]",
      () => t.logger.setLevel([0, 0] as never),
    );
  });

  it("test_exception", () => {
    const msg = "testing exception: %r";
    let exc: Error | null = null;
    try {
      divide();
    } catch (e) {
      exc = e as Error;
      // JavaScript has no current exception: the error is passed explicitly (README).
      t.logger.exception(msg, t.recording, { exc_info: e });
    }

    assert.equal(t.recording.records.length, 1);
    const record = t.recording.records[0];
    assert.equal(record.levelno, logging.ERROR);
    assert.equal(record.msg, msg);
    assert.deepEqual(record.args, [t.recording]);
    const e = exc as Error;
    // Python: (exc.__class__, exc, exc.__traceback__); the port's traceback is the stack string.
    assert.deepEqual(record.exc_info, [e.constructor, e, e.stack]);
  });

  it("test_log_invalid_level_with_raise", () => {
    const old = logging.getRaiseExceptions();
    logging.setRaiseExceptions(true);
    try {
      assert.throws(() => t.logger.log("10" as never, "test message"), TypeError);
    } finally {
      logging.setRaiseExceptions(old);
    }
  });

  it("test_log_invalid_level_no_raise", () => {
    const old = logging.getRaiseExceptions();
    logging.setRaiseExceptions(false);
    try {
      t.logger.log("10" as never, "test message"); // no exception happens
    } finally {
      logging.setRaiseExceptions(old);
    }
  });

  it("test_find_caller_with_stack_info", () => {
    // Python patches traceback.print_stack and checks that findCaller wrote the header
    // 'Stack (most recent call last):\n' before printing the stack into the same buffer. The port
    // has no traceback module to patch: it checks the returned stack text starts with that
    // header and goes on with the frames.
    const sinfo = t.logger.findCaller(true)[3] as string;

    assert.ok(sinfo.startsWith("Stack (most recent call last):\n"), sinfo);
    assert.ok(sinfo.length > "Stack (most recent call last):\n".length);
  });

  // Called as a plain function: the runtime names a frame after how the function was called
  // (Deno's runner calls a test body as `NodeTestContext.<name>`), see docs/DIVERGENCES.md.
  it("test_find_caller_with_stacklevel", () => test_find_caller_with_stacklevel(t));

  it("test_make_record_with_extra_overwrite", () => {
    const name = "my record";
    const level = 13;
    const [fn, lno, msg, args, exc_info, func, sinfo] = [null, null, null, null, null, null, null];
    const rv = logging.getLogRecordFactory()(
      name,
      level,
      fn as never,
      lno as never,
      msg,
      args,
      exc_info,
      func,
      sinfo,
    );

    // Python: ('message', 'asctime') + tuple(rv.__dict__.keys()); the port's __dict__ is toDict().
    for (const key of ["message", "asctime", ...Object.keys(rv.toDict())]) {
      const extra = { [key]: "some value" };
      assert.throws(
        () =>
          t.logger.makeRecord(
            name,
            level,
            fn as never,
            lno as never,
            msg,
            args,
            exc_info,
            null,
            extra,
            sinfo,
          ),
        logging.errors.KeyError,
        key,
      );
    }
  });

  it("test_make_record_with_extra_no_overwrite", () => {
    const name = "my record";
    const level = 13;
    const [fn, lno, msg, args, exc_info, sinfo] = [null, null, null, null, null, null];
    const extra = { valid_key: "some value" };
    const result = t.logger.makeRecord(
      name,
      level,
      fn as never,
      lno as never,
      msg,
      args,
      exc_info,
      null,
      extra,
      sinfo,
    );
    assert.ok("valid_key" in result.toDict());
  });

  it("test_has_handlers", () => {
    assert.ok(t.logger.hasHandlers());

    for (const handler of [...t.logger.handlers]) t.logger.removeHandler(handler);
    assert.equal(t.logger.hasHandlers(), false);
  });

  it("test_has_handlers_no_propagate", () => {
    const child_logger = logging.getLogger("blah.child");
    child_logger.propagate = false;
    assert.equal(child_logger.hasHandlers(), false);
  });

  it("test_is_enabled_for", () => {
    const old_disable = t.logger.manager.disable;
    t.logger.manager.disable = 23;
    t.addCleanup(() => {
      t.logger.manager.disable = old_disable;
    });
    assert.equal(t.logger.isEnabledFor(22), false);
  });

  it("test_is_enabled_for_disabled_logger", () => {
    const old_disabled = t.logger.disabled;
    const old_disable = t.logger.manager.disable;

    t.logger.disabled = true;
    t.logger.manager.disable = 21;

    t.addCleanup(() => {
      t.logger.disabled = old_disabled;
    });
    t.addCleanup(() => {
      t.logger.manager.disable = old_disable;
    });

    assert.equal(t.logger.isEnabledFor(22), false);
  });

  it("test_root_logger_aliases", () => {
    const root = logging.getLogger();
    assert.equal(root, logging.root);
    assert.equal(root, logging.getLogger(null));
    assert.equal(root, logging.getLogger(""));
    assert.equal(root, logging.getLogger("root"));
    assert.equal(root, logging.getLogger("foo").root);
    assert.equal(root, logging.getLogger("foo.bar").root);
    assert.equal(root, logging.getLogger("foo").parent);

    assert.notEqual(root, logging.getLogger("\0"));
    assert.notEqual(root, logging.getLogger("foo.bar").parent);
  });

  it("test_invalid_names", () => {
    // Python passes the builtin `any` and b'foo': a function and a bytes object.
    assert.throws(() => logging.getLogger((() => true) as never), TypeError);
    assert.throws(() => logging.getLogger(new TextEncoder().encode("foo") as never), TypeError);
  });

  it("test_caching", () => {
    const root = t.root_logger;
    const logger1 = logging.getLogger("abc");
    const logger2 = logging.getLogger("abc.def");

    // Set root logger level and ensure cache is empty
    root.setLevel(logging.ERROR);
    assert.equal(logger2.getEffectiveLevel(), logging.ERROR);
    assert.deepEqual(logger2._cache, {});

    // Ensure cache is populated and calls are consistent
    assert.ok(logger2.isEnabledFor(logging.ERROR));
    assert.equal(logger2.isEnabledFor(logging.DEBUG), false);
    assert.deepEqual(logger2._cache, { [logging.ERROR]: true, [logging.DEBUG]: false });
    assert.deepEqual(root._cache, {});
    assert.ok(logger2.isEnabledFor(logging.ERROR));

    // Ensure root cache gets populated
    assert.deepEqual(root._cache, {});
    assert.ok(root.isEnabledFor(logging.ERROR));
    assert.deepEqual(root._cache, { [logging.ERROR]: true });

    // Set parent logger level and ensure caches are emptied
    logger1.setLevel(logging.CRITICAL);
    assert.equal(logger2.getEffectiveLevel(), logging.CRITICAL);
    assert.deepEqual(logger2._cache, {});

    // Ensure logger2 uses parent logger's effective level
    assert.equal(logger2.isEnabledFor(logging.ERROR), false);

    // Set level to NOTSET and ensure caches are empty
    logger2.setLevel(logging.NOTSET);
    assert.equal(logger2.getEffectiveLevel(), logging.CRITICAL);
    assert.deepEqual(logger2._cache, {});
    assert.deepEqual(logger1._cache, {});
    assert.deepEqual(root._cache, {});

    // Verify logger2 follows parent and not root
    assert.equal(logger2.isEnabledFor(logging.ERROR), false);
    assert.ok(logger2.isEnabledFor(logging.CRITICAL));
    assert.equal(logger1.isEnabledFor(logging.ERROR), false);
    assert.ok(logger1.isEnabledFor(logging.CRITICAL));
    assert.ok(root.isEnabledFor(logging.ERROR));

    // Disable logging in manager and ensure caches are clear
    logging.disable();
    assert.equal(logger2.getEffectiveLevel(), logging.CRITICAL);
    assert.deepEqual(logger2._cache, {});
    assert.deepEqual(logger1._cache, {});
    assert.deepEqual(root._cache, {});

    // Ensure no loggers are enabled
    assert.equal(logger1.isEnabledFor(logging.CRITICAL), false);
    assert.equal(logger2.isEnabledFor(logging.CRITICAL), false);
    assert.equal(root.isEnabledFor(logging.CRITICAL), false);
  });
});
