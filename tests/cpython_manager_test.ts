// Port of CPython 3.11 Lib/test/test_logging.py: ManagerTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { BaseTest } from "./_cpython_support.ts";

describe("ManagerTest", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_manager_loggerclass", () => {
    const logged: unknown[] = [];

    class MyLogger extends logging.Logger {
      override _log(_level: number, msg: unknown, _args: logging.LogArgs | null): void {
        logged.push(msg);
      }
    }

    const man = new logging.Manager(null as never);
    // Python passes the builtin `int`, a class that is not a Logger subclass.
    assert.throws(() => man.setLoggerClass(Number as never), TypeError);
    man.setLoggerClass(MyLogger);
    const logger = man.getLogger("test");
    logger.warning("should appear in logged");
    logging.warning("should not appear in logged");

    assert.deepEqual(logged, ["should appear in logged"]);
  });

  it("test_set_log_record_factory", () => {
    const man = new logging.Manager(null as never);
    const expected = {} as never;
    man.setLogRecordFactory(expected);
    assert.equal(man.logRecordFactory, expected);
  });
});
