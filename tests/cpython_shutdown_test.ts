// Port of CPython 3.11 Lib/test/test_logging.py: ShutdownTest (the shutdown function).
//
// Python calls `logging.shutdown(handlerList=[...])`; the port's `shutdown()` takes no argument and
// walks the module's handler list (Python's default, `_handlerList`), so each test puts its fake
// handlers in that list alone (BaseTest's tearDown restores it).
//
// The port has no handler lock (README, "Threads and processes"): `shutdown` calls `flush` and
// `close` but never `acquire`/`release`. The expected call lists are Python's without the lock
// calls, and the tests that make `acquire` fail do not apply (see tests/README.md).
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { handlerRegistry } from "../handlers/handler.ts";
import { BaseTest } from "./_cpython_support.ts";

type Method = "acquire" | "flush" | "close" | "release";

class FakeHandler {
  acquire!: () => void;
  flush!: () => void;
  close!: () => void;
  release!: () => void;
  constructor(identifier: number, called: string[]) {
    for (const method of ["acquire", "flush", "close", "release"] as Method[]) {
      this[method] = this.record_call(identifier, method, called);
    }
  }

  record_call(identifier: number, method_name: string, called: string[]): () => void {
    return () => {
      called.push(`${identifier} - ${method_name}`);
    };
  }
}

/** Python's expected calls without the lock calls the port does not make. */
function withoutLock(calls: string[]): string[] {
  return calls.filter((c) => !c.endsWith(" - acquire") && !c.endsWith(" - release"));
}

/** Python's `logging.shutdown(handlerList=list(handlers))`. */
function shutdownWith(handlers: FakeHandler[]): void {
  const reg = handlerRegistry();
  reg.list.length = 0;
  for (const h of handlers) reg.list.push(new WeakRef(h as unknown as logging.Handler));
  void logging.shutdown();
}

class ShutdownTest extends BaseTest {
  called: string[] = [];

  override setUp(): void {
    super.setUp();
    this.called = [];
    const raise_exceptions = logging.getRaiseExceptions();
    this.addCleanup(() => logging.setRaiseExceptions(raise_exceptions));
  }

  raise_error(error: new () => Error): () => void {
    return () => {
      throw new error();
    };
  }

  _test_with_failure_in_method(method: Method, error: new () => Error): void {
    const handler = new FakeHandler(0, this.called);
    handler[method] = this.raise_error(error);
    shutdownWith([handler]);
    // Python: self.assertEqual('0 - release', self.called[-1]), i.e. the lock is released after
    // the failure, and the calls were acquire, (flush), release: flush failing stops close.
    const python = method === "flush" ? ["0 - acquire", "0 - release"] : [
      "0 - acquire",
      "0 - flush",
      "0 - release",
    ];
    assert.deepEqual(this.called, withoutLock(python));
  }
}

/** Python's OSError and ValueError, constructible without arguments. */
class OSError extends logging.errors.OSError {
  constructor() {
    super(0, "");
  }
}
const ValueError = logging.errors.ValueError;
const IndexError = logging.errors.IndexError;

describe("ShutdownTest", () => {
  let t: ShutdownTest;
  beforeEach(() => {
    t = new ShutdownTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_no_failure", () => {
    // create some fake handlers
    const handler0 = new FakeHandler(0, t.called);
    const handler1 = new FakeHandler(1, t.called);
    const handler2 = new FakeHandler(2, t.called);

    shutdownWith([handler0, handler1, handler2]);

    const expected = [
      "2 - acquire",
      "2 - flush",
      "2 - close",
      "2 - release",
      "1 - acquire",
      "1 - flush",
      "1 - close",
      "1 - release",
      "0 - acquire",
      "0 - flush",
      "0 - close",
      "0 - release",
    ];
    assert.deepEqual(withoutLock(expected), t.called);
  });

  it("test_with_ioerror_in_flush", () => {
    t._test_with_failure_in_method("flush", OSError);
  });

  it("test_with_ioerror_in_close", () => {
    t._test_with_failure_in_method("close", OSError);
  });

  it("test_with_valueerror_in_flush", () => {
    t._test_with_failure_in_method("flush", ValueError);
  });

  it("test_with_valueerror_in_close", () => {
    t._test_with_failure_in_method("close", ValueError);
  });

  it("test_with_other_error_in_flush_without_raise", () => {
    logging.setRaiseExceptions(false);
    t._test_with_failure_in_method("flush", IndexError);
  });

  it("test_with_other_error_in_close_without_raise", () => {
    logging.setRaiseExceptions(false);
    t._test_with_failure_in_method("close", IndexError);
  });

  it("test_with_other_error_in_flush_with_raise", () => {
    logging.setRaiseExceptions(true);
    assert.throws(() => t._test_with_failure_in_method("flush", IndexError), IndexError);
  });

  it("test_with_other_error_in_close_with_raise", () => {
    logging.setRaiseExceptions(true);
    assert.throws(() => t._test_with_failure_in_method("close", IndexError), IndexError);
  });
});
