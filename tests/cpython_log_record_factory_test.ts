// Port of CPython 3.11 Lib/test/test_logging.py: LogRecordFactoryTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { BaseTest } from "./_cpython_support.ts";

class DerivedLogRecord extends logging.LogRecord {}

class CheckingFilter extends logging.Filter {
  cls: abstract new (...args: never[]) => unknown;
  constructor(cls: abstract new (...args: never[]) => unknown) {
    super();
    this.cls = cls;
  }

  override filter(record: logging.LogRecord): boolean {
    const t = record.constructor;
    if (t !== this.cls) {
      const msg = `Unexpected LogRecord type ${t.name}, expected ${this.cls.name}`;
      throw new TypeError(msg);
    }
    return true;
  }
}

class LogRecordFactoryTest extends BaseTest {
  // Python's record lines carry the logger name.
  filter!: CheckingFilter;
  orig_factory!: logging.LogRecordFactory;

  override setUp(): void {
    super.setUp();
    this.filter = new CheckingFilter(DerivedLogRecord);
    this.root_logger.addFilter(this.filter);
    this.orig_factory = logging.getLogRecordFactory();
  }

  override tearDown(): void {
    this.root_logger.removeFilter(this.filter);
    super.tearDown();
    logging.setLogRecordFactory(this.orig_factory);
  }
}

describe("LogRecordFactoryTest", () => {
  let t: LogRecordFactoryTest;
  beforeEach(() => {
    t = new LogRecordFactoryTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_logrecord_class", () => {
    assert.throws(() => t.root_logger.warning(t.next_message()), TypeError);
    // Python passes the class itself as the factory.
    logging.setLogRecordFactory(DerivedLogRecord);
    t.root_logger.error(t.next_message());
    t.assert_log_lines([
      ["root", "ERROR", "2"],
    ]);
  });
});
