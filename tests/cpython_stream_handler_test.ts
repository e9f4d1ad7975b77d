// Port of CPython 3.11 Lib/test/test_logging.py: StreamHandlerTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { BaseTest, captured_stderr, StringIO } from "./_cpython_support.ts";

/** Python's builtin RuntimeError: errors.ts has no such class, the test only needs its name. */
class RuntimeError extends Error {
  override name = "RuntimeError";
}

class BadStream {
  write(_data: string): never {
    throw new RuntimeError("deliberate mistake");
  }
}

class TestStreamHandler extends logging.StreamHandler {
  error_record: logging.LogRecord | undefined;
  override handleError(record: logging.LogRecord): void {
    this.error_record = record;
  }
}

class StreamWithIntName {
  level = logging.NOTSET;
  name = 2;
  // Adaptation: the port's StreamHandler refuses, at construction, an object it cannot write to
  // (neither a WritableStream nor an object with write()); Python accepts any object and would
  // only fail when emitting. The test is about repr, so the stream gets a write() it never uses.
  write(_s: string): void {}
}

describe("StreamHandlerTest", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_error_handling", () => {
    let h: logging.StreamHandler = new TestStreamHandler(new BadStream());
    const r = logging.makeLogRecord({});
    const old_raise = logging.getRaiseExceptions();

    try {
      h.handle(r);
      assert.equal((h as TestStreamHandler).error_record, r);

      h = new logging.StreamHandler(new BadStream());
      captured_stderr((stderr) => {
        h.handle(r);
        const msg = "\nRuntimeError: deliberate mistake\n";
        assert.ok(stderr.getvalue().includes(msg), stderr.getvalue());
      });

      logging.setRaiseExceptions(false);
      captured_stderr((stderr) => {
        h.handle(r);
        assert.equal("", stderr.getvalue());
      });
    } finally {
      logging.setRaiseExceptions(old_raise);
    }
  });

  it("test_stream_setting", () => {
    // Test setting the handler's stream
    const h = new logging.StreamHandler();
    const stream = new StringIO();
    const old = h.setStream(stream);
    // Python: self.assertIs(old, sys.stderr); the port's sys.stderr is logging.stderr().
    assert.equal(old, logging.stderr());
    const actual = h.setStream(old as logging.StreamTarget);
    assert.equal(actual, stream);
    // test that setting to existing value returns None
    const again = h.setStream(old as logging.StreamTarget);
    assert.equal(again, null);
  });

  it("test_can_represent_stream_with_int_name", () => {
    const h = new logging.StreamHandler(new StreamWithIntName());
    assert.equal(String(h), "<StreamHandler 2 (NOTSET)>");
  });
});
