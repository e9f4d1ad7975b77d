// Python's str.format (keyword fields) and string.Formatter().parse, checked byte for byte against
// CPython 3.11 (tests/fixtures/format_str.json and format_parse.json from scripts/gen_format_fixtures.py).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  compileStrFormat,
  formatValue,
  parseStrFormat,
  strFormatFieldNames,
} from "../py/str_format.ts";
import { AttributeError, IndexError, KeyError } from "../py/errors.ts";

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

function outcome(fn: () => unknown): { out?: unknown; error?: [string, string] } {
  try {
    return { out: fn() };
  } catch (e) {
    const err = e as Error;
    return { error: [err.name, err.message] };
  }
}

function load<T>(name: string): T[] {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));
}

describe("str.format matches CPython 3.11", () => {
  const cases = load<{ fmt: string; kwargs: unknown; out?: string; error?: [string, string] }>(
    "format_str.json",
  );
  it(`every fixture case (${cases.length})`, () => {
    const failures: string[] = [];
    for (const c of cases) {
      const got = outcome(() => compileStrFormat(c.fmt)(decode(c.kwargs) as object));
      const want = c.error ? { error: c.error } : { out: c.out };
      try {
        assert.deepEqual(got, want);
      } catch {
        failures.push(
          `${JSON.stringify(c.fmt)} ${JSON.stringify(c.kwargs)}: got ${JSON.stringify(got)} want ${
            JSON.stringify(want)
          }`,
        );
      }
    }
    assert.deepEqual(failures.slice(0, 40), []);
  });
});

describe("Formatter().parse matches CPython 3.11", () => {
  const cases = load<{ fmt: string; out?: unknown; error?: [string, string] }>("format_parse.json");
  it(`every fixture case (${cases.length})`, () => {
    for (const c of cases) {
      const got = outcome(() => parseStrFormat(c.fmt));
      assert.deepEqual(got, c.error ? { error: c.error } : { out: c.out }, c.fmt);
    }
  });
});

describe("JavaScript values", () => {
  it("booleans: empty spec prints true/false, a spec formats them as ints", () => {
    assert.equal(compileStrFormat("{a} {a:d} {a:>3}")({ a: true }), "true 1   1");
  });
  it("null, undefined and objects accept only an empty spec", () => {
    assert.equal(
      compileStrFormat("{a} {b} {c}")({ a: null, b: undefined, c: { x: 1 } }),
      "null undefined { x: 1 }",
    );
    assert.throws(() => formatValue(null, ">5"), {
      name: "TypeError",
      message: "unsupported format string passed to NoneType.__format__",
    });
    assert.throws(() => formatValue([1], "x"), {
      name: "TypeError",
      message: "unsupported format string passed to list.__format__",
    });
  });
  it("integer-valued numbers are ints; -0 is a float", () => {
    assert.equal(compileStrFormat("{a} {b} {c}")({ a: 1.0, b: 1.5, c: -0 }), "1 1.5 -0.0");
    assert.throws(() => formatValue(1.5, "d"), {
      message: "Unknown format code 'd' for object of type 'float'",
    });
  });
  it("fields are read with `in` (prototype getters count); defaults fill gaps", () => {
    class Rec {
      name = "x";
      get funcName(): string {
        return "f";
      }
    }
    const f = compileStrFormat("{name}.{funcName}.{app}");
    assert.equal(f(new Rec(), { app: "svc", name: "ignored" }), "x.f.svc");
    assert.throws(
      () => f(new Rec()),
      (e: unknown) => e instanceof KeyError && e.message === "'app'",
    );
  });
  it("attribute and item access on JS containers", () => {
    const f = compileStrFormat("{a.b} {a[b]} {l[1]} {m[k]} {s[1]}");
    assert.equal(
      f({ a: { b: 2 }, l: [5, 6], m: new Map([["k", "v"]]), s: "h\u{1F600}i" }),
      "2 2 6 v \u{1F600}",
    );
    assert.throws(() => compileStrFormat("{a.zz}")({ a: {} }), AttributeError);
    assert.throws(() => compileStrFormat("{l[5]}")({ l: [] }), {
      name: "IndexError",
      message: "list index out of range",
    });
    assert.throws(() => compileStrFormat("{l[x]}")({ l: [] }), {
      name: "TypeError",
      message: "list indices must be integers or slices, not str",
    });
  });
  it("positional fields raise IndexError", () => {
    assert.throws(
      () => compileStrFormat("{}")({}),
      (e: unknown) =>
        e instanceof IndexError &&
        e.message === "Replacement index 0 out of range for positional args tuple",
    );
  });
  it("field names", () => {
    assert.deepEqual([...strFormatFieldNames("{asctime} {a.b} {x:{w}} {{lit}}")], [
      "asctime",
      "a",
      "x",
      "w",
    ]);
  });
});
