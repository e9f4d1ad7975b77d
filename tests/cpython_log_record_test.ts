// Port of CPython 3.11 Lib/test/test_logging.py: LogRecordTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { BaseTest, RecordingHandler } from "./_cpython_support.ts";

describe("LogRecordTest", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_str_rep", () => {
    const r = logging.makeLogRecord({});
    const s = String(r);
    assert.ok(s.startsWith("<LogRecord: "), s);
    assert.ok(s.endsWith(">"), s);
  });

  it("test_dict_arg", () => {
    const h = new RecordingHandler();
    const r = logging.getLogger();
    r.addHandler(h);
    const d = { less: "more" };
    logging.warning("less is %(less)s", d);
    assert.equal(h.records[0].args, d);
    assert.equal(h.records[0].message, "less is more");
    r.removeHandler(h);
    h.close();
  });

  it("test_optional", () => {
    // Only the first half applies: the port has no logThreads / logProcesses /
    // logMultiprocessing switches (see tests/README.md). On Deno and Bun the process id is known,
    // so `process` is not None either (it is null only on runtimes without a process).
    const r = logging.makeLogRecord({});
    const NOT_NONE = (v: unknown): void => assert.notEqual(v, null);
    NOT_NONE(r.thread);
    NOT_NONE(r.threadName);
    NOT_NONE(r.process);
    NOT_NONE(r.processName);
  });
});
