// Log injection (issue 21): CPython's raw bytes by default; with `sanitize` one call makes one line
// (message, extra values, tracebacks), ANSI from user data neutralised in coloured output, and
// JsonFormatter safe by construction. Expected texts come from CPython 3.13, python-json-logger
// 4.2 and colorlog 6.12 (scripts/gen_injection_fixtures.py → tests/fixtures/injection.json).
import { readFileSync } from "node:fs";
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { basicConfig, ColoredFormatter, Formatter, JsonFormatter, makeLogRecord } from "../mod.ts";
import { dictConfig, fileConfig } from "../config/mod.ts";
import { escapeControls } from "../formatters/mod.ts";
import { StringIO } from "./_cpython_support.ts";

interface Case {
  name: string;
  text: string;
  raw: string;
  safe: string;
  json: string;
  json_no_ascii: string;
  colored_raw: string;
  colored_message_safe: string;
}
const FIX = JSON.parse(
  readFileSync(new URL("./fixtures/injection.json", import.meta.url), "utf8"),
) as { unsafe: { cp: number; unsafe: boolean; escaped: string }[]; cases: Case[] };

const FMT = "%(levelname)s:%(name)s:%(message)s user=%(user)s";
const record = (text: string) =>
  makeLogRecord({
    name: "app",
    levelname: "INFO",
    levelno: 20,
    msg: "login %s",
    args: [text],
    user: text,
  });
/** A line break as any reader may split on it. */
// deno-lint-ignore no-control-regex
const BREAKS = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

function reset(): void {
  const root = logging.getLogger();
  for (const h of [...root.handlers]) {
    root.removeHandler(h);
    h.close();
  }
  root.setLevel(logging.WARNING);
}
afterEach(reset);

describe("default: CPython's raw text", () => {
  for (const c of FIX.cases) {
    it(`${c.name}: Formatter writes CPython's bytes`, () => {
      assert.equal(new Formatter(FMT).format(record(c.text)), c.raw);
    });
  }
});

describe("sanitize: one call, one line", () => {
  it("every unsafe code point is escaped as Python's repr writes it; others are kept", () => {
    for (const u of FIX.unsafe) {
      const ch = String.fromCodePoint(u.cp);
      assert.equal(escapeControls(ch), u.escaped, `U+${u.cp.toString(16)}`);
      assert.equal(escapeControls(ch) !== ch, u.unsafe, `U+${u.cp.toString(16)}`);
    }
  });
  for (const c of FIX.cases) {
    it(`${c.name}: message and extra escaped, nothing that breaks a line remains`, () => {
      const out = new Formatter({ fmt: FMT, sanitize: true }).format(record(c.text));
      assert.equal(out, c.safe);
      assert.equal(BREAKS.test(out), false);
    });
  }
  it("text without unsafe characters is returned unchanged (the same string)", () => {
    const s = "plain \t text é ✓";
    assert.equal(escapeControls(s), s);
  });
  it("a traceback and stack info follow on the same line", () => {
    const err = new Error("bad\ninput");
    const r = makeLogRecord({ msg: "failed", exc_info: [Error, err, null], stack_info: "S\nT" });
    const out = new Formatter({ fmt: "%(message)s", sanitize: true }).format(r);
    assert.equal(out.includes("\n"), false);
    assert.ok(out.startsWith("failed\\nTraceback (most recent call last):"), out);
    assert.ok(out.endsWith("Error: bad\\ninput\\nS\\nT"), out);
    // Without sanitize: CPython's layout (the traceback on its own lines).
    const raw = new Formatter("%(message)s").format(
      makeLogRecord({ msg: "failed", exc_info: [Error, err, null] }),
    );
    assert.ok(raw.startsWith("failed\nTraceback (most recent call last):\n"), raw);
  });
  it("the sanitize property switches it on an existing formatter", () => {
    const f = new Formatter(FMT);
    f.sanitize = true;
    assert.equal(
      f.format(record("a\nb")),
      FIX.cases[0].safe.replace(/user alice\\nINFO forged line/g, "a\\nb"),
    );
  });
  it("positional form: Formatter(fmt, datefmt, style, validate, { sanitize })", () => {
    const f = new Formatter(FMT, null, "%", true, { sanitize: true });
    assert.equal(f.format(record(FIX.cases[0].text)), FIX.cases[0].safe);
  });
});

describe("sanitize through basicConfig, dictConfig and fileConfig", () => {
  const forged = FIX.cases[0];
  it("basicConfig({ sanitize: true })", () => {
    const stream = new StringIO();
    basicConfig({ stream, format: "%(message)s", sanitize: true, level: "INFO" });
    logging.getLogger("inj.basic").info("login %s", forged.text);
    assert.equal(stream.getvalue(), "login user alice\\nINFO forged line\n");
  });
  it("basicConfig without it keeps CPython's raw text", () => {
    const stream = new StringIO();
    basicConfig({ stream, format: "%(message)s", level: "INFO" });
    logging.getLogger("inj.basic").info("login %s", forged.text);
    assert.equal(stream.getvalue(), "login user alice\nINFO forged line\n");
  });
  it("dictConfig: a formatter's sanitize key (class form and () form)", () => {
    const stream = new StringIO();
    const colored = new StringIO();
    dictConfig({
      version: 1,
      disable_existing_loggers: false,
      formatters: {
        plain: { format: "%(message)s", sanitize: true },
        color: {
          "()": "colorlog.ColoredFormatter",
          format: "%(log_color)s%(message)s",
          force_color: true,
          sanitize: true,
        },
      },
      handlers: {
        a: { class: "logging.StreamHandler", stream, formatter: "plain" },
        b: { class: "logging.StreamHandler", stream: colored, formatter: "color" },
      },
      root: { level: "INFO", handlers: ["a", "b"] },
    });
    logging.getLogger("inj.dict").info("login %s", forged.text);
    assert.equal(stream.getvalue(), "login user alice\\nINFO forged line\n");
    assert.equal(colored.getvalue(), "\x1b[32mlogin user alice\\nINFO forged line\x1b[0m\n");
  });
  it("fileConfig: sanitize=True in a [formatter_x] section; a non-boolean is refused", () => {
    const stream = new StringIO();
    const ini = (v: string) =>
      `[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=f\n` +
      `[logger_root]\nlevel=INFO\nhandlers=h\n` +
      `[handler_h]\nclass=StreamHandler\nargs=(sys.stderr,)\nformatter=f\n` +
      `[formatter_f]\nformat=%(message)s\nsanitize=${v}\n`;
    fileConfig(ini("True"), { disable_existing_loggers: false });
    const h = logging.getLogger().handlers[0];
    (h as logging.StreamHandler).setStream(stream as never);
    logging.getLogger("inj.file").info("login %s", forged.text);
    assert.equal(stream.getvalue(), "login user alice\\nINFO forged line\n");
    assert.throws(() => fileConfig(ini("maybe"), { disable_existing_loggers: false }), {
      name: "ValueError",
      message: "Not a boolean: maybe",
    });
  });
});

describe("ColoredFormatter: ANSI from user data neutralised, its own colours kept", () => {
  const FMT_C = "%(log_color)s%(levelname)s%(reset)s %(message)s";
  for (const c of FIX.cases) {
    it(`${c.name}: raw as colorlog; sanitized escapes only the record's text`, () => {
      assert.equal(
        new ColoredFormatter({ fmt: FMT_C, force_color: true }).format(record(c.text)),
        c.colored_raw,
      );
      const safe = new ColoredFormatter({ fmt: FMT_C, force_color: true, sanitize: true })
        .format(record(c.text));
      assert.equal(safe, `\x1b[32mINFO\x1b[0m ${c.colored_message_safe}\x1b[0m`);
      assert.equal(BREAKS.test(safe), false);
      // The only ESC bytes left are the formatter's own three colour codes.
      assert.equal(safe.split("\x1b").length - 1, 3);
    });
  }
});

describe("JsonFormatter: safe by construction", () => {
  for (const c of FIX.cases) {
    it(`${c.name}: python-json-logger's bytes, one line, no raw control or bidi character`, () => {
      const out = new JsonFormatter("%(levelname)s %(message)s").format(record(c.text));
      assert.equal(out, c.json);
      // deno-lint-ignore no-control-regex
      assert.equal(/[\x00-\x1f\x7f-\uffff]/.test(out), false);
      assert.deepEqual(JSON.parse(out).user, c.text);
    });
    it(`${c.name}: json_ensure_ascii=false keeps Python's bytes; still no CR or LF`, () => {
      const out = new JsonFormatter({ fmt: "%(levelname)s %(message)s", json_ensure_ascii: false })
        .format(record(c.text));
      assert.equal(out, c.json_no_ascii);
      // deno-lint-ignore no-control-regex
      assert.equal(/[\x00-\x1f]/.test(out), false);
    });
  }
});
