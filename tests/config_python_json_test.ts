// Issue 6's "done when": one logging.json (examples/logging.json) used unchanged by a Python program
// (examples/dictconfig.py, run by scripts/gen_config_fixtures.py, its output stored in
// tests/fixtures/config_python_json.json) and by a TypeScript program (examples/dictconfig.ts, run
// here under the current runtime) produces the same lines on stdout and on stderr.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/config_python_json.json", import.meta.url), "utf8"),
) as { logging_json: string; stdout: string; stderr: string };

describe("one logging.json for Python and TypeScript", () => {
  it("examples/logging.json is the file the Python program read", () => {
    assert.equal(readFileSync(root + "examples/logging.json", "utf8"), fixture.logging_json);
  });

  it("examples/dictconfig.ts prints exactly what examples/dictconfig.py printed", () => {
    const script = root + "examples/dictconfig.ts";
    const args = isDeno ? ["run", "--allow-read", "--no-prompt", script] : [script];
    const p = spawnSync(process.execPath, args, { encoding: "utf8", cwd: root });
    assert.equal(p.status, 0, p.stderr);
    assert.ok(fixture.stdout.split("\n").length > 3);
    assert.equal(p.stdout, fixture.stdout);
    assert.equal(p.stderr, fixture.stderr);
  });
});
