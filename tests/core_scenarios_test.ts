// Differential scenarios for the core of logging (issue 2): tests/fixtures/core_scenarios.json holds
// each scenario's operations and what CPython produced for them (scripts/gen_core_fixtures.py, run by
// CPython 3.13; scenario list in scripts/core_scenarios.py). This file runs the same operations against
// @pylog/logging and compares results, stream contents and stderr byte for byte.
//
// stderr (handleError, lastResort, basicConfig's default stream) is captured in-process by
// replacing `writeSync` on the `node:fs` module the library writes through, so every scenario's
// stderr is compared (Python's side redirects sys.stderr to a StringIO).
//
// Scenarios marked "tb" are compared after dropping lines that start with two spaces (traceback
// frame lines, Python's source lines and carets): file names and line numbers cannot match.
// Divergences chosen on purpose are excluded by name below with their reason; each is written
// down in docs/DIVERGENCES.md, "Core differential scenarios".
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  type Fixture,
  type Outcome,
  restoreAfterAll,
  runScenario,
  saveBeforeAll,
} from "./core_scenarios_interp.ts";

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/core_scenarios.json", import.meta.url), "utf8"),
) as { python: string; scenarios: Fixture[] };

/** Scenarios whose Python output we deliberately do not reproduce (see docs/DIVERGENCES.md). */
export const EXCLUDED: Record<string, string> = {
  "levels.checkLevel.[1]":
    "arrays render as the runtime's console shows them ([ 1 ]), not Python's list repr",
  "levels.checkLevel.{'a': 1}":
    "plain objects render as the runtime's console shows them ({ a: 1 }), not Python's dict repr",
  "message.getMessage.huge":
    "an integer-valued number is Python's int: str(1e300) prints every digit, not 1e+300",
  "kwargs.stacklevel.zero_and_negative":
    "CPython reports logging's own findCaller frame for stacklevel < 1 (an artifact of its frame " +
    "walk); here stacklevel < 1 means 1, the caller",
  "divergence.msecs_str":
    "record.msecs is a float in Python (500.0); a JavaScript number with no fraction prints as an int",
  "divergence.none_arg":
    "null and booleans print as JavaScript shows them (null, true), not None/True",
  "handler.custom_emit_raises":
    "an emit that throws is reported through handleError and never leaves the log call (issue 20; " +
    "tests/reliability_test.ts); CPython lets it escape",
};

function normalizeTb(s: string): string {
  return s.split("\n").filter((line) => !line.startsWith("  ")).join("\n");
}

function normalize(o: Outcome, tb: boolean): Outcome {
  if (!tb) return o;
  const norm = (v: unknown): unknown => {
    if (typeof v === "string") return normalizeTb(v);
    if (Array.isArray(v)) return v.map(norm);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
    }
    return v;
  };
  return norm(o) as Outcome;
}

describe(`core differential scenarios (CPython ${fixture.python})`, () => {
  before(saveBeforeAll);
  after(restoreAfterAll);
  for (const sc of fixture.scenarios) {
    if (sc.name in EXCLUDED) continue;
    it(`${sc.item}: ${sc.name}`, async () => {
      const actual = await runScenario(sc);
      const tb = sc.tb === true;
      const exp = normalize(sc.expect, tb);
      const act = normalize(actual, tb);
      assert.deepStrictEqual(act.results, exp.results, "op results");
      assert.deepStrictEqual(act.streams, exp.streams, "stream contents");
      assert.equal(act.stderr, exp.stderr, "stderr");
    });
  }
  it("every excluded scenario exists and the suite is large enough", () => {
    const names = new Set(fixture.scenarios.map((s) => s.name));
    for (const name of Object.keys(EXCLUDED)) assert.ok(names.has(name), name);
    assert.ok(fixture.scenarios.length - Object.keys(EXCLUDED).length >= 200);
  });
});
