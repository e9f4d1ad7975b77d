import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import process from "node:process";
import {
  computeRollover,
  dateClock,
  filesToDelete,
  nextRolloverAt,
  parseWhen,
  type RolloverSpec,
  rolloverSuffix,
  rolloverTimeTuple,
  shouldRollover,
} from "../handlers/stream/timed_rollover.ts";
import { ValueError } from "../py/errors.ts";

type Case = [
  when: string,
  interval: number,
  utc: boolean,
  atTime: [number, number, number] | null,
  start: number,
  computeRollover: number,
  rollovers: [currentTime: number, suffix: string, next: number][],
];
interface Fixtures {
  zones: { zone: string; tzname: string[]; cases: Case[] }[];
  filesToDelete: {
    listings: Record<string, string[]>;
    cases: { when: string; base: string; namer: boolean; backupCount: number; result: string[] }[];
  };
  valueErrors: { when: string; ok?: boolean; error?: string; message?: string }[];
}
const fixtures: Fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/rollover.json", import.meta.url), "utf8"),
);

/** Runs `f` with the process's local time zone set to `zone` (Deno and Bun apply TZ at once). */
function inZone(zone: string, f: () => void): void {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    f();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

const specOf = (c: Case): RolloverSpec => ({
  when: c[0],
  interval: c[1],
  utc: c[2],
  atTime: c[3] === null ? null : { hour: c[3][0], minute: c[3][1], second: c[3][2] },
});

describe("timed rollover: parseWhen", () => {
  it("raises Python's ValueErrors", () => {
    for (const v of fixtures.valueErrors) {
      if (v.ok) {
        assert.doesNotThrow(() => parseWhen(v.when), v.when);
        continue;
      }
      assert.throws(() => parseWhen(v.when), (e: unknown) => {
        assert.ok(e instanceof ValueError, v.when);
        assert.equal(e.message, v.message);
        return true;
      });
    }
  });
  it("derives interval seconds, suffix and dayOfWeek", () => {
    assert.deepEqual(
      [parseWhen("s").interval, parseWhen("M", 5).interval, parseWhen("h", 2).interval],
      [1, 300, 7200],
    );
    assert.equal(parseWhen("midnight").suffix, "%Y-%m-%d");
    assert.equal(parseWhen("S").suffix, "%Y-%m-%d_%H-%M-%S");
    assert.equal(parseWhen("w4").dayOfWeek, 4);
    assert.equal(parseWhen("D").dayOfWeek, undefined);
    assert.equal(parseWhen("w2", 2).interval, 2 * 7 * 86400);
  });
  it("extMatch is 3.13's date suffix not touching another digit (ASCII digits)", () => {
    // Expected values from CPython 3.13: bool(h.extMatch.search(s)) for a "D" and an "S" handler.
    const d = parseWhen("D").extMatch;
    assert.ok(d.test("2024-01-01"));
    assert.ok(d.test("2024-01-01.gz"));
    assert.ok(d.test("x2024-01-01"));
    assert.ok(d.test("app.2024-01-01.log"));
    assert.ok(!d.test("12024-01-01"));
    assert.ok(!d.test("2024-01-011"));
    assert.ok(!d.test("\uff12\uff10\uff12\uff14-01-01"));
    assert.ok(parseWhen("S").extMatch.test("2024-01-01_10-20-30"));
    assert.ok(!parseWhen("S").extMatch.test("2024-01-01_10-20"));
  });
});

describe("timed rollover: computeRollover, doRollover suffix and next rollover", () => {
  for (const z of fixtures.zones) {
    const groups = new Map<string, Case[]>();
    for (const c of z.cases) {
      const key = c[0].toUpperCase().startsWith("W") ? "weekly" : c[0].toUpperCase();
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    for (const [key, cases] of groups) {
      it(`TZ=${z.zone} ${key}: ${cases.length} cases`, () => {
        inZone(z.zone, () => {
          for (const c of cases) {
            const spec = specOf(c);
            const label = JSON.stringify(c.slice(0, 5));
            const first = computeRollover(c[4], spec);
            assert.equal(first, c[5], `computeRollover ${label}`);
            const interval = parseWhen(spec.when, spec.interval).interval;
            for (const [now, suffix, next] of c[6]) {
              assert.ok(shouldRollover(first, now + 0.25));
              assert.equal(
                rolloverSuffix(first, interval, spec, { currentTime: now }),
                suffix,
                `suffix ${label} at ${now}`,
              );
              assert.equal(nextRolloverAt(now, spec), next, `next ${label} at ${now}`);
            }
          }
        });
      });
    }
  }
  it("the fixtures cover every when, both intervals, utc and atTime", () => {
    const seen = new Set(fixtures.zones[0].cases.map((c) => c[0].toUpperCase()));
    for (const w of ["S", "M", "H", "D", "MIDNIGHT", "W0", "W1", "W2", "W3", "W4", "W5", "W6"]) {
      assert.ok(seen.has(w), w);
    }
    assert.deepEqual(fixtures.zones.map((z) => z.zone), [
      "UTC",
      "Europe/Berlin",
      "America/New_York",
    ]);
  });
});

describe("timed rollover: clocks", () => {
  it("dateClock follows TZ changes at run time", () => {
    inZone("Europe/Berlin", () => {
      const summer = dateClock.localtime(1719835200); // 2024-07-01 12:00 UTC
      assert.deepEqual([summer.tm_hour, summer.tm_isdst, summer.tm_wday], [14, 1, 0]);
      assert.equal(dateClock.localtime(1704110400).tm_isdst, 0); // 2024-01-01 12:00 UTC
    });
    inZone("America/New_York", () => {
      assert.equal(dateClock.localtime(1719835200).tm_hour, 8);
    });
    inZone("UTC", () => {
      assert.equal(dateClock.localtime(1719835200).tm_isdst, 0);
    });
  });
  it("accepts another clock (py/time.ts shape)", () => {
    const calls: number[] = [];
    const clock = {
      localtime: (s: number) => (calls.push(s), dateClock.gmtime(s)),
      gmtime: dateClock.gmtime,
    };
    const spec: RolloverSpec = { when: "MIDNIGHT", interval: 1, utc: false, atTime: null };
    assert.equal(computeRollover(1700000000, spec, clock), 1700006400);
    assert.deepEqual(calls, [1700000000, 1700006400]); // 3.13 also reads the DST flag at the result
    const t = rolloverTimeTuple(1700006400, 86400, spec, 1700006400, clock);
    assert.deepEqual([t.tm_year, t.tm_mon, t.tm_mday], [2023, 11, 14]);
  });
  it("custom suffix patterns", () => {
    const spec: RolloverSpec = { when: "H", interval: 1, utc: true, atTime: null };
    const opts = { currentTime: 1700002801, suffix: "%Y%m%d-%H.%y.%j%%" };
    assert.equal(rolloverSuffix(1700002800, 3600, spec, opts), "20231114-22.23.318%");
    assert.throws(
      () => rolloverSuffix(1700002800, 3600, spec, { ...opts, suffix: "%b" }),
      ValueError,
    );
    assert.equal(
      rolloverSuffix(1700002800, 3600, spec, { ...opts, suffix: "%b", strftime: () => "Nov" }),
      "Nov",
    );
  });
});

describe("timed rollover: filesToDelete (getFilesToDelete)", () => {
  const { listings, cases } = fixtures.filesToDelete;
  it(`matches Python for ${cases.length} cases`, () => {
    for (const c of cases) {
      const got = filesToDelete(
        c.base,
        listings[c.base],
        c.backupCount,
        parseWhen(c.when).extMatch,
        c.namer ? (n: string) => n : null,
      );
      assert.deepEqual(got, c.result, JSON.stringify([c.when, c.base, c.namer, c.backupCount]));
    }
  });
  it("sorts by code point, as Python's str ordering", () => {
    // CPython 3.13 returns ["/x/a.\uff01.2024-01-02"] for this namer and listing (UTF-16 order
    // would put the astral character first).
    const renamed: Record<string, string> = {
      "/x/a.log.2024-01-01": "/x/a.\u{1f600}.2024-01-01",
      "/x/a.log.2024-01-02": "/x/a.\uff01.2024-01-02",
    };
    const names = ["a.\u{1f600}.2024-01-01", "a.\uff01.2024-01-02", "a.log"];
    const d = parseWhen("D").extMatch;
    assert.deepEqual(filesToDelete("/x/a.log", names, 1, d, (n) => renamed[n] ?? n), [
      "/x/a.\uff01.2024-01-02",
    ]);
  });
});
