// Issue 16: every import of the library runs down the layers of docs/ARCHITECTURE.md and none forms
// a cycle, as scripts/check_imports.mjs proves from the import statements (run here under the
// runtime that runs the tests, so all three agree).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../scripts/check_imports.mjs", import.meta.url));
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";

describe("import layers", () => {
  it("no import runs back up the layers and there is no cycle", () => {
    const args = isDeno ? ["run", "--allow-read", script] : [script];
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /every import runs down the layers, no cycle/);
    assert.equal(r.status, 0, r.stdout);
  });
});
