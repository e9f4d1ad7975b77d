// Python's time.localtime / time.gmtime / time.strftime against CPython 3.11 output
// (tests/fixtures/time.json, written by scripts/gen_time_fixtures.py).
//
// The local-time cases switch the runtime's zone with `process.env.TZ` (Deno and Bun both apply
// it at once) and call tzset(), as a Python program would.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import process from "node:process";
import { gmtime, localtime, type StructTime, tzset } from "../py/time.ts";
import { strftime } from "../py/strftime.ts";
import { OSError, ValueError } from "../py/errors.ts";

type Fields = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  string,
  number,
];

interface Case {
  secs: number;
  local: Fields;
  local_main: string;
  gm?: Fields;
  gm_main?: string;
  gm_s?: string;
}

interface Fixture {
  main: string;
  flags: string[];
  zones: Record<string, { cases: Case[]; flags: Array<{ secs: number; local: string[] }> }>;
  wide: { formats: string[]; results: number[] };
  structs: {
    format: string;
    zone: string;
    gmtoff: number;
    cases: Array<{ tuple: number[]; result?: string; error?: [string, string] }>;
  };
  errors: Array<{ fn: "localtime" | "gmtime"; secs: string; error: [string, string] | null }>;
  nul_error: string;
}

const fx: Fixture = JSON.parse(
  readFileSync(new URL("./fixtures/time.json", import.meta.url), "utf8"),
);

function fields(t: StructTime): Fields {
  return [
    t.tm_year,
    t.tm_mon,
    t.tm_mday,
    t.tm_hour,
    t.tm_min,
    t.tm_sec,
    t.tm_wday,
    t.tm_yday,
    t.tm_isdst,
    t.tm_zone,
    t.tm_gmtoff,
  ];
}

function withTZ(tz: string, fn: () => void): void {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  tzset();
  try {
    fn();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
    tzset();
  }
}

/** Splits a MAIN result the way the fixture joined it; `%n` contributes a newline, not a '|'. */
function check(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  const a = actual.split("|");
  const e = expected.split("|");
  const d = fx.main.split("|");
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    assert.equal(a[i], e[i], `${what}: directive ${d[i]}`);
  }
  assert.equal(actual, expected, what);
}

describe("localtime / gmtime / strftime match CPython", () => {
  for (const [tz, zone] of Object.entries(fx.zones)) {
    it(`TZ=${tz}: localtime fields and every directive`, () => {
      withTZ(tz, () => {
        for (const c of zone.cases) {
          const lt = localtime(c.secs);
          assert.deepEqual(fields(lt), c.local, `localtime(${c.secs})`);
          check(strftime(fx.main, lt), c.local_main, `TZ=${tz} localtime(${c.secs})`);
          const gt = gmtime(c.secs);
          if (c.gm) assert.deepEqual(fields(gt), c.gm, `gmtime(${c.secs})`);
          if (c.gm_main !== undefined) {
            check(strftime(fx.main, gt), c.gm_main, `gmtime(${c.secs})`);
          }
          if (c.gm_s !== undefined) {
            assert.equal(strftime("%s", gt), c.gm_s, `TZ=${tz} %s of gmtime(${c.secs})`);
          }
        }
      });
    });
    it(`TZ=${tz}: flags, widths, modifiers and unknown directives`, () => {
      withTZ(tz, () => {
        for (const c of zone.flags) {
          const lt = localtime(c.secs);
          fx.flags.forEach((f, i) => {
            assert.equal(strftime(f, lt), c.local[i], `TZ=${tz} ${JSON.stringify(f)} at ${c.secs}`);
          });
        }
      });
    });
  }

  it("huge widths: CPython's buffer limit gives an empty string", () => {
    const t = gmtime(1700000000);
    fx.wide.formats.forEach((f, i) => {
      assert.equal(strftime(f, t).length, fx.wide.results[i], f);
    });
  });

  it("hand-made structs: normalisation and range errors", () => {
    withTZ("UTC", () => {
      for (const c of fx.structs.cases) {
        const [y, mo, d, h, mi, s, wd, yd, dst] = c.tuple;
        const st: StructTime = {
          tm_year: y,
          tm_mon: mo,
          tm_mday: d,
          tm_hour: h,
          tm_min: mi,
          tm_sec: s,
          tm_wday: wd,
          tm_yday: yd,
          tm_isdst: dst,
          tm_zone: fx.structs.zone,
          tm_gmtoff: fx.structs.gmtoff,
        };
        if (c.error) {
          assert.throws(() => strftime(fx.structs.format, st), (e: unknown) => {
            assert.ok(e instanceof ValueError, `${c.tuple}`);
            assert.equal((e as Error).message, c.error![1]);
            return true;
          });
        } else {
          assert.equal(strftime(fx.structs.format, st), c.result, `${c.tuple}`);
        }
      }
    });
  });

  it("errors for NaN, infinities and out-of-range timestamps", () => {
    for (const c of fx.errors) {
      const v = c.secs === "nan" ? NaN : Number(c.secs.replace("inf", "Infinity"));
      const fn = c.fn === "localtime" ? localtime : gmtime;
      assert.ok(c.error, "CPython raised");
      const [name, message] = c.error!;
      assert.throws(() => fn(v), (e: unknown) => {
        const expected = name === "ValueError"
          ? ValueError
          : name === "OSError"
          ? OSError
          : RangeError; // OverflowError
        assert.ok(e instanceof expected, `${c.fn}(${c.secs}) -> ${name}`);
        assert.equal((e as Error).message, message);
        return true;
      });
    }
    assert.throws(() => strftime("a\0b", gmtime(0)), new ValueError(fx.nul_error));
  });

  it("no argument means now", () => {
    const before = Math.floor(Date.now() / 1000);
    const t = gmtime();
    const after = Math.floor(Date.now() / 1000);
    const secs = Date.UTC(t.tm_year, t.tm_mon - 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec) / 1000;
    assert.ok(secs >= before && secs <= after);
    assert.equal(typeof localtime().tm_zone, "string");
  });

  it("a compiled format is reused and still correct for other times", () => {
    const f = "%Y-%m-%d %H:%M:%S";
    assert.equal(strftime(f, gmtime(0)), "1970-01-01 00:00:00");
    assert.equal(strftime(f, gmtime(1700000000)), "2023-11-14 22:13:20");
    for (let i = 0; i < 300; i++) strftime(`%Y ${i}`, gmtime(0)); // overflow the cache
    assert.equal(strftime(f, gmtime(86399)), "1970-01-01 23:59:59");
  });
});
