// ColoredFormatter against colorlog 6.12 under CPython 3.13: every line of
// tests/fixtures/colored_formatter.json was written by the real package
// (scripts/gen_json_color_fixtures.py), colour on/off by each of colorlog's rules.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  ColoredFormatter,
  escapeCodes,
  parseColors,
  TTYColoredFormatter,
} from "../formatters/mod.ts";
import { makeLogRecord } from "../record.ts";

const FIX = JSON.parse(
  readFileSync(new URL("./fixtures/colored_formatter.json", import.meta.url), "utf8"),
);

// deno-lint-ignore no-explicit-any
const env = (globalThis as any).process.env as Record<string, string | undefined>;
const SAVED = { FORCE_COLOR: env.FORCE_COLOR, NO_COLOR: env.NO_COLOR };

function clearEnv(): void {
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
}

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
  clearEnv();
  if (SAVED.FORCE_COLOR !== undefined) env.FORCE_COLOR = SAVED.FORCE_COLOR;
  if (SAVED.NO_COLOR !== undefined) env.NO_COLOR = SAVED.NO_COLOR;
});

describe("ColoredFormatter: colorlog 6.12's lines, byte for byte", () => {
  assert.equal(FIX.colorlog, "6.12.0");
  for (const c of FIX.cases) {
    it(c.name, () => {
      clearEnv();
      for (const [k, v] of Object.entries(c.env)) env[k] = v as string;
      const opts = { ...c.options };
      if (c.stream !== null) opts.stream = { isatty: () => c.stream.isatty };
      const f = new ColoredFormatter(opts);
      const lines = c.records.map((r: Record<string, unknown>) =>
        f.format(makeLogRecord(decode(r) as Record<string, unknown>))
      );
      assert.deepEqual(lines, c.expected);
    });
  }
  it("positional arguments in colorlog's order", () => {
    clearEnv();
    const f = new ColoredFormatter("%(log_color)s%(message)s", null, "%", { INFO: "blue" }, false);
    assert.equal(
      f.format(makeLogRecord({ levelname: "INFO", msg: "m" })),
      escapeCodes().blue + "m",
    );
    assert.equal(TTYColoredFormatter, ColoredFormatter);
    assert.equal(parseColors("bold_red,bg_white"), "\x1b[1;31m\x1b[47m");
  });
});

describe("ColoredFormatter: errors as colorlog raises them", () => {
  for (const c of FIX.errors) {
    it(c.name, () => {
      clearEnv();
      const check = (e: Error): boolean => {
        assert.equal(e.name, c.expected.error);
        assert.equal(e.message, c.expected.message);
        return true;
      };
      if (c.at === "init") assert.throws(() => new ColoredFormatter(c.options), check);
      else {
        const f = new ColoredFormatter(c.options);
        assert.throws(() => f.format(makeLogRecord({ levelname: "INFO", msg: "x" })), check);
      }
    });
  }
});

describe("ColoredFormatter: coloured tracebacks (Python 3.13's colorize)", () => {
  for (const t of FIX.tracebacks) {
    it(`force_color=${t.force_color}`, () => {
      clearEnv();
      const f = new ColoredFormatter(
        "%(message)s",
        null,
        "%",
        null,
        true,
        null,
        true,
        null,
        !t.force_color,
        t.force_color,
      );
      let err: Error;
      try {
        throw new Error("boom");
      } catch (e) {
        err = e as Error;
      }
      err!.name = "ValueError";
      const lines = f.format(
        makeLogRecord({ levelname: "INFO", msg: "failed", exc_info: [Error, err!, null] }),
      ).split("\n");
      assert.equal(lines[0], t.first);
      assert.equal(lines[1], t.second);
      const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const frame = new RegExp(
        "^" +
          escape(t.frame).replace("\\{file\\}", '[^"]+').replace("\\{line\\}", "\\d+").replace(
            "\\{func\\}",
            ".+",
          ) + "$",
      );
      assert.match(lines[2], frame);
      assert.equal(lines[lines.length - 1], t.last);
    });
  }
});

describe("ColoredFormatter: colour decided by the runtime's terminal check", () => {
  it("a stream with fd 1/2 asks the runtime; a Node stream's isTTY is read", () => {
    clearEnv();
    const piped = new ColoredFormatter({ stream: { isTTY: false } });
    assert.equal(piped._colorize(), false);
    assert.equal(new ColoredFormatter({ stream: { isTTY: true } })._colorize(), true);
    // deno-lint-ignore no-explicit-any
    const g = globalThis as any;
    const tty = g.Deno ? g.Deno.stderr.isTerminal() : Boolean(g.process.stderr.isTTY);
    assert.equal(new ColoredFormatter({ stream: { fd: 2 } })._colorize(), tty);
  });
  it("a formatter with no stream colours even when output is piped (as dictConfig makes it)", () => {
    clearEnv();
    assert.equal(new ColoredFormatter()._colorize(), true);
  });
});

describe("ColoredFormatter: Deno without --allow-env", () => {
  it("reads no variable, never prompts, never throws; with the permission it reads NO_COLOR", async () => {
    const { spawnSync } = await import("node:child_process");
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { fileURLToPath } = await import("node:url");
    const deno = fileURLToPath(new URL("../node_modules/.bin/deno", import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), "colored-"));
    const script = join(dir, "probe.ts");
    writeFileSync(
      script,
      `import { ColoredFormatter } from ${
        JSON.stringify(new URL("../formatters/colored.ts", import.meta.url).href)
      };
import { makeLogRecord } from ${JSON.stringify(new URL("../record.ts", import.meta.url).href)};
console.log(JSON.stringify(new ColoredFormatter().format(makeLogRecord({ name: "a", levelname: "INFO", msg: "m" }))));
`,
    );
    try {
      const run = (perm: string[]) =>
        spawnSync(deno, ["run", "--no-prompt", "--no-lock", "--allow-read", ...perm, script], {
          env: { ...env, NO_COLOR: "1", FORCE_COLOR: undefined },
          encoding: "utf8",
        });
      const without = run([]);
      assert.equal(without.status, 0, without.stderr);
      assert.equal(JSON.parse(without.stdout), "\x1b[32mINFO:a:m\x1b[0m");
      const withEnv = run(["--allow-env"]);
      assert.equal(withEnv.status, 0, withEnv.stderr);
      assert.equal(JSON.parse(withEnv.stdout), "INFO:a:m");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("examples/console_colors.ts", () => {
  it("plain text when piped; colorlog's colours with FORCE_COLOR", async () => {
    const { spawnSync } = await import("node:child_process");
    const { fileURLToPath } = await import("node:url");
    const script = fileURLToPath(new URL("../examples/console_colors.ts", import.meta.url));
    // deno-lint-ignore no-explicit-any
    const isDeno = typeof (globalThis as any).Deno !== "undefined";
    const run = (extra: Record<string, string>) =>
      spawnSync(process.execPath, isDeno ? ["run", "-A", script] : [script], {
        encoding: "utf8",
        env: { ...env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...extra },
      });
    const piped = run({});
    assert.equal(piped.status, 0, piped.stderr);
    const lines = piped.stderr.split("\n");
    assert.deepEqual(lines.slice(0, 4), [
      "DEBUG    app.console cache warmed in 12 ms",
      "INFO     app.console listening on port 8080",
      "WARNING  app.console disk 91% full",
      "ERROR    app.console payment service unreachable",
    ]);
    assert.ok(!piped.stderr.includes("\x1b["), "no escape codes when piped");
    const forced = run({ FORCE_COLOR: "" });
    assert.equal(forced.status, 0, forced.stderr);
    const c = forced.stderr.split("\n");
    assert.equal(
      c[3],
      "\x1b[31mERROR   \x1b[0m \x1b[34mapp.console\x1b[0m \x1b[31mpayment service unreachable\x1b[0m",
    );
    assert.ok(
      forced.stderr.includes("\x1b[1;35mSyntaxError\x1b[0m: \x1b[35m"),
      "coloured traceback",
    );
  });
});
