// The protocol-1 pickle writer, byte for byte against CPython 3.11's pickle.dumps(d, 1)
// (fixtures from scripts/gen_socket_fixtures.py).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pickleDumps } from "../py/pickle.ts";
import { hex, untag } from "./peers/_support.ts";

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/socket_pickle.json", import.meta.url), "utf8"),
);

describe("pickleDumps (protocol 1)", () => {
  for (const c of fixtures.values as { name: string; value: unknown; hex: string }[]) {
    it(`matches pickle.dumps(d, 1): ${c.name}`, () => {
      assert.equal(hex(pickleDumps(untag(c.value))), c.hex);
    });
  }

  it("plain objects are dicts, integer-valued numbers ints, others floats", () => {
    assert.equal(hex(pickleDumps({ a: 1 })), "7d71005801000000617101" + "4b01" + "732e");
    assert.equal(hex(pickleDumps(1.5)).slice(0, 2), "47");
    assert.equal(hex(pickleDumps(-0)).slice(0, 2), "47"); // -0.0 stays a float
    assert.equal(hex(pickleDumps(undefined)), "4e2e"); // None
  });

  it("refuses what Python could not rebuild", () => {
    assert.throws(() => pickleDumps({ d: new Date(0) }), {
      name: "TypeError",
      message: "cannot pickle 'Date' object",
    });
    assert.throws(() => pickleDumps(() => 1), { message: "cannot pickle 'function' object" });
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    assert.throws(() => pickleDumps(cyclic), TypeError);
  });
});
