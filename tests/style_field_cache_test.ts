// The `%` and `{` styles remember the text of a repeated field value (levelname, name, asctime)
// between records. One style instance formats a run of records in turn and must give, for each,
// what CPython 3.13 gives (tests/fixtures/format_sequences.json from
// scripts/gen_format_fixtures.py).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PercentStyle, StrFormatStyle } from "../formatters/styles.ts";

interface SequenceCase {
  style: "%" | "{";
  fmt: string;
  records: Record<string, unknown>[];
  outputs: { out?: string; error?: [string, string] }[];
}

/** `style.format(r)` gives the output, or raises the error (type and message), CPython gave. */
function check(
  style: PercentStyle,
  r: Record<string, unknown>,
  expected: { out?: string; error?: [string, string] },
  label: string,
): void {
  if (expected.error === undefined) {
    assert.equal(style.format(r), expected.out, label);
    return;
  }
  const [type, message] = expected.error;
  assert.throws(
    () => style.format(r),
    (e: Error) => e.name === type && e.message === message,
    label,
  );
}

const cases: SequenceCase[] = JSON.parse(
  readFileSync(new URL("./fixtures/format_sequences.json", import.meta.url), "utf8"),
);

function styleFor(c: SequenceCase): PercentStyle {
  return c.style === "%" ? new PercentStyle(c.fmt) : new StrFormatStyle(c.fmt);
}

describe("styles remember repeated field text", () => {
  it("the fixture has cases for both styles", () => {
    assert.ok(cases.some((c) => c.style === "%") && cases.some((c) => c.style === "{"));
  });

  for (const c of cases) {
    it(`${c.style} ${c.fmt}: one instance, record after record, as CPython`, () => {
      const style = styleFor(c);
      c.records.forEach((r, i) => check(style, r, c.outputs[i], `record ${i}`));
    });

    it(`${c.style} ${c.fmt}: two instances of the same format, interleaved`, () => {
      const a = styleFor(c);
      const b = styleFor(c);
      c.records.forEach((r, i) => {
        const other = c.records[c.records.length - 1 - i];
        check(a, r, c.outputs[i], `a, record ${i}`);
        check(b, other, c.outputs[c.records.length - 1 - i], `b, record ${i}`);
      });
    });
  }

  it("recompiles (and forgets) when _fmt is reassigned", () => {
    const s = new PercentStyle("%(levelname)-6s.");
    const r = { levelname: "INFO" };
    assert.equal(s.format(r), "INFO  .");
    s._fmt = "%(levelname)-7s.";
    assert.equal(s.format(r), "INFO   .");
    const t = new StrFormatStyle("{levelname:<6}.");
    assert.equal(t.format(r), "INFO  .");
    t._fmt = "{levelname:>7}.";
    assert.equal(t.format(r), "   INFO.");
  });
});
