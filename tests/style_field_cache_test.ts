import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PercentStyle } from "../formatters/styles.ts";

describe("PercentStyle remembers repeated field text", () => {
  it("gives what a fresh style gives, whatever the order of values", () => {
    const fmt = "%(levelname)-8s|%(name)5s|%(message)s|%(lineno)s";
    const shared = new PercentStyle(fmt);
    const values = [
      { levelname: "INFO", name: "a", message: "x", lineno: 1 },
      { levelname: "INFO", name: "a", message: "x", lineno: 1 },
      { levelname: "WARNING", name: "a", message: "y", lineno: 2 },
      { levelname: "INFO", name: "abcdefg", message: "y", lineno: 2 },
      { levelname: "CRITICAL!", name: "é", message: "z", lineno: 10 },
      { levelname: "INFO", name: "a", message: "x", lineno: 1 },
    ];
    for (const v of values) {
      assert.equal(shared.format(v), new PercentStyle(fmt).format(v));
    }
  });

  it("recompiles (and forgets) when _fmt is reassigned", () => {
    const s = new PercentStyle("%(levelname)-6s.");
    const r = { levelname: "INFO" };
    const first = s.format(r);
    s._fmt = "%(levelname)-7s.";
    assert.notEqual(s.format(r), first);
    assert.equal(s.format(r), new PercentStyle("%(levelname)-7s.").format(r));
  });
});
