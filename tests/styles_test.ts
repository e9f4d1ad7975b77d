// logging's PercentStyle / StrFormatStyle / StringTemplateStyle: validate(), usesTime() and
// format() against CPython 3.11 (tests/fixtures/format_styles.json from scripts/gen_format_fixtures.py).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PercentStyle, StrFormatStyle, StringTemplateStyle, STYLES } from "../formatters/styles.ts";
import { ValueError } from "../py/errors.ts";

interface Outcome {
  out?: unknown;
  error?: [string, string];
}
interface Case {
  style: "%" | "{" | "$";
  fmt: string | null;
  defaults: Record<string, unknown> | null;
  record: Record<string, unknown>;
  validate: Outcome;
  usesTime: boolean;
  format: Outcome;
}

const cases: Case[] = JSON.parse(
  readFileSync(new URL("./fixtures/format_styles.json", import.meta.url), "utf8"),
);

function outcome(fn: () => unknown): Outcome {
  try {
    const v = fn();
    return { out: v === undefined ? null : v };
  } catch (e) {
    return { error: [(e as Error).name, (e as Error).message] };
  }
}

describe("styles match CPython 3.11", () => {
  it(`validate/usesTime/format (${cases.length} cases)`, () => {
    const failures: string[] = [];
    const check = (label: string, got: unknown, want: unknown): void => {
      try {
        assert.deepEqual(got, want);
      } catch {
        failures.push(`${label}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
      }
    };
    for (const c of cases) {
      const [Style] = STYLES[c.style];
      const st = new Style(c.fmt, { defaults: c.defaults });
      const label = `${c.style} ${JSON.stringify(c.fmt)} defaults=${c.defaults !== null}`;
      check(label + " validate", outcome(() => st.validate()), c.validate);
      check(label + " usesTime", st.usesTime(), c.usesTime);
      check(label + " format", outcome(() => st.format(c.record)), c.format);
    }
    assert.deepEqual(failures, []);
  });
});

describe("style API", () => {
  it("class attributes mirror logging", () => {
    assert.equal(PercentStyle.default_format, "%(message)s");
    assert.equal(StrFormatStyle.asctime_search, "{asctime");
    assert.equal(StringTemplateStyle.asctime_format, "${asctime}");
    assert.equal(new StrFormatStyle().default_format, "{message}");
    assert.equal(new StringTemplateStyle(null)._fmt, "${message}");
    assert.equal(STYLES["%"][1], "%(levelname)s:%(name)s:%(message)s");
  });
  it("fields lists what the format reads", () => {
    assert.deepEqual([
      ...new PercentStyle("%(asctime)s %(levelname)-8s %(name)s: %(message)s").fields!,
    ], ["asctime", "levelname", "name", "message"]);
    assert.equal(new PercentStyle("%s").fields, null);
    assert.deepEqual([...new StrFormatStyle("{funcName}:{lineno:>4} {a.b}").fields!], [
      "funcName",
      "lineno",
      "a",
    ]);
    assert.deepEqual([...new StringTemplateStyle("$pathname ${module}").fields!], [
      "pathname",
      "module",
    ]);
  });
  it("reads lazily computed prototype getters", () => {
    class Rec {
      message = "m";
      get funcName(): string {
        return "fn";
      }
    }
    assert.equal(new PercentStyle("%(funcName)s|%(message)s").format(new Rec()), "fn|m");
    assert.equal(new PercentStyle("%(funcName)5s|%(message)s").format(new Rec()), "   fn|m");
    assert.equal(new StrFormatStyle("{funcName}|{message}").format(new Rec()), "fn|m");
    assert.equal(new StringTemplateStyle("$funcName|$message").format(new Rec()), "fn|m");
  });
  it("a missing field becomes ValueError with the KeyError's repr", () => {
    for (
      const [Style, fmt] of [[PercentStyle, "%(nope)s"], [StrFormatStyle, "{nope}"], [
        StringTemplateStyle,
        "$nope",
      ]] as const
    ) {
      assert.throws(
        () => new Style(fmt).format({}),
        (e: unknown) =>
          e instanceof ValueError && e.message === "Formatting field not found in record: 'nope'",
      );
    }
  });
  it("the %(key)Ns fast path pads by code points, like Python's len()", () => {
    const st = new PercentStyle("%(a)-3s|%(b)3s|%(c)2s");
    assert.equal(st.format({ a: "\u{1F600}", b: 7, c: "long" }), "\u{1F600}  |  7|long");
  });
  it("record values win over defaults, undefined counts as present", () => {
    const st = new PercentStyle("%(a)s %(b)s", { defaults: { a: 1, b: 2 } });
    assert.equal(st.format({ a: "x" }), "x 2");
    assert.equal(st.format({ a: undefined }), "undefined 2");
  });
});
