// Port of CPython 3.11 Lib/test/test_logging.py: ExceptionTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { BaseTest, callerLine, RecordingHandler } from "./_cpython_support.ts";

/** Python's builtin RuntimeError (errors.ts has none; only the name matters here). */
class RuntimeError extends Error {
  override name = "RuntimeError";
}

describe("ExceptionTest", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_formatting", () => {
    const r = t.root_logger;
    const h = new RecordingHandler();
    r.addHandler(h);
    let line = 0;
    try {
      throw new RuntimeError("deliberate mistake");
    } catch (err) {
      // JavaScript has no current exception: the error is passed explicitly (README).
      line = callerLine() + 1;
      logging.exception("failed", { exc_info: err, stack_info: true });
    }
    r.removeHandler(h);
    h.close();
    const rec = h.records[0];
    assert.ok(
      (rec.exc_text as string).startsWith("Traceback (most recent call last):\n"),
      rec.exc_text as string,
    );
    assert.ok((rec.exc_text as string).endsWith("\nRuntimeError: deliberate mistake"));
    const stack_info = rec.stack_info as string;
    assert.ok(stack_info.startsWith("Stack (most recent call last):\n"), stack_info);
    // Python: stack_info ends with the source line `logging.exception('failed', stack_info=True)`.
    // The port prints no source lines (docs/DIVERGENCES.md, Tracebacks): the stack ends with the
    // frame of the logging call itself, this file at the line of `logging.exception(...)`.
    const last = stack_info.split("\n").at(-1) as string;
    assert.match(last, /^ {2}File ".*cpython_exception_test\.ts", line \d+, in /);
    assert.equal(Number(last.match(/line (\d+)/)?.[1]), line);
  });
});
