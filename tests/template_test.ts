// Python's string.Template (substitute, get_identifiers, is_valid), checked against CPython 3.11
// (tests/fixtures/format_template.json from scripts/gen_format_fixtures.py).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compileTemplate, templateIdentifiers, templateIsValid } from "../py/template.ts";
import { KeyError, ValueError } from "../py/errors.ts";

interface Case {
  fmt: string;
  kwargs: Record<string, unknown>;
  out?: string;
  error?: [string, string];
  identifiers: string[];
  valid: boolean;
}

const cases: Case[] = JSON.parse(
  readFileSync(new URL("./fixtures/format_template.json", import.meta.url), "utf8"),
);

function outcome(fn: () => string): { out?: string; error?: [string, string] } {
  try {
    return { out: fn() };
  } catch (e) {
    return { error: [(e as Error).name, (e as Error).message] };
  }
}

describe("string.Template matches CPython 3.11", () => {
  it(`substitute (${cases.length} cases)`, () => {
    for (const c of cases) {
      assert.deepEqual(
        outcome(() => compileTemplate(c.fmt)(c.kwargs)),
        c.error ? { error: c.error } : { out: c.out },
        JSON.stringify(c.fmt),
      );
    }
  });
  it("get_identifiers and is_valid", () => {
    for (const c of cases) {
      assert.deepEqual(templateIdentifiers(c.fmt), c.identifiers, JSON.stringify(c.fmt));
      assert.equal(templateIsValid(c.fmt), c.valid, JSON.stringify(c.fmt));
    }
  });
});

describe("JavaScript values and fields", () => {
  it("values render with pyStr", () => {
    assert.equal(
      compileTemplate("$a $b $c $d")({ a: true, b: null, c: { x: 1 }, d: 1.0 }),
      "true null { x: 1 } 1",
    );
  });
  it("reads prototype getters and falls back to defaults", () => {
    class Rec {
      get lineno(): number {
        return 7;
      }
    }
    assert.equal(compileTemplate("$lineno ${app}")(new Rec(), { app: "svc" }), "7 svc");
  });
  it("error classes", () => {
    assert.throws(() => compileTemplate("$nope")({}), KeyError);
    assert.throws(() => compileTemplate("$1")({}), ValueError);
  });
});
