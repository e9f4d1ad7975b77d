// basicConfig's options object: a key set to undefined is absent (as in every other options object
// of this API), so `{ format: cfg.format }` with no cfg.format keeps Python's BASIC_FORMAT.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { basicConfig, root, type TextWriter } from "../mod.ts";

const saved = [...root.handlers];
const savedLevel = root.level;
afterEach(() => {
  for (const h of root.handlers) if (!saved.includes(h)) void h.close();
  root.handlers.splice(0, root.handlers.length, ...saved);
  root.setLevel(savedLevel);
});

function capture(): TextWriter & { text: string } {
  return {
    text: "",
    write(s: string) {
      this.text += s;
    },
  };
}

describe("basicConfig with undefined options", () => {
  const cfg: { format?: string; style?: "%"; datefmt?: string; level?: string } = {};
  it("undefined format, style, datefmt and level mean Python's defaults", () => {
    const out = capture();
    basicConfig({
      force: true,
      stream: out,
      format: cfg.format,
      style: cfg.style,
      datefmt: cfg.datefmt,
      level: cfg.level,
    });
    root.warning("hello");
    // python3: logging.basicConfig(); logging.warning("hello") -> "WARNING:root:hello"
    assert.equal(out.text, "WARNING:root:hello\n");
  });
  it("handlers with stream: undefined is not 'stream specified together with handlers'", () => {
    const out = capture();
    assert.doesNotThrow(() =>
      basicConfig({ force: true, handlers: [], stream: undefined, filename: undefined })
    );
    assert.equal(out.text, "");
  });
});
