// pyStr/pyRepr/pyAscii/floatRepr against CPython 3.11 (tests/fixtures/format_repr.json, written by
// scripts/gen_format_fixtures.py); inspect() against Node's util.inspect single-line output
// (expected strings written by hand from `node -e 'console.log(util.inspect(v, {breakLength: Infinity}))'`).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { floatRepr, inspect, pyAscii, pyRepr, pyStr, pyTypeName } from "../py/repr.ts";

interface Case {
  kind: "repr" | "ascii" | "str" | "floatRepr";
  value: unknown;
  out: string;
}

function decode(v: unknown): unknown {
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, string>;
    if (o.$float !== undefined) {
      return o.$float === "nan" ? NaN : o.$float === "inf" ? Infinity : -Infinity;
    }
    if (o.$bigint !== undefined) return BigInt(o.$bigint);
  }
  return v;
}

const cases: Case[] = JSON.parse(
  readFileSync(new URL("./fixtures/format_repr.json", import.meta.url), "utf8"),
);

describe("repr/ascii/str match CPython 3.11", () => {
  it(`every fixture case (${cases.length})`, () => {
    const failures: string[] = [];
    for (const c of cases) {
      const v = decode(c.value);
      const fn = c.kind === "repr"
        ? pyRepr
        : c.kind === "ascii"
        ? pyAscii
        : c.kind === "str"
        ? pyStr
        : floatRepr;
      const got = fn(v as number);
      if (got !== c.out) {
        failures.push(
          `${c.kind}(${JSON.stringify(c.value)}): got ${JSON.stringify(got)} want ${
            JSON.stringify(c.out)
          }`,
        );
      }
    }
    assert.deepEqual(failures, []);
  });
});

describe("JavaScript-only values", () => {
  it("pyStr of scalars", () => {
    assert.equal(pyStr(true), "true");
    assert.equal(pyStr(null), "null");
    assert.equal(pyStr(undefined), "undefined");
    assert.equal(pyStr(10n), "10");
    assert.equal(pyStr(-0), "-0.0");
    assert.equal(pyStr(1e16), "10000000000000000");
    assert.equal(pyStr(Symbol("s")), "Symbol(s)");
  });
  it("errors", () => {
    assert.equal(pyStr(new Error("boom")), "boom");
    assert.equal(pyRepr(new TypeError("it's")), `TypeError("it's")`);
    assert.equal(pyRepr(new Error("")), "Error()");
    assert.equal(pyAscii(new Error("é")), "Error('\\xe9')");
  });
  it("pyAscii escapes rendered objects", () => {
    assert.equal(pyAscii({ k: "é" }), "{ k: '\\xe9' }");
  });
  it("pyTypeName", () => {
    assert.deepEqual(
      [
        "x",
        1,
        1.5,
        -0,
        1n,
        true,
        null,
        undefined,
        [],
        {},
        new Map(),
        new Set(),
        new Date(0),
        () => 1,
      ]
        .map(pyTypeName),
      [
        "str",
        "int",
        "float",
        "float",
        "int",
        "bool",
        "NoneType",
        "NoneType",
        "list",
        "dict",
        "dict",
        "set",
        "datetime.datetime",
        "function",
      ],
    );
    class Foo {}
    assert.equal(pyTypeName(new Foo()), "Foo");
    assert.equal(pyTypeName(new RangeError("x")), "RangeError");
  });
});

describe("inspect follows util.inspect (single line)", () => {
  class Foo {
    x = 1;
  }
  class Bar extends Foo {}
  const cyc: Record<string, unknown> = { a: 1 };
  cyc.self = cyc;
  const np = Object.create(null);
  np.a = 1;
  const table: Array<[unknown, string]> = [
    [{ id: 1, name: "x" }, "{ id: 1, name: 'x' }"],
    [{}, "{}"],
    [[1, 2], "[ 1, 2 ]"],
    [[], "[]"],
    [{ a: { b: { c: { d: 1 } } } }, "{ a: { b: { c: [Object] } } }"],
    [[[[[1]]]], "[ [ [ [Array] ] ] ]"],
    [cyc, "<ref *1> { a: 1, self: [Circular *1] }"],
    [new Map([["a", 1]]), "Map(1) { 'a' => 1 }"],
    [new Set([1, 2]), "Set(2) { 1, 2 }"],
    [new Map(), "Map(0) {}"],
    [new Date(0), "1970-01-01T00:00:00.000Z"],
    [new Date(NaN), "Invalid Date"],
    [function foo() {}, "[Function: foo]"],
    [() => {}, "[Function (anonymous)]"],
    [class X {}, "[class X]"],
    [Bar, "[class Bar extends Foo]"],
    [new Foo(), "Foo { x: 1 }"],
    [new Bar(), "Bar { x: 1 }"],
    [10n, "10n"],
    [Symbol("x"), "Symbol(x)"],
    [np, "[Object: null prototype] { a: 1 }"],
    [
      { "a-b": 1, "c d": 2, 3: 4, "é": 5, $x: 6, _y: 7 },
      "{ '3': 4, 'a-b': 1, 'c d': 2, 'é': 5, '$x': 6, _y: 7 }",
    ],
    [
      ["it's", 'say "hi"', `both ' "`, "a\nb\x1b\x7f\u0085"],
      `[ "it's", 'say "hi"', \`both ' "\`, 'a\\nb\\x1B\\x7F\\x85' ]`,
    ],
    [[undefined, null, -0, NaN, Infinity], "[ undefined, null, -0, NaN, Infinity ]"],
    [{ [Symbol("s")]: 1 }, "{ [Symbol(s)]: 1 }"],
    [/a/g, "/a/g"],
    [new Array(3), "[ <3 empty items> ]"],
    [Object.assign([1, 2], { k: 1 }), "[ 1, 2, k: 1 ]"],
    [new Uint8Array([1, 2]), "Uint8Array(2) [ 1, 2 ]"],
    [new Number(3), "[Number: 3]"],
    [new String("s"), "[String: 's']"],
    [{ f() {} }, "{ f: [Function: f] }"],
    [new Map<unknown, unknown>([[{ a: 1 }, [1]]]), "Map(1) { { a: 1 } => [ 1 ] }"],
    [{ x: new Map([[1, { a: { b: 1 } }]]) }, "{ x: Map(1) { 1 => { a: [Object] } } }"],
    [{ "1a": 1, a1: 1, "01": 1, "1": 1 }, "{ '1': 1, '1a': 1, a1: 1, '01': 1 }"],
    [["\v\b\f\0", "a'b\"c`d"], `[ '\\x0B\\b\\f\\x00', 'a\\'b"c\`d' ]`],
    [{
      get g() {
        return 1;
      },
    }, "{ g: [Getter] }"],
  ];
  it("matches util.inspect for each sample", () => {
    for (const [v, want] of table) assert.equal(inspect(v), want);
  });
  it("marks shared cycles as Node does", () => {
    const q: Record<string, unknown> = {};
    const r = { q };
    q.r = r;
    assert.equal(
      inspect([q, r]),
      "[ <ref *1> { r: { q: [Circular *1] } }, <ref *2> { q: <ref *1> { r: [Circular *2] } } ]",
    );
  });
  it("limits long arrays to 100 items", () => {
    assert.match(
      inspect(Array.from({ length: 102 }, (_, i) => i)),
      /, 99, \.\.\. 2 more items \]$/,
    );
  });
  it("errors inside containers never print a stack", () => {
    assert.equal(inspect([new Error("e")]), "[ [Error: e] ]");
  });
});
