// Python's `fmt % args`, checked byte for byte against CPython 3.11 (tests/fixtures/format_percent.json,
// written by scripts/gen_format_fixtures.py), plus the JavaScript-only values Python cannot produce.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compilePercent, percentFormat, runPercentRecord } from "../py/percent.ts";
import { KeyError, OverflowError, ValueError } from "../py/errors.ts";

interface Case {
  fmt: string;
  args: unknown;
  out?: string;
  error?: [string, string];
}

/** Decodes the fixture encoding: {$float: "inf"}, {$bigint: "..."}. */
function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.$float === "string") {
      return o.$float === "nan" ? NaN : o.$float === "inf" ? Infinity : -Infinity;
    }
    if (typeof o.$bigint === "string") return BigInt(o.$bigint);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decode(x);
    return out;
  }
  return v;
}

const cases: Case[] = JSON.parse(
  readFileSync(new URL("./fixtures/format_percent.json", import.meta.url), "utf8"),
);

function outcome(fn: () => string): { out?: string; error?: [string, string] } {
  try {
    return { out: fn() };
  } catch (e) {
    const err = e as Error;
    return { error: [err.name, err.message] };
  }
}

describe("percentFormat matches CPython 3.11", () => {
  it(`has many fixture cases (${cases.length})`, () => {
    assert.ok(cases.length > 400);
  });
  const failures: string[] = [];
  it("every fixture case", () => {
    for (const c of cases) {
      const got = outcome(() => percentFormat(c.fmt, decode(c.args)));
      const want = c.error ? { error: c.error } : { out: c.out };
      try {
        assert.deepEqual(got, want);
      } catch {
        failures.push(
          `${JSON.stringify(c.fmt)} % ${JSON.stringify(c.args)}: got ${JSON.stringify(got)} want ${
            JSON.stringify(want)
          }`,
        );
      }
    }
    assert.deepEqual(failures.slice(0, 30), []);
  });
});

describe("JavaScript values (documented divergences)", () => {
  it("booleans print as true/false under %s but are 1/0 under %d", () => {
    assert.equal(percentFormat("%s %d %x %.1f", [true, true, false, true]), "true 1 0 1.0");
  });
  it("null and undefined", () => {
    assert.equal(percentFormat("%s %s %r", [null, undefined, null]), "null undefined null");
  });
  it("integer-valued numbers are ints, others floats", () => {
    assert.equal(percentFormat("%s %s %s", [1.0, 1.5, -0]), "1 1.5 -0.0");
  });
  it("objects and arrays render via inspect", () => {
    assert.equal(percentFormat("%s", [{ id: 1, tags: ["a"] }]), "{ id: 1, tags: [ 'a' ] }");
    assert.equal(percentFormat("%s", [[1, 2]]), "[ 1, 2 ]");
    assert.equal(percentFormat("%r", [new Map([["a", 1]])]), "Map(1) { 'a' => 1 }");
  });
  it("a plain object is a mapping, and a positional %s shows the whole mapping", () => {
    assert.equal(percentFormat("%s", { a: 1 }), "{ a: 1 }");
    assert.equal(percentFormat("%(a)s", new Map([["a", 5]])), "5");
  });
  it("mapping keys are own properties only", () => {
    assert.throws(() => percentFormat("%(toString)s", {}), KeyError);
  });
  it("errors print their message under %s and Name('msg') under %r", () => {
    assert.equal(
      percentFormat("%s|%r", [new Error("boom"), new RangeError("x")]),
      "boom|RangeError('x')",
    );
  });
  it("a class instance is not a mapping", () => {
    class P {
      a = 1;
    }
    assert.equal(percentFormat("%s", new P()), "P { a: 1 }");
    assert.throws(() => percentFormat("%(a)s", new P()), {
      name: "TypeError",
      message: "format requires a mapping",
    });
  });
  it("error classes", () => {
    assert.throws(() => percentFormat("%y", [1]), ValueError);
    assert.throws(() => percentFormat("%d", [Infinity]), OverflowError);
    assert.throws(
      () => percentFormat("%(k)s", {}),
      (e: unknown) => e instanceof KeyError && e.key === "k",
    );
  });
  it("symbols and functions", () => {
    assert.equal(percentFormat("%s %s", [Symbol("x"), function f() {}]), "Symbol(x) [Function: f]");
  });
  it("record mode reads prototype getters", () => {
    class Rec {
      name = "app";
      get funcName(): string {
        return "main";
      }
    }
    assert.equal(runPercentRecord(compilePercent("%(name)s.%(funcName)s"), new Rec()), "app.main");
    assert.throws(() => runPercentRecord(compilePercent("%(nope)s"), new Rec()), KeyError);
  });
  it("compiled formats expose their keys", () => {
    const c = compilePercent("%(asctime)s %(levelname)-8s %(name)s: %(message)s");
    assert.deepEqual(c.keys, ["asctime", "levelname", "name", "message"]);
    assert.equal(c.allSimpleKeys, false);
    assert.equal(compilePercent("%(a)s-%(b)s").allSimpleKeys, true);
  });
});
