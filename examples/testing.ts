// Checking what code logs, as Python tests do with unittest's assertLogs and pytest's caplog.
//   node --test examples/testing.ts  |  deno test examples/testing.ts  |  bun test ./examples/testing.ts
import { test } from "node:test";
import assert from "node:assert/strict";
import { getLogger } from "../mod.ts";
import { assertLogs, assertNoLogs, captureLogs } from "../testing/mod.ts";

/** The code under test. */
function charge(user: string, cents: number): boolean {
  const log = getLogger("billing");
  if (cents <= 0) {
    log.warning("refused a charge of %d for %s", cents, user);
    return false;
  }
  log.info("charged %s %d", user, cents);
  return true;
}

test("assertLogs: a refused charge is logged", async () => {
  // with self.assertLogs("billing", "WARNING") as cm: charge("ann", 0)
  const cm = await assertLogs("billing", "WARNING", () => charge("ann", 0));
  assert.deepEqual(cm.output, ["WARNING:billing:refused a charge of 0 for ann"]);
});

test("assertNoLogs: a good charge logs no warning", async () => {
  // with self.assertNoLogs("billing", "WARNING"): charge("ann", 100)
  await assertNoLogs("billing", "WARNING", () => charge("ann", 100));
});

test("caplog: record_tuples and messages", () => {
  // def test_charge(caplog): caplog.set_level("INFO", logger="billing"); ...
  using caplog = captureLogs();
  caplog.set_level("INFO", "billing");
  charge("bob", 250);
  charge("cy", -1);
  assert.deepEqual(caplog.record_tuples, [
    ["billing", 20, "charged bob 250"],
    ["billing", 30, "refused a charge of -1 for cy"],
  ]);
  assert.deepEqual(caplog.messages, ["charged bob 250", "refused a charge of -1 for cy"]);
});
