// LogRecord construction rules that a log call relies on.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { INFO, LogRecord } from "../mod.ts";

describe("LogRecord", () => {
  it("a single non-empty mapping argument becomes args itself: a plain object or a Map", () => {
    // python3: LogRecord('n', 20, '', 0, 'a=%(a)s', ({'a': 1},), None).getMessage() == 'a=1'
    const obj = new LogRecord("n", INFO, "", 0, "a=%(a)s", [{ a: 1 }], null);
    assert.deepEqual(obj.args, { a: 1 });
    assert.equal(obj.getMessage(), "a=1");
    const map = new LogRecord("n", INFO, "", 0, "a=%(a)s", [new Map([["a", 1]])], null);
    assert.ok(map.args instanceof Map);
    assert.equal(map.getMessage(), "a=1");
  });
  it("an empty mapping stays a one-element tuple", () => {
    // python3: LogRecord('n', 20, '', 0, 'x %s', ({},), None).getMessage() == 'x {}'
    const r = new LogRecord("n", INFO, "", 0, "x %s", [{}], null);
    assert.deepEqual(r.args, [{}]);
    assert.equal(r.getMessage(), "x {}");
  });
});
