// Port of CPython 3.11 Lib/test/test_logging.py: BufferingFormatterTest.
import { beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";

class TestBufferingFormatter extends logging.BufferingFormatter {
  override formatHeader(records: readonly logging.LogRecord[]): string {
    return `[(${records.length})`;
  }

  override formatFooter(records: readonly logging.LogRecord[]): string {
    return `(${records.length})]`;
  }
}

describe("BufferingFormatterTest", () => {
  let records: logging.LogRecord[];
  beforeEach(() => {
    records = [
      logging.makeLogRecord({ msg: "one" }),
      logging.makeLogRecord({ msg: "two" }),
    ];
  });

  it("test_default", () => {
    const f = new logging.BufferingFormatter();
    assert.equal("", f.format([]));
    assert.equal("onetwo", f.format(records));
  });

  it("test_custom", () => {
    let f = new TestBufferingFormatter();
    assert.equal("[(2)onetwo(2)]", f.format(records));
    const lf = new logging.Formatter("<%(message)s>");
    f = new TestBufferingFormatter(lf);
    assert.equal("[(2)<one><two>(2)]", f.format(records));
  });
});
