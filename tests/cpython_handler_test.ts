// Port of CPython 3.11 Lib/test/test_logging.py: HandlerTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as logging from "../mod.ts";
import { BaseTest } from "./_cpython_support.ts";

describe("HandlerTest", () => {
  let t: BaseTest;
  let dir: string;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
    dir = mkdtempSync(join(tmpdir(), "pylog-cpython-handler-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    t.tearDown();
  });

  it("test_name", () => {
    const h = new logging.Handler();
    h.name = "generic";
    assert.equal(h.name, "generic");
    h.name = "anothergeneric";
    assert.equal(h.name, "anothergeneric");
    assert.throws(
      () => h.emit(null as unknown as logging.LogRecord),
      logging.errors.NotImplementedError,
    );
  });

  it("test_builtin_handlers", () => {
    // Python runs the WatchedFileHandler part on linux and darwin only; the port runs it everywhere
    // it has a file system, which is every runtime the tests run on.
    let n = 0;
    for (const existing of [true, false]) {
      // tempfile.mkstemp(): create an empty file, and remove it again when not `existing`.
      const fn = join(dir, `mkstemp-${n++}`);
      writeFileSync(fn, "");
      if (!existing) unlinkSync(fn);
      const h = new logging.handlers.WatchedFileHandler(fn, "a", "utf-8", true);
      if (existing) {
        const [dev, ino] = [h.dev, h.ino];
        assert.equal(dev, -1);
        assert.equal(ino, -1);
        const r = logging.makeLogRecord({ msg: "Test" });
        h.handle(r);
        // Now remove the file.
        unlinkSync(fn);
        assert.equal(existsSync(fn), false);
        // The next call should recreate the file.
        h.handle(r);
        assert.ok(existsSync(fn));
      } else {
        assert.equal(h.dev, -1);
        assert.equal(h.ino, -1);
      }
      h.close();
      if (existing) unlinkSync(fn);
    }
    // SysLogHandler on a Unix socket path: constructing it must not throw (Python catches OSError
    // when syslogd is absent; our connection errors surface at the first record instead).
    const sys = new logging.handlers.SysLogHandler("/dev/log");
    assert.equal(sys.facility, logging.handlers.SysLogHandler.LOG_USER);
    assert.ok(sys.unixsocket);
    void sys.close();
    for (const method of ["GET", "POST", "PUT"]) {
      if (method === "PUT") {
        assert.throws(
          () => new logging.handlers.HTTPHandler("localhost", "/log", method),
          logging.errors.ValueError,
        );
      } else {
        void new logging.handlers.HTTPHandler("localhost", "/log", method).close();
      }
    }
    let b = new logging.handlers.BufferingHandler(0);
    const r = logging.makeLogRecord({});
    assert.ok(b.shouldFlush(r));
    b.close();
    b = new logging.handlers.BufferingHandler(1);
    assert.equal(b.shouldFlush(r), false);
    b.close();
  });
});
