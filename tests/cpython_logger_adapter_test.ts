// Port of CPython 3.11 Lib/test/test_logging.py: LoggerAdapterTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { handlerRegistry } from "../handlers/handler.ts";
import { RecordingHandler, type SavedLoggingState, saveLoggingState } from "./_cpython_support.ts";

/** Python's ZeroDivisionError from `1 / 0` (JavaScript's `1 / 0` is Infinity, it throws nothing). */
class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}

function divide(): never {
  throw new ZeroDivisionError("division by zero");
}

describe("LoggerAdapterTest", () => {
  let saved: SavedLoggingState;
  let recording: RecordingHandler;
  let logger: logging.Logger;
  let adapter: logging.LoggerAdapter;
  let cleanups: (() => unknown)[];
  const addCleanup = (fn: () => unknown): void => {
    cleanups.push(fn);
  };

  beforeEach(() => {
    // Python's test is a plain TestCase; the port also restores the global state (Bun runs all
    // test files in one process) and starts with a root logger without handlers, as Python's
    // test process has.
    saved = saveLoggingState();
    cleanups = [];
    for (const h of [...logging.root.handlers]) logging.root.removeHandler(h);
    const old_handler_list = [...handlerRegistry().list];

    recording = new RecordingHandler();
    logger = logging.root;
    logger.addHandler(recording);
    addCleanup(() => logger.removeHandler(recording));
    addCleanup(() => recording.close());

    const cleanup = (): void => {
      const reg = handlerRegistry();
      reg.list.length = 0;
      reg.list.push(...old_handler_list);
    };

    addCleanup(cleanup);
    // Python: addCleanup(logging.shutdown), over the whole handler list. In one Bun process that
    // list holds the handlers of every other test file too, so the port shuts down the handlers
    // created during this test only.
    addCleanup(() => {
      const reg = handlerRegistry();
      const fresh = reg.list.filter((r) => !old_handler_list.includes(r));
      reg.list.length = 0;
      reg.list.push(...fresh);
      return logging.shutdown();
    });
    adapter = new logging.LoggerAdapter(logger, null);
  });

  afterEach(async () => {
    while (cleanups.length > 0) await (cleanups.pop() as () => unknown)();
    saved.restore();
  });

  it("test_exception", () => {
    const msg = "testing exception: %r";
    let exc: Error | null = null;
    try {
      divide();
    } catch (e) {
      exc = e as Error;
      // JavaScript has no current exception: the error is passed explicitly (README).
      adapter.exception(msg, recording, { exc_info: e });
    }

    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    assert.equal(record.levelno, logging.ERROR);
    assert.equal(record.msg, msg);
    assert.deepEqual(record.args, [recording]);
    const e = exc as Error;
    // Python: (exc.__class__, exc, exc.__traceback__); the port's traceback is the stack string.
    assert.deepEqual(record.exc_info, [e.constructor, e, e.stack]);
  });

  it("test_exception_excinfo", () => {
    let exc: Error | null = null;
    try {
      divide();
    } catch (e) {
      exc = e as Error;
    }

    adapter.exception("exc_info test", { exc_info: exc });

    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    const e = exc as Error;
    assert.deepEqual(record.exc_info, [e.constructor, e, e.stack]);
  });

  it("test_critical", () => {
    const msg = "critical test! %r";
    adapter.critical(msg, recording);

    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    assert.equal(record.levelno, logging.CRITICAL);
    assert.equal(record.msg, msg);
    assert.deepEqual(record.args, [recording]);
  });

  it("test_is_enabled_for", () => {
    const old_disable = (adapter.logger as logging.Logger).manager.disable;
    (adapter.logger as logging.Logger).manager.disable = 33;
    addCleanup(() => {
      (adapter.logger as logging.Logger).manager.disable = old_disable;
    });
    assert.equal(adapter.isEnabledFor(32), false);
  });

  it("test_has_handlers", () => {
    assert.ok(adapter.hasHandlers());

    for (const handler of [...logger.handlers]) logger.removeHandler(handler);

    assert.equal(logger.hasHandlers(), false);
    assert.equal(adapter.hasHandlers(), false);
  });

  it("test_nested", () => {
    class Adapter extends logging.LoggerAdapter {
      prefix = "Adapter";

      override process(msg: unknown, kwargs: logging.LogKwargs): [unknown, logging.LogKwargs] {
        return [`${this.prefix} ${msg}`, kwargs];
      }
    }

    const msg = "Adapters can be nested, yo.";
    const adapter = new Adapter(logger, null);
    const adapter_adapter = new Adapter(adapter, null);
    adapter_adapter.prefix = "AdapterAdapter";
    assert.equal(String(adapter), String(adapter_adapter));
    adapter_adapter.log(logging.CRITICAL, msg, recording);
    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    assert.equal(record.levelno, logging.CRITICAL);
    assert.equal(record.msg, `Adapter AdapterAdapter ${msg}`);
    assert.deepEqual(record.args, [recording]);
    const orig_manager = adapter_adapter.manager;
    assert.equal(adapter.manager, orig_manager);
    assert.equal(logger.manager, orig_manager);
    const temp_manager = {} as logging.Manager;
    try {
      adapter_adapter.manager = temp_manager;
      assert.equal(adapter_adapter.manager, temp_manager);
      assert.equal(adapter.manager, temp_manager);
      assert.equal(logger.manager, temp_manager);
    } finally {
      adapter_adapter.manager = orig_manager;
    }
    assert.equal(adapter_adapter.manager, orig_manager);
    assert.equal(adapter.manager, orig_manager);
    assert.equal(logger.manager, orig_manager);
  });
});
