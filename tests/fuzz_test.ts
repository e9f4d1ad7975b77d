// Differential fuzzing against CPython 3.13 (issue 20): seeded random `%`, `{` and `$` format
// strings with arguments, `datefmt` strings and dictConfig dictionaries, each case's output or
// error computed by CPython (tests/fixtures/fuzz.json, seed 20, from scripts/gen_fuzz_fixtures.py).
// Every case must come out as CPython's, and none may crash. Long runs: scripts/fuzz.mjs.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { type FuzzCase, runFamily } from "./_fuzz_support.ts";
import { saveLoggingState } from "./_cpython_support.ts";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/fuzz.json", import.meta.url), "utf8"));
const saved = saveLoggingState();
after(() => saved.restore());

describe(`differential fuzzing against CPython ${fixture.python}, seed ${fixture.seed}`, () => {
  for (const [family, cases] of Object.entries(fixture.families as Record<string, FuzzCase[]>)) {
    it(`${family}: ${cases.length} cases as CPython, no crash`, { timeout: 60_000 }, () => {
      assert.ok(cases.length >= 500);
      const { divergences, crashes } = runFamily(family, cases);
      assert.equal(crashes, 0);
      assert.deepEqual(divergences.slice(0, 5), []);
    });
  }
});
