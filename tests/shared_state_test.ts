// Two copies of the module loaded in one program (e.g. one from JSR, one from npm) share one logger
// hierarchy, one level table and one handler list, through a Symbol.for key on globalThis.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as first from "../mod.ts";

/** Copies the library's source tree elsewhere, so that importing it gives a distinct module copy. */
function copyLibrary(): string {
  const src = fileURLToPath(new URL("..", import.meta.url));
  const dest = mkdtempSync(join(tmpdir(), "pylog-copy-"));
  for (const name of readdirSync(src)) {
    if (
      name.endsWith(".ts") ||
      ["handlers", "formatters", "config", "context", "testing", "otel", "py", "redaction"]
        .includes(name)
    ) {
      cpSync(join(src, name), join(dest, name), { recursive: true });
    }
  }
  return dest;
}

describe("shared state across module copies", () => {
  it("a second copy of mod.ts sees the same loggers, levels and root", async () => {
    const dir = copyLibrary();
    const second = await import(pathToFileURL(join(dir, "mod.ts")).href) as typeof first;
    rmSync(dir, { recursive: true, force: true });
    assert.notEqual(second.Logger, first.Logger, "the test needs two distinct module copies");
    assert.equal(second.getLogger("shared.a"), first.getLogger("shared.a"));
    assert.equal(second.root, first.root);
    first.addLevelName(27, "SHAREDLEVEL");
    assert.equal(second.getLevelName(27), "SHAREDLEVEL");
    assert.equal(second.getLevelName("SHAREDLEVEL"), 27);
    first.getLogger("shared").setLevel("ERROR");
    assert.equal(second.getLogger("shared.a").getEffectiveLevel(), 40);
    first.getLogger("shared").setLevel("NOTSET");
  });
});
