// Record fields named like JavaScript prototype members (constructor, toString, __proto__, ...):
// with no such attribute the field is missing, as in CPython 3.13 (tests/fixtures/
// prototype_fields.json from scripts/gen_prototype_fields_fixtures.py); given by `extra` or by the
// formatter's defaults, the value prints. Properties a LogRecord subclass defines keep working.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  Formatter,
  getLogger,
  getLogRecordFactory,
  Handler,
  LogRecord,
  makeLogRecord,
  setLogRecordFactory,
} from "../mod.ts";
import { ValueError } from "../py/errors.ts";

interface Case {
  name: string;
  style: "%" | "{" | "$";
  fmt: string;
  given: "none" | "extra" | "defaults";
  /** The name indexes a mapping `d` given by `extra` (`{d[constructor]}`). */
  index?: boolean;
  out?: string;
  error?: string;
  message?: string;
}
const { cases } = JSON.parse(
  readFileSync(new URL("./fixtures/prototype_fields.json", import.meta.url), "utf8"),
) as { cases: Case[] };

/** `{ [name]: value }` as own keys (an object literal's `__proto__` would set the prototype). */
function own(name: string, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(name)}:${JSON.stringify(value)}}`);
}

describe("record fields named like prototype members (CPython 3.13)", () => {
  for (const c of cases) {
    it(`${c.fmt} with the field ${c.given === "none" ? "absent" : "from " + c.given}`, () => {
      const given = c.given === "extra" ? own(c.name, "from-extra") : {};
      const attrs = c.index ? { d: given } : given;
      const record = makeLogRecord({ msg: "m", ...attrs });
      const defaults = c.given === "defaults" ? own(c.name, "from-defaults") : null;
      const f = new Formatter(c.fmt, null, c.style, true, { defaults });
      if (c.error !== undefined) {
        assert.throws(
          () => f.format(record),
          (e: unknown) => e instanceof ValueError && e.name === c.error && e.message === c.message,
        );
      } else {
        assert.equal(f.format(record), c.out);
      }
    });
  }

  it("an extra key named like a prototype member reaches the format through a logger", () => {
    const lines: string[] = [];
    const h = new (class extends Handler {
      override emit(r: LogRecord): void {
        lines.push(this.format(r));
      }
    })();
    h.setFormatter(new Formatter("%(constructor)s %(toString)s %(__proto__)s %(message)s"));
    const log = getLogger("prototype_fields.extra");
    log.propagate = false;
    log.addHandler(h);
    try {
      const extra = {
        ...own("constructor", "c"),
        ...own("toString", "t"),
        ...own("__proto__", "p"),
      };
      log.warning("hi", { extra });
      assert.deepEqual(lines, ["c t p hi"]);
    } finally {
      log.removeHandler(h);
    }
  });

  it("a property a LogRecord subclass defines is a field, in every style", () => {
    class TenantRecord extends LogRecord {
      get tenant(): string {
        return "acme";
      }
    }
    const saved = getLogRecordFactory();
    setLogRecordFactory((...a: ConstructorParameters<typeof LogRecord>) => new TenantRecord(...a));
    try {
      const record = makeLogRecord({ msg: "m" });
      assert.equal(new Formatter("%(tenant)s|%(msg)s").format(record), "acme|m");
      assert.equal(new Formatter("{tenant}|{msg}", null, "{").format(record), "acme|m");
      assert.equal(new Formatter("${tenant}|${msg}", null, "$").format(record), "acme|m");
    } finally {
      setLogRecordFactory(saved);
    }
  });
});
