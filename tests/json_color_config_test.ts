// One configuration for Python and TypeScript: fileConfig/dictConfig resolve python-json-logger's
// and colorlog's names to JsonFormatter and ColoredFormatter, and the formatters they make write
// what the real packages' formatters write (tests/fixtures/json_color_config.json, from
// scripts/gen_json_color_fixtures.py under CPython 3.13). An unresolvable name says how to register one.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { getLogger } from "../logger.ts";
import { makeLogRecord } from "../record.ts";
import { dictConfig, fileConfig } from "../config/mod.ts";
import { ColoredFormatter, type Formatter, JsonFormatter } from "../formatters/mod.ts";
import { formatException } from "../py/traceback.ts";

const FIX = JSON.parse(
  readFileSync(new URL("./fixtures/json_color_config.json", import.meta.url), "utf8"),
);
// deno-lint-ignore no-explicit-any
const env = (globalThis as any).process.env as Record<string, string | undefined>;
const SAVED = { FORCE_COLOR: env.FORCE_COLOR, NO_COLOR: env.NO_COLOR };

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "$float") return Number(o.$float);
    if (keys.length === 1 && keys[0] === "$tuple") return (o.$tuple as unknown[]).map(decode);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decode(o[k]);
    return out;
  }
  return v;
}

afterEach(() => {
  for (const h of [...getLogger().handlers]) getLogger().removeHandler(h);
  if (SAVED.FORCE_COLOR !== undefined) env.FORCE_COLOR = SAVED.FORCE_COLOR;
  if (SAVED.NO_COLOR !== undefined) env.NO_COLOR = SAVED.NO_COLOR;
});

const INI = (formatter: string): string =>
  `[loggers]\nkeys=root\n\n[handlers]\nkeys=h\n\n[formatters]\nkeys=f\n\n[logger_root]\nlevel=INFO\nhandlers=h\n\n[handler_h]\nclass=NullHandler\nformatter=f\nargs=()\n\n[formatter_f]\n${formatter}\n`;

describe("configurations naming python-json-logger and colorlog", () => {
  for (const c of FIX.cases) {
    it(c.name, () => {
      delete env.FORCE_COLOR;
      delete env.NO_COLOR;
      if (c.kind === "file") fileConfig(INI(c.config));
      else {
        dictConfig({
          version: 1,
          formatters: { f: c.config },
          handlers: { h: { class: "logging.NullHandler", formatter: "f" } },
          root: { handlers: ["h"], level: "INFO" },
        });
      }
      const f = getLogger().handlers[0].formatter as Formatter;
      const cls = c.class.endsWith("JsonFormatter") ? JsonFormatter : ColoredFormatter;
      assert.ok(f instanceof cls, `a ${cls.name}`);
      assert.equal(
        f.format(makeLogRecord(decode(c.record) as Record<string, unknown>)),
        c.expected,
      );
    });
  }
});

describe("an unresolvable name", () => {
  it("keeps Python's messages and notes how to register the name", () => {
    let err: Error | undefined;
    try {
      dictConfig({ version: 1, formatters: { f: { "()": "myapp.logfmt.Formatter" } } });
    } catch (e) {
      err = e as Error;
    }
    assert.ok(err);
    assert.equal(err.message, FIX.unresolved.message);
    const cause = err.cause as Error;
    assert.equal(cause.message, FIX.unresolved.cause);
    const cause2 = cause.cause as Error & { __notes__?: string[] };
    assert.equal(cause2.message, FIX.unresolved.cause2);
    const note =
      `'myapp.logfmt.Formatter' is not a name this library knows: register it with registerFactory("myapp.logfmt.Formatter", value) from "@pylog/logging/config"`;
    assert.deepEqual(cause2.__notes__, [note]);
    assert.ok(String(cause2.stack).endsWith(note), "the note shows in the printed stack");
    assert.ok(formatException(err).includes("\n" + note + "\n"), "and in a logged traceback");
  });
});
