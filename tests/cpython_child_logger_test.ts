// Port of CPython 3.11 Lib/test/test_logging.py: ChildLoggerTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { BaseTest } from "./_cpython_support.ts";

describe("ChildLoggerTest", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_child_loggers", () => {
    const r = logging.getLogger();
    const l1 = logging.getLogger("abc");
    const l2 = logging.getLogger("def.ghi");
    void l2; // created but unused, as in Python
    let c1 = r.getChild("xyz");
    let c2 = r.getChild("uvw.xyz");
    assert.equal(c1, logging.getLogger("xyz"));
    assert.equal(c2, logging.getLogger("uvw.xyz"));
    c1 = l1.getChild("def");
    c2 = c1.getChild("ghi");
    const c3 = l1.getChild("def.ghi");
    assert.equal(c1, logging.getLogger("abc.def"));
    assert.equal(c2, logging.getLogger("abc.def.ghi"));
    assert.equal(c2, c3);
  });
});
