// Issue 2, item 12: importing mod.ts performs no I/O, starts no timer, reads no environment variable,
// needs no permission, and registers no exit hook; nothing imports node:* statically.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";

function libraryFiles(): string[] {
  const out: string[] = [];
  for (
    const dir of [
      "",
      "handlers/",
      "handlers/stream/",
      "handlers/net/",
      "handlers/queue/",
      "formatters/",
      "config/",
      "py/",
      "context/",
      "testing/",
      "otel/",
    ]
  ) {
    for (const name of readdirSync(root + dir)) {
      if (name.endsWith(".ts")) out.push(dir + name);
    }
  }
  return out;
}

describe("edge safety", () => {
  it("no library module imports node:* (or anything non-relative) statically", () => {
    const files = libraryFiles();
    assert.ok(files.includes("mod.ts") && files.length > 10);
    for (const file of files) {
      // JSDoc examples import "@pylog/logging": scan the code, not the comments.
      const text = readFileSync(root + file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      const imports = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']/gm)]
        .map((m) => m[1]);
      for (const spec of imports) {
        assert.ok(spec.startsWith("./") || spec.startsWith("../"), `${file} imports ${spec}`);
      }
      assert.doesNotMatch(text, /^\s*import\s+["']node:/m, `${file} has a bare node: import`);
    }
  });

  it("imports with no permissions and registers no exit hook", () => {
    const script = root + "tests/edge/import_only.ts";
    const args = isDeno ? ["run", "--no-prompt", "--no-config", script] : [script];
    const out = execFileSync(process.execPath, args, { encoding: "utf8", env: {} });
    const result = JSON.parse(out.trim().split("\n").pop() as string);
    assert.ok(result.exports > 50, `only ${result.exports} exports`);
    assert.equal(result.exitListenersAdded, 0);
    assert.equal(result.exitRegistered, false);
    assert.equal(result.rootLevel, 30);
  });
});
